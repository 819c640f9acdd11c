"""Stable identities: canonical URLs, content hashes and article ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    if parts.port and not (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def normalize_text(text: str) -> str:
    """NFC, unified line endings, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def content_hash(title: str, text: str) -> str:
    """sha256 of the normalised title and text, hex."""
    body = f"{title.strip()}\n\n{normalize_text(text)}".encode()
    return hashlib.sha256(body).hexdigest()


def urn_for(digest: str) -> str:
    """The key of material that has no URL: keyed by its content."""
    return f"urn:parallax:{digest[:32]}"


def article_id(url: str) -> str:
    """A short stable id derived from the canonical URL (or urn)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")
