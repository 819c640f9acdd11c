"""Takeaway: one line stating the story's point — a self-contained claim that opens an article, cited."""

from __future__ import annotations

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.claims import plain_statement
from parallax.write.sections.outcomes import MAX_OUTCOMES, outlook_positions
from parallax.write.sections.summary import central_order, cite_with_supporters

MAX_OPINION = 0.3  # a takeaway in the outlet's plain voice
LEAD_SENTENCES = 2  # a lead is among its article's first sentences, not the first claim found deep in it
HEADLINE_WEIGHT = 2.0  # a cosine of 1 to the headlines' mean counts as two more sources


def build_takeaway(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> CitedSentence | None:
    """The story's point: the most widely reported plain self-contained statement (``claims.plain_statement``; the
    claim model ranks key claims, not the point) that opens its article (one of its first two sentences), else an
    article's first such statement, else any such statement, that the potential
    outcomes do not show; None when the sources hold no such sentence (never a stray quote)."""
    outcomes = outlook_positions(pool, summary)[:MAX_OUTCOMES]
    plain = [i for i in central_order(pool) if plain_statement(pool, i) and pool.opinion[i] <= MAX_OPINION
             and all(pool.sim[i, j] < pool.support for j in outcomes)]
    firsts = [i for i in plain if i == _first_claim(pool, pool.refs[i].article.id, plain)]
    leads = [i for i in plain if pool.refs[i].index < LEAD_SENTENCES]
    ranked = sorted(leads or firsts or plain, key=lambda i: -point(pool, i))
    return cite_with_supporters(pool, ranked[0]) if ranked else None


def point(pool: SentencePool, i: int) -> float:
    """How well sentence ``i`` states the story's point: the independent sources that state it, plus its closeness to
    the story's headlines (what the editors put on top)."""
    return len(pool.supporters(i)) + HEADLINE_WEIGHT * float(pool.headline_affinity[i])


def _first_claim(pool: SentencePool, article_id: str, plain: list[int]) -> int:
    """The earliest of an article's claim sentences (pool positions follow the article's order)."""
    return min((i for i in plain if pool.refs[i].article.id == article_id), default=-1)
