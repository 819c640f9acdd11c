"""Audit the media-bias section of every story in a database built from real pages.

For each story whose brief lists at least ``--min-outlets`` original outlets, check that its media-bias
section counts coverage by country, language and ownership; that every count equals the outlets named
behind it; that every state-controlled source is named; that no country appears as a bare code or
"UNKNOWN"; and that a family counts once among the independent outlets. Prints one line per problem and,
last, one JSON object with the totals.

    parallax ingest PAGES.jsonl --db /tmp/s.db && parallax run --db /tmp/s.db
    PYTHONPATH=src python bench/outlets/media_bias_audit.py /tmp/s.db
"""

from __future__ import annotations

import argparse
import json
import re

from parallax.cli.console import settings_from, store_for

FACETS = ("by_country", "by_language", "by_ownership")
_CODE = re.compile(r"^[A-Z]{2}$")


def _originals(body: dict) -> list[dict]:
    return [s["outlet"] for s in body.get("sources", []) if not s.get("reprint_of")]


def problems(body: dict) -> list[str]:
    """What reads wrong in one brief's media-bias section ([] when nothing does)."""
    section = (body.get("sections") or {}).get("media_bias")
    if not section:
        return ["no media-bias section"]
    coverage, found = section["coverage"], []
    for facet in FACETS:
        named = coverage.get("outlets", {}).get(facet, {})
        if not coverage.get(facet):
            found.append(f"no counts {facet}")
        found += [f"{facet} {label}: {n} counted, {len(named.get(label, []))} named"
                  for label, n in coverage.get(facet, {}).items() if n != len(named.get(label, []))]
    found += [f"country shown as {label!r}" for label in coverage.get("by_country", {})
              if _CODE.match(label) or label.upper() == "UNKNOWN"]
    state = {o["name"] for o in _originals(body) if o.get("ownership") == "state"}
    listed = " ".join(coverage.get("state_outlets", []))
    found += [f"state outlet {name} not named" for name in sorted(state) if name not in listed]
    families = {o.get("family") or o["name"] for o in _originals(body)}
    if coverage.get("independent_outlets") != len(families):
        found.append(f"{coverage.get('independent_outlets')} independent outlets, {len(families)} voices")
    return found


def audit(db: str, min_outlets: int) -> dict:
    store = store_for(settings_from(db=db), must_exist=True)
    totals = {"stories": 0, "audited": 0, "with_problems": 0, "with_state_outlets": 0, "with_families": 0}
    for story_id in store.story_ids():
        stored = store.brief(story_id)
        totals["stories"] += 1
        if stored is None or len({o["name"] for o in _originals(stored.body)}) < min_outlets:
            continue
        totals["audited"] += 1
        coverage = ((stored.body.get("sections") or {}).get("media_bias") or {}).get("coverage", {})
        totals["with_state_outlets"] += bool(coverage.get("state_outlets"))
        totals["with_families"] += coverage.get("all_outlets", 0) > coverage.get("independent_outlets", 0)
        found = problems(stored.body)
        totals["with_problems"] += bool(found)
        for problem in found:
            print(f"{story_id}: {problem}")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="database path or URL")
    parser.add_argument("--min-outlets", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(audit(args.db, args.min_outlets)))


if __name__ == "__main__":
    main()
