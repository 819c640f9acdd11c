"""Stance features of a (claim, text) pair; they need no vocabulary file.

Word and bigram overlap, term-frequency cosine (whole text, lead, best and
top sentences), refuting / hedging / affirming lexicons counted over the whole
text and near the sentences that match the claim, negation, VADER polarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from parallax.text.sentences import split_sentences

_STOP = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been being it its this that
    these those he she they we you i his her their our your them him us not no has have had do does did will
    would can could may might should than then so if about after before into over said says say just also more
    most very up out who what which when where why how all any some such there here""".split()
)
REFUTING = frozenset(
    """fake fraud hoax false deny denies denied denial not despite nope doubt doubts bogus debunk debunks
    debunked pranks prank retract retracted rejected rejects refute refuted refutes nonsense absurd untrue
    baseless lie lies lying myth misleading fabricated dismissed dismisses""".split()
)
HEDGING = frozenset(
    """allegedly reportedly reported claims claim claimed purportedly apparently rumor rumors rumour
    unconfirmed unverified may might could possibly suggests appears seems according believed""".split()
)
AFFIRMING = frozenset("confirmed confirms confirm announced revealed official officially proved shows showed".split())
# Counted (not shared) over the text and near its claim-matching sentences; "not" is left to NEGATION.
REFUTING_WIDE = frozenset(
    """fake fraud hoax false deny denies denied denial bogus debunk debunks debunked prank pranks retract retracted
    retraction reject rejected rejects refute refuted refutes nonsense absurd untrue baseless lie lies lying myth
    misleading fabricated fabrication dismissed dismisses satire satirical parody spoof incorrect wrong erroneous
    photoshopped doctored staged disputed disputes contrary rumour rumor unfounded debunking hoaxes misinformation
    scam""".split()
)
HEDGING_WIDE = frozenset(
    """allegedly reportedly purportedly apparently rumor rumors rumour rumours unconfirmed unverified may might could
    possibly suggests appears seems according believed claims claimed claim alleged reports reported supposedly
    speculation speculated if whether""".split()
)
AFFIRMING_WIDE = frozenset(
    "confirmed confirms confirm announced revealed official officially proved shows showed verified indeed footage "
    "video photos".split()
)
NEGATION = frozenset("not no never none nobody nothing neither nor without n't cannot".split())


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'t)?", text.lower())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content(text: str) -> list[str]:
    return [_stem(t) for t in _tokens(text) if t not in _STOP]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _share(words: list[str], lexicon: frozenset[str]) -> float:
    return sum(w in lexicon for w in words) / max(len(words), 1)


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4096)
def _text_profile(text: str) -> tuple[Counter[str], tuple[Counter[str], ...], tuple[tuple[str, ...], ...], float]:
    sentences = [text[s.start : s.end] for s in split_sentences(text)] or [text]
    bags = tuple(Counter(_content(s)) for s in sentences)
    raw = tuple(tuple(_tokens(s)) for s in sentences)
    return Counter(_content(text)), bags, raw, _vader().polarity_scores(text[:2000])["compound"]


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def _base_features(claim: str, text: str) -> list[float]:
    head_words = _content(claim)
    head_bag, head_set = Counter(head_words), set(head_words)
    bag, sentence_bags, raw_sentences, body_polarity = _text_profile(text)
    sims = [_cosine(head_bag, s) for s in sentence_bags]
    best = int(np.argmax(sims)) if sims else 0
    best_raw, all_raw = list(raw_sentences[best]), [w for s in raw_sentences for w in s]
    lead_raw = [w for s in raw_sentences[:3] for w in s]
    claim_raw = _tokens(claim)
    return [
        len(head_set & set(bag)) / max(len(head_set | set(bag)), 1),
        len(head_set & set(bag)) / max(len(head_set), 1),
        _cosine(head_bag, bag),
        max(sims, default=0.0),
        sorted(sims, reverse=True)[1] if len(sims) > 1 else 0.0,
        sum(s > 0.2 for s in sims) / max(len(sims), 1),
        len(_bigrams(head_words) & _bigrams(_content(text))) / max(len(_bigrams(head_words)), 1),
        _share(all_raw, REFUTING), _share(best_raw, REFUTING), _share(lead_raw, REFUTING),
        _share(all_raw, HEDGING), _share(best_raw, HEDGING), _share(lead_raw, HEDGING),
        _share(all_raw, AFFIRMING), _share(best_raw, AFFIRMING),
        _share(all_raw, NEGATION), _share(best_raw, NEGATION), _share(claim_raw, NEGATION),
        float(any(w in REFUTING for w in claim_raw)), float(any(w in HEDGING for w in claim_raw)),
        float("?" in claim), _vader().polarity_scores(claim)["compound"], body_polarity,
        math.log1p(len(all_raw)), float(best) / max(len(sims), 1),
    ]




