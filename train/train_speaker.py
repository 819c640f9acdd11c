"""Train the speaker model (``analyse/who/speaker_model.py``) on the tune halves of the brief audit sets.

    python train/train_speaker.py [../shared] [--features /tmp/speaker_features.json]

Examples: every attribution relation in a sentence of a tune story that holds a
labelled quote (BASIL: its gold speaker; real_news_dev: our speaker labels),
with every actor the model may choose for it. A candidate is a positive when
its name is the labelled speaker's, a negative when the label names someone
else or nobody; BASIL's group speakers ("Obama_campaign") and its "other_*"
speakers say nothing about one person, so only main entities are negatives
there. A logistic regression is fitted; the threshold is the lowest at which
the chosen speakers of leave-one-story-out predictions on the tune half reach
``TARGET`` precision. Report halves are never read here. Writes
src/parallax/data/models/speaker/weights.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from story_folds import fit, labelled_rows, out_of_fold

from parallax.analyse.who.attribution import relation_spans
from parallax.analyse.who.entities import article_actors
from parallax.analyse.who.speaker_model import FEATURES, WEIGHTS, admissible, candidates, source_of
from parallax.eval.audit import best_label, overlap
from parallax.eval.brief import AUDIT_DIR, basil_stories, news_stories

TARGET = 0.92  # on relations; the brief's own filters (a verb of saying, a whole quotation) add to it
C = 1.0
GROUPS = frozenset("campaign democrats republicans party lawmakers protestors protesters tea administration "
                   "house senate".split())


def _basil_label(name: str, gold: list[str], entities: frozenset[str]) -> int | None:
    named = [g for g in gold if not g.startswith("other")]
    if any(GROUPS & set(g.lower().split("_")) for g in named) or (not named and gold):
        return 0 if any(overlap(name, e) for e in entities) and not any(overlap(name, g) for g in named) else None
    return int(any(overlap(name, g) for g in named))


def _news_label(name: str, who: list[str], stakeholders: list[list[str]]) -> int:
    found = best_label(name, stakeholders)
    return int(found is not None and stakeholders[found][0] in who)


def examples(shared: Path) -> list[dict]:
    """One row per (relation, candidate) of the tune halves: story, relation id, features, label (None: unknown)."""
    split = json.loads((AUDIT_DIR / "basil_split.json").read_text(encoding="utf-8"))
    rows: list[dict] = []
    for story in basil_stories(shared / "datasets" / "basil", {"tune": split["tune"], "report": []}):
        for article in story.articles:
            marks = [(at, s) for a, at, s in story.quotes if a == article.id]
            rows += _rows(story.name, article, marks, lambda name, gold, st=story: _basil_label(name, gold, st.entities))
    labels = json.loads((AUDIT_DIR / "real_news_dev.json").read_text(encoding="utf-8"))
    labels["stories"] = {k: v for k, v in labels["stories"].items() if v["split"] == "tune"}
    path = shared / "datasets" / "real_news_dev" / "real_news_dev.jsonl"
    for story in news_stories(path, labels):
        names = story.labels.get("stakeholders", [])
        for article in story.articles:
            marks = [(m["at"], m["who"]) for m in story.labels.get("speakers", []) if m["id"] == article.id]
            rows += _rows(story.name, article, marks, lambda name, who, n=names: _news_label(name, [w for ws in who for w in ws], n))
    return rows


def _rows(story: str, article, marks: list, label) -> list[dict]:
    actors = article_actors(article)
    if not actors.docs or not marks:
        return []
    rows = []
    for n, (index, source, cue, _) in enumerate(relation_spans(article)):
        sentence = article.sentences[index]
        gold = [g for at, g in marks if sentence.start <= at < sentence.end]
        parsed = source_of(actors, index, source.start, source.end, cue, article.text) if gold else None
        for mention, values in candidates(actors, parsed) if parsed else []:
            name = actors.full.get(mention.person, mention.name) if mention.person else mention.name
            rows.append({"story": story, "relation": f"{article.id}/{n}", "name": name, "x": values,
                         "y": label(name, gold), "source": source.text, "gold": str(gold),
                         "text": article.text[sentence.start:sentence.end][:200]})
    return rows


def curve(rows: list[dict], probs: list[float]) -> list[tuple[float, int, int]]:
    """(threshold, right, judged) of the chosen speakers (the best candidate per relation) at each threshold."""
    best: dict[str, tuple[float, int | None]] = {}
    for r, p in zip(rows, probs):
        if r["relation"] not in best or p > best[r["relation"]][0]:
            best[r["relation"]] = (p, r["y"])
    chosen = sorted(((p, y) for p, y in best.values() if y is not None), reverse=True)
    points, right = [], 0
    for judged, (p, y) in enumerate(chosen, 1):
        right += y
        points.append((p, right, judged))
    return points


def threshold(points: list[tuple[float, int, int]]) -> float:
    """The lowest threshold whose chosen speakers are right at least ``TARGET`` of the time."""
    ok = [p for p, right, judged in points if right / judged >= TARGET]
    return min(ok) if ok else 1.0


def main(argv: list[str]) -> None:
    rows = labelled_rows(argv, examples)
    rows = [r for r in rows if admissible(tuple(r["x"]))]  # features cached before a constraint was added
    probs = out_of_fold(rows, C)
    points = curve(rows, probs)
    cut = threshold(points)
    at = next((right, judged) for p, right, judged in reversed(points) if p >= cut)
    model = fit(rows, C)
    known = [r for r in rows if r["y"] is not None]
    out = {"features": list(FEATURES), "coef": [round(float(w), 4) for w in model.coef_[0]], "threshold": round(cut, 4),
           "trained_on": {"candidates": len(known), "positives": sum(r["y"] for r in known),
                          "relations": len({r["relation"] for r in rows}), "stories": len({r["story"] for r in rows})},
           "tune_out_of_fold": {"right": at[0], "chosen": at[1], "relations_judged": points[-1][2] if points else 0}}
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for p, right, judged in points[:: max(1, len(points) // 12)]:
        print(f"threshold {p:.3f}: {right}/{judged} = {right / judged:.3f}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
