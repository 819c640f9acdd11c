"""The claims × outlets grid: which outlet asserts, disputes or leaves out each key claim."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Brief field -> the word a cell shows (text, so the grid never relies on colour alone).
STANCES = (("asserted_by", "asserts"), ("disputed_by", "disputes"), ("omitted_by", "omits"))


@dataclass(frozen=True)
class ClaimRow:
    number: int
    text: str
    cells: tuple[tuple[str, ...], ...]  # one per outlet column: its stances, () when not assessed


@dataclass(frozen=True)
class ClaimsGrid:
    outlets: tuple[str, ...]
    rows: tuple[ClaimRow, ...]

    def as_json(self) -> dict:
        rows = [{"claim": r.number, "text": r.text,
                 "stances": {o: list(c) for o, c in zip(self.outlets, r.cells, strict=True)}} for r in self.rows]
        return {"outlets": list(self.outlets), "rows": rows}


def claims_grid(claims: Any, source_outlets: Sequence[str] = ()) -> ClaimsGrid | None:
    """The grid for a brief's ``key_claims``; None when no claim names any outlet.

    Columns are the outlets the claims name, in the order of the brief's sources, then by name.
    """
    items = [c for c in claims if isinstance(c, Mapping)] if isinstance(claims, list) else []
    named = {outlet for claim in items for outlet in _named(claim)}
    if not named:
        return None
    order = {name: i for i, name in enumerate(dict.fromkeys(source_outlets))}
    outlets = tuple(sorted(named, key=lambda o: (order.get(o, len(order)), o)))
    rows = tuple(
        ClaimRow(n, str(claim.get("text", "")), tuple(_stances(claim, o) for o in outlets))
        for n, claim in enumerate(items, start=1)
    )
    return ClaimsGrid(outlets, rows)


def _named(claim: Mapping) -> Iterable[str]:
    for key, _ in STANCES:
        values = claim.get(key)
        if isinstance(values, list):
            yield from (str(v) for v in values if v)


def _stances(claim: Mapping, outlet: str) -> tuple[str, ...]:
    return tuple(word for key, word in STANCES if outlet in (claim.get(key) or []))
