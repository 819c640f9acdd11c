"""Reopening frozen stories: the sketches and their in-memory index (the store's are in tests/store)."""

from __future__ import annotations

import numpy as np

from parallax.cluster.event import LEXICAL_DIMENSIONS
from parallax.cluster.reopen import HORIZON_DAYS, SKETCH_DIMENSIONS, FrozenSketches, sketch


def _event(seed: int, width: int = 384) -> np.ndarray:
    dense = np.random.default_rng(seed).standard_normal(width).astype(np.float32)
    lexical = np.random.default_rng(seed + 100).random(LEXICAL_DIMENSIONS).astype(np.float32)
    return np.concatenate([dense, lexical])


def test_a_sketch_is_unit_length_and_keeps_the_dense_blocks_cosine_roughly():
    a, b = _event(1), _event(2)
    assert sketch(a).shape == (SKETCH_DIMENSIONS,) and abs(float(np.linalg.norm(sketch(a))) - 1.0) < 1e-5
    assert float(sketch(a) @ sketch(a + 0.3 * b)) > 0.85  # dense cosine 0.96
    assert abs(float(sketch(a) @ sketch(b))) < 0.25  # unrelated; the lexical block (shared here) is left out
    assert np.array_equal(sketch(a), sketch(a.copy()))  # fixed directions: a stored sketch and a later query agree


def test_frozen_sketches_rank_by_cosine_within_the_horizon_and_forget_dropped_stories():
    a, b, c = (sketch(_event(n)) for n in (1, 2, 3))
    index = FrozenSketches([("s-a", 10.0, a), ("s-b", None, b), ("s-c", 500.0, c)])
    assert index.nearest(a, 20.0)[0][0] == "s-a"
    assert "s-a" not in [s for s, _ in index.nearest(a, 11.0 + HORIZON_DAYS)]  # it ended past the horizon
    assert index.nearest(b, 11.0 + HORIZON_DAYS)[0][0] == "s-b"  # undated stories are always looked up
    index.add([("s-a", 600.0, c)])  # frozen again with a new sketch: replaced, not duplicated
    assert sorted(index.ids) == ["s-a", "s-b", "s-c"] and index.nearest(c, 600.0, count=2)[1][1] > 0.99
    index.drop({"s-c", "s-b"})
    assert [s for s, _ in index.nearest(c, 600.0)] == ["s-a"]
