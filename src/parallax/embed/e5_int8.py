"""e5's forward pass in int8: 8-bit matrix products, each token quantised on its own, the steps between fused.

The float32 forward pass spends about three quarters of its time in the linear layers' matrix products, which run
near a core's float32 peak on a CPU without bfloat16 (BENCHMARKS.md, "Session 21 — e5 engine"). Products of 8-bit
integers (``torch._int_mm``, oneDNN's VNNI kernels) are 3.5-4x faster. What keeps the vectors the model's:

- **weights** int8 with one scale per output column, from the file's own 4-bit weights;
- **activations** int8 with one scale per token, so a text's vector never depends on the other texts of its batch
  (integer products are exact); for the values, whose rounding moved the vectors most (cosine 0.99930 without,
  0.99963 with), the layer's input is carried in two int8 rows, the second holding what the first rounds away
  (``quantise_twice``);
- **the steps between the products** in one pass over each token's row, compiled by numba (``int8_kernels``):
  scaling back, bias, residual sum, LayerNorm and quantising for the next product (``add_norm_quantise``); bias,
  GELU and quantising (``gelu_quantise``); attention over each text's own tokens (``attend_quantise``). Eager
  torch would make a pass over memory for each, which cost more than the int8 products saved (BENCHMARKS.md,
  "Session 22").

Attention, LayerNorm statistics and pooling stay in float32. Vectors are at cosine ~0.9996 to the float32 pass
(``tests/embed/test_e5_int8.py``); BENCHMARKS.md, "Session 23", gives the stories on the real and curated sets.
"""

from __future__ import annotations

import math

import numpy as np

from parallax.embed import int8_kernels as kernels
from parallax.errors import ModelError


def available() -> bool:
    """Whether this installation can run the int8 pass: numba, and torch's integer product."""
    try:
        import torch
    except ImportError:
        return False
    return kernels.numba is not None and hasattr(torch, "_int_mm")


def int8_columns(weights):
    """Weights stored (in, out) as int8 and the float32 scale of each output column."""
    import torch

    scale = (weights.float().abs().amax(0) / 127).clamp(min=1e-12)
    return torch.round(weights.float() / scale).to(torch.int8).contiguous(), scale.numpy().astype(np.float32)


def int8_layer(layer: dict, heads: int) -> dict:
    """A layer of float weights (``E5Engine._layer``) as the int8 pass uses it: the queries' columns divided by
    sqrt(head size), as the attention would divide their products with the keys."""
    import torch

    weights, bias = layer["qkv"]
    hidden = weights.shape[0]
    shrink = np.concatenate([np.full(hidden, 1 / math.sqrt(hidden // heads)), np.ones(2 * hidden)]).astype(np.float32)
    weights, bias = weights.float() * torch.from_numpy(shrink), bias.float() * torch.from_numpy(shrink)
    parts = {"qk": (weights[:, : 2 * hidden], bias[: 2 * hidden]), "v": (weights[:, 2 * hidden :], bias[2 * hidden :])}
    parts |= {name: layer[name] for name in ("out", "in", "down")}
    out = {}
    for name, (weights, bias) in parts.items():
        out[name] = (*int8_columns(weights), bias.float().numpy().astype(np.float32))
    for name in ("norm1", "norm2"):
        out[name] = tuple(t.float().numpy().astype(np.float32) for t in layer[name])
    return out


def forward(x0, mask, layers: list[dict], heads: int, eps: float) -> np.ndarray:
    """Each text's mean token vector after the last layer, (texts, hidden) float32, from the embedded tokens ``x0``
    (texts, length, hidden) and ``mask`` (texts, length): a text's real tokens, packed one after another."""
    import torch

    if kernels.numba is None:
        raise ModelError("the int8 e5 pass needs numba, which is not installed")
    counts = mask.sum(1).numpy()
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    rows, hidden = int(starts[-1]), x0.shape[-1]  # every text has at least its two marks: rows > 0
    wide = layers[0]["in"][0].shape[1]
    eps = np.float32(eps)
    x = np.ascontiguousarray(x0[mask].numpy(), dtype=np.float32)
    twice, twice_scale = np.zeros((2 * rows, hidden), np.int8), np.zeros(2 * rows, np.float32)
    narrow, narrow_scale = np.zeros((rows, hidden), np.int8), np.zeros(rows, np.float32)
    inner, inner_scale = np.zeros((rows, wide), np.int8), np.zeros(rows, np.float32)
    qkv = np.zeros((3, heads, rows, hidden // heads), np.float32)  # queries, keys, values; head by head
    kernels.quantise_twice(x, twice, twice_scale)
    for layer in layers:
        (wq, sq, bq), (wv, sv, bv), (wo, so, bo), (wi, si, bi), (wd, sd, bd) = (
            layer[n] for n in ("qk", "v", "out", "in", "down")
        )
        queries_keys = torch._int_mm(torch.from_numpy(twice[:rows]), wq).numpy()  # the first rows: one int8 row each
        kernels.scale_back_heads(queries_keys, twice_scale, sq, bq, qkv, 0)
        kernels.scale_back_heads(torch._int_mm(torch.from_numpy(twice), wv).numpy(), twice_scale, sv, bv, qkv, 2)
        kernels.attend_quantise(qkv, starts, narrow, narrow_scale)
        product = torch._int_mm(torch.from_numpy(narrow), wo).numpy()
        kernels.add_norm_quantise(product, narrow_scale, so, bo, x, *layer["norm1"], eps, narrow, narrow_scale)
        kernels.gelu_quantise(
            torch._int_mm(torch.from_numpy(narrow), wi).numpy(), narrow_scale, si, bi, inner, inner_scale
        )
        product = torch._int_mm(torch.from_numpy(inner), wd).numpy()
        kernels.add_norm_quantise(product, inner_scale, sd, bd, x, *layer["norm2"], eps, twice, twice_scale)
    pooled = np.zeros((len(counts), hidden), np.float32)
    kernels.mean_rows(x, starts, pooled)
    return pooled
