"""How many of a clustering's joining errors put together stories of different days.

For a set whose gold is one story per day (allsides_2021: one roundup a day), the article pairs
that a prediction puts together but the gold keeps apart are counted by the days between their
gold stories: pairs a day or more apart are developments of a running story filed as separate
roundups, pairs of one day are joins of different events.

    parallax eval clustering ../shared/eval/clustering/allsides_2021.jsonl --predictions /tmp/pred.jsonl
    python bench/cluster_day_joins.py ../shared/eval/clustering/allsides_2021.jsonl /tmp/pred.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path


def gold_days(path: Path) -> tuple[dict[str, str], dict[str, date]]:
    """Each record's gold story, and each gold story's first day."""
    story, days = {}, defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            story[record["id"]] = record["story"]
            if record.get("published"):
                days[record["story"]].append(date.fromisoformat(record["published"][:10]))
    return story, {s: min(d) for s, d in days.items()}


def joins_by_gap(gold: dict[str, str], first: dict[str, date], predicted: dict[str, str]) -> Counter:
    """Wrongly joined article pairs by the days between their gold stories ("undated" when unknown)."""
    members = defaultdict(list)
    for record, story in predicted.items():
        members[story].append(record)
    gaps: Counter = Counter()
    for records in members.values():
        for a, b in combinations(records, 2):
            ga, gb = gold.get(a), gold.get(b)
            if ga is None or gb is None or ga == gb:
                continue
            gaps[abs((first[ga] - first[gb]).days) if ga in first and gb in first else "undated"] += 1
    return gaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("predictions", type=Path)
    args = parser.parse_args()
    gold, first = gold_days(args.gold)
    lines = args.predictions.read_text(encoding="utf-8").splitlines()
    predicted = {r["id"]: r["story"] for r in map(json.loads, filter(str.strip, lines))}
    gaps = joins_by_gap(gold, first, predicted)
    total = sum(gaps.values())
    across = sum(n for gap, n in gaps.items() if gap != "undated" and gap >= 1)
    print(json.dumps({"wrong_pairs": total, "across_days": across, "share_across_days": round(across / total, 4) if total else 0.0,
                      "by_gap": {str(k): v for k, v in sorted(gaps.items(), key=lambda kv: str(kv[0]))}}))


if __name__ == "__main__":
    main()
