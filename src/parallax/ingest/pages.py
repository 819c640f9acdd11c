"""HTML pages as ``Page``s: text decoding and the page's own URL and date metadata.

The main text is extracted later (``parallax.text.article.build_article``); here
we only read the few head facts extraction does not give us reliably.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from parallax.ingest.dates import DateReading, read_date
from parallax.models import Page
from parallax.text.encoding import Decoded, decode_text

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
    date: DateReading = field(default_factory=DateReading)
    names: tuple[tuple[str, str], ...] = ()  # (where, name): ("og:site_name", "BBC News"), ("locale", "ar_EG")

    @property
    def published(self) -> datetime | None:
        return self.date.when


def decode_html(body: bytes, content_type: str = "") -> str:
    """Text of an HTML body (see ``decode_html_body``)."""
    return decode_html_body(body, content_type).text


def decode_html_body(body: bytes, content_type: str = "") -> Decoded:
    """An HTML (or plain-text) body decoded: BOM, then valid UTF-8 (labels are often wrong, and other
    bytes rarely pass as UTF-8), then the header's or the <meta> charset unless the detector finds it
    wrong, else the detector's choice."""
    return decode_text(body, _header_charset(content_type) or _meta_charset(body))


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
    base = urljoin(base_url, (tree.xpath("//base/@href") or [""])[0].strip())
    url = _declared_url(tree, base)
    return HtmlMeta(url=url, date=_declared_date(tree), names=_site_names(tree, url or base_url))


def _site_names(tree, site: str = "") -> tuple[tuple[str, str], ...]:
    """The names a page gives its outlet (og:site_name, application-name, JSON-LD publisher) and its locales,
    addresses and footer phone numbers; ``site`` is the page's URL (an organization on it is the outlet's own)."""
    found = []
    for key in _NAME_META:
        found += [(key, v.strip()) for v in tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        found += [("publisher", name) for name in _ld_values(script, "publisher")]
        found += [("address", country) for country in _ld_publisher_countries(script, site)]
    found += [("locale", v.strip()) for v in tree.xpath("//meta[@property='og:locale']/@content | /html/@lang")]
    found += [("locale", v) for v in _one_region(tree.xpath("//link[@rel='alternate']/@hreflang"))]
    found += [("phone", number) for number in _footer_phones(tree)]
    return tuple(dict.fromkeys((k, v) for k, v in found if v))


_PHONE = re.compile(r"\+\s?\d[\d\s().-]{5,18}\d")


def _footer_phones(tree) -> list[str]:
    """International phone numbers in the page's footer (its text and tel: links): the publisher's own, usually."""
    footers = tree.xpath("//footer | //*[@role='contentinfo']")
    text = " ".join(" ".join(f.xpath(".//text()[not(ancestor::script or ancestor::style)]")) for f in footers)
    links = [href.removeprefix("tel:") for f in footers for href in f.xpath(".//a[starts-with(@href, 'tel:')]/@href")]
    numbers = [n.strip() for n in [*_PHONE.findall(text), *links] if n.strip().startswith("+")]
    return [n for n in dict.fromkeys(numbers) if sum(c.isdigit() for c in n) >= 7][:3]


def _one_region(hreflangs: list[str]) -> list[str]:
    """The hreflang of a site that offers one country's editions ('ar-EG', 'en-EG'): a site with editions for
    several countries (or none) says nothing about where it is."""
    tags = [t.strip() for t in hreflangs if "-" in t.strip() and t.strip().lower() != "x-default"]
    regions = {t.split("-")[-1].upper() for t in tags}
    return tags if len(regions) == 1 else []


_ORGANIZATIONS = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "NewsAgency"})


def _ld_publisher_countries(script: str, site: str = "") -> Iterator[str]:
    """The addressCountry of each publisher in a JSON-LD block ('EG', 'Egypt', {"name": "Egypt"}), and of an
    organization the block describes whose url or @id is on the page's own site (the site's own organization)."""
    for node in _ld_objects(script):
        own = _ld_types(node) & _ORGANIZATIONS and site and same_site(str(node.get("url") or node.get("@id") or ""),
                                                                       site)
        for holder in (node.get("publisher"), node if own else None):
            if isinstance(holder, dict):
                yield from _address_countries(holder.get("address"))


def _ld_types(node: dict) -> set[str]:
    kind = node.get("@type")
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _address_countries(address) -> Iterator[str]:
    for one in address if isinstance(address, list) else [address]:
        country = one.get("addressCountry") if isinstance(one, dict) else None
        country = country.get("name") if isinstance(country, dict) else country
        if isinstance(country, str) and country.strip():
            yield country.strip()


def _declared_url(tree, base_url: str) -> str:
    candidates = tree.xpath("//link[@rel='canonical']/@href") + tree.xpath("//meta[@property='og:url']/@content")
    for href in candidates:
        url = urljoin(base_url, href.strip())
        if urlsplit(url).scheme in ("http", "https"):
            return url
    return ""


def _declared_date(tree) -> DateReading:
    """The first usable declared date; else why the first declared one was not usable."""
    first = DateReading()
    for value in _date_candidates(tree):
        found = read_date(value.strip())
        if found.when:
            return found
        first = first if first.warning else found
    return first


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
    for node in _ld_objects(script):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str):
            yield value


def _ld_objects(script: str) -> Iterator[dict]:
    """Every object in a JSON-LD block, however deeply nested."""
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):  # a malformed or absurdly nested block declares nothing
        return
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            yield node
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))


def same_site(url: str, other: str) -> bool:
    """Whether two URLs share a host, or one host is a subdomain of the other."""
    a, b = (urlsplit(u).hostname or "" for u in (url, other))
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return bool(a and b) and (a == b or a.endswith("." + b) or b.endswith("." + a))


def is_site_root(url: str) -> bool:
    """Whether a URL names a whole site (its home page) rather than one page of it."""
    parts = urlsplit(url)
    return parts.path.strip("/") == "" and not parts.query


def html_page(html: str, url: str = "", *, outlet: str = "", source: str = "",
              published: datetime | None = None, notes: tuple[str, ...] = ()) -> Page:
    """A text/html ``Page``. The page's canonical URL replaces ``url`` when ``url`` is blank
    (a file) or on the same site (a fetched page must not claim another site's article),
    unless it names the site's home page, which many pages give whatever they hold."""
    meta = html_meta(html, url)
    if meta.url and not is_site_root(meta.url) and (not url or same_site(meta.url, url)):
        url = meta.url
    date = meta.date if meta.date.when or published is None else DateReading(published, "time")
    notes = (*notes, meta.date.note) if meta.date.warning and not date.when else notes
    return Page(url=url, body=html, content_type="text/html", outlet=outlet, published=date.when,
                source=source or url, date_precision=date.precision, notes=notes,
                outlet_hints=meta.names)
