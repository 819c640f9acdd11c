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
    """Title and main text of an HTML page, or None when it holds no article.

    Paragraphs are separated by a blank line, and a first line that repeats the
    title is dropped, so neither runs into the first sentence.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url or None, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    title = (get("title") or "").strip()
    text = _paragraphs(get("text") or "", title)
    if not text:
        return None
    return Extracted(title=title, text=text, published=get("date") or "", sitename=get("sitename") or "")


def _paragraphs(text: str, title: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)
