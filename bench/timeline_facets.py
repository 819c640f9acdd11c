"""Facets of a running story against real_news_dev's hand-written page facets, per half of the committed split.

    python bench/timeline_facets.py [../shared] [--embedder e5] [--cache /tmp/facets.json]

Each page whose gold facets name one of ours (``GOLD``; the others — video, analysis, profile … — are not judged)
is one item: every sentence of the page gets its closest facet and cosine (``write.facets.best_facet``); at a
floor, the page's facet is the one most of its sentences reach (ties: the higher mean cosine). Right when that
facet is among the page's gold ones. Prints, per floor, precision (right / pages given a facet) and coverage
(pages given a facet / judged) for the tune half; then both halves at the shipped ``MIN_COSINE``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

from parallax.eval.summary import sentence_vectors
from parallax.models import Outlet, Page, Story
from parallax.text.article import build_article
from parallax.write.facets import MIN_COSINE, best_facet
from parallax.write.material import StoryMaterial
from parallax.write.pool import sentence_pool

GOLD = {
    "toll": {"death_toll", "casualties", "victims", "bodies_found", "victim"},
    "rescue": {"rescue", "aid", "evacuation", "displaced", "return_of_refugees"},
    "investigation": {"suspect", "investigation", "manhunt", "criminal_case", "misidentified_suspect",
                      "investigation_report", "fbi", "identification", "security_failure"},
    "court": {"trial"},
    "blame": {"blame", "responsibility"},
    "reactions": {"reactions", "empathy", "official_statement", "government_response"},
}


def items(shared: Path, embedder: str) -> list[dict]:
    """One row per judged page: half, gold facets, and (facet, cosine) of each sentence."""
    split = json.loads((Path(__file__).resolve().parents[1] / "src/parallax/data/splits/real_news_dev.json").read_text())
    half = {s: h for h in ("tune", "report") for s in split[h]}
    vectors, name = sentence_vectors(embedder)
    rows = []
    for line in (shared / "datasets/real_news_dev/real_news_dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        gold = {f for f, tags in GOLD.items() if tags & set(row.get("facets") or [])}
        if not gold:
            continue
        page = Page(url=row["url"] or "", body=row["text"] or "", title=row["title"] or "", outlet=row["outlet"],
                    published=datetime.fromisoformat(row["published"]) if row["published"] else None)
        article = build_article(page)
        material = StoryMaterial(Story("s", (article.id,)), (article,), {row["outlet"]: Outlet(row["outlet"], "")},
                                 {}, vectors, name)
        pool = sentence_pool(material)
        rows.append({"id": row["id"], "half": half.get(row["story"], "tune"), "gold": sorted(gold),
                     "sentences": [best_facet(pool, i) for i in range(len(pool.refs))]})
    return rows


def page_facet(sentences: list, floor: float) -> str:
    reached = [(f, s) for f, s in sentences if s >= floor]
    if not reached:
        return ""
    counts = Counter(f for f, _ in reached)
    return max(counts, key=lambda f: (counts[f], sum(s for g, s in reached if g == f) / counts[f]))


def score(rows: list[dict], floor: float) -> dict:
    given = [(page_facet(r["sentences"], floor), r["gold"]) for r in rows]
    assigned = [(f, g) for f, g in given if f]
    right = sum(f in g for f, g in assigned)
    return {"right": right, "assigned": len(assigned), "judged": len(rows),
            "precision": round(right / len(assigned), 3) if assigned else None,
            "coverage": round(len(assigned) / len(rows), 3) if rows else None}


def main(argv: list[str]) -> None:
    shared = Path(argv[0]) if argv and not argv[0].startswith("--") else Path("../shared")
    embedder = argv[argv.index("--embedder") + 1] if "--embedder" in argv else "e5"
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    rows = json.loads(cache.read_text()) if cache and cache.exists() else items(shared, embedder)
    if cache and not cache.exists():
        cache.write_text(json.dumps(rows))
    tune = [r for r in rows if r["half"] == "tune"]
    for floor in (0.0, 0.80, 0.84, 0.86, 0.88, 0.90):
        print(f"tune floor {floor:.2f}: {score(tune, floor)}")
    print(json.dumps({h: score([r for r in rows if r["half"] == h], MIN_COSINE) for h in ("tune", "report")}
                     | {"floor": MIN_COSINE, "embedder": embedder}))


if __name__ == "__main__":
    main(sys.argv[1:])
