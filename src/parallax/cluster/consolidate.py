"""After a pass: average-link agglomeration of the stories, so a running story ends up whole.

An online pass sees each article once, in order; a story's early articles may have founded two
stories before the articles that tie them arrived (the toll on day one, the rescue on day three,
the Arabic reports before the English ones). Here the standing stories are joined pairwise, best
pair first, while their average-link similarity (the mean event-vector cosine over all cross pairs:
the dot product of the two sums over the product of the sizes) reaches ``merge_threshold``. Two
stories are never joined when their dated spans lie more than ``window_days`` apart or when their
main places share none (two earthquakes, two attacks in different cities).
"""

from __future__ import annotations

import numpy as np

from parallax.cluster.index import StoryIndex


def consolidate(index: StoryIndex) -> None:
    """Merge the index's standing stories, best average-link pair first, down to the merge threshold."""
    config = index.config
    stories = [s for s in index.stories.values() if not s.held]
    if len(stories) < 2:
        return
    sums = np.stack([s.vector_sum for s in stories]).astype(np.float64)
    sizes = np.array([len(s.members) for s in stories], np.float64)
    alive = np.ones(len(stories), bool)
    scores = (sums @ sums.T) / np.outer(sizes, sizes)
    np.fill_diagonal(scores, -np.inf)
    spans = np.array([[_day(s.first_day), _day(s.last_day)] for s in stories])  # NaN: undated
    scores[_too_far(spans, spans, config.window_days)] = -np.inf
    while True:
        i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
        if scores[i, j] < config.merge_threshold:
            return
        if index.apart(stories[i], stories[j]):
            scores[i, j] = scores[j, i] = -np.inf
            continue
        survivor = index.merge(stories[i], stories[j])
        keep, gone = (i, j) if stories[i].id == survivor else (j, i)
        stories[keep], alive[gone] = index.stories[survivor], False
        sums[keep] += sums[gone]
        sizes[keep] += sizes[gone]
        scores[gone, :] = scores[:, gone] = -np.inf
        spans[keep] = _day(stories[keep].first_day), _day(stories[keep].last_day)
        fresh = (sums @ sums[keep]) / (sizes * sizes[keep])
        fresh[~alive | _too_far(spans, spans[keep : keep + 1], config.window_days)[:, 0]] = -np.inf
        fresh[keep] = -np.inf
        scores[keep, :] = scores[:, keep] = fresh


def _day(day: float | None) -> float:
    return np.nan if day is None else day


def _too_far(a: np.ndarray, b: np.ndarray, window: float) -> np.ndarray:
    """For spans ``a`` (rows) and ``b`` (columns) of (first, last) days: more than ``window`` days apart."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(a[:, None, 0] - b[None, :, 1], b[None, :, 0] - a[:, None, 1])
        return np.nan_to_num(gap, nan=0.0) > window
