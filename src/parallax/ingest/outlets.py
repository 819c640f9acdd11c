"""The outlet catalog: who publishes, from where, owned how, leaning which way.

A CSV with columns ``domain,name,country,language,ownership,leaning,description``
and an optional ``aliases`` column (other names, separated by ``|``). The bundled
catalog (``parallax/data/outlets.csv``) loads first; extra files override it by
name or domain, row by row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from parallax.errors import ConfigError
from parallax.models import LEANINGS, OWNERSHIP_KINDS, Outlet

COLUMNS = ("domain", "name", "country", "language", "ownership", "leaning", "description")
BUNDLED = "parallax/data/outlets.csv"

_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
# words that label a section or edition of an outlet rather than the outlet itself
_DESCRIPTORS = re.compile(r"(news|online|opinion|web|editorial|english)+$")

Entry = tuple[Outlet, tuple[str, ...]]  # an outlet and its aliases


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


# (which names of an entry to index, how to key them), most exact first
_NAME_TIERS = (
    (lambda outlet, aliases: [outlet.name], str.lower),
    (lambda outlet, aliases: [outlet.name], _loose_key),
    (lambda outlet, aliases: aliases, _loose_key),
    (lambda outlet, aliases: [outlet.name, *aliases], _looser_key),
)


def _domains(outlet: Outlet, aliases: Sequence[str]) -> list[str]:
    """The outlet's domain and any alias that is a domain (bbc.co.uk and bbc.com)."""
    extra = [a.lower().removeprefix("www.") for a in aliases if _DOMAIN.match(a.lower())]
    return [d for d in (outlet.domain, *extra) if d]


def _host_of(url: str) -> str:
    """The host of a URL or bare domain, without a leading www."""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


class OutletCatalog:
    """Outlets looked up by name (case and edition labels ignored) or by URL domain."""

    def __init__(self, entries: Iterable[Entry | Outlet] = ()):
        self._entries: dict[str, Entry] = {}
        for entry in entries:
            self._add(entry if isinstance(entry, tuple) else (entry, ()))
        self._by_domain = {d: o for o, aliases in self._entries.values() for d in _domains(o, aliases)}
        self._tiers = [(key, self._index(names, key)) for names, key in _NAME_TIERS]

    def _add(self, entry: Entry) -> None:
        outlet = entry[0]
        for key, (old, _) in list(self._entries.items()):  # a later row replaces by name or domain
            if key == outlet.name.lower() or (outlet.domain and old.domain == outlet.domain):
                del self._entries[key]
        self._entries[outlet.name.lower()] = entry

    def _index(self, names, key) -> dict[str, Outlet | None]:
        index: dict[str, Outlet | None] = {}
        for outlet, aliases in self._entries.values():
            for k in {key(n) for n in names(outlet, aliases)}:
                index[k] = outlet if k not in index else None  # None marks an ambiguous key
        return index

    def __len__(self) -> int:
        return len(self._entries)

    def all(self) -> list[Outlet]:
        """Every outlet, sorted by name."""
        return sorted((o for o, _ in self._entries.values()), key=lambda o: o.name.lower())

    def by_name(self, name: str) -> Outlet | None:
        """The outlet called ``name``: exact (any case), then ignoring labels like '(Online News)'."""
        for key, index in self._tiers:
            if found := index.get(key(name.strip())):
                return found
        return None

    def for_url(self, url: str) -> Outlet | None:
        """The outlet whose domain is the URL's host or a parent of it (news.bbc.co.uk -> bbc.co.uk)."""
        labels = _host_of(url).split(".")
        for start in range(len(labels) - 1):
            if found := self._by_domain.get(".".join(labels[start:])):
                return found
        return None

    def resolve(self, name_or_url: str) -> Outlet | None:
        """``by_name``, else ``for_url`` when the text is a URL or a bare domain."""
        text = name_or_url.strip()
        if not text:
            return None
        if "://" in text:
            return self.for_url(text)
        found = self.by_name(text)
        if found is None and _DOMAIN.match(text.lower()):
            found = self.for_url(text)
        return found


def load_catalog(*extra_csvs: Path) -> OutletCatalog:
    """The bundled catalog, then each extra CSV in order (later rows override earlier ones)."""
    bundled = resources.files("parallax").joinpath("data/outlets.csv").read_text(encoding="utf-8")
    entries = parse_catalog(bundled, BUNDLED)
    for path in extra_csvs:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read outlet catalog: {exc}") from None
        entries += parse_catalog(text, str(path))
    return OutletCatalog(entries)


def parse_catalog(text: str, origin: str) -> list[Entry]:
    """Rows of a catalog CSV; ``ConfigError`` names ``origin:LINE`` and the valid values."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise ConfigError(f"{origin}: missing columns {', '.join(missing)}; expected {','.join(COLUMNS)}[,aliases]")
    rows = (row for row in reader if any((v or "").strip() for v in row.values() if isinstance(v, str)))
    return [_entry(row, f"{origin}:{reader.line_num}") for row in rows]


def _entry(row: dict[str, str], where: str) -> Entry:
    value = {k: (row.get(k) or "").strip() for k in (*COLUMNS, "aliases")}
    if not value["name"]:
        raise ConfigError(f"{where}: the name is empty")
    domain = value["domain"].lower().removeprefix("www.")
    if domain and not _DOMAIN.match(domain):
        raise ConfigError(f"{where}: domain {value['domain']!r} is not a host name like example.com")
    _check_choice(where, "ownership", value["ownership"], OWNERSHIP_KINDS)
    _check_choice(where, "leaning", value["leaning"], LEANINGS)
    _check_code(where, "country", value["country"], "an ISO 3166-1 alpha-2 code like GB")
    _check_code(where, "language", value["language"], "an ISO 639-1 code like en")
    outlet = Outlet(name=value["name"], domain=domain, country=value["country"].upper(),
                    language=value["language"].lower(), ownership=value["ownership"], leaning=value["leaning"],
                    description=value["description"])
    return outlet, tuple(a.strip() for a in value["aliases"].split("|") if a.strip())


def _check_choice(where: str, column: str, value: str, valid: Sequence[str]) -> None:
    if value and value not in valid:
        raise ConfigError(f"{where}: {column} {value!r} is not valid; valid: {', '.join(valid)} (or blank)")


def _check_code(where: str, column: str, value: str, expected: str) -> None:
    if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise ConfigError(f"{where}: {column} {value!r} is not {expected} (or blank)")
