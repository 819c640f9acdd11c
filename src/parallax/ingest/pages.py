"""HTML pages as ``Page``s: text decoding and the page's own URL and date metadata.

The main text is extracted later (``parallax.text.article.build_article``); here
we only read the few head facts extraction does not give us reliably.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from parallax.ingest.dates import parse_date
from parallax.models import Page

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "pubdate", "publishdate", "sailthru.date", "parsely-pub-date",
)


_NAME_META = ("og:site_name", "application-name")  # what a page calls its outlet, most trusted first


@dataclass(frozen=True)
class HtmlMeta:
    url: str = ""  # <link rel=canonical> or og:url, absolute
    published: datetime | None = None
    names: tuple[tuple[str, str], ...] = ()  # (where, name): ("og:site_name", "BBC News"), ("locale", "ar_EG")


def decode_html(body: bytes, content_type: str = "") -> str:
    """Text of an HTML body: UTF-8 when it decodes cleanly (labels are often wrong, and other bytes
    rarely pass as UTF-8), else the header's charset, the <meta charset>, cp1252; else with replacements."""
    labels = [c for c in (_header_charset(content_type), _meta_charset(body)) if c and _known(c)]
    wide = any(c.lower().startswith(("utf-16", "utf-32")) for c in labels)
    for charset in (*labels, "cp1252") if wide else ("utf-8", *labels, "cp1252"):
        try:
            return body.decode(charset)
        except UnicodeDecodeError:
            continue
    return body.decode(labels[0] if labels else "utf-8", errors="replace")


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _header_charset(content_type: str) -> str:
    match = re.search(r"charset=[\"']?([\w-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else ""


def _meta_charset(body: bytes) -> str:
    match = _CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else ""


def html_meta(html: str, base_url: str = "") -> HtmlMeta:
    """The canonical URL and publication date an HTML page declares about itself."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ValueError, lxml.etree.ParserError):
        return HtmlMeta()
    return HtmlMeta(url=_declared_url(tree, base_url), published=_declared_date(tree), names=_site_names(tree))


def _site_names(tree) -> tuple[tuple[str, str], ...]:
    """The names a page gives its outlet (og:site_name, application-name, JSON-LD publisher) and its locales."""
    found = []
    for key in _NAME_META:
        found += [(key, v.strip()) for v in tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        found += [("publisher", name) for name in _ld_values(script, "publisher")]
    found += [("locale", v.strip()) for v in tree.xpath("//meta[@property='og:locale']/@content | /html/@lang")]
    return tuple(dict.fromkeys((k, v) for k, v in found if v))


def _declared_url(tree, base_url: str) -> str:
    candidates = tree.xpath("//link[@rel='canonical']/@href") + tree.xpath("//meta[@property='og:url']/@content")
    for href in candidates:
        url = urljoin(base_url, href.strip())
        if urlsplit(url).scheme in ("http", "https"):
            return url
    return ""


def _declared_date(tree) -> datetime | None:
    for value in _date_candidates(tree):
        try:
            found = parse_date(value.strip())
        except ValueError:
            continue
        if found:
            return found
    return None


def _date_candidates(tree) -> Iterator[str]:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content"):
            yield meta.get("content")
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        yield from _ld_dates(script)
    yield from tree.xpath("//time[@itemprop='datePublished']/@datetime")


def _ld_dates(script: str) -> Iterator[str]:
    yield from _ld_values(script, "datePublished")


def _ld_values(script: str, key: str) -> Iterator[str]:
    """Every string ``key`` holds in a JSON-LD block, or the ``name`` of an object it holds."""
    try:
        data = json.loads(script)
    except ValueError:
        return
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            value = node.get(key)
            if isinstance(value, dict):
                value = value.get("name")
            if isinstance(value, str):
                yield value
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))


def same_site(url: str, other: str) -> bool:
    """Whether two URLs share a host, or one host is a subdomain of the other."""
    a, b = (urlsplit(u).hostname or "" for u in (url, other))
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return bool(a and b) and (a == b or a.endswith("." + b) or b.endswith("." + a))


def html_page(html: str, url: str = "", *, outlet: str = "", source: str = "",
              published: datetime | None = None) -> Page:
    """A text/html ``Page``. The page's canonical URL replaces ``url`` when ``url`` is blank
    (a file) or on the same site (a fetched page must not claim another site's article)."""
    meta = html_meta(html, url)
    if meta.url and (not url or same_site(meta.url, url)):
        url = meta.url
    return Page(url=url, body=html, content_type="text/html", outlet=outlet,
                published=meta.published or published, source=source or url, outlet_hints=meta.names)
