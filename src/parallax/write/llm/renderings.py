"""English renderings of a brief's non-English claims and quotes, beside the original words.

A rendering is a reading aid, never evidence: the original sentence keeps its
citations and stays what the brief cites; the rendering is a plain string
labelled as a machine rendering. One is kept only when it changes no number
and loses, misspells or adds no name (``rendering_checks``); otherwise the
reader sees the original alone. With ``tries=2`` (``local_rendering_tries``) a
refused one is asked once more with those words pinned (the English name of
each place, the others romanised, the numbers in English form).

Only what the page shows is rendered (the key claims and the statements not
folded away), one sentence a request (the 0.5B model given a numbered list
repeats its first line: BENCHMARKS #28, session 15), and every answer is
stored per sentence, so a brief written again asks only for sentences it has
not seen.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from parallax.models import Brief, Citation, CitedSentence
from parallax.write.llm.cache import ResponseCache, request_hash
from parallax.write.llm.client import Completion, Usage
from parallax.write.llm.local_model import RunSettings
from parallax.write.llm.rendering_checks import pins, rendering_problems, second_try_problems
from parallax.write.material import StoryMaterial

log = logging.getLogger("parallax.write.local")
LABEL = "machine rendering"
SECTIONS = ("key_claims", "perspectives")  # where a brief quotes or reports what sources say
RENDER_VERSION = "render-v2"  # the requests' wording: part of every stored rendering's key
SYSTEM = ("You translate one news sentence into English. Keep every number exactly as written and every "
          "name (people, places, organisations) in its usual English spelling. Answer with the English "
          "sentence only.")


@dataclass(frozen=True)
class Rendered:
    """One sentence's English: the words, why they may not be shown, and the model answers it took (0: stored)."""

    english: str
    problems: list[str]
    asked: int = 0


@dataclass
class Renderer:
    """Asks the model for English renderings, each sentence's answer kept.

    Answers are stored per sentence (``cache``, keyed by the sentence, its language, the model and
    ``RENDER_VERSION``), so a brief written again never asks for a sentence twice; at most ``limit``
    sentences are asked per brief (a second try counts as one more).
    """

    client: object
    run: RunSettings
    model: str = ""
    limit: int = 2
    tries: int = 1
    cache: ResponseCache | None = None
    asked: int = field(default=0, init=False)

    def render(self, pairs: Sequence[tuple[str, str]]) -> list[Rendered | None]:
        """Each (text, language) rendered and checked; None past the limit (nothing stored for it)."""
        self.asked = 0
        first = self._first_tries(pairs)
        return [None if english is None else self._checked(text, language, english, n)
                for (text, language), (english, n) in zip(pairs, first)]

    def _first_tries(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str | None, int]]:
        keys = [self._key(text, language) for text, language in pairs]
        found: list[tuple[str | None, int]] = [(self._stored(k), 0) for k in keys]
        missing = [i for i, (english, _) in enumerate(found) if english is None][: max(0, self.limit)]
        for i in missing:
            found[i] = (self._ask(translation_payload(*pairs[i], self.run, self.model)), 1)
            self._store(keys[i], found[i][0])
        self.asked += len(missing)
        return found

    def _checked(self, text: str, language: str, english: str, asked: int) -> Rendered:
        """The first answer, or where it is refused and ``tries`` is 2, the second with the lost words pinned."""
        problems = rendering_problems(text, english, language)
        pinned = pins(text, language) if problems and english and self.tries >= 2 else []
        if not pinned:
            return Rendered(english, problems, asked)
        key = self._key(text, language, pinned)
        second = self._stored(key)
        if second is None and self.asked < self.limit:
            self.asked, asked = self.asked + 1, asked + 1
            second = self._ask(translation_payload(text, language, self.run, self.model, pinned))
            self._store(key, second)
        if second is None:
            return Rendered(english, problems, asked)
        return Rendered(second, rendering_problems(text, second, language) + second_try_problems(english, second), asked)

    def _ask(self, payload: dict) -> str:
        from parallax.errors import FetchError

        try:
            text = self.client.complete(payload).text
        except FetchError as exc:
            log.warning("no English rendering: %s", exc.reason)
            return ""
        return tidy(text)

    def _key(self, text: str, language: str, pinned: Sequence[str] = ()) -> str:
        return request_hash("\n".join(("rendering", RENDER_VERSION, self.model, language, text, *pinned)))

    def _stored(self, key: str) -> str | None:
        found = self.cache.get(key) if self.cache else None
        return found.text if found else None

    def _store(self, key: str, english: str) -> None:
        if self.cache and english:  # an empty answer (a failed request) is asked again next time
            self.cache.put(key, Completion(english, Usage()))


