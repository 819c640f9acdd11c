"""Failures grouped by kind, and the status report `parallax status` prints.

A failure's reason names its item (URLs, sizes); its *kind* does not, so a hundred
404s read as one line. The kind also says whether trying again later may help.
"""

from __future__ import annotations

import re

from parallax.store.base import Store

LATEST_FAILURES = 10

# (pattern in the reason, kind, worth another try in a later run), first match wins
_KINDS: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind, transient) for pattern, kind, transient in (
        (r"HTTP status (?:408|425|429)", "rate limited or timed out (HTTP 408/425/429)", True),
        (r"HTTP status 5\d\d", "server error (HTTP 5xx)", True),
        (r"HTTP status 40[13]", "forbidden (HTTP 401/403)", False),
        (r"HTTP status 404|HTTP status 410", "not found (HTTP 404/410)", False),
        (r"HTTP status \d{3}", "other HTTP status", False),
        (r"robots\.txt", "disallowed by robots.txt", False),
        (r"non-public address", "refused: private or loopback address", False),
        (r"byte limit \(max_page_bytes\)", "too large (max_page_bytes)", False),
        (r"Timeout|took longer", "timed out", True),
        (r"cannot resolve|ConnectError|NetworkError|ReadError|RemoteProtocolError", "connection failed", True),
        (r"redirect", "redirect loop or too many redirects", False),
        (r"DOCTYPE or ENTITY", "XML declarations refused (entity expansion)", False),
        (r"Content-Encoding|compressed body", "undecodable compression", False),
        (r"not a feed", "not an RSS or Atom feed", False),
        (r"content type", "unsupported content type", False),
        (r"no article text|text too short", "no article text", False),
        (r"has no link", "feed item without a link", False),
        (r"only http", "not an http(s) URL", False),
        (r"truncated|corrupt compressed", "truncated or corrupt file (readable part kept)", False),
        (r"not valid JSON|not usable JSON|JSON object|must be a string|has no 'text'", "bad record", False),
        (r"over the [\d,]+-byte limit", "too large (max_file_bytes)", False),
        (r"not text|not UTF-8", "not text", False),
        (r"unexpected error", "unexpected error", False),
    )
)


def failure_kind(reason: str) -> str:
    """A short, item-free name for what went wrong: 'not found (HTTP 404/410)', 'timed out', ..."""
    for pattern, kind, _ in _KINDS:
        if pattern.search(reason):
            return kind
    return "other: " + re.sub(r"\S+://\S+", "URL", reason)[:60]


def is_transient(reason: str) -> bool:
    """Whether a failure may go away by itself (timeouts, 5xx, rate limits), so a later run retries it."""
    return any(transient for pattern, _, transient in _KINDS if pattern.search(reason))


def failure_kinds(store: Store, stage: str | None = "ingest") -> dict[str, int]:
    """Failure counts by kind, most frequent first (for the CLI and the web status page)."""
    counts: dict[str, int] = {}
    for reason, n in store.failures_by_reason(stage).items():
        kind = failure_kind(reason)
        counts[kind] = counts.get(kind, 0) + n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def status_lines(store: Store) -> list[str]:
    """What `parallax status` prints: counts of feeds, outlets, articles, stories, briefs; failures by reason."""
    counts = store.counts()
    lines = [_feed_line(store)] if hasattr(store, "feeds") else []
    lines += [f"{counts.outlets} outlets", f"{counts.articles} articles", f"{counts.stories} stories",
              f"{counts.briefs} briefs", f"{sum(counts.failures.values())} failures"]
    for stage, n in sorted(counts.failures.items()):
        lines.append(f"  {n} in {stage}")
        if stage == "ingest" and hasattr(store, "failures_by_reason"):
            lines += [f"    {k} {kind}" for kind, k in failure_kinds(store, stage).items()]
    latest = store.failures(LATEST_FAILURES)
    if latest:
        lines.append("latest failures (all: parallax articles --failed):")
        lines += [f"  {f.stage} {f.item}: {f.reason}" for f in latest]
    return lines


def _feed_line(store: Store) -> str:
    feeds = store.feeds()
    failing = sum(1 for f in feeds if f.failures)
    return f"{len(feeds)} feeds" + (f" ({failing} failing)" if failing else "")
