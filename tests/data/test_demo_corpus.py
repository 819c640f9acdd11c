"""The bundled demo corpus: well-formed records that the rest of parallax can rely on.

Checks every ``src/parallax/data/demo/articles_*.jsonl`` file against the outlet
catalog ``outlets.csv`` beside it.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import parallax
from parallax.models import LEANINGS, OWNERSHIP_KINDS

DEMO = Path(parallax.__file__).parent / "data" / "demo"
REQUIRED = ("title", "text", "url", "outlet", "published", "story")
OUTLET_COLUMNS = ["domain", "name", "country", "language", "ownership", "leaning", "description"]
FOLLOWUP = "-followup"


def _outlets() -> list[dict[str, str]]:
    with open(DEMO / "outlets.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _records() -> list[tuple[str, dict]]:
    """(``file:line``, record) for every line of every articles file."""
    found = []
    for path in sorted(DEMO.glob("articles_*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found.append((f"{path.name}:{number}", json.loads(line)))
    return found


@pytest.fixture(scope="module")
def outlets() -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in _outlets()}


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return [record for _, record in _records()]


def test_outlet_catalog_has_expected_columns_and_unique_keys():
    with open(DEMO / "outlets.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == OUTLET_COLUMNS
    rows = _outlets()
    assert len({r["name"] for r in rows}) == len(rows)
    assert len({r["domain"] for r in rows}) == len(rows)


def test_outlet_rows_use_known_ownership_leaning_and_codes():
    for row in _outlets():
        assert row["ownership"] in OWNERSHIP_KINDS, row["name"]
        assert row["leaning"] in LEANINGS + ("",), row["name"]
        assert len(row["country"]) == 2 and row["country"].isupper(), row["name"]
        assert len(row["language"]) == 2 and row["language"].islower(), row["name"]
        assert row["domain"].endswith(".example"), row["name"]
        assert row["description"].strip(), row["name"]


def test_every_line_is_a_json_object_with_required_keys():
    records = _records()
    assert records, f"no articles_*.jsonl in {DEMO}"
    for where, record in records:
        missing = [k for k in REQUIRED if not isinstance(record.get(k), str) or not record[k].strip()]
        assert not missing, f"{where}: missing or empty {missing}"


def test_every_outlet_is_in_the_catalog_and_owns_the_url(articles, outlets):
    for a in articles:
        assert a["outlet"] in outlets, f"{a['url']}: unknown outlet {a['outlet']!r}"
        assert urlsplit(a["url"]).hostname == outlets[a["outlet"]]["domain"], a["url"]


def test_urls_are_https_on_example_domains_and_unique(articles):
    urls = [a["url"] for a in articles]
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.hostname.endswith(".example"), url
    assert len(set(urls)) == len(urls), "duplicate URLs"


def test_published_dates_parse_as_iso_days(articles):
    for a in articles:
        assert len(a["published"]) == 10, a["url"]
        date.fromisoformat(a["published"])


def test_articles_are_long_enough_and_in_paragraphs(articles):
    for a in articles:
        assert len(a["text"].split()) >= 120, f"{a['url']}: too short"
        assert a["text"].count("\n\n") >= 2, f"{a['url']}: fewer than 3 paragraphs"


def test_corpus_is_broad_enough(articles, outlets):
    used = {a["outlet"] for a in articles}
    events = {a["story"] for a in articles if not a["story"].endswith(FOLLOWUP)}
    assert len(articles) >= 60
    assert len(used) >= 12
    assert len(events) >= 10
    assert len({outlets[name]["country"] for name in used}) >= 4
    assert "state" in {outlets[name]["ownership"] for name in used}


def test_each_followup_comes_weeks_after_its_event(articles):
    firsts: dict[str, date] = {}
    for a in articles:
        if not a["story"].endswith(FOLLOWUP):
            day = date.fromisoformat(a["published"])
            firsts[a["story"]] = min(day, firsts.get(a["story"], day))
    for a in (a for a in articles if a["story"].endswith(FOLLOWUP)):
        key = a["story"].split("-")[0] + "-"
        events = [s for s in firsts if s.startswith(key)]
        assert len(events) == 1, f"{a['url']}: follow-up matches events {events}"
        gap = (date.fromisoformat(a["published"]) - firsts[events[0]]).days
        assert 14 <= gap <= 60, f"{a['url']}: {gap} days after its event"


def _reprints_wire(article: dict, wire: dict) -> bool:
    """Whether most of the wire story's paragraphs appear verbatim in the article."""
    paragraphs = wire["text"].split("\n\n")
    kept = sum(p in article["text"] for p in paragraphs)
    return kept >= 0.75 * len(paragraphs)


def test_wire_copy_is_reprinted_for_several_events(articles):
    wire = [a for a in articles if a["outlet"] == "Continental Press Service"]
    reprinted = {
        w["story"]
        for w in wire
        for a in articles
        if a is not w and a["outlet"] != w["outlet"] and _reprints_wire(a, w)
    }
    assert len(reprinted) >= 3, f"wire copies reprinted for only {sorted(reprinted)}"
