"""Main-text extraction from HTML with trafilatura; "no article" is ``None``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    title: str
    text: str
    published: str = ""  # ISO date string when the page declares one
    sitename: str = ""


def extract_html(html: str, url: str = "") -> Extracted | None:
    """Title and main text of an HTML page, or None when it holds no article."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url or None, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    if not text.strip():
        return None
    return Extracted(
        title=get("title") or "",
        text=text,
        published=get("date") or "",
        sitename=get("sitename") or "",
    )
