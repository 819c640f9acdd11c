"""How crowded the neighbourhood of an article or a story is, outside the story itself.

A fixed threshold fails both ways: in a crowded topic (weekly jobless claims,
court rulings) unrelated reports score high against each other, while an
article with an unusual angle scores low even against its own story. So a
score is judged against the local density (cross-domain similarity local
scaling, CSLS): the mean similarity of the article, and of the story's
members, to their ``k`` nearest open articles outside the candidate story.
Leaving the story's own members out keeps a large, tight story from raising
its own bar. Neighbour lists of earlier articles are updated as later ones
arrive, so the figures approach what an offline pass over the window gives;
every similarity is computed with array operations over the open window only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

PairSimilarity = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (cosines, tfidf dots, day gaps)
KEPT = 12  # neighbours remembered per article: enough to find k outside a small story
RECENT = 32  # members of a large story whose neighbourhoods are averaged


class NeighbourDensity:
    """The open articles (vectors, sparse TF-IDF rows, days) and the nearest neighbours of each."""

    def __init__(self, k: int, similarity: PairSimilarity, kept: int = KEPT):
        self.k, self._similarity, self._kept = k, similarity, max(k, kept)
        self._vocabulary: dict[str, int] = {}
        self._row: dict[str, int] = {}
        self._size = self._entries = 0
        self._vectors = np.zeros((0, 0), np.float32)
        self._near_sim = np.zeros((0, self._kept), np.float32)
        self._near_row = np.zeros((0, self._kept), np.int64)  # -1: empty slot or a forgotten article
        self._days, self._alive = np.zeros(0), np.zeros(0, bool)
        self._story = np.zeros(0, np.int64)  # the story label of each row; a story counts as one neighbour
        self._cols, self._vals, self._owner = np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0, np.int64)
        self._latest = np.zeros(0, np.float32)  # the newest article's similarity to every row

    def add(self, article_id: str, vector: np.ndarray, terms: dict[str, float], day: float | None) -> None:
        """Record an article and update its neighbours' lists with it."""
        if article_id in self._row:
            return
        cols = np.array([self._column(t) for t in terms], np.int64)
        vals = np.fromiter(terms.values(), np.float32, len(terms))
        self._latest = self._similarities(vector, cols, vals, day)
        self._update_neighbours(self._latest)
        row = self._append(article_id, vector, cols, vals, day)
        order = np.argsort(-self._latest)[: self._kept]
        order = order[np.isfinite(self._latest[order])]
        self._near_sim[row, : len(order)], self._near_row[row, : len(order)] = self._latest[order], order

    def label(self, article_ids: Iterable[str], story: int) -> None:
        """Mark articles as members of ``story`` (a non-negative number), after assignment or a merge."""
        self._story[self._rows(article_ids, self._size)] = story

    def latest_density(self) -> float:
        """The newest article's density: its mean similarity to its ``k`` nearest open stories."""
        n = len(self._latest)
        return _top_mean(self._latest, self._story[:n], self.k)

    def story_density(self, story: list[str]) -> float:
        """Mean density of the story's (most recent) members; 0 for a story with no known member."""
        rows = self._rows(story[-RECENT:], self._size)
        if not len(rows):
            return 0.0
        near = self._near_row[rows]
        unknown = -1 - self._size - np.arange(near.size).reshape(near.shape)  # each forgotten neighbour on its own
        labels = np.where(near >= 0, self._story[np.maximum(near, 0)], unknown)
        similarities = np.where(near == self._size - 1, -np.inf, self._near_sim[rows])  # not the article being judged
        return float(np.mean([_top_mean(similarities[i], labels[i], self.k) for i in range(len(rows))]))

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop articles whose story went cold: they are no longer anyone's neighbour."""
        for article in article_ids:
            row = self._row.pop(article, None)
            if row is not None:
                self._alive[row] = False

    def _rows(self, article_ids: Iterable[str], limit: int) -> np.ndarray:
        rows = (self._row.get(a, -1) for a in article_ids)
        return np.array([r for r in rows if 0 <= r < limit], np.int64)

    def _column(self, term: str) -> int:
        return self._vocabulary.setdefault(term, len(self._vocabulary))

    def _similarities(self, vector: np.ndarray, cols: np.ndarray, vals: np.ndarray, day: float | None) -> np.ndarray:
        n = self._size
        if n == 0:
            return np.zeros(0, np.float32)
        query = np.zeros(len(self._vocabulary) + 1, np.float32)
        query[cols] = vals
        used = slice(0, self._entries)
        dots = np.bincount(self._owner[used], self._vals[used] * query[self._cols[used]], minlength=n)[:n]
        gaps = np.zeros(n) if day is None else np.nan_to_num(np.abs(self._days[:n] - day), nan=0.0)
        similarities = self._similarity(self._vectors[:n] @ vector, dots, gaps).astype(np.float32)
        similarities[~self._alive[:n]] = -np.inf
        return similarities

    def _update_neighbours(self, similarities: np.ndarray) -> None:
        n = self._size
        weakest = self._near_sim[:n].argmin(axis=1)
        rows = np.nonzero(similarities > self._near_sim[np.arange(n), weakest])[0]
        self._near_sim[rows, weakest[rows]] = similarities[rows]
        self._near_row[rows, weakest[rows]] = n  # the row the newest article is about to take

    def _append(self, article_id: str, vector: np.ndarray, cols: np.ndarray, vals: np.ndarray, day) -> int:
        if self._size == len(self._alive) or self._entries + len(cols) > len(self._cols):
            self._compact(len(vector), len(cols))
        row, start = self._size, self._entries
        self._vectors[row], self._days[row], self._alive[row] = vector, np.nan if day is None else day, True
        self._story[row] = -1 - row  # its own story until ``label`` says otherwise
        self._cols[start : start + len(cols)], self._vals[start : start + len(cols)] = cols, vals
        self._owner[start : start + len(cols)] = row
        self._near_sim[row], self._near_row[row] = 0.0, -1  # a missing neighbour counts as an unrelated one
        self._row[article_id], self._size, self._entries = row, row + 1, start + len(cols)
        return row

    def _compact(self, dimensions: int, incoming: int) -> None:
        """Drop forgotten rows and make room: amortised O(1) per article, memory bounded by the window."""
        keep = np.nonzero(self._alive[: self._size])[0]
        renumber = np.full(self._size + 1, -1, np.int64)  # the extra slot: the newest article, placed after
        renumber[keep], renumber[self._size] = np.arange(len(keep)), len(keep)
        live = renumber[self._owner[: self._entries]] >= 0
        rows, entries = max(64, 2 * len(keep) + 1), max(4096, 2 * (int(live.sum()) + incoming))
        self._vectors = _resized(self._vectors[keep], (rows, dimensions))
        self._near_sim = _resized(self._near_sim[keep], (rows, self._kept))
        self._near_row = _resized(
            np.where(self._near_row[keep] >= 0, renumber[self._near_row[keep]], -1), (rows, self._kept)
        )
        self._days, self._alive = _resized(self._days[keep], (rows,)), _resized(self._alive[keep], (rows,))
        self._story = _resized(self._story[keep], (rows,))
        self._cols = _resized(self._cols[: self._entries][live], (entries,))
        self._vals = _resized(self._vals[: self._entries][live], (entries,))
        self._owner = _resized(renumber[self._owner[: self._entries][live]], (entries,))
        self._latest = self._latest[keep] if len(self._latest) == self._size else self._latest
        names = {row: article for article, row in self._row.items()}
        self._row = {names[old]: new for new, old in enumerate(keep)}
        self._size, self._entries = len(keep), int(live.sum())


def _top_mean(similarities: np.ndarray, stories: np.ndarray, k: int) -> float:
    """Mean of the ``k`` best similarities, counting only the best one of each story (missing ones are 0)."""
    finite = np.isfinite(similarities)
    similarities, stories = similarities[finite], stories[finite]
    order = np.argsort(-similarities, kind="stable")
    _, first = np.unique(stories[order], return_index=True)
    best = similarities[order[np.sort(first)]][:k]
    return float(best.sum() / k)


def _resized(values: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    out = np.zeros(shape, values.dtype)
    if values.size:
        out[: len(values)] = values
    return out
