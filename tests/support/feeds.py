"""RSS 2.0 and Atom documents for tests, built from (link, title, date) items."""

from __future__ import annotations


def rss(title: str, items: list[tuple[str, str, str]]) -> str:
    """``items``: (link, title, RFC 822 date) each."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>Summary of {t}</description></item>"
        for link, t, date in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>test feed</description>{entries}</channel></rss>")


def atom(title: str, items: list[tuple[str, str, str]]) -> str:
    """``items``: (link, title, ISO 8601 date) each."""
    entries = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>urn:test:{i}</id><updated>{date}</updated>'
        f"<summary>Summary of {t}</summary></entry>"
        for i, (link, t, date) in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:test:feed</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>")
