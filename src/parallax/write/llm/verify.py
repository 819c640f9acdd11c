"""The checks a generated sentence passes before it reaches a brief.

Each check returns reasons (empty when the sentence passes), so a dropped
sentence is reported with why:

- every cited id names a numbered source sentence;
- every quoted phrase is verbatim in one cited sentence;
- every number, name and date of the sentence appears in its cited sentences (a name also as its plural, or as
  the demonym of a place they name, or the place of a demonym: ``data/demonyms.tsv``);
- the sentence is semantically supported by what it cites (cosine of embeddings
  at a threshold measured by ``bench/support_threshold.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from parallax.data import demonym_pairs

# (mode, threshold) per embedder, chosen on the dev stories of data/support_pairs.jsonl by
# bench/support_threshold.py; the hashed TF-IDF scored best on dev (lexical overlap catches added claims).
# muse: "max" scored above "joined" on dev (balanced accuracy 0.910 vs 0.888; BENCHMARKS session 19).
SUPPORT_SETTINGS = {"tfidf": ("joined", 0.34), "minilm": ("joined", 0.55), "muse": ("max", 0.52)}
SUPPORT_EMBEDDER = "tfidf"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {w: i + 2 for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9}
# Capitalised but never names: sentence openers a story may not use in lower case.
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "in", "on", "at", "by", "for", "from", "with", "after", "before", "during", "while", "when", "where", "as", "but", "and", "or", "so", "if", "yet", "also", "however", "meanwhile", "according", "more", "most", "some", "many", "several", "about", "nearly", "almost", "around", "over", "under", "than", "there", "here", "what", "who", "which", "why", "how", "both", "each", "all", "no", "not", "one", "no"]
)

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SCALE = r"(?:\s*(hundred|thousand|million|billion|bn)\b)?"
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?" + _SCALE, re.IGNORECASE)
_WORDS = re.compile(r"\b(?:(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(["one"] + _UNITS[:8]) + r"))?"
                    r"|(" + "|".join(_UNITS) + r"))\b" + _SCALE, re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
_CAPITALISED = re.compile(r"\b[A-Z][^\W_]*(?:['’-][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SHORT_PLACE = 2  # a demonym supports the words of a place name this short ("United States"), not of an official one


def _plain_text(text: str) -> str:
    """ISO dates spelled out, typographic apostrophes straightened."""
    text = _ISO_DATE.sub(lambda m: f"{int(m[3])} {MONTHS[int(m[2]) - 1]} {m[1]}", text)
    return text.replace("’", "'")


def numbers(text: str, with_unscaled: bool = False) -> set[float]:
    """Every number in ``text`` (digits or words, scaled by million/thousand), as values."""
    values: set[float] = set()
    text = _plain_text(text)
    for m in _DIGITS.finditer(text):
        base = float(m[1].replace(",", "") + (m[2] or ""))
        values.add(_rounded(base * SCALES.get((m[3] or "").lower(), 1.0)))
        if with_unscaled:
            values.add(_rounded(base))
    for m in _WORDS.finditer(text):
        base = float(_word_value(m[1] or m[3]) + _word_value(m[2]))
        values.add(_rounded(base * SCALES.get((m[4] or "").lower(), 1.0)))
        if with_unscaled:
            values.add(_rounded(base))
    return values


def _word_value(word: str | None) -> int:
    return 0 if not word else 1 if word.lower() == "one" else WORD_VALUES[word.lower()]


def _rounded(value: float) -> float:
    return float(f"{value:.6g}")


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words the sources use in lower case: capitalised, they are sentence openers, not names."""
    return frozenset(t for text in texts for t in _TOKEN.findall(text.replace("’", "'")) if t.islower()) | FUNCTION_WORDS


def names(text: str, common: frozenset[str]) -> list[str]:
    """Capitalised words that are names (not lower-case words of the sources), possessives stripped."""
    found = []
    for word in _CAPITALISED.findall(_plain_text(text)):
        word = re.sub(r"'s$", "", word)
        if word.lower() not in common and not word.isdigit():
            found.append(word)
    return found


def _name_in(name: str, words: set[str]) -> bool:
    """``name`` (or its singular) is a word of the cited sentences, or a place or demonym whose counterpart is:
    a listed pair (``data/demonyms.tsv``) or a regular demonym of a place the gazetteer knows ("Parisian")."""
    forms = _forms(name.lower())
    if forms & words:
        return True
    links = _demonym_links()
    if any(need <= words for form in forms for need in links.get(form, ())):
        return True
    places = _place_words()
    return (any(form in _regular_demonyms(w) for w in words & places for form in forms)
            or any(form in places and _regular_demonyms(form) & words for form in forms))


def _regular_demonyms(place: str) -> set[str]:
    """The regular English demonyms of a place: "Paris" -> "Parisian", "Crimea" -> "Crimean", "Iraq" -> "Iraqi"."""
    stem = place[:-1] if place[-1:] in "aeiouy" else place
    return {place + "n", place + "an", place + "ian", place + "i", place + "ese", stem + "ian", stem + "an"}


@cache
def _place_words() -> frozenset[str]:
    """Lower-cased one-word place names of the gazetteer (countries, capitals, cities, US states)."""
    from parallax.data import gazetteer

    return frozenset(row[0].lower() for row in gazetteer() if row[0][:1].isupper() and " " not in row[0])


