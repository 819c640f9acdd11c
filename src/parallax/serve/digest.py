"""The daily digest in Markdown: the day's stories, most significant first.

``daily_digest(store, day)`` is what the web route and the CLI share; ``digest_markdown``
is the pure part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from parallax.serve.gather.stories import brief_headline, ranked_stories
from parallax.serve.ranking import RankedStory, StoryFilter
from parallax.store.base import Store

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


@dataclass(frozen=True)
class DigestEntry:
    story_id: str
    title: str
    lede: str  # the brief's first summary sentence, "" when no brief yet
    outlets: tuple[str, ...]
    article_count: int


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's and HTML's special characters backslash-escaped, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def digest_entries(store: Store, day: date) -> list[DigestEntry]:
    """The stories with an article published on ``day``, most significant first."""
    ranked = ranked_stories(store, StoryFilter(date_from=day, date_to=day), "significance")
    return [entry for entry in (_entry(store, r) for r in ranked if day in r.days) if entry is not None]


def _entry(store: Store, ranked: RankedStory) -> DigestEntry | None:
    story = store.story(ranked.id)
    if story is None:
        return None
    title, lede = brief_headline(store.brief(story.id))
    return DigestEntry(story.id, title or story.title or story.id, lede, tuple(sorted(ranked.outlets)),
                       ranked.article_count)


def digest_markdown(day: date, entries: Sequence[DigestEntry], base_url: str = "") -> str:
    """The digest text; story links are relative unless ``base_url`` is given."""
    lines = [f"# parallax digest: {day.day} {day:%B %Y}", ""]
    count = len(entries)
    lines += [f"{count} stor{'y' if count == 1 else 'ies'} with articles published on {day.isoformat()}.", ""]
    for n, entry in enumerate(entries, start=1):
        lines += _entry_lines(n, entry, base_url.rstrip("/"))
    return "\n".join(lines).rstrip() + "\n"


def _entry_lines(n: int, entry: DigestEntry, base_url: str) -> list[str]:
    lines = [f"## {n}. [{escape_markdown(entry.title)}]({base_url}/stories/{quote(entry.story_id)})", ""]
    if entry.lede:
        lines += [escape_markdown(entry.lede), ""]
    outlets = ", ".join(escape_markdown(o) for o in entry.outlets)
    articles = f"{entry.article_count} article{'s' if entry.article_count != 1 else ''}"
    lines += [f"*{articles} from {len(entry.outlets)} outlet{'s' if len(entry.outlets) != 1 else ''}: {outlets}*", ""]
    return lines


def daily_digest(store: Store, day: date, base_url: str = "") -> str:
    """The Markdown digest of ``day``'s stories in ``store`` (what ``parallax export --digest`` prints)."""
    return digest_markdown(day, digest_entries(store, day), base_url)
