"""Feed lists as OPML 2.0, both ways: subscribed feeds with their outlets' facts as outline attributes.

An outline with an ``xmlUrl`` is a subscription. parallax reads ``text`` (the outlet's name,
unless an ``outlet`` attribute names it), ``title`` (the feed's title), ``htmlUrl`` (the
outlet's site, so its domain) and the outlet facts ``country``, ``language``, ``ownership``
and ``leaning``; every other attribute is kept as it was and written back, as are the folders
(outlines without ``xmlUrl``) and the order. So ``read_opml(write_opml(...))`` gives back
what was read: exporting, importing into another database and exporting again changes nothing.

A file with any bad outline is refused whole (``InputError`` naming the file and the outline),
so a broken list never leaves half of itself in the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from parallax.errors import InputError
from parallax.ingest.feeds import refuse_declarations
from parallax.ingest.outlets.hosts import parse_host
from parallax.models import LEANINGS, Outlet, OutletFact
from parallax.store.base import FeedState, Store, Subscription
from parallax.text.fingerprint import domain_of

FACTS = ("country", "language", "ownership", "leaning")
_READ = {"text", "title", "xmlUrl", "outlet", *FACTS}
_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_OWNERSHIP = re.compile(r"[a-z][a-z-]*")
LIST_TITLE = "parallax subscriptions"


@dataclass(frozen=True)
class FeedList:
    """What an OPML file subscribes to, and the outlets it describes (by name)."""

    subscriptions: tuple[Subscription, ...]
    outlets: tuple[Outlet, ...]


def read_opml(raw: bytes, name: str) -> FeedList:
    """The subscriptions and outlet facts of an OPML document; ``InputError`` naming ``name`` and the problem."""
    refuse_declarations(raw, name)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(name, f"not well-formed XML (line {line}, column {column})") from None
    body = root.find("body") if root.tag == "opml" else None
    if body is None:
        raise InputError(name, "not an OPML document: no <opml> root with a <body>")
    subscriptions, outlets = [], {}
    for folders, outline in _outlines(body, ()):
        where = f"{name}: outline {outline.get('text') or outline.get('xmlUrl')!r}"
        subscription, outlet = _subscription(outline, folders, len(subscriptions), where)
        if outlet is not None:
            outlet = _own_site(outlet, outlets.get(outlet.name))
            subscription = replace(subscription, outlet=outlet.name)
            outlets[outlet.name] = outlet
        subscriptions.append(subscription)
    if not subscriptions:
        raise InputError(name, "no outline with an xmlUrl: nothing to subscribe to")
    return FeedList(tuple(_unique(subscriptions, name)), tuple(outlets.values()))


def _own_site(outlet: Outlet, before: Outlet | None) -> Outlet:
    """``outlet``, told apart by its site when the list gave its name to another site before: two sites never
    share one row (nor overwrite each other's facts) because a list names them alike."""
    site = parse_host(outlet.domain).registrable
    if before is None or not site or not before.domain or parse_host(before.domain).registrable == site:
        return outlet
    return replace(outlet, name=f"{outlet.name} ({site})")


def _outlines(parent: ET.Element, folders: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], ET.Element]]:
    for outline in parent.findall("outline"):
        if outline.get("xmlUrl") is not None:
            yield folders, outline
        else:
            yield from _outlines(outline, (*folders, outline.get("text") or outline.get("title") or ""))


