"""English renderings of a brief's non-English claims and quotes, beside the original words.

A rendering is a reading aid, never evidence: the original sentence keeps its
citations and stays what the brief cites; the rendering is a plain string
labelled as a machine rendering. One is kept only when it changes no number
and loses, misspells or adds no name (``rendering_checks``); otherwise the
reader sees the original alone. With ``tries=2`` (``local_rendering_tries``) a
refused one is asked once more with those words pinned (the English name of
each place, the others romanised, the numbers in English form).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence

from parallax.models import Brief, Citation, CitedSentence
from parallax.write.llm.local_model import RunSettings
from parallax.write.llm.rendering_checks import pins, rendering_problems, second_try_problems
from parallax.write.material import StoryMaterial

log = logging.getLogger("parallax.write.local")
LABEL = "machine rendering"
SECTIONS = ("key_claims", "perspectives")  # where a brief quotes or reports what sources say
SYSTEM = ("You translate one news sentence into English. Keep every number exactly as written and every "
          "name (people, places, organisations) in its usual English spelling. Answer with the English "
          "sentence only.")


def foreign_items(sections: Mapping[str, object], material: StoryMaterial) -> Iterator[tuple[str, str, tuple, str]]:
    """(where, text, citations, language) of claims and statements whose cited articles are not in English,
    each sentence once (its first place), however many sections cite it."""
    language = {a.id: (a.language or "").split("-")[0].lower() for a in material.articles}
    seen = set()
    for where, text, citations in _cited(sections):
        langs = {language.get(c.article_id, "") for c in citations}
        if langs and "en" not in langs and "" not in langs and text not in seen:
            seen.add(text)
            yield where, text, citations, min(langs)


def _cited(sections: Mapping[str, object]) -> Iterator[tuple[str, str, tuple]]:
    for key in SECTIONS:
        for i, item in enumerate(sections.get(key) or ()):
            if key == "perspectives":
                for j, statement in enumerate(_get(item, "statements") or ()):
                    yield f"{key}[{i}].statements[{j}]", _get(statement, "text"), tuple(_get(statement, "citations"))
            else:
                yield f"{key}[{i}]", _get(item, "text"), tuple(_get(item, "citations"))


def _get(item: object, key: str):
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def translation_payload(text: str, language: str, run: RunSettings, model: str = "", pins: Sequence[str] = ()) -> dict:
    """A chat request for the English rendering of one sentence (plain text, deterministic).

    ``pins`` (a second try) are the English forms the first rendering lost: places
    under their English names, other names romanised, numbers, weekdays and months.
    """
    pinned = f"\nWrite these exactly as given: {'; '.join(pins)}." if pins else ""
    return {"model": model, "temperature": 0, "seed": run.seed, "max_tokens": min(200, 16 + 3 * len(text.split())),
            "messages": [{"role": "system", "content": SYSTEM},
                         {"role": "user", "content": f"Sentence ({language}): {text}{pinned}\nEnglish:"}]}


def render_foreign(brief: Brief, material: StoryMaterial, client, limit: int, run: RunSettings,
                   model: str = "", tries: int = 1) -> dict[str, object]:
    """The brief's sections with a ``renderings`` list: checked English renderings, ``limit`` model requests at most.

    A sentence is asked once, however many sections cite it (a key claim that is also a stakeholder's
    statement): its rendering is shown wherever the sentence is (``attach_renderings`` joins by text).
    """
    kept, asked = [], 0
    for where, text, citations, language in foreign_items(brief.sections, material):
        if asked >= limit:
            break
        english, problems, tries = render_checked(client, text, language, run, model, tries=min(tries, limit - asked))
        asked += tries
        if problems:
            log.warning("story %s: no English rendering of %s: %s", material.story.id, where, "; ".join(problems))
            continue
        kept.append(rendering(where, text, citations, english, language))
    return {**brief.sections, "renderings": kept} if kept else dict(brief.sections)


def render_checked(client, text: str, language: str, run: RunSettings, model: str = "",
                   tries: int = 2) -> tuple[str, list[str], int]:
    """(rendering, why it may not be shown, requests made): a refused first try is asked again with its pins."""
    english = _ask(client, translation_payload(text, language, run, model))
    problems = rendering_problems(text, english, language)
    pinned = pins(text, language) if problems and english else []
    if tries < 2 or not pinned:
        return english, problems, 1
    second = _ask(client, translation_payload(text, language, run, model, pinned))
    return second, rendering_problems(text, second, language) + second_try_problems(english, second), 2


def _ask(client, payload: dict) -> str:
    from parallax.errors import FetchError

    try:
        text = client.complete(payload).text
    except FetchError as exc:
        log.warning("no English rendering: %s", exc.reason)
        return ""
    return tidy(text)


def tidy(text: str) -> str:
    """The model's rendering on one line, unquoted, a thousands group it split ("2, 000") joined again."""
    return re.sub(r"\b(\d{1,3}), (\d{3})\b", r"\1,\2", " ".join(text.strip().strip('"“”').split()))


def rendering(where: str, text: str, citations: Sequence[Citation], english: str, language: str) -> dict:
    """One rendering: the original, cited as the evidence, and the English words beside it."""
    return {"where": where, "original": CitedSentence(text, tuple(citations)), "language": language,
            "english": english, "label": LABEL}


def renderings_by_text(sections: Mapping[str, object]) -> dict[str, dict]:
    """Renderings keyed by the original text, for templates that show one beside its original."""
    found = {}
    for r in sections.get("renderings") or ():
        original = _get(r, "original")
        found[str(_get(original, "text"))] = r
    return found


_STEP = re.compile(r"\.?([a-z_]+)\[(\d+)\]")


def attach_renderings(sections: Mapping[str, object]) -> dict[str, object]:
    """Plain sections (JSON shape) without ``renderings``, each rendering set as ``english`` on its original item.

    Renderers show ``item["english"]`` right after the original words; an item
    that moved (the path no longer holds the same text) gets none.
    """
    out = {k: v for k, v in sections.items() if k != "renderings"}
    for r in sections.get("renderings") or ():
        steps = _STEP.findall(str(r.get("where", "")))
        if steps:
            _set_english(out, steps, r)
    return out


def _set_english(out: dict, steps: list[tuple[str, str]], r: Mapping) -> None:
    """Copy the containers on the path (the caller's dicts stay untouched), then mark the item."""
    holder: object = out
    for key, index in steps:
        items = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(items, list) or int(index) >= len(items) or not isinstance(items[int(index)], dict):
            return
        items = holder[key] = list(items)
        holder = items[int(index)] = dict(items[int(index)])
    if holder.get("text") == (r.get("original") or {}).get("text"):
        holder["english"] = {"text": r["english"], "label": r.get("label", LABEL), "language": r.get("language", "")}
