"""Write the outlets of the curated English sets as records for ``parallax eval outlets``.

Article Bias Prediction (AllSides) names each article's outlet as its editors wrote it ("New York Times -
News", "Fox Online News", "CNN (Web News)"): one record per (name, host) pair, with the name given as the
record's ``outlet``, so the figures say how often such a name finds its catalog row. BASIL gives only URLs
(Fox News, the New York Times, HuffPost): one record per host.

The hosts split into halves as real_news_dev's gold does: ``sha1(host) % 2`` is 0 for the tune half, 1 for the
report half (held out from catalog rows written for the set's outlets); a third argument keeps one half.

    python bench/outlets/named_sets.py ../shared/datasets /tmp/named_sets.jsonl [tune|report]
    parallax eval outlets /tmp/named_sets.jsonl
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit


def abp_records(root: Path) -> dict[tuple[str, str], dict]:
    found: dict[tuple[str, str], dict] = {}
    with gzip.open(root / "article_bias_prediction" / "articles_meta_nontest.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            host = (urlsplit(row.get("url") or "").hostname or "").removeprefix("www.")
            found.setdefault((row.get("source") or "", host), {"url": row.get("url") or "", "outlet": row.get("source") or "",
                                                              "set": "abp"})
    return found


def basil_records(root: Path) -> dict[tuple[str, str], dict]:
    found: dict[tuple[str, str], dict] = {}
    for path in sorted((root / "basil" / "articles").glob("*/*.json")):
        url = json.loads(path.read_text(encoding="utf-8")).get("url") or ""
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        found.setdefault(("", host), {"url": url, "set": "basil"})
    return found


HALVES = {"tune": 0, "report": 1}


def half_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return "tune" if int(hashlib.sha1(host.encode()).hexdigest(), 16) % 2 == HALVES["tune"] else "report"


def main(root: str, out: str, half: str = "") -> None:
    if half and half not in HALVES:
        raise SystemExit(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    records = [*abp_records(Path(root)).values(), *basil_records(Path(root)).values()]
    records = [r for r in records if not half or half_of(r["url"]) == half]
    Path(out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} records -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
