"""After a pass: average-link agglomeration of the stories, so a running story ends up whole.

An online pass sees each article once, in order; a story's early articles may have founded two
stories before the articles that tie them arrived (the toll on day one, the rescue on day three,
the Arabic reports before the English ones). Here the standing stories are joined pairwise, best
pair first, while their average-link score reaches ``merge_threshold``: the mean over all cross
pairs of the event-vector dot product (the dot product of the two sums over the product of the
sizes), less the language offset for the pairs in one language, less a time penalty for the pairs
of dated articles (undated articles carry no evidence of time: a story of 33 undated pages and one
dated three weeks on still meets the story of the first days). With the place conflict on, two
stories whose main places share none are never joined (two earthquakes, two attacks in different cities).

Whether a pair is close enough is decided by the learned same-event model (``merge_model.py``) over
that score and a few more features of the pair (its share of cross-language pairs, its size), while
the model's probability reaches one half; with ``merge_model`` empty, by ``merge_threshold`` on the
score alone.
"""

from __future__ import annotations

import numpy as np

from parallax.cluster.event import LEXICAL_DIMENSIONS
from parallax.cluster.index import StoryIndex
from parallax.cluster.merge_model import merge_model


def consolidate(index: StoryIndex) -> None:
    """Merge the index's standing stories, best average-link pair first, down to the merge threshold."""
    stories = [s for s in index.stories.values() if not s.held]
    if len(stories) < 2:
        return
    links = StoryLinks(stories, index.config)
    scores = _all_against(links, len(stories))
    np.fill_diagonal(scores, -np.inf)
    while True:
        i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
        if scores[i, j] < links.bar:
            return
        if index.apart(stories[i], stories[j]):
            scores[i, j] = scores[j, i] = -np.inf
            continue
        survivor = index.merge(stories[i], stories[j])
        keep, gone = (i, j) if stories[i].id == survivor else (j, i)
        stories[keep] = index.stories[survivor]
        links.join(keep, gone, stories[keep])
        scores[gone, :] = scores[:, gone] = -np.inf
        fresh = links.against(np.array([keep]))[0]
        fresh[keep] = -np.inf
        scores[keep, :] = scores[:, keep] = fresh


def _all_against(links: StoryLinks, n: int, block: int = 128) -> np.ndarray:
    """Every story against every story, ``block`` rows at a time: the features' temporaries stay a few
    blocks wide instead of ten n-by-n matrices (4.8 GB at 6,600 stories)."""
    scores = np.empty((n, n))
    for start in range(0, n, block):
        rows = np.arange(start, min(start + block, n))
        scores[rows] = links.against(rows)
    return scores


class StoryLinks:
    """Running sums of the standing stories, from which any pair's features are a few dot products.

    The score of two stories is the mean over their cross pairs of the event-vector dot product, less
    the language offset for each pair in one language, less the time penalty for each pair of dated
    articles (the days between the two spans per window; undated articles pay none, as when joining).
    """

    def __init__(self, stories, config) -> None:
        self.config = config
        self.model = merge_model(config.merge_model) if config.merge_model else None
        self.bar = 0.0 if self.model else config.merge_threshold  # logits: a probability of one half
        self.sums = np.stack([s.vector_sum for s in stories]).astype(np.float64)
        lexical = LEXICAL_DIMENSIONS if config.centre and self.sums.shape[1] > LEXICAL_DIMENSIONS else 0
        self.embedding = self.sums.shape[1] - lexical  # the leading columns: the centred embedding's share
        self.sizes = np.array([len(s.members) for s in stories], np.float64)
        self.languages, self.crowding = _language_counts(stories)
        self.dated = np.array([s.dated for s in stories], np.float64)
        self.spans = np.array([[_day(s.first_day), _day(s.last_day)] for s in stories])  # NaN: undated
        self.alive = np.ones(len(stories), bool)

    def against(self, rows: np.ndarray) -> np.ndarray:
        """What decides the merge of the stories ``rows`` with every story (-inf for gone ones): the model's
        log-odds, or the score without a model; compared with ``bar``."""
        features = self.features(rows)
        value = self.model.logit(features) if self.model else features["score"]
        value[:, ~self.alive] = -np.inf
        return value

    def features(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """The merge model's features (``merge_model.FEATURES``) of the stories ``rows`` against every story."""
        c, e = self.config, self.embedding
        pairs = np.outer(self.sizes[rows], self.sizes)
        same = self.languages[rows] @ self.languages.T / pairs
        embedding = self.sums[rows, :e] @ self.sums[:, :e].T / pairs
        crowd = (self.crowding[rows] @ self.languages.T + self.languages[rows] @ self.crowding.T) / (2 * pairs)
        score = self.sums[rows] @ self.sums.T / pairs - c.language_offset * same - c.crowd_weight * crowd
        gaps = _gaps(self.spans[rows], self.spans)
        windows = np.minimum(gaps / c.window_days, c.merge_time_cap)
        score -= c.merge_time_weight * np.outer(self.dated[rows], self.dated) / pairs * windows
        return {"score": score, "cross_language": embedding * (1.0 - same), "same_language": same,
                "log_pairs": np.log(pairs)}

    def join(self, keep: int, gone: int, story) -> None:
        for table in (self.sums, self.languages, self.crowding, self.sizes, self.dated):
            table[keep] += table[gone]
        self.alive[gone] = False
        self.spans[keep] = _day(story.first_day), _day(story.last_day)


def _language_counts(stories) -> tuple[np.ndarray, np.ndarray]:
    """Each story's members per language (the dot product of two rows counts their cross pairs in one language)
    and the sum of their crowding per language, in the same columns."""
    codes = sorted({language for s in stories for language in s.languages})
    shape = (len(stories), len(codes))
    counts = np.array([[s.languages[c] for c in codes] for s in stories], np.float64).reshape(shape)
    return counts, np.array([[s.crowding[c] for c in codes] for s in stories], np.float64).reshape(shape)


def _day(day: float | None) -> float:
    return np.nan if day is None else day


def _gaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For spans ``a`` (rows) and ``b`` (columns) of (first, last) days: the days between them (0 if undated or overlapping)."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(a[:, None, 0] - b[None, :, 1], b[None, :, 0] - a[:, None, 1])
        return np.maximum(np.nan_to_num(gap, nan=0.0), 0.0)
