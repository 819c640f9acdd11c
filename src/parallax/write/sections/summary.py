"""The summary: facts that several independent outlets report, plainest phrasing, no repeats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from parallax.analyse.who.claims import DISPUTE
from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.wording import loadedness, own_words

RELATED = 0.5  # share of the same-fact cosine at which a denial answers a chosen sentence


@dataclass(frozen=True)
class SummaryRules:
    """Length and ranking rules, chosen on NeuS train stories (``train/tune_summary_rules.py``), not on neus_val."""

    min_sentences: int = 3
    max_sentences: int = 5
    word_budget: int = 60  # stop adding once the summary holds this many words
    min_words: int = 6
    max_words: int = 60
    support_weight: float = 1.0
    position_weight: float = 0.3
    position_decay: float = 0.5  # the position prior is 1 / (1 + index) ** decay
    loaded_weight: float = 0.5
    opinion_weight: float = 0.5  # per unit of the language stage's sentence opinion score
    spread_weight: float = 0.3  # for support that crosses the story's countries and leanings
    headline_weight: float = 1.0  # for closeness to the story's headlines
    length_weight: float = 0.2  # penalty per 30 words: short sentences keep the summary tight
    mmr_lambda: float = 0.7  # weight of relevance against redundancy
    duplicate: float | None = None  # cosine at which a sentence repeats a chosen one; None: the pool's same-fact
    other_side: bool = True  # when the summary reports an accusation, add the best related denial


def fact_score(pool: SentencePool, i: int, rules: SummaryRules) -> float:
    """Support across independent sources and camps, centrality, early position, minus loaded or opinionated wording."""
    sources = max(1, len(pool.sources) - 1)
    support = (len(pool.supporters(i)) - 1) / sources
    position = 1.0 / (1 + pool.refs[i].index) ** rules.position_decay
    return (
        rules.support_weight * support
        + rules.spread_weight * pool.spread(i)
        + pool.centrality(i)
        + rules.headline_weight * float(pool.headline_affinity[i])
        + rules.position_weight * position
        - rules.loaded_weight * loadedness(own_words(pool.refs[i].text))
        - rules.opinion_weight * float(pool.opinion[i])
        - rules.length_weight * pool.refs[i].words / 30
    )


def candidates(pool: SentencePool, rules: SummaryRules) -> list[int]:
    """Sentences fit to stand alone: not reprints, not questions, of reasonable length, not leaning on the one before."""
    fit = [
        i
        for i, r in enumerate(pool.refs)
        if not r.reprint and rules.min_words <= r.words <= rules.max_words and not r.text.endswith("?")
        and r.alone
    ]
    return fit if len(fit) >= rules.min_sentences else [i for i, r in enumerate(pool.refs) if not r.reprint]


def rank(pool: SentencePool, rules: SummaryRules,
         enough: Callable[[list[int]], bool]) -> tuple[list[int], list[int], dict[int, float]]:
    """(chosen, candidates left, scores): maximal marginal relevance over ``fact_score`` until ``enough(chosen)``;
    each pick drops the candidates that repeat it."""
    pool_ids = candidates(pool, rules)
    scores = {i: fact_score(pool, i, rules) for i in pool_ids}
    chosen: list[int] = []
    while pool_ids and not enough(chosen):
        best = max(pool_ids, key=lambda i: _mmr(pool, i, scores[i], chosen, rules))
        pool_ids = [i for i in pool_ids if i != best and not _repeats(pool, i, [best], rules)]
        chosen.append(best)
    return chosen, pool_ids, scores


def pick_sentences(pool: SentencePool, rules: SummaryRules = SummaryRules()) -> list[int]:
    """Maximal marginal relevance over ``fact_score`` until the length rule is met."""
    chosen, pool_ids, scores = rank(pool, rules, lambda picked: _long_enough(pool, picked, rules))
    reply = other_side(pool, chosen, pool_ids, scores) if rules.other_side else None
    if reply is None or len(chosen) >= rules.max_sentences:
        return chosen
    after = max(range(len(chosen)), key=lambda k: pool.sim[reply, chosen[k]])
    return chosen[: after + 1] + [reply] + chosen[after + 1 :]


def other_side(pool: SentencePool, chosen: list[int], left: list[int], scores: dict[int, float]) -> int | None:
    """The best-scoring denial related to a chosen sentence, when no chosen sentence already disputes."""
    if any(DISPUTE.search(pool.refs[i].text) for i in chosen):
        return None
    related = [i for i in left if DISPUTE.search(pool.refs[i].text)
               and max(pool.sim[i, j] for j in chosen) >= RELATED * pool.same_fact]
    return max(related, key=lambda i: scores[i]) if related else None


def _mmr(pool: SentencePool, i: int, score: float, chosen: list[int], rules: SummaryRules) -> float:
    overlap = max((pool.sim[i, j] for j in chosen), default=0.0)
    return rules.mmr_lambda * score - (1 - rules.mmr_lambda) * overlap


def _repeats(pool: SentencePool, i: int, chosen: list[int], rules: SummaryRules) -> bool:
    threshold = pool.same_fact if rules.duplicate is None else rules.duplicate
    return any(pool.sim[i, j] >= threshold for j in chosen)


def _long_enough(pool: SentencePool, chosen: list[int], rules: SummaryRules) -> bool:
    words = sum(pool.refs[i].words for i in chosen)
    return len(chosen) >= rules.max_sentences or (len(chosen) >= rules.min_sentences and words >= rules.word_budget)


def cite_with_supporters(pool: SentencePool, i: int) -> CitedSentence:
    """The sentence, cited once per independent source that reports the same thing."""
    supporters = pool.supporters(i)
    ordered = [i] + [j for j in supporters.values() if j != i]
    return CitedSentence(pool.refs[i].text, tuple(pool.refs[j].citation for j in ordered))


def build_summary(pool: SentencePool, rules: SummaryRules = SummaryRules()) -> tuple[CitedSentence, ...]:
    """3–5 cited sentences, most widely reported first."""
    return tuple(cite_with_supporters(pool, i) for i in pick_sentences(pool, rules))


def further_sentences(pool: SentencePool, summary: tuple[CitedSentence, ...], rules: SummaryRules = SummaryRules(),
                      count: int | None = None) -> tuple[CitedSentence, ...]:
    """The sentences the summary's ranking picks after the summary's own, past its length rule: up to ``count``
    (default ``max_sentences``) more, in the ranking's order, cited as the summary cites: what a writer that
    leaves some summary sentences out goes on with."""
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs)}
    have = {where.get((s.citations[0].article_id, s.citations[0].sentence_index)) for s in summary}
    more = rules.max_sentences if count is None else count
    chosen, _, _ = rank(pool, rules, lambda picked: len(set(picked) - have) >= more)
    return tuple(cite_with_supporters(pool, i) for i in chosen if i not in have)


def summary_indices(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[int]:
    """Pool positions of the summary's sentences (their first citation)."""
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs)}
    return [where[(s.citations[0].article_id, s.citations[0].sentence_index)] for s in summary]


def central_order(pool: SentencePool) -> list[int]:
    """All sentence positions, most central first."""
    return [int(i) for i in np.argsort(-pool.centralities, kind="stable")]
