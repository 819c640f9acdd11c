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

import copy

import numpy as np
from scipy import sparse

from parallax.cluster.event import LEXICAL_DIMENSIONS
from parallax.cluster.index import StoryIndex
from parallax.cluster.merge_model import merge_model

HALF_DATED_POWER = 4  # ``merge_few_undated`` counts the share of such pairs to this power: near 1 only where nearly
# every cross pair is one (two small one-language stories, one dated, one not); a dated page meeting a large story
# with a few undated pages of its language pays nearly nothing (#23: at 1 or 2 a lone Arabic Derna page, 0.132
# against its 15-page story, fell under the bar; at 4 the tune half is unchanged)


def consolidate(index: StoryIndex) -> None:
    """Merge the index's standing stories, best average-link pair first, down to the merge threshold."""
    stories = [s for s in index.stories.values() if not s.held]
    if len(stories) < 2:
        return
    links = StoryLinks(stories, index.config)
    scores = _all_against(links, len(stories))
    np.fill_diagonal(scores, -np.inf)
    best = BestPairs(scores)
    while True:
        i, j = best.pair()
        if scores[i, j] < links.bar:
            return
        if index.apart(stories[i], stories[j]):
            scores[i, j] = scores[j, i] = -np.inf
            best.refresh(np.array([i, j]))
            continue
        survivor = index.merge(stories[i], stories[j])
        keep, gone = (i, j) if stories[i].id == survivor else (j, i)
        stories[keep] = index.stories[survivor]
        links.join(keep, gone, stories[keep])
        scores[gone, :] = scores[:, gone] = -np.inf
        fresh = links.against(np.array([keep]))[0]
        fresh[keep] = -np.inf
        scores[keep, :] = scores[:, keep] = fresh
        best.update(keep, gone)


