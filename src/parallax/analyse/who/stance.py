"""Does a text agree with, dispute, merely discuss, or ignore a claim?

Features need no vocabulary file: word and bigram overlap, term-frequency cosine
(whole text and best sentence), refuting / hedging / affirming lexicons, negation,
and VADER polarity. A gradient-boosting model over them ships under
``parallax/data/models/stance`` (trained by ``train/train_stance.py``).
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from parallax.errors import ModelError
from parallax.text.sentences import split_sentences

LABELS = ("agree", "disagree", "discuss", "unrelated")
MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models" / "stance"
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
    return set(zip(words, words[1:]))


def stance_features(claim: str, text: str) -> list[float]:
    """The feature vector of (claim, text); same order the shipped model was trained on."""
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


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def load_stance_model(directory: Path = MODEL_DIR) -> object:
    """The shipped classifier, after checking its sha256 against ``model.json``."""
    weights, card = directory / "model.pkl", directory / "model.json"
    if not weights.exists() or not card.exists():
        raise ModelError(f"stance model missing in {directory}; run train/train_stance.py")
    expected = json.loads(card.read_text(encoding="utf-8"))["sha256"]
    if _checksum(weights) != expected:
        raise ModelError(f"{weights}: sha256 mismatch (expected {expected})")
    with weights.open("rb") as handle:
        return pickle.load(handle)  # our own file, checked above


def save_stance_model(model: object, directory: Path, details: dict[str, object]) -> None:
    """Write the weights and a JSON record of their sha256 and training details."""
    directory.mkdir(parents=True, exist_ok=True)
    weights = directory / "model.pkl"
    weights.write_bytes(pickle.dumps(model, protocol=5))
    record = {"sha256": _checksum(weights), "labels": list(LABELS), **details}
    (directory / "model.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def classify_stance(claim_text: str, sentence_text: str) -> tuple[str, float]:
    """The most likely stance of ``sentence_text`` towards ``claim_text`` and its probability."""
    model = load_stance_model()
    probabilities = model.predict_proba(np.array([stance_features(claim_text, sentence_text)]))[0]
    best = int(np.argmax(probabilities))
    return str(model.classes_[best]), float(probabilities[best])
