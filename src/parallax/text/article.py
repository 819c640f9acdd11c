"""Build an ``Article`` from a ``Page``: clean, extract, bound, normalise, split, identify."""

from __future__ import annotations

from parallax.errors import ExtractionError
from parallax.models import Article, Page
from parallax.settings import Settings
from parallax.text.encoding import clean_text
from parallax.text.extract import extract_html
from parallax.text.fingerprint import article_id, canonical_url, content_hash, normalize_text, urn_for
from parallax.text.language import detect_language
from parallax.text.sentences import split_sentences

MIN_TEXT_CHARS = 40
_CUT_WINDOW = 20_000  # characters before the cap searched for the last whole sentence


def _title_and_text(page: Page, body: str) -> tuple[str, str]:
    if page.content_type == "text/html":
        extracted = extract_html(body, url=page.url)
        if extracted is None:
            raise ExtractionError(page.source or page.url, "no article text found in the HTML")
        return page.title or extracted.title, extracted.text
    return page.title, body


def cap_text(text: str, limit: int) -> tuple[str, str]:
    """``text`` cut after its last whole sentence within ``limit`` characters, and a note saying so."""
    if len(text) <= limit:
        return text, ""
    start = max(0, limit - _CUT_WINDOW)
    spans = split_sentences(text[start:limit])
    ends = [start + s.end for s in spans[:-1]]  # the last sentence in the window may run past the cap
    end = ends[-1] if ends else max(text.rfind(" ", 0, limit), limit // 2)
    return text[:end].rstrip(), (f"truncated: text of {len(text):,} characters cut to {end:,} at a sentence end"
                                 " (max_article_chars)")


def build_article(page: Page, max_chars: int = Settings.max_article_chars) -> Article:
    """Turn raw material into an article; raises ``ExtractionError`` if there is no text."""
    body, removed = clean_text(page.body)
    title, raw_text = _title_and_text(page, body)
    text, cut = cap_text(normalize_text(raw_text), max_chars)
    title = " ".join(clean_text(title)[0].split())[:1000]
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(page.source or page.url, f"text too short ({len(text)} characters)")
    digest = content_hash(title, text)
    url = canonical_url(page.url) if page.url else urn_for(digest)
    cleaned = f"cleaned: {removed} control or unpaired surrogate characters removed" if removed else ""
    return Article(
        id=article_id(url),
        url=url,
        title=title or text[:80],
        text=text,
        outlet=" ".join(clean_text(page.outlet)[0].split()),
        published=page.published,
        language=detect_language(f"{title}. {text}"),
        content_hash=digest,
        sentences=split_sentences(text),
        source=page.source,
        external_id=page.external_id,
        date_precision=page.date_precision if page.published else "",
        notes=tuple(n for n in (*page.notes, cleaned, cut) if n),
        outlet_hints=page.outlet_hints,
    )