def _count(words: list[str] | tuple[str, ...], lexicon: frozenset[str]) -> float:
    return float(sum(w in lexicon for w in words))


def _lexicon_counts(ranked: list[tuple[str, ...]], raw: tuple[tuple[str, ...], ...]) -> list[float]:
    top = [w for s in ranked[:3] for w in s]
    top1 = list(ranked[0]) if ranked else []
    every, lead = [w for s in raw for w in s], [w for s in raw[:2] for w in s]
    counts = [_count(words, lexicon) for lexicon in (REFUTING_WIDE, HEDGING_WIDE)
              for words in (every, top, top1, lead)]
    return counts + [_count(every, AFFIRMING_WIDE), _count(top, AFFIRMING_WIDE), _count(top, NEGATION),
                     _count(lead, NEGATION), float(every.count("said")) / max(len(every), 1)]


def _char_grams(text: str) -> set[str]:
    text = re.sub(r"\s+", " ", text.lower())
    return {text[i : i + 4] for i in range(len(text) - 3)}


def _match_features(claim: str, sims: np.ndarray, ranked: list[tuple[str, ...]], bags: tuple) -> list[float]:
    head_set = set(_content(claim))
    top1 = " ".join(ranked[0]) if ranked else ""
    claim_grams = _char_grams(claim)
    claim_polarity = _vader().polarity_scores(claim)["compound"]
    top_polarity = _vader().polarity_scores(top1)["compound"]
    lead = Counter()
    for bag in bags[:2]:
        lead.update(bag)
    head_bag = Counter(_content(claim))
    return [
        len(head_set & set(_content(top1))) / max(len(head_set), 1),
        len(claim_grams & _char_grams(top1)) / max(len(claim_grams), 1),
        claim_polarity * top_polarity, top_polarity, float(np.mean(sims)), float(np.sort(sims)[-3:].mean()),
        _cosine(head_bag, bags[0]) if bags else 0.0, _cosine(head_bag, lead),
        float((sims > 0.3).sum()), float((sims > 0.5).sum()),
    ]


def _context_features(claim: str, text: str) -> list[float]:
    """Lexicon counts near the sentences that best match the claim, and how well they match."""
    _, bags, raw, _ = _text_profile(text)
    sims = np.array([_cosine(Counter(_content(claim)), s) for s in bags]) if bags else np.zeros(1)
    ranked = [raw[k] for k in np.argsort(-sims)] if raw else []
    weighted = [float(sum(sims[k] * _count(raw[k], lexicon) for k in range(len(raw))))
                for lexicon in (REFUTING_WIDE, HEDGING_WIDE)]
    claim_raw = _tokens(claim)
    negated = any(w in NEGATION for w in claim_raw) != any(w in NEGATION for w in (ranked[0] if ranked else ()))
    near = sum(_count(words, REFUTING_WIDE) for words, sim in zip(ranked[:3], sorted(sims, reverse=True)) if sim > 0.2)
    return [
        *_lexicon_counts(ranked, raw), *weighted, *_match_features(claim, sims, ranked, bags),
        _count(claim_raw, REFUTING_WIDE), _count(claim_raw, HEDGING_WIDE), float(len(raw)),
        float(text.count("“") + text.count('"')), float(negated), near,
        _count([w for s in raw[:5] for w in s], REFUTING_WIDE),
    ]


def stance_features(claim: str, text: str) -> list[float]:
    """The feature vector of (claim, text); same order the shipped model was trained on."""
    return _base_features(claim, text) + _context_features(claim, text)