def render_foreign(brief: Brief, material: StoryMaterial, renderer: Renderer) -> dict[str, object]:
    """The brief's sections with a ``renderings`` list: the checked English of the non-English claims and
    statements the brief shows. A sentence is asked once, however many sections cite it
    (``attach_renderings`` shows its rendering wherever it is)."""
    items = list(foreign_items(brief.sections, material))
    kept = []
    for (where, text, citations, language), done in zip(items, renderer.render([(i[1], i[3]) for i in items])):
        if done is None:
            continue
        if done.problems:
            log.warning("story %s: no English rendering of %s: %s", material.story.id, where, "; ".join(done.problems))
            continue
        kept.append(rendering(where, text, citations, done.english, language))
    return {**brief.sections, "renderings": kept} if kept else dict(brief.sections)


def foreign_items(sections: Mapping[str, object], material: StoryMaterial) -> Iterator[tuple[str, str, tuple, str]]:
    """(where, text, citations, language) of the claims and statements the brief shows whose cited articles are not
    in English, each sentence once (its first place), however many sections cite it."""
    language = {a.id: (a.language or "").split("-")[0].lower() for a in material.articles}
    seen = set()
    for where, text, citations in _cited(sections):
        langs = {language.get(c.article_id, "") for c in citations}
        if langs and "en" not in langs and "" not in langs and text not in seen:
            seen.add(text)
            yield where, text, citations, min(langs)


def _cited(sections: Mapping[str, object]) -> Iterator[tuple[str, str, tuple]]:
    """The claims and statements the page shows, with their paths: not a stakeholder folded past the section's
    caps, nor a statement under ``more``."""
    for key in SECTIONS:
        for i, item in enumerate(sections.get(key) or ()):
            if key != "perspectives":
                yield f"{key}[{i}]", _get(item, "text"), tuple(_get(item, "citations"))
            elif not _get(item, "folded"):
                for j, statement in enumerate(_get(item, "statements") or ()):
                    yield f"{key}[{i}].statements[{j}]", _get(statement, "text"), tuple(_get(statement, "citations"))


def _get(item: object, key: str):
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def translation_payload(text: str, language: str, run: RunSettings, model: str = "", pins: Sequence[str] = ()) -> dict:
    """A chat request for the English rendering of one sentence (plain text, deterministic).

    ``pins`` (a second try) are the English forms the first rendering lost: places
    under their English names, other names romanised, numbers, weekdays and months.
    """
    pinned = f"\nWrite these exactly as given: {'; '.join(pins)}." if pins else ""
    return {"model": model, "temperature": 0, "seed": run.seed, "max_tokens": answer_tokens(text),
            "messages": [{"role": "system", "content": SYSTEM},
                         {"role": "user", "content": f"Sentence ({language}): {text}{pinned}\nEnglish:"}]}


def answer_tokens(text: str) -> int:
    """Room for one sentence's English: three tokens a word, or a token per two bytes for unspaced scripts."""
    return min(200, 16 + max(3 * len(text.split()), len(text.encode("utf-8")) // 2))


def tidy(text: str) -> str:
    """The model's rendering on one line, unquoted, a thousands group it split ("2, 000") joined again."""
    return re.sub(r"\b(\d{1,3}), (\d{3})\b", r"\1,\2", " ".join(text.strip().strip('"“”').split()))


def rendering(where: str, text: str, citations: Sequence[Citation], english: str, language: str) -> dict:
    """One rendering: the original, cited as the evidence, and the English words beside it."""
    return {"where": where, "original": CitedSentence(text, tuple(citations)), "language": language,
            "english": english, "label": LABEL}


def attach_renderings(sections: Mapping[str, object]) -> dict[str, object]:
    """Plain sections (JSON shape) without ``renderings``; every claim or statement whose words a rendering's
    original holds gets it as ``english`` (a sentence cited in two sections shows its rendering in both).

    Renderers show ``item["english"]`` right after the original words. The caller's dicts stay untouched.
    """
    out = {k: v for k, v in sections.items() if k != "renderings"}
    english = {}
    for r in sections.get("renderings") or ():
        english.setdefault(str((r.get("original") or {}).get("text")), {
            "text": r["english"], "label": r.get("label", LABEL), "language": r.get("language", "")})
    if english:
        for key in SECTIONS:
            if isinstance(out.get(key), list):
                out[key] = [_marked(item, english, key == "perspectives") for item in out[key]]
    return out


def _marked(item: object, english: Mapping[str, dict], nested: bool) -> object:
    """A copy of a claim (or of a stakeholder's statements) with ``english`` set where a rendering fits."""
    if not isinstance(item, dict):
        return item
    if not nested:
        found = english.get(str(item.get("text")))
        return {**item, "english": found} if found else item
    parts = {p: [_marked(s, english, False) for s in item[p]] for p in ("statements", "more")
             if isinstance(item.get(p), list)}
    return {**item, **parts}
