"""Sentence splitting on real pages: our labelled boundaries on real_news_dev, and BASIL's own sentences.

``data/audit/sentences.json`` holds points of real_news_dev pages (page id,
offset of a stop or line break, whether a sentence really ends there) that we
labelled by reading; a point counts as split when one of our sentences ends
between the stop and the next word. BASIL stores every article as sentences:
its boundaries are compared with ours over the text joined as the brief audit
joins it. BASIL's splitter keeps a quotation of several sentences whole, so its
figure is a bound on agreement rather than a judgement; the labelled points are
the judge.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from parallax.eval.brief import AUDIT_DIR, HALVES
from parallax.text.fingerprint import normalize_text
from parallax.text.sentences import split_sentences

_CLOSERS = "\"'”’»)]"


def splits_at(text: str, ends: Sequence[int], at: int) -> bool:
    """Whether a sentence ends between the stop (or line break) at ``at`` and the next word."""
    after = at + 1
    while after < len(text) and text[after] in _CLOSERS:
        after += 1
    while after < len(text) and text[after].isspace():
        after += 1
    before = at
    while before > 0 and text[at] == "\n" and text[before - 1].isspace():
        before -= 1
    return any(before <= e <= after for e in ends if e > before or text[at] == "\n")


def labelled_points(shared: Path, halves: Sequence[str] = HALVES) -> dict:
    """Accuracy, and precision and recall of boundaries, on our labelled points, per half and per kind."""
    points = json.loads((AUDIT_DIR / "sentences.json").read_text(encoding="utf-8"))["points"]
    texts = {}
    with (shared / "datasets" / "real_news_dev" / "real_news_dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line) if line.strip() else None
            if row and any(p["id"] == row["id"] for p in points):
                texts[row["id"]] = normalize_text(row.get("text") or "")
    ends = {i: [s.end for s in split_sentences(t)] for i, t in texts.items()}
    figures: dict = {}
    for half in halves:
        mine = [p for p in points if p["half"] == half and p["id"] in texts]
        said = [(p, splits_at(texts[p["id"]], ends[p["id"]], p["at"])) for p in mine]
        figures[half] = {**_scores(said), "kinds": {k: _scores([(p, s) for p, s in said if p["kind"] == k])
                                                    for k in sorted({p["kind"] for p in mine})}}
    return figures


def _scores(said: list[tuple[dict, bool]]) -> dict:
    right = sum(p["boundary"] == s for p, s in said)
    tp = sum(p["boundary"] and s for p, s in said)
    split, real = sum(s for _, s in said), sum(p["boundary"] for p, _ in said)
    return {"accuracy": round(right / len(said), 3) if said else None, "points": len(said),
            "precision": round(tp / split, 3) if split else None, "recall": round(tp / real, 3) if real else None}


def basil_agreement(shared: Path, halves: Sequence[str] = HALVES) -> dict:
    """Precision and recall of our sentence ends against BASIL's, per half (BASIL triplets by year, as the brief
    audit splits them)."""
    split = json.loads((AUDIT_DIR / "basil_split.json").read_text(encoding="utf-8"))
    figures = {}
    for half in halves:
        tp = fp = fn = 0
        for uuid in split[half]:
            for path in sorted((shared / "datasets" / "basil").glob(f"articles/*/{uuid}_*.json")):
                gold, ours = _basil_ends(path)
                tp, fp, fn = tp + len(gold & ours), fp + len(ours - gold), fn + len(gold - ours)
        figures[half] = {"precision": round(tp / (tp + fp), 4) if tp + fp else None,
                         "recall": round(tp / (tp + fn), 4) if tp + fn else None, "sentences": tp + fn}
    return figures


def _basil_ends(path: Path) -> tuple[set[int], set[int]]:
    paragraphs = json.loads(path.read_text(encoding="utf-8")).get("body-paragraphs") or []
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    gold, at = set(), 0
    for paragraph in paragraphs:
        for sentence in paragraph:
            at = text.find(sentence, at)
            gold.add(at + len(sentence.rstrip()))
            at += len(sentence)
    return gold, {s.end for s in split_sentences(text)}


def evaluate_sentences(shared: Path, halves: Sequence[str] = HALVES) -> dict:
    return {"real_news_dev_points": labelled_points(shared, halves), "basil_agreement": basil_agreement(shared, halves)}
