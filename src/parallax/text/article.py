"""Build an ``Article`` from a ``Page``: extract, normalise, split, identify."""

from __future__ import annotations

from parallax.errors import ExtractionError
from parallax.models import Article, Page
from parallax.text.extract import extract_html
from parallax.text.fingerprint import article_id, canonical_url, content_hash, normalize_text, urn_for
from parallax.text.language import detect_language
from parallax.text.sentences import split_sentences

MIN_TEXT_CHARS = 40


def _title_and_text(page: Page) -> tuple[str, str]:
    if page.content_type == "text/html":
        extracted = extract_html(page.body, url=page.url)
        if extracted is None:
            raise ExtractionError(page.source or page.url, "no article text found in the HTML")
        return page.title or extracted.title, extracted.text
    return page.title, page.body


def build_article(page: Page) -> Article:
    """Turn raw material into an article; raises ``ExtractionError`` if there is no text."""
    title, raw_text = _title_and_text(page)
    text = normalize_text(raw_text)
    title = " ".join(title.split())
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(page.source or page.url, f"text too short ({len(text)} characters)")
    digest = content_hash(title, text)
    url = canonical_url(page.url) if page.url else urn_for(digest)
    return Article(
        id=article_id(url),
        url=url,
        title=title or text[:80],
        text=text,
        outlet=page.outlet,
        published=page.published,
        language=detect_language(f"{title}. {text}"),
        content_hash=digest,
        sentences=split_sentences(text),
        source=page.source,
        external_id=page.external_id,
        outlet_hints=page.outlet_hints,
    )
