"""The open stories' mean vectors, kept for finding the stories nearest a new article.

Placing an article first picks the few open stories whose mean event vector is nearest it
(the shortlist), then scores those in full. The means live as rows of one matrix, updated
in place when a story takes an article, merges or closes, so a lookup is one matrix-vector
product over the open window and never touches closed stories or the archive. The matrix is
kept by column, and the product reads only the columns where the article's vector is not zero:
an event vector is a dense embedding (384 or 768 wide) beside a hashed lexical block of 4,096
of which an article fills a few dozen, so a lookup reads a tenth of the matrix. Above
``GRAPH_ABOVE`` open stories an HNSW graph (usearch, inner product) over the same rows
answers instead: it proposes ``WIDEN`` times the shortlist, whose exact products then rank
them, so the graph only decides which stories are looked at.

The rows and the graph are derived state: they are rebuilt from the stories' running sums
when the state is restored (``rebuild``), since every run re-projects the open stories into
the event space as it now stands and a saved graph would be stale by then.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from parallax.cluster.event import LEXICAL_DIMENSIONS

GRAPH_ABOVE = 20_000  # open stories from which the HNSW graph proposes the candidates (above ``max_open``'s
# default: on event vectors of 4,480 dimensions an insertion costs ~40 ms on 2 loaded cores, a scan of 2,000 rows ~5 ms)
WIDEN = 4  # graph proposals per shortlisted story; the exact product ranks them


class StoryVectors:
    """Mean vectors of the open stories, one matrix row each, with an optional graph over them."""

    def __init__(self, graph_above: int = GRAPH_ABOVE):
        self.graph_above = graph_above
        self._row: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._free: list[int] = []
        self._columns = np.zeros((0, 0), np.float32)  # the matrix, transposed: one column per row (story)
        self._spans = np.zeros((0, 2))  # first and last day of each row's story; NaN: undated
        self._alive = np.zeros(0, bool)  # rows holding an open story
        self._graph = None  # usearch Index keyed by row, built on the first lookup that needs it

    def __len__(self) -> int:
        return len(self._row)

    def put(self, story_id: str, mean: np.ndarray, span: tuple[float | None, float | None] = (None, None)) -> None:
        """Set (or replace) the mean vector of an open story and its span of days."""
        row = self._row.get(story_id)
        if row is None:
            row = self._claim(story_id, len(mean))
        self._columns[:, row] = mean
        self._spans[row] = [np.nan if d is None else d for d in span]
        self._alive[row] = True
        if self._graph is not None:
            if self._graph.contains(row):
                self._graph.remove(row)
            self._graph.add(row, self._columns[:, row].copy())

    def drop(self, story_id: str) -> None:
        """Forget a story that closed or merged away."""
        row = self._row.pop(story_id, None)
        if row is None:
            return
        self._ids[row] = None
        self._alive[row] = False
        self._free.append(row)
        self._columns[:, row] = 0.0
        if self._graph is not None and self._graph.contains(row):
            self._graph.remove(row)

    def rebuild(self, means: Iterable[tuple[str, np.ndarray, tuple]]) -> None:
        """Start again from ``(story id, mean, span)`` triples (a restored or re-projected state)."""
        self.__init__(self.graph_above)
        for story_id, mean, span in means:
            self.put(story_id, mean, span)

    def nearest(self, vector: np.ndarray, count: int, day: float | None, window: float) -> list[tuple[str, float]]:
        """Up to ``count`` stories within ``window`` days of ``day`` by the dot product of their mean with
        ``vector``, highest first."""
        if not self._row:
            return []
        rows = self._proposed(vector, count) if len(self._row) > self.graph_above else None
        if rows is None:  # an exact scan of the open window
            dots = self._dots(vector, slice(0, len(self._ids)))
            rows = np.flatnonzero(self._near(day, window, slice(0, len(self._ids))))
            dots = dots[rows]
        else:
            rows = rows[self._near(day, window, rows)]
            dots = self._dots(vector, rows)
        top = np.argsort(-dots, kind="stable")[:count]
        return [(self._ids[rows[i]], float(dots[i])) for i in top]

    def _dots(self, vector: np.ndarray, rows) -> np.ndarray:
        """``vector`` times the means of ``rows``: the dense block in one product over the matrix as it lies,
        the sparse lexical block through the columns the vector uses (gathering a dense block would copy it)."""
        dense = max(0, len(vector) - LEXICAL_DIMENSIONS)
        used = dense + np.flatnonzero(vector[dense:])
        columns = self._columns[:, rows]
        return vector[:dense] @ columns[:dense] + vector[used] @ columns[used]

    def _near(self, day: float | None, window: float, rows) -> np.ndarray:
        """Which of ``rows`` hold a story within ``window`` days of ``day`` (undated: always)."""
        live = self._alive[rows]
        if day is None:
            return live
        spans = self._spans[rows]
        with np.errstate(invalid="ignore"):
            gap = np.nan_to_num(np.maximum(spans[:, 0] - day, day - spans[:, 1]), nan=0.0)
        return live & (gap <= window)

    def _proposed(self, vector: np.ndarray, count: int) -> np.ndarray | None:
        """Rows the graph finds nearest; None when too few are found (the caller scans instead)."""
        graph = self._graph if self._graph is not None else self._build()
        found = graph.search(np.asarray(vector, np.float32), WIDEN * count)
        rows = np.asarray(found.keys, np.int64)
        return rows if len(rows) >= min(count, len(self._row)) else None

    def _build(self):
        from usearch.index import Index

        self._graph = Index(ndim=self._columns.shape[0], metric="ip", dtype="f32", connectivity=16)
        rows = np.array(sorted(self._row.values()), np.int64)
        if len(rows):
            self._graph.add(rows, np.ascontiguousarray(self._columns[:, rows].T), threads=1)
        return self._graph

    def _claim(self, story_id: str, width: int) -> int:
        if self._columns.shape[0] != width:
            self._columns = np.zeros((width, max(len(self._ids), 16)), np.float32)
            self._spans = np.full((self._columns.shape[1], 2), np.nan)
            self._alive = np.zeros(self._columns.shape[1], bool)
        if self._free:
            row = self._free.pop()
        else:
            row = len(self._ids)
            self._ids.append(None)
            if row >= self._columns.shape[1]:
                self._columns = np.concatenate([self._columns, np.zeros_like(self._columns)], axis=1)
                self._spans = np.concatenate([self._spans, np.full_like(self._spans, np.nan)])
                self._alive = np.concatenate([self._alive, np.zeros_like(self._alive)])
        self._ids[row] = story_id
        self._row[story_id] = row
        return row


__all__ = ["GRAPH_ABOVE", "StoryVectors"]
