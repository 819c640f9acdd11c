"""e5's int8 pass: its fused steps against plain numpy and torch, and its vectors against the float32 pass."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_e5_engine import TEXTS  # the engine's texts: six scripts, odd spacing, empty

from parallax.embed import e5_int8
from parallax.embed import int8_kernels as kernels
from parallax.embed.e5 import PREFIX, bundled_weights
from parallax.embed.e5_engine import E5Engine, default_arithmetic
from parallax.errors import ModelError

pytestmark = pytest.mark.skipif(not e5_int8.available(), reason="numba or torch's integer product is missing")


@pytest.fixture(scope="module")
def engines():
    return E5Engine(bundled_weights(), arithmetic="int8"), E5Engine(bundled_weights(), arithmetic="float")


def rows(seed: int, shape, spread: float = 3.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape).astype(np.float32)
    x[:, rng.integers(0, shape[1], 3)] *= spread * 10  # outlier columns, as LayerNorm outputs have
    return x


def test_int8_is_the_default_where_it_runs():
    engine_ = E5Engine(bundled_weights())
    assert default_arithmetic() == "int8" and engine_.arithmetic == "int8"


def test_without_numba_the_float_pass_runs(monkeypatch):
    monkeypatch.setattr(kernels, "numba", None)
    assert default_arithmetic() == "float"
    with pytest.raises(ModelError, match="numba"):
        e5_int8.forward(None, None, [], 12, 1e-12)


def test_without_a_writable_cache_the_kernels_still_compile(monkeypatch):
    real = kernels.numba.njit

    def njit(*args, **options):
        if options.get("cache"):
            raise RuntimeError("cannot cache function 'f': no locator available for file 'x.py'")
        return real(*args, **options)

    monkeypatch.setattr(kernels.numba, "njit", njit)

    def twice(x):
        return 2 * x

    assert kernels._jit(twice)(21) == 42


def test_an_unknown_arithmetic_is_refused():
    with pytest.raises(ModelError, match="arithmetic"):
        E5Engine(bundled_weights(), arithmetic="int4")


def test_int8_vectors_are_the_float_passes(engines):
    quick, exact = (engine.encode([PREFIX + t for t in TEXTS]) for engine in engines)
    cosine = (quick * exact).sum(axis=1)
    assert cosine.min() > 0.998 and cosine.mean() > 0.9994  # the same model's vectors (the empty text: 0.9989)
    assert np.abs(quick - exact).max() > 1e-5  # and the int8 pass did run
    assert np.allclose(np.linalg.norm(quick, axis=1), 1.0, atol=1e-5)


def test_an_int8_vector_does_not_depend_on_its_batch(engines):
    quick = engines[0]
    alone = [quick.encode([PREFIX + t])[0] for t in TEXTS]
    among = quick.encode([PREFIX + t for t in TEXTS])
    # each token quantised on its own, exact integer products, attention over the text's own tokens: bit for bit
    assert all(np.array_equal(a, b) for a, b in zip(alone, among, strict=True))


def test_quantising_a_row_rounds_it_to_its_own_scale():
    x = rows(1, (40, 384))
    q, a = np.zeros(x.shape, np.int8), np.zeros(40, np.float32)
    kernels.quantise(x, q, a)
    assert np.allclose(a, np.abs(x).max(axis=1) / 127)
    assert np.abs(q).max() == 127
    assert (np.abs(q * a[:, None] - x) <= a[:, None] / 2 * (1 + 1e-5)).all()


def test_quantising_twice_keeps_what_the_first_row_rounds_away():
    x = rows(2, (40, 384))
    q, a = np.zeros((80, 384), np.int8), np.zeros(80, np.float32)
    kernels.quantise_twice(x, q, a)
    once = q[:40] * a[:40, None]
    both = once + q[40:] * a[40:, None]
    assert np.abs(both - x).max() < np.abs(once - x).max() / 100


def test_an_all_zero_row_quantises_to_zeros():
    x = np.zeros((3, 64), np.float32)
    q, a = np.ones(x.shape, np.int8), np.zeros(3, np.float32)
    kernels.quantise(x, q, a)
    assert not q.any() and np.isfinite(a).all()


def test_erf_to_float32_precision():
    xs = np.linspace(-9, 9, 20_001, dtype=np.float32)
    worst = max(abs(float(kernels.erf(x)) - math.erf(float(x))) for x in xs)
    assert worst < 1e-6


def test_scaling_back_lays_out_queries_keys_and_values_head_by_head():
    heads, size, rows = 3, 8, 20
    y = np.random.default_rng(3).integers(-50_000, 50_000, (rows, 2 * heads * size)).astype(np.int32)
    a = np.random.default_rng(4).random(rows).astype(np.float32)
    s, b = np.random.default_rng(5).random(2 * heads * size).astype(np.float32), np.arange(2 * heads * size) / 7
    out = np.zeros((3, heads, rows, size), np.float32)
    kernels.scale_back_heads(y, a, s, b.astype(np.float32), out, 0)
    expected = (y * a[:, None] * s + b).reshape(rows, 2, heads, size).transpose(1, 2, 0, 3)
    assert np.allclose(out[:2], expected, rtol=1e-5) and not out[2].any()
    values = y[:, : heads * size]
    doubled, both = np.concatenate([values, values // 7]), np.concatenate([a, a / 100])
    kernels.scale_back_heads(doubled, both, s, b.astype(np.float32), out, 2)
    summed = (values * a[:, None] + (values // 7) * (a / 100)[:, None]) * s[: heads * size] + b[: heads * size]
    assert np.allclose(out[2], summed.reshape(rows, heads, size).transpose(1, 0, 2), rtol=1e-5)


def test_attention_is_each_texts_own_softmax_attention():
    import torch

    heads, size, lengths = 4, 16, [5, 1, 9]
    starts = np.array([0, 5, 6, 15])
    qkv = np.random.default_rng(9).standard_normal((3, heads, 15, size)).astype(np.float32) * 3
    q, a = np.zeros((15, heads * size), np.int8), np.zeros(15, np.float32)
    kernels.attend_quantise(qkv, starts, q, a)
    for t, n in enumerate(lengths):
        part = torch.from_numpy(qkv[:, :, starts[t] : starts[t] + n])
        weights = torch.softmax(part[0] @ part[1].transpose(1, 2), -1)  # queries come divided already
        expected = (weights @ part[2]).transpose(0, 1).reshape(n, heads * size).numpy()
        got = q[starts[t] : starts[t] + n] * a[starts[t] : starts[t] + n, None]
        assert np.abs(got - expected).max() <= a.max() / 2 * 1.01


def test_softmax_rows_to_float32_precision():
    weights = (np.random.default_rng(10).standard_normal((7, 50)) * 30).astype(np.float32)
    expected = np.exp(weights - weights.max(1, keepdims=True))
    kernels.softmax_rows(weights, np.zeros(weights.shape, np.int32), np.zeros(7, np.float32))
    assert np.allclose(weights, expected / expected.sum(1, keepdims=True), rtol=1e-5, atol=1e-9)


def test_gelu_then_quantise_is_torchs_gelu():
    import torch

    y = np.random.default_rng(6).integers(-3000, 3000, (30, 256)).astype(np.int32)
    a, s = np.full(30, 1e-3, np.float32), np.linspace(0.5, 2, 256, dtype=np.float32)
    b = np.linspace(-1, 1, 256, dtype=np.float32)
    q, aq = np.zeros(y.shape, np.int8), np.zeros(30, np.float32)
    kernels.gelu_quantise(y, a, s, b, q, aq)
    expected = torch.nn.functional.gelu(torch.from_numpy(y * a[:, None] * s + b)).numpy()
    assert np.abs(q * aq[:, None] - expected).max() <= aq.max() / 2 * 1.01


@pytest.mark.parametrize("twice", [False, True])
def test_add_norm_quantise_is_layer_norm_of_the_residual_sum(twice):
    import torch

    y = np.random.default_rng(7).integers(-3000, 3000, (25, 384)).astype(np.int32)
    a, s = np.full(25, 2e-3, np.float32), np.linspace(0.5, 2, 384, dtype=np.float32)
    b, x = np.zeros(384, np.float32), rows(8, (25, 384), spread=1.0)
    gain, shift = np.linspace(0.1, 3, 384, dtype=np.float32), np.linspace(-1, 1, 384, dtype=np.float32)
    total = torch.from_numpy((x + y * a[:, None] * s + b).astype(np.float32))
    expected = torch.nn.functional.layer_norm(total, (384,), torch.from_numpy(gain), torch.from_numpy(shift), 1e-12)
    q, aq = np.zeros(((2 if twice else 1) * 25, 384), np.int8), np.zeros((2 if twice else 1) * 25, np.float32)
    kernels.add_norm_quantise(y, a, s, b, x, gain, shift, np.float32(1e-12), q, aq)
    assert np.abs(x - expected.numpy()).max() < 1e-4  # x is the residual stream, updated in place
    rebuilt = q[:25] * aq[:25, None] + (q[25:] * aq[25:, None] if twice else 0)
    assert np.abs(rebuilt - x).max() <= aq[:25].max() / (254 if twice else 2) * 1.01


def test_the_embedder_says_which_arithmetic_ran():
    from parallax.embed.e5 import E5Embedder

    pairs = [(t, t) for t in TEXTS[:3]]
    quick, exact = E5Embedder(), E5Embedder(arithmetic="float")
    cosine = (quick.article_vectors(pairs) * exact.article_vectors(pairs)).sum(axis=1)
    assert (quick.arithmetic, exact.arithmetic) == ("int8", "float") and cosine.min() > 0.999
