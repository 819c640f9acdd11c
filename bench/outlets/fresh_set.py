"""The fresh held-out set's records for ``parallax eval outlets``: one JSON line per page of ``fresh_pages.tsv``.

    python bench/outlets/fresh_set.py bench/outlets/fresh_pages.tsv /tmp/fresh.jsonl
    parallax eval outlets /tmp/fresh.jsonl --gold bench/outlets/gold_fresh.csv --half fresh

Each record carries the url, its host as the outlet (as real_news_dev's records do), the page's language and the
event; no page text (the pages stay outside the repository).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit


def records(tsv: Path) -> list[dict]:
    found = []
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            story, language, query, url = line.split("\t")
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            found.append({"url": url, "outlet": host, "language": language, "story": story, "query": query})
    return found


if __name__ == "__main__":
    rows = records(Path(sys.argv[1]))
    Path(sys.argv[2]).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} records -> {sys.argv[2]}")
