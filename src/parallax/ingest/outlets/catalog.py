"""The outlet catalog: outlets looked up by name (edition labels ignored) or by host (mirrors included).

The bundled catalog is ``parallax/data/outlets/world.csv`` (outlets written from public facts) with
``reliability.csv`` (leaning and factual-reporting labels imported from a public dataset, keyed by
domain). Extra CSV files load after them; a later row replaces an earlier one with the same name or
domain. A row's ``domains`` may hold mirror patterns (``sputniknews.*``, ``rtde.*``) and its
``formerly`` column the names and domains it used before a rename.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from fnmatch import fnmatchcase
from importlib import resources
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process

from parallax.errors import ConfigError
from parallax.ingest.outlets.hosts import parse_host
from parallax.ingest.outlets.rows import DOMAIN, CatalogRow, parse_rows
from parallax.models import Outlet

BUNDLED = "parallax/data/outlets/world.csv"
RELIABILITY = "parallax/data/outlets/reliability.csv"
DOMAIN_COUNTRIES = "parallax/data/outlets/domain_countries.csv"  # optional: `parallax outlets import-countries`
# words that label a section or edition of an outlet rather than the outlet itself
_DESCRIPTORS = re.compile(r"(news|online|opinion|web|editorial|english)+$")
# A name no tier matches exactly may still be a catalog name spelt a little differently ("Maghreb Arabe
# Presse" for "Maghreb Arabe Press", "Sueddeutsche" for "Süddeutsche"): its folded key must be this similar
# (difflib's ratio, 2 x matching characters / both lengths) to one row's, clearly more than to any other,
# and long enough that one letter is a small part of it. Chosen before any set was measured.
NEAR, NEAR_MARGIN, NEAR_MIN_LENGTH = 0.9, 0.03, 8


@dataclass(frozen=True)
class Reliability:
    """Leaning and factual reporting of a domain, as a public dataset labels them."""

    domain: str
    leaning: str
    factual: str
    dataset: str  # the dataset and file the labels come from


@dataclass(frozen=True)
class Match:
    """A catalog row and how it was found ('the domain bbc.co.uk', "formerly named 'Russia Today'")."""

    row: CatalogRow
    how: str
    renamed: bool = False
    confidence: float = 1.0  # below 1 when a name was matched by spelling, not exactly


def _loose_key(name: str) -> str:
    """'The New York Times (Opinion)', 'New York Times - News' -> 'newyorktimes'."""
    text = re.sub(r"\(.*?\)", " ", name.lower().replace("&", " and "))
    text = re.split(r"\s+[-–—|]\s+", text)[0].replace(".com", "")
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[\W_]+", "", text) or name.strip().lower()


def _looser_key(name: str) -> str:
    """The loose key less a trailing section word: 'Fox Online News' -> 'fox'."""
    key = _loose_key(name)
    return _DESCRIPTORS.sub("", key) or key


def _folded_key(name: str) -> str:
    """The loose key in ASCII letters: 'Süddeutsche Zeitung' -> 'suddeutschezeitung'."""
    return re.sub(r"[^a-z0-9]", "", anyascii(_loose_key(name)).lower())


# (which names of a row to index, how to key them, whether they are former names), most exact first
_NAME_TIERS = (
    (lambda row: [row.outlet.name], str.lower, False),
    (lambda row: [row.outlet.name], _loose_key, False),
    (lambda row: row.aliases, _loose_key, False),
    (lambda row: [row.outlet.name, *row.aliases], _looser_key, False),
    (lambda row: [n for n in row.formerly if not DOMAIN.match(n.lower())], _loose_key, True),
)


def _as_row(entry: CatalogRow | Outlet | tuple) -> CatalogRow:
    if isinstance(entry, CatalogRow):
        return entry
    if isinstance(entry, Outlet):
        return CatalogRow(entry)
    outlet, aliases = entry
    extra = tuple(a.lower().removeprefix("www.") for a in aliases if DOMAIN.match(a.lower()))
    return CatalogRow(outlet, tuple(aliases), extra)


class OutletCatalog:
    """Outlets by name or host, and dataset labels by domain."""

    def __init__(self, entries: Iterable[CatalogRow | Outlet | tuple] = (),
                 reliability: Mapping[str, Reliability] | None = None,
                 countries: Mapping[str, tuple[str, str]] | None = None):
        self._rows: dict[str, CatalogRow] = {}
        self._by_domain: dict[str, set[str]] = {}  # domain -> keys of the rows with that domain
        for entry in entries:
            self._add(_as_row(entry))
        self._reliability = dict(reliability or {})
        self._countries = dict(countries or {})  # domain -> (ISO country, dataset)
        self._hosts: dict[str, Match] = {}
        self._patterns: list[tuple[str, Match]] = []
        for row in self._rows.values():
            self._index_hosts(row)
        self._tiers = [(key, former, self._index(names, key)) for names, key, former in _NAME_TIERS]
        self._near: dict[str, CatalogRow | None] = self._index(lambda r: [r.outlet.name, *r.aliases], _folded_key)
        self._near_keys = list(self._near)
        self._near_found: dict[str, Match | None] = {}

    def _add(self, row: CatalogRow) -> None:
        outlet, key = row.outlet, row.outlet.name.lower()
        stale = {key, *(self._by_domain.get(outlet.domain, ()) if outlet.domain else ())}
        for old in stale & self._rows.keys():  # a later row replaces by name or domain
            if domain := self._rows.pop(old).outlet.domain:
                self._by_domain[domain].discard(old)
        self._rows[key] = row
        if outlet.domain:
            self._by_domain.setdefault(outlet.domain, set()).add(key)

    def _index_hosts(self, row: CatalogRow) -> None:
        for host in [row.outlet.domain, *row.domains]:
            if "*" in host:
                self._patterns.append((host, Match(row, f"the mirror pattern {host}")))
            elif host:
                self._hosts.setdefault(host, Match(row, f"the domain {host}"))
        for former in row.formerly:
            if DOMAIN.match(former.lower()):
                self._hosts.setdefault(former.lower(), Match(row, f"its former domain {former.lower()}", True))

    def _index(self, names, key) -> dict[str, CatalogRow | None]:
        index: dict[str, CatalogRow | None] = {}
        for row in self._rows.values():
            for k in {key(n) for n in names(row)}:
                index[k] = row if k not in index or index[k] is row else None  # None: ambiguous
        return index

    def __len__(self) -> int:
        return len(self._rows)

    def all(self) -> list[Outlet]:
        """Every outlet, sorted by name."""
        return sorted((r.outlet for r in self._rows.values()), key=lambda o: o.name.lower())

    def rows(self) -> list[CatalogRow]:
        return sorted(self._rows.values(), key=lambda r: r.outlet.name.lower())

    def match_name(self, name: str) -> Match | None:
        """The row called ``name``: exact (any case), then loosely, then by alias, then by former name."""
        for key, former, index in self._tiers:
            if row := index.get(key(name.strip())):
                how = f"formerly named {name.strip()!r}" if former else f"the name {name.strip()!r}"
                return Match(row, how, former)
        return self._near_match(name.strip())

    def _near_match(self, name: str) -> Match | None:
        """The one row whose name is spelt nearly as ``name`` is, with the similarity as the confidence."""
        key = _folded_key(name)
        if len(key) < NEAR_MIN_LENGTH:
            return None
        if key not in self._near_found:
            self._near_found[key] = self._nearest(name, key)
        return self._near_found[key]

    def _nearest(self, name: str, key: str) -> Match | None:
        # rapidfuzz's ratio (2·LCS/length) bounds difflib's from above: a name under NEAR - NEAR_MARGIN there can
        # neither match nor stand close behind the best, so only the names above it are scored exactly
        close = process.extract(key, self._near_keys, scorer=fuzz.ratio, limit=None,
                                score_cutoff=100 * (NEAR - NEAR_MARGIN) - 0.1)
        scored = sorted(((_similarity(key, k), k, row) for k, _, _ in sorted(close, key=lambda c: c[2]) if (row := self._near[k]) is not None
                         and abs(len(k) - len(key)) <= len(key) * (1 - NEAR)), key=lambda x: -x[0])
        if not scored or scored[0][0] < NEAR:
            return None
        best, _, row = scored[0]
        if len(scored) > 1 and scored[1][0] > best - NEAR_MARGIN and scored[1][2] is not row:
            return None  # two rows are about as close: say neither
        return Match(row, f"the name {name!r}, spelt nearly as {row.outlet.name!r} ({best:.2f})", confidence=best)

    def match_url(self, url: str) -> Match | None:
        """The row whose domain, mirror pattern or former domain is the host or a parent of it."""
        parents = parse_host(url).parents()
        for host in parents:
            if found := self._hosts.get(host):
                return found
        return next((m for host in parents for pattern, m in self._patterns if fnmatchcase(host, pattern)), None)

    def by_name(self, name: str) -> Outlet | None:
        found = self.match_name(name)
        return found.row.outlet if found else None

    def for_url(self, url: str) -> Outlet | None:
        found = self.match_url(url)
        return found.row.outlet if found else None

    def match(self, name_or_url: str) -> Match | None:
        """``match_name``, else ``match_url`` when the text is a URL or a bare domain."""
        text = name_or_url.strip()
        if not text:
            return None
        if "://" in text:
            return self.match_url(text)
        return self.match_name(text) or (self.match_url(text) if DOMAIN.match(text.lower()) else None)

    def resolve(self, name_or_url: str) -> Outlet | None:
        found = self.match(name_or_url)
        return found.row.outlet if found else None

    def domain_country(self, url: str) -> tuple[str, str] | None:
        """(country, dataset) a domain-by-country dataset gives the URL's host or its nearest parent."""
        return next((c for h in parse_host(url).parents() if (c := self._countries.get(h))), None)

    def reliability(self, url: str) -> Reliability | None:
        """The dataset labels of the URL's host or its nearest parent domain."""
        return next((r for h in parse_host(url).parents() if (r := self._reliability.get(h))), None)


