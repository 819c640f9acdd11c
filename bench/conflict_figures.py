"""Conflicting figures on real running stories: recall and precision against our labelled figure sets.

    python bench/conflict_figures.py [../shared] [--embedder muse|minilm]  (default: the brief encoder setting)

For each real_news_dev story that ``bench/data/conflicts_real_news_dev.json`` labels, the brief's conflicting
figures section is built from all the story's pages (the gold story, as ``parallax eval brief`` forms it). A shown
conflict matches a labelled set when two of its values are each cited to a member of the set giving that value.
Precision: shown conflicts matching a true set / shown (one matching a false set, or no set, is wrong). Recall: true
sets matched by some shown conflict / true sets. Per half of the committed split, then one JSON line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parallax import settings
from parallax.eval.audit import AuditStory
from parallax.eval.brief import material_of, news_stories
from parallax.eval.summary import sentence_vectors
from parallax.write.pool import sentence_pool
from parallax.write.sections.figures import build_conflicting_figures

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "data" / "conflicts_real_news_dev.json"
SPLIT = ROOT / "src" / "parallax" / "data" / "splits" / "real_news_dev.json"


def _covered(citation, member: dict, ours: dict[str, str]) -> bool:
    return citation.article_id == ours.get(member["id"]) and citation.start <= member["at"] < citation.end


def matched_values(conflict: dict, members: list[dict], ours: dict[str, str]) -> int:
    """How many of the conflict's values are cited to a member giving that value."""
    return sum(any(_covered(c, m, ours) and abs(m["value"] - v["value"]) < 1e-6 * max(1, m["value"])
                   for c in v["citations"] for m in members) for v in conflict["values"])


def judge(story: AuditStory, sets: list[dict], vectors, embedder: str) -> tuple[list[dict], list[bool]]:
    """The shown conflicts with their verdicts, and per true set whether some shown conflict matched it."""
    ours = {a.external_id: a.id for a in story.articles}
    shown = build_conflicting_figures(sentence_pool(material_of(story, vectors, embedder)), ())
    verdicts = []
    for c in shown:
        hit = [s for s in sets if matched_values(c, s["members"], ours) >= 2]
        verdicts.append({"subject": c["subject"], "date": c["date"], "values": [(v["value"], v["unit"], v["text"][:80]) for v in c["values"]],
                         "right": bool(hit) and all(s["conflict"] for s in hit)})
    found = [any(matched_values(c, s["members"], ours) >= 2 for c in shown) for s in sets if s["conflict"]]
    return verdicts, found


def main(argv: list[str]) -> None:
    shared = Path(argv[0]) if argv and not argv[0].startswith("--") else Path("../shared")
    embedder = argv[argv.index("--embedder") + 1] if "--embedder" in argv else settings.default("embedder")
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["sets"]
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    half = {s: h for h in ("tune", "report") for s in split[h]}
    names = sorted({s["story"] for s in labels})
    stories = {n: {"split": half[n]} for n in names}
    vectors, embedder = sentence_vectors(embedder)
    tally = {h: {"shown": 0, "right": 0, "true_sets": 0, "found": 0} for h in ("tune", "report")}
    for story in news_stories(shared / "datasets" / "real_news_dev" / "real_news_dev.jsonl", {"stories": stories}):
        verdicts, found = judge(story, [s for s in labels if s["story"] == story.name], vectors, embedder)
        t = tally[story.half]
        t["shown"] += len(verdicts)
        t["right"] += sum(v["right"] for v in verdicts)
        t["true_sets"] += len(found)
        t["found"] += sum(found)
        for v in verdicts:
            print(story.half, story.name, v, file=sys.stderr)
    for t in tally.values():
        t["precision"] = round(t["right"] / t["shown"], 3) if t["shown"] else None
        t["recall"] = round(t["found"] / t["true_sets"], 3) if t["true_sets"] else None
    print(json.dumps({**tally, "embedder": embedder}))


if __name__ == "__main__":
    main(sys.argv[1:])
