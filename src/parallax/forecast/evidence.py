"""Find later coverage that settles a forecast, and propose the resolution for a person to confirm.

For each open forecast, every article published after it was made (and not one it cites)
is compared sentence by sentence with the forecast (TF-IDF cosine over words and word pairs).
An article is about the forecast when its best sentence reaches ``MATCH_MIN``. Its verdict
comes from confirming and refuting cues in the sentences that match at least ``RELEVANT_MIN``
(a sentence's follower shares half its match, since "No such evidence has been published."
refers back): each cue sentence votes with its match, and the side with more weight is
proposed. Cue lists are plain English, written once, not tuned on any corpus we score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from parallax.forecast.records import OPEN, Forecast, Proposal
from parallax.models import Article

if TYPE_CHECKING:
    from parallax.store.base import Store

MATCH_MIN = 0.20
RELEVANT_MIN = 0.12
MAX_EVIDENCE = 3
CONFIRM = re.compile(
    r"\b(confirm(s|ed)?|as (expected|predicted|planned|promised|forecast)|making good on|made good on|"
    r"carried out|went ahead|did so|kept (its|his|her|their) (promise|word)|in line with|approved|"
    r"began|has begun|took place|reopened|had predicted|(was|were) (held|published|presented|released|passed))\b",
    re.IGNORECASE)
REFUTE = re.compile(
    r"\b(no (evidence|sign|such|trace)|found no|did not|didn't|has not been|have not been|never|failed to|"
    r"fell short|(well|far) (below|short of)|contradict(s|ed)?|denied|rejected|scrapped|called off|"
    r"cancell?ed|postponed|abandoned|finally|(weeks|months) (after|later)|too late)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class _Vote:
    index: int
    relevance: float
    side: int  # +1 confirms, -1 refutes


def later_articles(forecast: Forecast, articles: Sequence[Article]) -> list[Article]:
    """Articles published on a later day than the forecast was made, other than those it cites."""
    cited = {c["article_id"] for c in forecast.citations}
    return [a for a in articles if a.id not in cited and a.published and a.published.date() > forecast.made_at.date()]


# the words of an old forecast quoted back ("X had said that Y would ... if Z did not ...") are not evidence
_QUOTED_BACK = re.compile(r"\b(had|has) (said|warned|predicted|promised|forecast|declared|claimed)\b.*?(?=, and |; |$)",
                          re.IGNORECASE)


def _side(text: str) -> int:
    """+1 when the sentence confirms, -1 when it refutes, 0 when it does neither or both."""
    text = _QUOTED_BACK.sub("", text)
    confirms, refutes = bool(CONFIRM.search(text)), bool(REFUTE.search(text))
    return confirms - refutes


def _votes(similarity: np.ndarray, sentences: list[str]) -> list[_Vote]:
    votes = []
    for i, text in enumerate(sentences):
        relevance = max(similarity[i], 0.5 * similarity[i - 1] if i else 0.0)
        side = _side(text)
        if relevance >= RELEVANT_MIN and side:
            votes.append(_Vote(i, float(relevance), side))
    return votes


def judge(forecast: Forecast, article: Article, similarity: np.ndarray) -> Proposal | None:
    """The resolution ``article`` supports, given each sentence's similarity to the forecast; None if none."""
    if not len(similarity) or similarity.max() < MATCH_MIN:
        return None
    votes = _votes(similarity, [article.sentence_text(s.index) for s in article.sentences])
    confirm = sum(v.relevance for v in votes if v.side > 0)
    refute = sum(v.relevance for v in votes if v.side < 0)
    if confirm == refute:
        return None
    side = 1 if confirm > refute else -1
    confidence = round(abs(confirm - refute) / (confirm + refute) * min(1.0, float(similarity.max()) / 0.6), 3)
    chosen = sorted((v for v in votes if v.side == side), key=lambda v: -v.relevance)[:MAX_EVIDENCE]
    evidence = tuple(_citation(article, v.index) for v in sorted(chosen, key=lambda v: v.index))
    verdict = "yes" if side > 0 else "no"
    reason = (f"{article.outlet or 'an outlet'} ({article.published:%d %b %Y}) "
              f"{'confirms' if side > 0 else 'refutes'} it: best match {similarity.max():.2f}, "
              f"confirming weight {confirm:.2f}, refuting weight {refute:.2f}")
    return Proposal(forecast.id, article.id, verdict, confidence, evidence, reason, "pending",
                    datetime.now(UTC).replace(tzinfo=None, microsecond=0))