def _similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return round(matcher.ratio(), 3) if matcher.real_quick_ratio() >= NEAR else 0.0


def _bundled_text(path: str) -> str:
    found = resources.files("parallax").joinpath(path.removeprefix("parallax/"))
    return found.read_text(encoding="utf-8") if found.is_file() else ""


def load_domain_countries(text: str) -> dict[str, tuple[str, str]]:
    """``domain,country,dataset`` rows by domain (empty text: none)."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return {r["domain"]: (r["country"], r["dataset"]) for r in csv.DictReader(io.StringIO("\n".join(lines)))}


def load_reliability(text: str) -> dict[str, Reliability]:
    """``domain,leaning,factual,dataset`` rows (see the catalog README) by domain."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)))
    return {r["domain"]: Reliability(r["domain"], r["leaning"], r["factual"], r["dataset"]) for r in rows}


def load_catalog(*extra_csvs: Path) -> OutletCatalog:
    """The bundled catalog, then each extra CSV in order (later rows override earlier ones)."""
    rows = parse_rows(_bundled_text(BUNDLED), BUNDLED)
    for path in extra_csvs:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read outlet catalog: {exc}") from None
        rows += parse_rows(text, str(path))
    return OutletCatalog(rows, load_reliability(_bundled_text(RELIABILITY)),
                         load_domain_countries(_bundled_text(DOMAIN_COUNTRIES)))
