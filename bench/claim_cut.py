"""Sweep the key-claim cut (``sections.claims.claim_cut``) for one sentence encoder on the claim-labelled tune halves.

Writes the briefs of real_news_dev's tune half and the fresh_tune half (PAC and AllSides) at each cut and prints,
per cut and half, right / judged key claims, unjudged ones, claims a story and takeaways right / judged. Only tune
halves are read: the report halves stay for the figure reported once.

    OMP_NUM_THREADS=1 python bench/claim_cut.py --shared ../shared --embedder muse --cuts 0.60,0.65,0.70,0.75
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from parallax.eval.brief import evaluate_brief
from parallax.write.sections import claims


def at_cut(shared: Path, embedder: str, cut: float) -> dict:
    """The claim and takeaway counts of both tune halves with the key-claim cut set to ``cut``."""
    claims.claim_cut = lambda pool: cut  # the head's own cut (its weights file's "cut") set aside for the sweep
    row: dict = {"cut": cut}
    for name, sets, half in (("tune", ("real_news_dev",), "tune"), ("fresh_tune", ("pac", "allsides"), "fresh_tune")):
        figures = evaluate_brief(shared, embedder, sets=sets, halves=(half,))[half]
        c, t = figures["counts"]["claim_precision"], figures["counts"]["takeaway_precision"]
        shown = c["judged"] + c["unjudged"]
        row[name] = {"claims": f"{c['right']}/{c['judged']}", "unjudged": c["unjudged"],
                     "a_story": round(shown / max(1, figures["stories"]), 2), "takeaways": f"{t['right']}/{t['judged']}",
                     "multilingual": figures["counts"]["multilingual_claims"]["right"]}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/claim_cut.py")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--embedder", default="muse")
    parser.add_argument("--cuts", default="0.60,0.65,0.70,0.75")
    args = parser.parse_args()
    for cut in (float(c) for c in args.cuts.split(",")):
        print(json.dumps(at_cut(args.shared, args.embedder, cut)), flush=True)


if __name__ == "__main__":
    main()
