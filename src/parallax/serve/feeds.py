"""Atom and RSS feeds of stories, built with ElementTree (so every text is escaped)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = "parallax: stories"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 forbids
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedEntry:
    """One story as a feed item; ``url`` is absolute."""

    id: str
    title: str
    url: str
    updated: datetime | None
    summary: str


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return _EPOCH
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _child(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text:
        node.text = _clean(text)
    return node


def atom_feed(entries: Sequence[FeedEntry], site: str, self_url: str) -> str:
    """An Atom 1.0 document; ``site`` is the server's base URL."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _child(feed, f"{{{ATOM}}}title", FEED_TITLE)
    _child(feed, f"{{{ATOM}}}id", site.rstrip("/") + "/")
    _child(feed, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/atom+xml")
    _child(feed, f"{{{ATOM}}}link", href=site.rstrip("/") + "/", rel="alternate", type="text/html")
    newest = max((_utc(e.updated) for e in entries), default=_EPOCH)
    _child(feed, f"{{{ATOM}}}updated", newest.isoformat())
    author = _child(feed, f"{{{ATOM}}}author")
    _child(author, f"{{{ATOM}}}name", "parallax")
    for entry in entries:
        node = _child(feed, f"{{{ATOM}}}entry")
        _child(node, f"{{{ATOM}}}id", entry.url)
        _child(node, f"{{{ATOM}}}title", entry.title)
        _child(node, f"{{{ATOM}}}link", href=entry.url, rel="alternate", type="text/html")
        _child(node, f"{{{ATOM}}}updated", _utc(entry.updated).isoformat())
        _child(node, f"{{{ATOM}}}summary", entry.summary, type="text")
    return _document(feed)


def rss_feed(entries: Sequence[FeedEntry], site: str, self_url: str) -> str:
    """An RSS 2.0 document; ``site`` is the server's base URL."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _child(rss, "channel")
    _child(channel, "title", FEED_TITLE)
    _child(channel, "link", site.rstrip("/") + "/")
    _child(channel, "description", "Stories read across many outlets, each with a cited brief.")
    newest = max((_utc(e.updated) for e in entries), default=_EPOCH)
    _child(channel, "lastBuildDate", format_datetime(newest))
    for entry in entries:
        item = _child(channel, "item")
        _child(item, "title", entry.title)
        _child(item, "link", entry.url)
        _child(item, "guid", entry.url, isPermaLink="true")
        _child(item, "pubDate", format_datetime(_utc(entry.updated)))
        _child(item, "description", entry.summary)
    return _document(rss)


def _document(root: ET.Element) -> str:
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
