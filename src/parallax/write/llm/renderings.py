"""English renderings of a brief's non-English claims and quotes, beside the original words.

A rendering is a reading aid, never evidence: the original sentence keeps its
citations and stays what the brief cites; the rendering is a plain string
labelled as a machine rendering. One is kept only when it changes no number
and loses no name of the original (``rendering_problems``); otherwise the
reader sees the original alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache

from anyascii import anyascii

from parallax.models import Brief, Citation, CitedSentence
from parallax.write.llm.local_model import RunSettings
from parallax.write.llm.verify import FUNCTION_WORDS, MONTHS, numbers
from parallax.write.material import StoryMaterial

log = logging.getLogger("parallax.write.local")
LABEL = "machine rendering"
SECTIONS = ("key_claims", "perspectives")  # where a brief quotes or reports what sources say
SYSTEM = ("You translate one news sentence into English. Keep every number exactly as written and every "
          "name (people, places, organisations) in its usual English spelling. Answer with the English "
          "sentence only.")
_CAPITALISED = re.compile(r"\b[A-Z][^\W_]*(?:['’-][^\W_]+)*")
# a number followed by a scale word of the source language: 200亿 is 20 billion, 3,5 млн is 3.5 million
_DIGIT = re.compile(r"(\d+(?:[.,]\d+)*)\s*(万|亿|тыс\.?|млн|млрд|mio\.?|mrd\.?|mil millones|millones|millón|milliards?|"
                    r"millions?|milioni|miliardi|bin|milyon|milyar|ألف|مليون|مليار)?", re.IGNORECASE)
_SCALES = {"万": 1e4, "亿": 1e8, "тыс": 1e3, "тыс.": 1e3, "млн": 1e6, "млрд": 1e9, "mio": 1e6, "mio.": 1e6, "mrd": 1e9,
           "mrd.": 1e9, "mil millones": 1e9, "millones": 1e6, "millón": 1e6, "milliard": 1e9, "milliards": 1e9,
           "million": 1e6, "millions": 1e6, "milioni": 1e6, "miliardi": 1e9, "bin": 1e3, "milyon": 1e6,
           "milyar": 1e9, "ألف": 1e3, "مليون": 1e6, "مليار": 1e9}
_FOREIGN_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00C0-\u024F]")  # a letter of no Latin script
_NOUNS_CAPITALISED = frozenset(["de", "lb"])
_FUNCTION_WORDS_ABROAD = frozenset(["el", "la", "los", "las", "le", "les", "der", "die", "das"])
_CALENDAR = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", *MONTHS])
_UNSPACED = frozenset(["zh", "ja", "th"])  # scripts without spaces: a calendar word is matched anywhere
_ENGLISH_DAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_PREFIX = 3  # a transliterated name and its English spelling share their first letters ("Moskva", "Moscow")


def foreign_items(sections: Mapping[str, object], material: StoryMaterial) -> Iterator[tuple[str, str, tuple, str]]:
    """(where, text, citations, language) of claims and statements whose cited articles are not in English."""
    language = {a.id: (a.language or "").split("-")[0].lower() for a in material.articles}
    for where, text, citations in _cited(sections):
        langs = {language.get(c.article_id, "") for c in citations}
        if langs and "en" not in langs and "" not in langs:
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


def rendering_problems(original: str, english: str, language: str = "") -> list[str]:
    """Why ``english`` may not stand beside ``original``: a number changed or added, a name lost or invented."""
    if not english.strip():
        return ["empty rendering"]
    if _FOREIGN_LETTER.search(english):
        return ["the rendering is not all in Latin letters"]
    have = numbers(english, with_unscaled=True)
    told = [(_value(m[1]), _value(m[1]) * _SCALES.get((m[2] or "").lower(), 1.0)) for m in _DIGIT.finditer(original)]
    allowed = {v for pair in told for v in pair} | numbers(original, with_unscaled=True)
    problems = [f"number {plain:g} of the original is missing" for plain, scaled in told
                if plain not in have and _rounded(scaled) not in have]
    problems += [f"number {v:g} is not in the original" for v in sorted(numbers(english))
                 if v not in allowed and _rounded(v) not in {_rounded(a) for a in allowed}]
    spelled = {w.lower() for w in re.findall(r"[^\W\d_]+", anyascii(original))}
    problems += [f"name {n!r} is not in the original" for n in dict.fromkeys(_names(english))
                 if not _spelled_in(n, spelled)]
    rendered = {w.lower() for w in re.findall(r"[^\W\d_]+", anyascii(english))}
    problems += [f"name {n!r} of the original is lost" for n in dict.fromkeys(_cased_names(original, language))
                 if not _spelled_in(n, rendered)]
    return problems + calendar_problems(original, english, language)


def calendar_problems(original: str, english: str, language: str) -> list[str]:
    """A weekday or month of the original missing from the rendering, or a weekday the original does not name.

    The source language's names come from CLDR (babel); a name is matched by its
    stem (Russian "вторник" in "во вторник", "мая" for May), the longest match wins.
    """
    days, months = _calendar(language), _calendar(language, months=True)
    said_days, said_months = _named(original, days, language), _named(original, months, language)
    told = {w for w in re.findall(r"[A-Z][a-z]+", english)}
    problems = [f"{name} of the original is missing" for name in sorted((said_days | said_months) - told)]
    if days:
        problems += [f"{name} is not in the original" for name in sorted((told & _ENGLISH_DAYS) - said_days)]
    return problems


def _named(text: str, names: Mapping[str, str], language: str) -> set[str]:
    """English names of the calendar words in ``text`` (longest stem first, no overlaps)."""
    low, taken, found = text.lower(), [], set()
    spaced = language not in _UNSPACED
    for stem in sorted(names, key=len, reverse=True):
        ending = (r"\w{0,3}" if len(stem) >= 4 else "") + r"(?!\w)"  # "martes" from "marte", not "maire" from "mai"
        for m in re.finditer(r"(?<!\w)" + re.escape(stem) + ending if spaced else re.escape(stem), low):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.add(names[stem])
    return found


@cache
def _calendar(language: str, months: bool = False) -> dict[str, str]:
    """Stem of each weekday (or month) name in ``language`` -> the English name; empty for English or unknown."""
    from babel.core import UnknownLocaleError
    from babel.dates import get_day_names, get_month_names

    if not language or language == "en":
        return {}
    names = (lambda loc, width: get_month_names(width, context="format", locale=loc)) if months else (
        lambda loc, width: get_day_names(width, locale=loc))
    try:
        widths = ("wide", "abbreviated") if language in _UNSPACED else ("wide",)
        local = [(key, name.lower()) for width in widths for key, name in names(language, width).items()]
    except (UnknownLocaleError, ValueError):
        return {}
    english = names("en", "wide")
    return {(name[:-1] if len(name) >= 5 else name): english[key] for key, name in local}


def _cased_names(original: str, language: str) -> list[str]:
    """Capitalised words after the first, in scripts with case; none where every noun is capitalised (German)."""
    if language in _NOUNS_CAPITALISED:
        return []
    words = re.findall(r"[^\W\d_]+", original)[1:]
    return [w for w in words if w[0].isupper() and len(w) > 1 and w.lower() not in _FUNCTION_WORDS_ABROAD]


def _names(english: str) -> list[str]:
    """Capitalised words after the first, less function words and calendar words (a date is checked as a number)."""
    words = _CAPITALISED.findall(english)[1:] if english[:1].isupper() else _CAPITALISED.findall(english)
    return [w for w in words if w.lower() not in FUNCTION_WORDS and w not in _CALENDAR]


def _value(digits: str) -> float:
    """'1,250' -> 1250, '3,5' -> 3.5 (a decimal comma), '2.000' -> 2000 (a thousands point)."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        return float(re.sub(r"[.,]", "", digits))
    return float(digits.replace(",", "."))


