"""What ships with parallax: the outlet catalog, country names, the demo corpus, small trained weights.

Every weights file is checked against a pinned sha256 before it is loaded: ``verify_file``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from parallax.errors import ModelError


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file at ``path``, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path, expected: str, what: str) -> Path:
    """``path`` when it exists and has the ``expected`` sha256; ``ModelError`` naming ``what`` otherwise."""
    if not Path(path).is_file():
        raise ModelError(f"{path}: {what} is missing")
    actual = file_sha256(path)
    if actual != expected:
        raise ModelError(f"{path}: {what} has sha256 {actual}, not the pinned {expected}")
    return Path(path)


def verify_with_card(weights: Path, card: Path, what: str) -> Path:
    """Verify ``weights`` against the sha256 its ``model.json`` card records."""
    if not Path(card).is_file():
        raise ModelError(f"{card}: the card of the {what} is missing")
    return verify_file(weights, json.loads(Path(card).read_text(encoding="utf-8"))["sha256"], what)


COUNTRIES_FILE = Path(__file__).with_name("countries.csv")
PLACES_FILE = Path(__file__).with_name("places.tsv.gz")  # the gazetteer, built by train/build_places.py
DEMONYMS_FILE = Path(__file__).with_name("demonyms.tsv")  # built by train/build_demonyms.py
PLACE_FIELDS = 6  # name, id, country, kind, population, the name folded when looked for in domains


def logistic_weights(path: Path, features: tuple[str, ...], what: str, trainer: str, some: bool = False) -> dict:
    """Shipped weights of a logistic model, {"features": [...], "coef": [...], "threshold": p}; a file
    that cannot be read, or was fitted on other features than ``features``, is a ModelError. With ``some``, the file
    may weigh any of ``features`` (a head fitted before a feature was added names the ones it weighs), never one
    outside them."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{what} {path} unreadable: {exc}") from exc
    named = tuple(found.get("features", ()))
    fits = bool(named) and set(named) <= set(features) if some else named == features
    if not fits or len(found.get("coef", ())) != len(named):
        raise ModelError(f"{what} {path} was trained on other features; retrain it ({trainer})")
    return found


def logistic(values: tuple[float, ...], coef: list[float]) -> float:
    """The probability a logistic model with weights ``coef`` gives these feature values."""
    z = sum(w * x for w, x in zip(coef, values))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def gazetteer() -> Iterator[tuple[str, ...]]:
    """Every row of the gazetteer: (name, id, country, kind, population, name in domains), as written."""
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                fields = line.rstrip("\n").split("\t")
                yield tuple(fields + [""] * (PLACE_FIELDS - len(fields)))[:PLACE_FIELDS]


@cache
def _user_assigned_rows() -> tuple[tuple[str, str, str], ...]:
    """(code, name, demonym) of the user-assigned countries in ``countries.csv``."""
    rows = COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()[1:]
    cells = ([c.strip() for c in row.split(",")] + ["", ""] for row in rows if row.strip())
    return tuple((c[0].upper(), c[1], c[2]) for c in cells)


def _user_assigned_countries() -> dict[str, str]:
    return {code: name for code, name, _ in _user_assigned_rows()}


def user_assigned_demonyms() -> dict[str, str]:
    """Demonym → code of the user-assigned countries ("Eskerian" → "XE")."""
    return {demonym: code for code, _, demonym in _user_assigned_rows() if demonym}


@cache
def demonym_pairs() -> tuple[tuple[str, str], ...]:
    """(place, demonym) pairs: ``demonyms.tsv`` ("Iran", "Iranian") and the user-assigned countries."""
    rows = DEMONYMS_FILE.read_text(encoding="utf-8").splitlines()
    pairs = [tuple(row.split("\t")[:2]) for row in rows if row.strip() and not row.startswith("#")]
    pairs += [(name, demonym) for _, name, demonym in _user_assigned_rows() if demonym]
    return tuple(pair for pair in pairs if len(pair) == 2 and all(pair))


@cache
def country_names() -> dict[str, str]:
    """Code → English name of every country babel knows, with the user-assigned ones."""
    from babel import Locale

    known = {code: name for code, name in Locale("en").territories.items() if code.isalpha() and len(code) == 2}
    return {**known, **_user_assigned_countries()}


def country_name(code: str | None) -> str:
    """The English name of an ISO 3166 country code ("GB" → "United Kingdom"), the code when none is known.

    Names come from the Unicode CLDR through babel; the user-assigned codes (XA–XZ…), which the
    demo corpus uses for its fictional countries, from ``countries.csv``.
    """
    key = (code or "").strip().upper()
    return country_names().get(key, key)


@cache
def language_names() -> dict[str, str]:
    """ISO 639 code → English name of every language babel knows."""
    from babel import Locale

    return {code: name for code, name in Locale("en").languages.items() if code.isalpha()}


def language_name(code: str | None) -> str:
    """The English name of a language code ("de" → "German", "pt-BR" → "Portuguese"); the code when unknown."""
    key = (code or "").strip().replace("_", "-")
    names = language_names()
    return names.get(key.lower()) or names.get(key.split("-")[0].lower()) or key
