"""RSS and Atom feeds (feedparser) and feed lists (OPML, or one URL per line)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from parallax.errors import ConfigError, InputError
from parallax.ingest.dates import read_date
from parallax.models import FeedItem

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z]")


@dataclass(frozen=True)
class Feed:
    url: str
    title: str
    items: tuple[FeedItem, ...]


def refuse_declarations(body: bytes, item: str) -> None:
    """Raise ``InputError`` when XML declares a DOCTYPE or entities (entity-expansion bombs)."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = body.decode("utf-16", errors="replace").encode("utf-8")
    root = _ROOT_START.search(body)
    prolog = body[: root.start()] if root else body
    if _DECLARATION.search(prolog) or re.search(rb"<!\s*ENTITY", body, re.IGNORECASE):
        raise InputError(item, "XML with DOCTYPE or ENTITY declarations is refused")


def read_feed(body: bytes, feed_url: str) -> Feed:
    """The feed's title and items; ``InputError`` when the body is not RSS or Atom."""
    import feedparser

    refuse_declarations(body, feed_url)
    # a stream, because feedparser treats bytes or str as a possible file name or URL to open
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise InputError(feed_url, f"not a feed: {reason}")
    items = tuple(_item(entry, feed_url) for entry in parsed.entries)
    return Feed(url=feed_url, title=parsed.feed.get("title", "").strip(), items=items)


def parse_feed(body: bytes, feed_url: str) -> list[FeedItem]:
    """The items of an RSS or Atom feed; links are made absolute against ``feed_url``."""
    return list(read_feed(body, feed_url).items)


def _item(entry: dict, feed_url: str) -> FeedItem:
    link = (entry.get("link") or "").strip()
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return FeedItem(
        feed_url=feed_url,
        url=urljoin(feed_url, link) if link else "",
        title=(entry.get("title") or "").strip(),
        summary=(entry.get("summary") or "").strip(),
        published=_published(stamp),
        source=_source_title(entry),
    )


def _source_title(entry: dict) -> str:
    """The outlet an aggregating feed names in the item's <source> element."""
    source = entry.get("source")
    return (source.get("title") or "").strip() if isinstance(source, dict) else ""


def _published(stamp: object) -> datetime | None:
    """The item's date, or None when it is missing or unusable (a bad date never drops an item)."""
    return read_date(stamp).when


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from an OPML file (``xmlUrl`` outlines) or a list with one URL per line.

    Blank lines and ``#`` comments are skipped; a line that is not an http(s) URL
    is a ``ConfigError`` naming the file and line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read feed list: {exc.strerror or exc}") from None
    if raw.lstrip().startswith(b"<"):
        return _opml_urls(raw, path)
    return [url for number, line in enumerate(raw.decode("utf-8-sig", errors="replace").splitlines(), 1)
            if (url := _listed_url(line, path, number))]


def _listed_url(line: str, path: Path, number: int) -> str:
    entry = "" if line.lstrip().startswith("#") else line.split(" #", 1)[0].strip()
    if entry and not _is_http_url(entry):
        raise ConfigError(f"{path}:{number}: {entry!r} is not an http:// or https:// URL")
    return entry


def _opml_urls(raw: bytes, path: Path) -> list[str]:
    try:
        refuse_declarations(raw, str(path))
        root = ElementTree.fromstring(raw)
    except (InputError, ElementTree.ParseError) as exc:
        raise ConfigError(f"{path}: not a usable OPML file: {exc}") from None
    urls = [o.get("xmlUrl", "").strip() for o in root.iter("outline") if o.get("xmlUrl")]
    bad = [u for u in urls if not _is_http_url(u)]
    if bad:
        raise ConfigError(f"{path}: xmlUrl {bad[0]!r} is not an http:// or https:// URL")
    return urls


def _is_http_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in text
