"""Versioned prompts: the numbered source sentences the model cites, the messages, and reading its answer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from itertools import zip_longest

from parallax.errors import ConfigError
from parallax.write.material import StoryMaterial
from parallax.write.pool import SentenceRef

PROMPT_VERSION = "brief-v1"
MAX_LINES = 160  # keeps a large story's prompt within a small model's context
_PARTS = ("system", "user", "retry")
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


@dataclass(frozen=True)
class Prompt:
    """One prompt version: its message templates and the JSON Schema of the answer."""

    version: str
    parts: dict[str, str]
    schema: dict


def load_prompt(version: str = PROMPT_VERSION) -> Prompt:
    """The packaged prompt ``version``; ``ConfigError`` lists the versions that exist."""
    folder = resources.files("parallax.write.llm") / "prompts"
    names = sorted(p.name.removesuffix(".md") for p in folder.iterdir() if p.name.endswith(".md"))
    if version not in names:
        raise ConfigError(f"no prompt named {version!r}; available: {', '.join(names)}")
    text = (folder / f"{version}.md").read_text(encoding="utf-8")
    schema = json.loads((folder / f"{version}.schema.json").read_text(encoding="utf-8"))
    return Prompt(version, _split_parts(text), schema)


def _split_parts(text: str) -> dict[str, str]:
    """Sections of the prompt file under ``# system``, ``# user`` and ``# retry`` headings."""
    pieces = re.split(r"^# (" + "|".join(_PARTS) + r")\s*$", text, flags=re.MULTILINE)
    return {name: body.strip() for name, body in zip(pieces[1::2], pieces[2::2])}


@dataclass(frozen=True)
class SourceLine:
    """A numbered source sentence offered to the model."""

    number: int
    ref: SentenceRef

    def shown(self, material: StoryMaterial) -> str:
        when = self.ref.article.published.date().isoformat() if self.ref.article.published else "undated"
        outlet = material.outlet_of(self.ref.article).name or self.ref.article.id
        return f"[{self.number}] ({outlet}, {when}) {self.ref.text}"


def number_sentences(material: StoryMaterial, limit: int = MAX_LINES) -> tuple[SourceLine, ...]:
    """Sentences of the independent articles, leads first (round-robin over articles), numbered from 1."""
    per_article = [
        [SentenceRef(a, s.index, a.text[s.start : s.end], material.source_key(a), False) for s in a.sentences]
        for a in material.independent_articles()
    ]
    interleaved = [ref for row in zip_longest(*per_article) for ref in row if ref is not None]
    return tuple(SourceLine(n, ref) for n, ref in enumerate(interleaved[:limit], 1))


def _fill(template: str, **values: str) -> str:
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", value)
    return template


def build_messages(prompt: Prompt, material: StoryMaterial, lines: tuple[SourceLine, ...]) -> list[dict]:
    """System and user messages: the rules, the answer's schema and the numbered sentences."""
    system = _fill(prompt.parts["system"], schema=json.dumps(prompt.schema, indent=1))
    user = _fill(prompt.parts["user"], story=story_name(material), sources="\n".join(line.shown(material) for line in lines))
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def is_english(article) -> bool:
    """The brief is written in English: an article in English (or of no known language) reads alongside it."""
    return (article.language or "en").split("-")[0].lower() == "en"


def story_name(material: StoryMaterial) -> str:
    """What the prompt calls the story: its title, else the representative headline of its English articles (of all
    where none is English; the clustering's rule for a story's title), its id only where no article has a headline.
    A small model copied an id ("val-0037") into its sentences as a name (BENCHMARKS #28 session 17)."""
    from parallax.cluster.assign import representative_title

    english = [a.title for a in material.articles if a.title and is_english(a)]
    titles = english or [a.title for a in material.articles if a.title]
    return material.story.title or (representative_title(titles) if titles else material.story.id)


def retry_messages(prompt: Prompt, messages: list[dict], answer: str, reasons: list[str]) -> list[dict]:
    """The conversation so far plus the previous answer and why its sentences failed."""
    listed = "\n".join(f"- {reason}" for reason in reasons)
    return [*messages, {"role": "assistant", "content": answer},
            {"role": "user", "content": _fill(prompt.parts["retry"], reasons=listed)}]


def parse_answer(text: str) -> dict:
    """The model's JSON object (a surrounding code fence tolerated); ``ValueError`` says what is wrong."""
    try:
        answer = json.loads(_FENCE.sub("", text))
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer is not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(answer, dict):
        raise ValueError("the answer is not a JSON object")  # noqa: TRY004  one error for every unusable answer
    return answer