def _all_against(links: StoryLinks, n: int, block: int = 128) -> np.ndarray:
    """Every story against every story, ``block`` rows at a time: the features' temporaries stay a few
    blocks wide instead of ten n-by-n matrices (4.8 GB at 6,600 stories). Kept in float32 (the scores are
    compared with a bar of two decimals): 174 MB at 6,600 stories instead of 347. A pair's score does not
    depend on which story is the row, so each block is scored against itself and the stories after it only
    (``StoryLinks.tail``), and mirrored: half the products."""
    scores = np.empty((n, n), np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        scores[start:stop, start:] = links.tail(start).against(np.arange(stop - start))
        scores[start:, start:stop] = scores[start:stop, start:].T
    return scores


class BestPairs:
    """Each row's highest score and its column, kept as the matrix changes, so the best pair of n stories
    is found among n row maxima instead of n-squared scores.

    The pair is the one ``np.argmax`` over the whole matrix would give (the first row, then the first
    column, among equal scores): a merge changes two rows and two columns, and only the rows whose best
    column was one of them, or that the new column beats, change their best.
    """

    def __init__(self, scores: np.ndarray):
        self.scores = scores
        self.top = scores.max(axis=1)
        self.at = scores.argmax(axis=1)

    def pair(self) -> tuple[int, int]:
        i = int(np.argmax(self.top))
        return i, int(self.at[i])

    def refresh(self, rows: np.ndarray) -> None:
        """Recompute the best of ``rows`` from the matrix."""
        if len(rows):
            self.top[rows] = self.scores[rows].max(axis=1)
            self.at[rows] = self.scores[rows].argmax(axis=1)

    def update(self, keep: int, gone: int) -> None:
        """After row and column ``keep`` were rewritten and ``gone``'s set to -inf."""
        column = self.scores[:, keep]
        beats = (column > self.top) | ((column == self.top) & (keep < self.at))
        stale = (self.at == keep) | (self.at == gone)
        self.top[beats & ~stale], self.at[beats & ~stale] = column[beats & ~stale], keep
        stale[[keep, gone]] = True
        self.refresh(np.flatnonzero(stale))


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
        width = len(stories[0].vector_sum)
        self.embedding = width - (LEXICAL_DIMENSIONS if config.centre and width > LEXICAL_DIMENSIONS else 0)
        self.sums = _column_major(stories, self.embedding)  # the centred embedding's share, dense
        self.lexical = _lexical_rows(stories, self.embedding)  # the rest (the sparse lexical block) as the stories began
        self.transposed = self.lexical.T.tocsr()
        self.group = np.arange(len(stories))  # the row whose sums each starting story's now add to
        self.sizes = np.array([len(s.members) for s in stories], np.float64)
        self.languages, self.crowding, self.dated_languages, self.dated_crowding = _language_counts(stories)
        self.dated = np.array([s.dated for s in stories], np.float64)
        self.looking_back = np.array([s.looking_back for s in stories], np.float64)
        self.spans = np.array([[_day(s.first_day), _day(s.last_day)] for s in stories])  # NaN: undated
        self.alive = np.ones(len(stories), bool)

    def tail(self, start: int) -> StoryLinks:
        """The same links with the stories before ``start`` left out (views of the tables), before any merge."""
        assert self.alive.all(), "a tail is taken before the stories merge"
        view, count = copy.copy(self), len(self.alive)
        for name, table in vars(self).items():
            if isinstance(table, np.ndarray) and len(table) == count:
                setattr(view, name, table[start:])
        view.group, view.lexical = np.arange(count - start), self.lexical[start:]
        view.transposed = view.lexical.T.tocsr()
        return view

    def against(self, rows: np.ndarray) -> np.ndarray:
        """What decides the merge of the stories ``rows`` with every story (-inf for gone ones): the model's
        log-odds, or the score without a model; compared with ``bar``."""
        value = self.model.logit(self.features(rows)) if self.model else self.score(rows, *self._pairs(rows))
        value[:, ~self.alive] = -np.inf
        return value

    def features(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """The merge model's features (``merge_model.FEATURES``) of the stories ``rows`` against every story."""
        pairs, same = self._pairs(rows)
        embedding = self._dots(rows, lexical=False) / pairs
        return {"score": self.score(rows, pairs, same), "cross_language": embedding * (1.0 - same),
                "same_language": same, "log_pairs": np.log(pairs)}

    def score(self, rows: np.ndarray, pairs: np.ndarray, same: np.ndarray) -> np.ndarray:
        """The average-link score of the stories ``rows`` against every story (``pairs``, ``same``: ``_pairs``)."""
        c = self.config
        score = self._dots(rows) / pairs - c.language_offset * same
        if c.crowd_weight:  # a crowded language's pairs pay more, unless both articles are dated
            score -= c.crowd_weight * self._crowd(rows) / (2 * pairs)
        if c.elapsed_weight:  # pairs of which one article looks back at an earlier event (``elapsed.py``)
            back, sizes = self.looking_back, self.sizes
            mixed = np.outer(back[rows], sizes - back) + np.outer(sizes[rows] - back[rows], back)
            score -= c.elapsed_weight * mixed / pairs
        if c.merge_few_foreign:  # a few pairs across languages are thin evidence (no offset, no words: one cosine)
            score -= c.merge_few_foreign * (1.0 - same) / pairs
        if c.merge_few_undated:  # so are a few pairs that time cannot speak for: one language, one article dated
            score -= c.merge_few_undated * (self._half_dated(rows) / pairs) ** HALF_DATED_POWER / pairs
        windows = np.minimum(_gaps(self.spans[rows], self.spans) / c.window_days, c.merge_time_cap)
        score -= c.merge_time_weight * np.outer(self.dated[rows], self.dated) / pairs * windows
        return score

    def _half_dated(self, rows: np.ndarray) -> np.ndarray:
        """The one-language cross pairs of the stories ``rows`` with every story of one dated and one undated article."""
        dated, undated = self.dated_languages, self.languages - self.dated_languages
        return dated[rows] @ undated.T + undated[rows] @ dated.T

    def _crowd(self, rows: np.ndarray) -> np.ndarray:
        """The summed crowding of the one-language cross pairs of the stories ``rows`` with every story, less
        that of their pairs of two dated articles."""
        every = self.crowding[rows] @ self.languages.T + self.languages[rows] @ self.crowding.T
        dated = self.dated_crowding[rows] @ self.dated_languages.T + self.dated_languages[rows] @ self.dated_crowding.T
        return every - dated

    def _pairs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The cross pairs of the stories ``rows`` with every story, and the share of them in one language."""
        pairs = np.outer(self.sizes[rows], self.sizes)
        return pairs, self.languages[rows] @ self.languages.T / pairs

    def _dots(self, rows: np.ndarray, lexical: bool = True) -> np.ndarray:
        """The dot products of the sums ``rows`` with every sum: the dense embedding's, plus (``lexical``) the
        lexical block's from the sparse rows the stories began with (``_lexical_dots``)."""
        dots = self.sums[rows] @ self.sums.T
        if lexical and self.lexical.shape[1]:
            dots += self._lexical_dots(rows)
        return dots

    def _lexical_dots(self, rows: np.ndarray) -> np.ndarray:
        """The lexical block's dot products of the stories ``rows`` with every story. A story's block is the sum
        of the blocks of the starting stories merged into it (``group``), each a few dozen of 4,096 columns, so
        a merged story's row costs the products of its columns' non-zeros, not a pass over a dense matrix."""
        n, picked = len(self.group), (self.group[None, :] == rows[:, None]).astype(np.float64)
        each = ((sparse.csr_array(picked) @ self.lexical) @ self.transposed).toarray()  # against the starting stories
        at = (self.group[None, :] + n * np.arange(len(rows))[:, None]).ravel()
        return np.bincount(at, each.ravel(), n * len(rows)).reshape(len(rows), n)

    def join(self, keep: int, gone: int, story) -> None:
        tables = (self.sums, self.languages, self.crowding, self.dated_languages, self.dated_crowding, self.sizes, self.dated,
                  self.looking_back)
        for table in tables:
            table[keep] += table[gone]
        self.group[self.group == gone] = keep
        self.alive[gone] = False
        self.spans[keep] = _day(story.first_day), _day(story.last_day)


def _column_major(stories, width: int) -> np.ndarray:
    """The first ``width`` columns of the stories' vector sums in float64, one row each, stored column by column
    (filled row by row: no float32 stack or float64 copy of the whole beside it)."""
    sums = np.empty((len(stories), width), np.float64, order="F")
    for row, story in enumerate(stories):
        sums[row] = story.vector_sum[:width]
    return sums


def _lexical_rows(stories, start: int) -> sparse.csr_array:
    """The columns of the stories' vector sums from ``start`` on, in float64, as sparse rows."""
    blocks = [np.asarray(s.vector_sum[start:], np.float64) for s in stories]
    used = [np.flatnonzero(b) for b in blocks]
    pointers = np.cumsum([0] + [len(u) for u in used])
    values = np.concatenate([b[u] for b, u in zip(blocks, used, strict=True)])
    return sparse.csr_array((values, np.concatenate(used), pointers), shape=(len(stories), len(blocks[0])))


def _language_counts(stories) -> tuple[np.ndarray, ...]:
    """Each story's members per language (the dot product of two rows counts their cross pairs in one language),
    the sum of their crowding per language, and both again for its dated members only, in the same columns."""
    codes = sorted({language for s in stories for language in s.languages})
    shape = (len(stories), len(codes))
    tables = ("languages", "crowding", "dated_languages", "dated_crowding")
    return tuple(
        np.array([[getattr(s, t)[c] for c in codes] for s in stories], np.float64).reshape(shape) for t in tables
    )


def _day(day: float | None) -> float:
    return np.nan if day is None else day


def _gaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For spans ``a`` (rows) and ``b`` (columns) of (first, last) days: the days between them (0 if undated or overlapping)."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(a[:, None, 0] - b[None, :, 1], b[None, :, 0] - a[:, None, 1])
        return np.maximum(np.nan_to_num(gap, nan=0.0), 0.0)
