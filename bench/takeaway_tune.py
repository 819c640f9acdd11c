"""Takeaway precision per sentence encoder on labels outside every audit half (``bench/data/takeaways_train.json``:
the 25 AllSides and 23 PAC stories drawn for claim training, their leads and claims judged takeaway or not, blind).

Writes each story's brief under each encoder and prints, per encoder, takeaways right / judged (and unjudged), then
one line per story where the encoders' takeaways differ or one is judged wrong: page id, offset, verdict.

    OMP_NUM_THREADS=1 python bench/takeaway_tune.py --shared ../shared --embedders minilm,muse
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parallax.eval.audit import Tally, score_brief
from parallax.eval.brief import allsides_stories, material_of, pac_stories
from parallax.eval.summary import sentence_vectors
from parallax.write.base import get_writer
from parallax.write.render import brief_to_dict
from parallax.write.sections import takeaway

LABELS = Path(__file__).resolve().parent / "data" / "takeaways_train.json"
ROUNDUPS = Path("datasets") / "allsides_neus" / "allsides_roundups_2021.jsonl"
PAC = Path("datasets") / "pac_partisan_events" / "pac_train_2012_2021.jsonl.gz"


def labelled_stories(shared: Path) -> list:
    """The labelled AllSides roundups and PAC pairs as audit stories (the labels' own keys, ``split`` "train")."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    return [*allsides_stories(shared / ROUNDUPS, {"stories": labels["allsides"]}),
            *pac_stories(shared / PAC, {"stories": labels["pac"]})]


def takeaways(shared: Path, embedder: str) -> tuple[dict, dict[str, tuple]]:
    """The takeaway counts per corpus over the labelled stories under ``embedder``, and per story (page id, offset, verdict)
    of the takeaway shown (None where the brief has none)."""
    writer, (vectors, embedder) = get_writer("extractive"), sentence_vectors(embedder)
    tallies, picks = {"allsides": Tally(), "pac": Tally()}, {}
    for story in labelled_stories(shared):
        tally = tallies[story.corpus]
        brief = brief_to_dict(writer.write(material_of(story, vectors, embedder)))
        items = [i for i in score_brief(story, brief, tally) if i["measure"] == "takeaway_precision"]
        shown = brief.get("sections", {}).get("takeaway")
        cite = shown["citations"][0] if shown else None
        page = next((a.external_id for a in story.articles if cite and a.id == cite["article_id"]), None)
        picks[story.name] = (page, cite["start"], items[0]["right"]) if cite else None
    return {k: t.figures()["counts"]["takeaway_precision"] for k, t in tallies.items()}, picks


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/takeaway_tune.py")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--embedders", default="minilm,muse")
    parser.add_argument("--below", type=float, default=takeaway.BELOW_CLAIM_CUT,
                        help="the takeaway's bar under the claim head's cut (takeaway.BELOW_CLAIM_CUT)")
    args = parser.parse_args()
    takeaway.BELOW_CLAIM_CUT = args.below
    runs = {e: takeaways(args.shared, e) for e in args.embedders.split(",")}
    for e, (counts, _) in runs.items():
        print(json.dumps({"embedder": e, **{k: f"{c['right']}/{c['judged']} ({c['unjudged']} unjudged)"
                                            for k, c in counts.items()}}))
    names = sorted(next(iter(runs.values()))[1])
    for name in names:
        shown = {e: picks[name] for e, (_, picks) in runs.items()}
        if len(set(shown.values())) > 1 or any(p is None or p[2] is not True for p in shown.values()):
            print(name, json.dumps(shown), file=sys.stderr)


if __name__ == "__main__":
    main()
