"""PostgreSQL twins of the listing queries the web UI needs: outlines, an outlet's articles, counts."""

from __future__ import annotations

import itertools
from datetime import datetime

from parallax.models import Article
from parallax.store import pg_articles
from parallax.store.base import StoryMember, StoryOutline

_OUTLINES = (
    "SELECT s.id, s.version, s.first_published, s.last_published, sa.article_id, a.outlet, a.published,"
    " sa.reprint_of, a.language FROM ({chosen}) c JOIN stories s ON s.id = c.id"
    " JOIN story_articles sa ON sa.story_id = s.id LEFT JOIN articles a ON a.id = sa.article_id"
    ' ORDER BY s.id COLLATE "C", sa.article_id COLLATE "C"'
)


class PgListingMixin:
    """Listing queries for ``PostgresStore`` (uses its ``_query`` and ``_hydrate``)."""

    def story_outlines(self, newest: int = 0, before: datetime | None = None) -> list[StoryOutline]:
        """Standing stories with their members' outlets and dates, in one query (no article text): every one,
        or the ``newest`` by their last article (undated last), only those that ended ``before`` when given;
        the partial index ``stories_standing_newest`` reads just those."""
        chosen = "SELECT id FROM stories WHERE merged_into IS NULL" + (" AND last_published < %s" if before else "")
        chosen += " ORDER BY last_published DESC NULLS LAST, id DESC" + (" LIMIT %s" if newest > 0 else "")
        params = ((before,) if before else ()) + ((newest,) if newest > 0 else ())
        outlines = []
        for _, group in itertools.groupby(self._query(_OUTLINES.format(chosen=chosen), params), key=lambda r: r[0]):
            members = list(group)
            first = members[0]
            outlines.append(StoryOutline(
                first[0], first[1], first[2], first[3],
                tuple(StoryMember(m[4], m[5] or "", m[6], m[7], m[8] or "") for m in members),
            ))
        return outlines

    def outlet_articles(self, outlet: str, limit: int = 20) -> list[Article]:
        """An outlet's articles, newest first (undated last)."""
        return self._hydrate(
            pg_articles.SELECT + " WHERE outlet = %s ORDER BY published DESC NULLS LAST, seq DESC LIMIT %s",
            (outlet, limit),
        )

    def article_counts_by_outlet(self) -> dict[str, int]:
        """How many articles each outlet name has."""
        return {r[0]: r[1] for r in self._query("SELECT outlet, COUNT(*) FROM articles GROUP BY outlet")}

