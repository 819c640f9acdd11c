"""Stable identities: canonical URLs, content hashes and article ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

# parameters that say how a reader arrived, never which article: analytics campaigns and click ids
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi"
    r"|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt\.mc_id|cmpid|ocid|ncid|sr_share|at_medium|at_campaign)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port.

    Every other query parameter is kept as written (bare ``?1001`` included), in sorted order:
    ``view?1001`` and ``view?1002`` are two articles.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return url
    try:
        port = parts.port
    except ValueError:  # a port out of range: keep the URL as written rather than guess
        return url
    host = (parts.hostname or "").lower()
    if port and (parts.scheme.lower(), port) not in (("http", 80), ("https", 443)):
        host = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    elif ":" in host:
        host = f"[{host}]"
    kept = sorted(p for p in parts.query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0]))
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", "&".join(kept), ""))


_TRAILING = re.compile(r"[ \t\u00a0]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, unified line endings, no trailing spaces, at most one blank line in a row.

    Each pattern runs only where a substring it needs is present (a fast scan; the patterns try every space):
    normalised text, such as an article's, passes through at the cost of three scans."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if " \n" in text or "\t\n" in text or "\u00a0\n" in text:
        text = _TRAILING.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
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