def _rounded(value: float) -> float:
    return float(f"{value:.6g}")


def _spelled_in(name: str, words: set[str]) -> bool:
    low = anyascii(name).lower().removesuffix("'s")
    return any(w.startswith(low[:_PREFIX]) for w in words)


def translation_payload(text: str, language: str, run: RunSettings, model: str = "") -> dict:
    """A chat request for the English rendering of one sentence (plain text, deterministic)."""
    return {"model": model, "temperature": 0, "seed": run.seed, "max_tokens": min(200, 16 + 3 * len(text.split())),
            "messages": [{"role": "system", "content": SYSTEM},
                         {"role": "user", "content": f"Sentence ({language}): {text}\nEnglish:"}]}


def render_foreign(brief: Brief, material: StoryMaterial, client, limit: int, run: RunSettings,
                   model: str = "") -> dict[str, object]:
    """The brief's sections with a ``renderings`` list: up to ``limit`` checked English renderings."""
    kept = []
    for where, text, citations, language in list(foreign_items(brief.sections, material))[:limit]:
        english = _ask(client, translation_payload(text, language, run, model))
        problems = rendering_problems(text, english, language)
        if problems:
            log.warning("story %s: no English rendering of %s: %s", material.story.id, where, "; ".join(problems))
            continue
        kept.append(rendering(where, text, citations, english, language))
    return {**brief.sections, "renderings": kept} if kept else dict(brief.sections)


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