def _subscription(outline: ET.Element, folders: tuple[str, ...], position: int,
                  where: str) -> tuple[Subscription, Outlet | None]:
    url = outline.get("xmlUrl", "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise InputError(where, f"xmlUrl {url!r} is not an http:// or https:// URL")
    facts = {k: outline.get(k, "").strip() for k in FACTS}
    _check_facts(facts, where)
    named = outline.get("outlet") if "outlet" in outline.attrib else outline.get("text")
    outlet_name = (named or "").strip()
    kept = tuple((k, v) for k, v in outline.attrib.items() if k not in _READ)
    subscription = Subscription(url, outline.get("title", ""), outlet_name, folders, position, kept)
    site = outline.get("htmlUrl", "")
    outlet = Outlet(outlet_name, domain_of(site) if site else "", **facts) if outlet_name else None
    return subscription, outlet


def _check_facts(facts: Mapping[str, str], where: str) -> None:
    checks = {"country": (_COUNTRY, "an ISO 3166 code like GB"), "language": (_LANGUAGE, "a language code like en"),
              "ownership": (_OWNERSHIP, "a word like state or private")}
    for key, (pattern, expected) in checks.items():
        if facts[key] and not pattern.fullmatch(facts[key]):
            raise InputError(where, f"{key} {facts[key]!r} is not {expected}")
    if facts["leaning"] and facts["leaning"] not in LEANINGS:
        raise InputError(where, f"leaning {facts['leaning']!r} is not one of {', '.join(LEANINGS)}")


def _unique(subscriptions: list[Subscription], name: str) -> list[Subscription]:
    seen: set[str] = set()
    for s in subscriptions:
        if s.url in seen:
            raise InputError(name, f"feed {s.url!r} is listed twice")
        seen.add(s.url)
    return subscriptions


def write_opml(subscriptions: Sequence[Subscription], outlets: Mapping[str, Outlet], title: str = LIST_TITLE) -> str:
    """An OPML 2.0 document of ``subscriptions`` in order, folders nested, outlet facts as attributes."""
    root = ET.Element("opml", {"version": "2.0"})
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for s in sorted(subscriptions, key=lambda s: s.position):
        ET.SubElement(_folder(folders, s.folders), "outline", _attributes(s, outlets.get(s.outlet)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _folder(folders: dict[tuple[str, ...], ET.Element], path: tuple[str, ...]) -> ET.Element:
    if path not in folders:
        folders[path] = ET.SubElement(_folder(folders, path[:-1]), "outline", {"text": path[-1]})
    return folders[path]


def _attributes(s: Subscription, outlet: Outlet | None) -> dict[str, str]:
    attrs = {"text": s.outlet or s.title or s.url} | ({} if s.outlet else {"outlet": ""})
    if s.title:
        attrs["title"] = s.title
    attrs["xmlUrl"] = s.url
    kept = dict(s.attributes)
    if outlet is not None:
        if outlet.domain and "htmlUrl" not in kept:
            kept["htmlUrl"] = f"https://{outlet.domain}/"
        attrs.update({k: getattr(outlet, k) for k in FACTS if getattr(outlet, k)})
    return {**attrs, **kept}


def subscribe(store: Store, feeds: FeedList) -> int:
    """Save a read feed list: outlet facts (given ones over stored ones), subscriptions, feed rows; how many feeds."""
    stored = {o.name: o for o in store.outlets()}
    store.upsert_outlets([_merged(stored.get(o.name), _set_by_user(o)) for o in feeds.outlets])
    store.save_subscriptions(feeds.subscriptions)
    for s in feeds.subscriptions:
        if store.feed_state(s.url) is None:
            store.save_feed_state(FeedState(s.url, s.title))
    return len(feeds.subscriptions)


def _set_by_user(outlet: Outlet) -> Outlet:
    """``outlet`` with a ``given`` fact for each attribute the list sets: a user's setting outranks the catalog."""
    facts = tuple(OutletFact(k, "given", 1.0, "set in the feed list") for k in FACTS if getattr(outlet, k))
    return replace(outlet, provenance=facts)


def _merged(old: Outlet | None, new: Outlet) -> Outlet:
    if old is None:
        return new
    given = {k: getattr(new, k) for k in ("domain", *FACTS) if getattr(new, k)}
    facts = (*new.provenance, *(f for f in old.provenance if f.attribute not in given))
    return Outlet(**{**old.__dict__, **given, "provenance": facts})


def subscribed(store: Store) -> list[Subscription]:
    """Every subscribed feed: its list entry, or for a feed added otherwise, one naming its outlet by domain."""
    listed = store.subscriptions()
    known = {s.url for s in listed}
    by_domain = {o.domain: o.name for o in store.outlets() if o.domain}
    extra = [Subscription(f.url, f.title, _outlet_of(f.url, by_domain), position=len(listed) + n)
             for n, f in enumerate(f for f in store.feeds() if f.url not in known)]
    return listed + extra


def _outlet_of(url: str, by_domain: Mapping[str, str]) -> str:
    host = domain_of(url)
    return next((name for domain, name in by_domain.items() if host == domain or host.endswith("." + domain)), "")
