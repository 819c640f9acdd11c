"""Takeaway: one line stating the story's point — a self-contained claim that opens an article, cited."""

from __future__ import annotations

from parallax.models import CitedSentence
from parallax.write.claimworthy import claim_worthiness
from parallax.write.pool import SentencePool
from parallax.write.sections.claims import claim_cut, plain_statement
from parallax.write.sections.outcomes import MAX_OUTCOMES, outlook_positions
from parallax.write.sections.summary import central_order, cite_with_supporters

MAX_OPINION = 0.3  # a takeaway in the outlet's plain voice
LEAD_SENTENCES = 2  # a lead is among its article's first sentences, not the first claim found deep in it
MIN_SOURCES = 2  # past the leads, a takeaway is a statement two sources or more make
HEADLINE_WEIGHT = 2.0  # a cosine of 1 to the headlines' mean counts as two more sources
# the claim model's rating a takeaway needs: below the key claims' own cut, since the point of a story is often told
# in words the model rates lower than a figure (0.6 under MiniLM's 0.65, chosen on the fresh PAC tune half and the
# real_news_dev tune half). Each encoder's claim head rates on a scale of its own and carries its own cut
# (``claims.claim_cut``), so the takeaway's bar is set below that cut, not at one fixed rating.
BELOW_CLAIM_CUT = 0.05


def build_takeaway(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> CitedSentence | None:
    """The story's point: the most widely reported plain statement (``claims.plain_statement``) that the claim model
    rates a fact of its own (``worthiness_cut``) and that opens its article (one of its first two sentences), else one
    that two sources or more state, that the potential outcomes do not show; None when the sources hold no such
    sentence. A lone article's statement from deep in its text is no takeaway: where a lead is not plain (it quotes,
    or runs into a caption), the best-ranked sentence further down is background or analysis as often as the point."""
    outcomes = outlook_positions(pool, summary)[:MAX_OUTCOMES]
    bar = worthiness_cut(pool)
    plain = [i for i in central_order(pool) if plain_statement(pool, i) and pool.opinion[i] <= MAX_OPINION
             and claim_worthiness(pool, i) >= bar and all(pool.sim[i, j] < pool.support for j in outcomes)]
    firsts = ledes(pool)
    leads = [i for i in plain if i in firsts]
    shared = [i for i in plain if len(pool.supporters(i)) >= MIN_SOURCES]
    ranked = sorted(leads or shared, key=lambda i: -point(pool, i))
    return cite_with_supporters(pool, ranked[0]) if ranked else None


def worthiness_cut(pool: SentencePool) -> float:
    """The claim model's rating a takeaway needs under the brief's encoder: ``BELOW_CLAIM_CUT`` under its claim
    head's own key-claim cut (0.60 under MiniLM's 0.65)."""
    return round(claim_cut(pool) - BELOW_CLAIM_CUT, 6)


def ledes(pool: SentencePool) -> frozenset[int]:
    """Each article's lede: the first of its first ``LEAD_SENTENCES`` that is a plain statement (a headline run in
    above it is not one). The sentence after a plain lede leans on it ("The quake destroyed homes in ten provinces")
    and is no takeaway even when it rates higher."""
    first: dict[str, int] = {}
    for i, r in enumerate(pool.refs):
        if r.index < LEAD_SENTENCES and plain_statement(pool, i):
            k = r.article.id
            if k not in first or r.index < pool.refs[first[k]].index:
                first[k] = i
    return frozenset(first.values())


def point(pool: SentencePool, i: int) -> float:
    """How well sentence ``i`` states the story's point: the independent sources that state it (``agreeing``), plus
    its closeness to the story's headlines (what the editors put on top)."""
    return agreeing(pool, i) + HEADLINE_WEIGHT * float(pool.headline_affinity[i])


def agreeing(pool: SentencePool, i: int) -> int:
    """The sources that state what sentence ``i`` states, each way round: a supporter counts only where ``i`` would
    support it too (``SentencePool.compatible``). A sentence that gives no figure is close to every sentence that
    gives one ("the toll keeps rising" to each outlet's own, different toll), but it does not state what they state;
    counted one way, a running update told without its figures outranks the event itself."""
    return sum(1 for j in pool.supporters(i).values() if pool.compatible(j, i))
