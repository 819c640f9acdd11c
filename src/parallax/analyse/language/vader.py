"""VADER (``vaderSentiment``) with the same numbers, faster: its rules, each word lower-cased once.

The package lower-cases a sentence's every word again for each check around each sentiment word, and copies the
sentence character by character to replace emoji. ``FastVader`` keeps its lexicon, its tokens (``SentiText``), its
scoring (``score_valence``) and every rule in the same order, on one lower-cased list; a text holding an emoji
character takes the package's own path. ``tests/analyse/test_language_vader.py`` and ``bench/analysis_cost.py
--vader`` compare the two.
"""

from __future__ import annotations

import string

from vaderSentiment import vaderSentiment as vs

_NEGATE = frozenset(vs.NEGATE)


def _negated(lower: str) -> bool:
    """``vs.negated([word])`` for one lower-cased word."""
    return lower in _NEGATE or "n't" in lower


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    if start_i == 0 and _negated(lower[i - 1]):
        valence = valence * vs.N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * vs.N_SCALAR
    if start_i == 2:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * vs.N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    twoone, threetwo = f"{lower[i - 2]} {lower[i - 1]}", f"{lower[i - 3]} {lower[i - 2]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    for seq in (
        f"{lower[i - 1]} {lower[i]}",
        f"{lower[i - 2]} {lower[i - 1]} {lower[i]}",
        twoone,
        threetwoone,
        threetwo,
    ):
        if seq in vs.SPECIAL_CASES:
            valence = vs.SPECIAL_CASES[seq]
            break
    if len(lower) - 1 > i and f"{lower[i]} {lower[i + 1]}" in vs.SPECIAL_CASES:
        valence = vs.SPECIAL_CASES[f"{lower[i]} {lower[i + 1]}"]
    if len(lower) - 1 > i + 1 and f"{lower[i]} {lower[i + 1]} {lower[i + 2]}" in vs.SPECIAL_CASES:
        valence = vs.SPECIAL_CASES[f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in vs.BOOSTER_DICT:
            valence = valence + vs.BOOSTER_DICT[n_gram]
    return valence


def _least_check(valence: float, lower: list[str], i: int, lexicon: dict) -> float:
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * vs.N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * vs.N_SCALAR
    return valence


def _but_check(lower: list[str], sentiments: list) -> list:
    """The package's rule as it runs (``index`` finds the first equal value)."""
    if "but" in lower:
        bi = lower.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 0.5)
            elif si > bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 1.5)
    return sentiments


class FastVader(vs.SentimentIntensityAnalyzer):
    """``SentimentIntensityAnalyzer`` whose ``polarity_scores`` lower-cases each word once."""

    def __init__(self) -> None:
        super().__init__()
        self._emoji_chars = frozenset(e for e in self.emojis if len(e) == 1)

    def polarity_scores(self, text):
        if not isinstance(text, str) or not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        text = text.strip()  # what the package's emoji pass leaves of a text without emoji
        # SentiText's words: each stripped of punctuation unless that leaves two characters or fewer
        words = [w if len(s := w.strip(string.punctuation)) <= 2 else s for w in text.split()]
        is_cap_diff = vs.allcap_differential(words)
        lower = [w.lower() for w in words]
        lexicon, sentiments = self.lexicon, []
        for i, low in enumerate(lower):
            # a booster, "kind of" and a word outside the lexicon all count 0
            if low not in lexicon or low in vs.BOOSTER_DICT or (low == "kind" and lower[i + 1 : i + 2] == ["of"]):
                sentiments.append(0)
            else:
                sentiments.append(self._valence(words, lower, i, is_cap_diff))
        return self.score_valence(_but_check(lower, sentiments), text)

    def _valence(self, words: list[str], lower: list[str], i: int, is_cap_diff: bool):
        """``sentiment_valence`` of word ``i``."""
        lexicon, low = self.lexicon, lower[i]
        if low not in lexicon:
            return 0
        valence = lexicon[low]
        if low == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"])
        ):
            valence = lexicon[low] * vs.N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + vs.C_INCR if valence > 0 else valence - vs.C_INCR
        for start_i in range(3):
            if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                s = vs.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = _negation_check(valence + s, lower, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lower, i)
        return _least_check(valence, lower, i, lexicon)
