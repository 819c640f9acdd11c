"""A person's gender from their first name, where the article itself shows none.

News turns from "…,” Cynthia Burgiss said." to "“…,” she said." without ever
writing "Ms. Burgiss": the pronoun is hers because Cynthia is a woman's name.
The table is the US Census Bureau's 1990 first-name frequencies (public domain),
as the ``names`` package ships them: the share of men and of women who bear each
name. A name is taken for one gender only when it is at least ``SURE`` times as
common among them as among the other ("Kelly", "Leslie" and "Jordan" are no
one's); a name the census does not list ("Barack", "Mitt") is unknown.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from parallax.errors import ModelError

FILES = {"m": "dist.male.first", "f": "dist.female.first"}
SURE = 5.0  # how many times as common among one gender a name must be to tell it


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Lower-case first name → "m" or "f", for the names one gender bears ``SURE`` times as often."""
    shares: dict[str, dict[str, float]] = {}
    for gender, file in FILES.items():
        try:
            lines = resources.files("names").joinpath(file).read_text(encoding="ascii").splitlines()
        except (ModuleNotFoundError, FileNotFoundError) as exc:
            raise ModelError(f"the first-name table {file} of the names package is missing ({exc}); pip install "
                             "the pinned package") from exc
        for line in lines:
            name, share, *_ = line.split()
            shares.setdefault(name.lower(), {})[gender] = float(share)
    return {name: g for name, by in shares.items() for g, share in by.items()
            if share >= SURE * by.get("f" if g == "m" else "m", 0.0)}


def gender_of(first: str) -> str | None:
    """"m" or "f" for a first name the census ties to one gender; None for any other word."""
    return _table().get(first.lower().strip(".")) if first else None