def _forms(word: str) -> set[str]:
    """``word`` and, for a regular plural, its singular: "Iranians" -> "Iranian", "Democrats" -> "Democrat"."""
    forms = {word}
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        elif word.endswith("es"):
            forms.add(word[:-2])
    return forms


@cache
def _demonym_links() -> dict[str, tuple[frozenset[str], ...]]:
    """Lower-cased word -> word sets that support it when all are cited: "iranian" <- {"iran"},
    "british" <- {"united", "kingdom"}, "iran" <- {"iranian"} (``data/demonyms.tsv``)."""
    links: dict[str, set[frozenset[str]]] = defaultdict(set)
    for place, demonym in demonym_pairs():
        place_words, demonym_words = _name_words(place), _name_words(demonym)
        for word in demonym_words - place_words:
            links[word].add(place_words)
        for word in place_words - demonym_words if len(place_words) <= _SHORT_PLACE else ():
            links[word].add(demonym_words)  # not "Islamic" from "Iranian" ("Iran, Islamic Republic of")
    return {word: tuple(need for need in needs if need) for word, needs in links.items()}


def _name_words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _CAPITALISED.findall(text.replace("’", "'")))


def quoted(text: str) -> list[str]:
    """Every phrase between double quotes, trailing punctuation trimmed."""
    return [q.strip().rstrip(".,;:!?").strip() for q in _QUOTED.findall(text) if q.strip(" .,;:!?")]


def _squash(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def check_ids(cited: Sequence[int], lines: Mapping[int, str]) -> list[str]:
    """Reasons for missing or unknown citation ids."""
    if not cited:
        return ["cites no source sentence"]
    return [f"cites unknown sentence [{i}]" for i in cited if i not in lines]


def check_quotes(text: str, sources: Sequence[str]) -> list[str]:
    """Reasons for each quoted phrase not verbatim in one cited sentence."""
    squashed = [_squash(s) for s in sources]
    return [f"quote {q!r} is not verbatim in its cited sentences" for q in quoted(text)
            if not any(_squash(q) in s for s in squashed)]


def check_facts(text: str, sources: Sequence[str], common: frozenset[str]) -> list[str]:
    """Reasons for each number, name or date in ``text`` that its cited sentences do not hold."""
    joined = " ".join(sources)
    have = numbers(joined, with_unscaled=True)
    reasons = [f"number {_shown(v)} is not in its cited sentences" for v in sorted(numbers(text) - have)]
    words = {w.lower().removesuffix("'s") for w in _TOKEN.findall(_plain_text(joined))}
    words |= {part for w in words for part in re.split(r"['-]", w) if part}  # "Assad" is in "al-Assad"
    words = {form for w in words for form in _forms(w)}
    reasons += [f"name {n!r} is not in its cited sentences" for n in dict.fromkeys(names(text, common))
                if not _name_in(n, words)]
    return reasons


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def check_sentence(text: str, cited: Sequence[int], lines: Mapping[int, str], common: frozenset[str]) -> list[str]:
    """Every check but semantic support, which runs in a batch (``SupportCheck``)."""
    reasons = check_ids(cited, lines)
    if reasons:
        return reasons
    sources = [lines[i] for i in cited]
    return check_quotes(text, sources) + check_facts(text, sources, common)


Embed = Callable[[Sequence[str]], np.ndarray]


def default_support(embedder: str = SUPPORT_EMBEDDER) -> SupportCheck:
    """The measured check for ``embedder`` (the hashed TF-IDF by default: stateless, no model to load)."""
    if embedder == "tfidf":
        from parallax.embed.tfidf import TfidfEmbedder

        embed: Embed = TfidfEmbedder().embed_batch
    else:
        from parallax.embed import get_embedder

        chosen = get_embedder(embedder)
        embedder, embed = chosen.name, chosen.embed_batch
    mode, threshold = SUPPORT_SETTINGS[embedder]
    return SupportCheck(embed, threshold, mode)


@dataclass(frozen=True)
class SupportCheck:
    """Cosine of the sentence to its best cited sentence (``max``) or to all of them joined (``joined``)."""

    embed: Embed
    threshold: float
    mode: str = "joined"

    def scores(self, claims: Sequence[tuple[str, Sequence[str]]]) -> list[float]:
        """One support score per (sentence, cited sentences) pair, embedded in one batch."""
        if not claims:
            return []
        texts, spans = _layout(claims, self.mode)
        vectors = _unit(np.asarray(self.embed(texts), dtype=np.float64))
        return [float(max(vectors[i] @ vectors[j] for j in range(lo, hi))) for i, (lo, hi) in spans]

    def reasons(self, claims: Sequence[tuple[str, Sequence[str]]]) -> list[list[str]]:
        """Per pair: empty, or why the cited sentences do not support it."""
        return [[] if s >= self.threshold else [_unsupported(s, self.threshold)] for s in self.scores(claims)]


def _unsupported(score: float, threshold: float) -> str:
    return f"not supported by its cited sentences (similarity {score:.2f} < {threshold:.2f})"


def _layout(claims: Sequence[tuple[str, Sequence[str]]], mode: str) -> tuple[list[str], list[tuple[int, tuple]]]:
    """Texts to embed and, per claim, its own row and the range of its evidence rows."""
    texts: list[str] = []
    spans = []
    for text, sources in claims:
        evidence = [" ".join(sources)] if mode == "joined" else list(sources)
        spans.append((len(texts), (len(texts) + 1, len(texts) + 1 + len(evidence))))
        texts += [text, *evidence]
    return texts, spans


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