def _citation(article: Article, index: int) -> dict:
    s = article.sentences[index]
    return {"article_id": article.id, "outlet": article.outlet, "sentence_index": s.index,
            "start": s.start, "end": s.end}


_CHUNK = 500  # articles whose sentence-by-forecast similarities are held at once


def _judged(forecasts: list[Forecast], articles: list[Article], texts: dict[str, list[str]], sentences, queries):
    """The proposals from ``articles`` (each with a sentence), whose sentences' TF-IDF rows are ``sentences`` in order.

    Only the (forecast, article) pairs whose best sentence reaches ``MATCH_MIN`` are judged: ``judge`` proposes
    nothing below it, so the pairs skipped are those it would have turned down."""
    similarity = (sentences @ queries).toarray()
    lengths = np.array([len(texts[a.id]) for a in articles], dtype=np.int64)
    ends = np.cumsum(lengths)
    rows = {a.id: (end - length, end) for a, length, end in zip(articles, lengths, ends)}
    best = np.maximum.reduceat(similarity, ends - lengths, axis=0) if len(articles) else similarity[:0]
    for column, forecast in enumerate(forecasts):
        near = [articles[i] for i in np.flatnonzero(best[:, column] >= MATCH_MIN)]
        for article in later_articles(forecast, near):
            start, end = rows[article.id]
            proposal = judge(forecast, article, similarity[start:end, column])
            if proposal:
                yield proposal


def reading():
    """How the TF-IDF reads a text (lower case, words and word pairs, English stop words left out), remembered per
    text: the groups of one run's forecasts read mostly the same sentences, and each is read once."""
    return lru_cache(maxsize=1 << 18)(TfidfVectorizer(stop_words="english", ngram_range=(1, 2)).build_analyzer())


def propose(forecasts: Sequence[Forecast], articles: Sequence[Article], read=None) -> list[Proposal]:
    """Proposed resolutions of the open ``forecasts`` from ``articles`` (pure), most confident first; ``read`` a
    ``reading()`` shared with other calls (the same terms, read once)."""
    open_ = [f for f in forecasts if f.status == OPEN]
    texts = {a.id: [a.sentence_text(s.index) for s in a.sentences] for a in articles}
    corpus = [t for a in articles for t in texts[a.id]]
    if not open_ or not corpus:
        return []
    tfidf = TfidfVectorizer(analyzer=read or reading(), sublinear_tf=True)
    rows = tfidf.fit_transform(corpus + [f"{f.text} {f.proposition}" for f in open_]).tocsr()  # one pass of reading
    queries = rows[len(corpus) :].T.tocsc()
    said = [a for a in articles if texts[a.id]]
    ends = np.cumsum([len(texts[a.id]) for a in said])
    found = []
    for start in range(0, len(said), _CHUNK):  # every sentence against every forecast, a slice of articles at once
        first, last = (ends[start - 1] if start else 0), ends[min(start + _CHUNK, len(said)) - 1]
        found.extend(_judged(open_, said[start : start + _CHUNK], texts, rows[first:last], queries))
    return sorted(found, key=lambda p: (-p.confidence, p.forecast_id, p.article_id))


def propose_resolutions(store: Store, new_articles: Sequence[Article] | None = None,
                        known: frozenset[str] = frozenset()) -> list[Proposal]:
    """Look for coverage that settles open forecasts; save and return the proposals not made before.

    An incremental run passes its ``new_articles`` and the ids of the forecasts open before it
    (``known``): those look only through the new articles; forecasts made in the run look
    through everything published since they were made.
    """
    forecasts = store.forecasts(status=OPEN)
    if not forecasts:
        return []
    made = [f for f in forecasts if f.id not in known] if new_articles is not None else forecasts
    groups = [([f for f in forecasts if f.id in known], new_articles)] if new_articles is not None else []
    if made:
        groups.append((made, store.articles_since(min(f.made_at for f in made))))
    done = {(p.forecast_id, p.article_id) for p in store.proposals()}
    read = reading()
    fresh = [p for group, articles in groups for p in propose(group, articles, read)
             if (p.forecast_id, p.article_id) not in done]
    store.save_proposals(fresh)
    return fresh
