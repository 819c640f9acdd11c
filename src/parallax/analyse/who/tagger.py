"""A learned tagger for attribution roles: each token is Source, Cue, Content or Other.

A linear-chain CRF (python-crfsuite) over per-token features — the word, its
shape, its neighbours, whether it is a known reporting verb, title or pronoun,
and whether it sits inside a quotation. Trained on PolNeAR by
``train/train_attribution.py``; weights ship under ``parallax/data/models/attribution``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parallax.analyse.who.cues import CUE_WORDS, PRONOUNS
from parallax.analyse.who.speakers import TITLE_WORDS
from parallax.data import verify_with_card
from parallax.errors import ModelError

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models" / "attribution"
ROLE_TAGS = {"Source": "S", "Cue": "C", "Content": "Q"}
# A full stop stays on initials and short capitalised abbreviations ("U.S.", "Sen."), not on sentence ends.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|\w+(?:[’'.-]\w+)*|``|''|[^\w\s]")
_OPEN, _CLOSE = frozenset({"“", "``", "‘"}), frozenset({"”", "''", "’"})


@dataclass(frozen=True)
class Token:
    """A token of a sentence: ``text[start:end]``."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with their character offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word[:1].isalnum():
        return "p"
    if word.isupper() and len(word) > 1:
        return "X"
    return "Xx" if word[:1].isupper() else "x"


def _quote_depth(tokens: list[Token]) -> list[bool]:
    inside, flags = False, []
    for token in tokens:
        if token.text in _OPEN or (token.text == '"' and not inside):
            flags.append(True)
            inside = True
        elif token.text in _CLOSE or token.text == '"':
            flags.append(True)
            inside = False
        else:
            flags.append(inside)
    return flags


def _word_features(prefix: str, word: str) -> dict[str, str | float]:
    lower = word.lower()
    return {
        f"{prefix}w": lower, f"{prefix}sh": _shape(word),
        f"{prefix}cue": float(lower in CUE_WORDS), f"{prefix}title": float(lower in TITLE_WORDS),
        f"{prefix}pron": float(lower in PRONOUNS),
    }


def _cue_distance(words: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(words) and abs(j - i) <= 6:
        if words[j] in CUE_WORDS or words[j] == "according":
            return str(abs(j - i))
        j += step
    return "none"


def token_features(tokens: list[Token]) -> list[dict[str, str | float]]:
    """The feature dictionaries of a sentence's tokens, in order."""
    words = [t.text.lower() for t in tokens]
    quoted = _quote_depth(tokens)
    has_quote = float(any(quoted))
    features = []
    for i, token in enumerate(tokens):
        f: dict[str, str | float] = {"bias": 1.0, "suf3": words[i][-3:], "pos": str(min(i, 5)),
                                     "quoted": float(quoted[i]), "cueL": _cue_distance(words, i, -1),
                                     "cueR": _cue_distance(words, i, 1), **_word_features("", token.text)}
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(tokens):
                f.update(_word_features(f"{offset}:", tokens[j].text))
            else:
                f[f"{offset}:edge"] = 1.0
        f["quotes"] = has_quote
        features.append(f)
    return features


@lru_cache(maxsize=2)
def load_tagger(directory: Path = MODEL_DIR) -> object:
    """The shipped CRF tagger, after checking its sha256 against ``model.json``."""
    weights = verify_with_card(directory / "model.crfsuite", directory / "model.json",
                               "attribution tagger (retrain with train/train_attribution.py)")
    try:
        import pycrfsuite
    except ImportError as exc:
        raise ModelError("python-crfsuite is not installed; the attribution tagger needs it") from exc
    tagger = pycrfsuite.Tagger()
    tagger.open(str(weights))
    return tagger


def role_odds(tokens: list[Token], tagger: object) -> list[dict[str, float]]:
    """Per token, the tagger's marginal probability of each tag."""
    if not tokens:
        return []
    tagger.set(token_features(tokens))  # type: ignore[attr-defined]
    return [{tag: tagger.marginal(tag, i) for tag in ("S", "C", "Q", "O")}  # type: ignore[attr-defined]
            for i in range(len(tokens))]


def tags_at(odds: list[dict[str, float]], keep_other: float) -> list[str]:
    """"O" where the tagger is at least ``keep_other`` sure a token plays no role, else its likeliest role."""
    return ["O" if p["O"] >= keep_other else max(("S", "C", "Q"), key=p.__getitem__) for p in odds]


def role_runs(tokens: list[Token], tags: list[str]) -> list[tuple[str, int, int]]:
    """Maximal runs of tokens with the same role tag, as ``(tag, start, end)``."""
    runs: list[tuple[str, int, int]] = []
    previous = "O"
    for token, tag in zip(tokens, tags):
        if tag != "O" and tag == previous:
            runs[-1] = (tag, runs[-1][1], token.end)
        elif tag != "O":
            runs.append((tag, token.start, token.end))
        previous = tag
    return runs


def tag_sentence(text: str, tagger: object, keep_other: float | None = None) -> list[tuple[str, int, int]]:
    """Role spans ``(tag, start, end)`` in ``text``.

    Viterbi tags by default; with ``keep_other`` a token is left out only when the
    tagger is at least that sure it plays no role (more recall).
    """
    tokens = tokenize(text)
    if not tokens:
        return []
    if keep_other is None:
        return role_runs(tokens, tagger.tag(token_features(tokens)))  # type: ignore[attr-defined]
    return role_runs(tokens, tags_at(role_odds(tokens, tagger), keep_other))
