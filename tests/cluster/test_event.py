"""Event vectors: a language's offset removed, anchors beside the embedding; consolidation of a running story."""

from __future__ import annotations

import numpy as np

from parallax.cluster.event import ANCHOR_DIMENSIONS, EventSpace


def _unit(v):
    v = np.asarray(v, np.float32)
    return v / np.linalg.norm(v)


def test_centring_removes_a_language_offset():
    rng = np.random.default_rng(3)
    events = [_unit(rng.normal(size=16)) for _ in range(400)]
    offsets = {"de": 3 * _unit(rng.normal(size=16)), "ar": 3 * _unit(rng.normal(size=16))}
    space = EventSpace(anchor_weight=0.0)
    raw = {(lang, k): _unit(events[k] + offsets[lang]) for lang in offsets for k in range(400)}
    for (lang, _), vector in raw.items():
        space.observe(lang, vector, frozenset())

    def cosine(a, b):
        return float(a @ b)

    same_event = cosine(raw["de", 0], raw["ar", 0])
    same_language = cosine(raw["de", 0], raw["de", 1])
    assert same_language > same_event  # raw vectors: the language wins
    centred = {key: space.vector(key[0], v, frozenset()) for key, v in raw.items()}
    assert cosine(centred["de", 0], centred["ar", 0]) > cosine(centred["de", 0], centred["de", 1])


def test_anchors_shared_by_others_raise_the_cosine():
    space = EventSpace(anchor_weight=0.5)
    rng = np.random.default_rng(5)
    vector = _unit(rng.normal(size=8))
    shared, alone = frozenset({"C:TR", "#15383"}), frozenset({"C:MA"})
    for anchors in (shared, shared, alone, frozenset()):
        space.observe("en", _unit(rng.normal(size=8)), anchors)
    a, b, c = (space.vector("en", vector, x) for x in (shared, shared, alone))
    assert a.shape == (8 + ANCHOR_DIMENSIONS,)
    assert np.isclose(np.linalg.norm(a), 1.0)
    assert float(a @ b) > float(a @ c)
    assert not space.anchor_block(alone).any()  # named by one article only: links nothing
