"""The stored tables as one backend-neutral list: what a full copy between stores moves, in order.

Values cross between backends in neutral Python form: ``time`` columns as naive datetimes,
``json`` columns as parsed JSON, ``ids`` columns as lists of strings, ``vector`` columns as
float32 arrays; everything else as stored (str, int, None).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ()  # empty: rows have no natural key (failures), copied in insertion order
    kinds: tuple[tuple[str, str], ...] = ()  # (column, kind) for columns that need converting
    ordered: bool = False  # insertion order carries meaning (article ties, failure listing)

    def kind(self, column: str) -> str:
        return dict(self.kinds).get(column, "")


_T = "time"
TABLES: tuple[Table, ...] = (
    Table("outlets", ("name", "domain", "country", "language", "ownership", "leaning", "description", "owner", "family",
                      "languages", "factual", "provenance"), ("name",), (("provenance", "json"),)),
    Table("articles", ("id", "url", "title", "text", "outlet", "published", "language", "content_hash", "source",
                       "external_id", "ingested_at", "updated_at", "date_precision", "notes", "version"), ("id",),
          (("published", _T), ("ingested_at", _T), ("updated_at", _T), ("notes", "json")), ordered=True),
    Table("article_versions", ("article_id", "version", "title", "text", "outlet", "published", "date_precision",
                               "content_hash", "source", "changed", "replaced_at"), ("article_id", "version"),
          (("published", _T), ("replaced_at", _T))),
    Table("sentences", ("article_id", "idx", "start", "end"), ("article_id", "idx")),
    Table("embeddings", ("article_id", "model", "content_hash", "dim", "vector"), ("article_id", "model"),
          (("vector", "vector"),)),
    Table("stories", ("id", "version", "title", "article_count", "outlet_count", "first_published",
                      "last_published", "updated_at", "merged_into"), ("id",),
          (("first_published", _T), ("last_published", _T), ("updated_at", _T))),
    Table("story_articles", ("story_id", "article_id", "reprint_of"), ("story_id", "article_id")),
    Table("story_versions", ("story_id", "version", "article_ids", "created_at"), ("story_id", "version"),
          (("article_ids", "ids"), ("created_at", _T))),
    Table("briefs", ("story_id", "story_version", "writer", "input_hash", "body", "created_at"),
          ("story_id", "story_version"), (("body", "json"), ("created_at", _T))),
    Table("article_analysis", ("article_id", "kind", "version", "content_hash", "body"), ("article_id", "kind"),
          (("body", "json"),)),
    Table("story_analysis", ("story_id", "story_version", "kind", "version", "body"), ("story_id", "kind"),
          (("body", "json"),)),
    Table("outlet_profiles", ("outlet", "version", "computed_at", "body"), ("outlet",),
          (("computed_at", _T), ("body", "json"))),
    Table("failures", ("stage", "item", "reason", "at"), (), (("at", _T),), ordered=True),
    Table("feeds", ("url", "title", "etag", "last_modified", "last_fetched", "last_status", "failures",
                    "last_error"), ("url",), (("last_fetched", _T),)),
    Table("subscriptions", ("url", "title", "outlet", "folders", "position", "attributes"), ("url",),
          (("folders", "json"), ("attributes", "json"))),
    Table("seen_items", ("url", "feed_url", "status", "reason", "attempts", "at"), ("url",), (("at", _T),)),
    Table("forecasts", ("id", "story_id", "story_version", "text", "proposition", "criteria", "made_at",
                        "resolve_by", "horizon", "probability", "base_probability", "model", "reason", "citations",
                        "topic", "source_kind", "ownership", "outlets", "status", "resolved_at", "note", "evidence",
                        "updated_at"), ("id",),
          (("made_at", _T), ("resolve_by", _T), ("resolved_at", _T), ("updated_at", _T), ("citations", "json"),
           ("outlets", "json"), ("evidence", "json"))),
    Table("forecast_proposals", ("forecast_id", "article_id", "verdict", "confidence", "evidence", "reason",
                                 "status", "created_at"), ("forecast_id", "article_id"),
          (("evidence", "json"), ("created_at", _T))),
)
