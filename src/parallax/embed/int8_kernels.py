"""The numba kernels of e5's int8 pass (``e5_int8``): each is one pass over a token's row or a text's tokens.

Compiled on first use and cached on disk; where numba is missing the functions stay plain Python and are never
called (``e5_int8.available``). Loops are written so that LLVM vectorises them: maxima on the floats' bits as
integers, exp and erf as polynomials.
"""

from __future__ import annotations

import math

import numpy as np

try:
    import numba
except ImportError:  # the float32 pass runs instead (``available``)
    numba = None

_F = np.float32
_JIT = {"cache": True, "fastmath": True, "nogil": True, "error_model": "numpy"}
# erf(x) ~ x P(x^2) / Q(x^2) on [-4, 4] (|error| < 3e-7; erf is +-1 in float32 beyond): vectorises, unlike libm's erf
_ERF_P = tuple(_F(c) for c in (-2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06,
                                -5.69250639462346e-05, -7.34990630326855e-04, -2.95459980854025e-03,
                                -1.60960333262415e-02))  # fmt: skip
_ERF_Q = tuple(_F(c) for c in (-1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03,
                                -7.37332916720468e-03, -1.42647390514189e-02))  # fmt: skip


def _jit(function):
    """numba-compiled where numba is installed, else the function unchanged (never called). The machine code is
    cached on disk (beside this file, else in the user's cache); where neither can be written, numba refuses
    caching, and each process compiles on first use (a few seconds)."""
    if numba is None:
        return function
    try:
        return numba.njit(**_JIT)(function)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return numba.njit(**{**_JIT, "cache": False})(function)


_LOG2E, _LN2 = _F(1 / math.log(2)), _F(math.log(2))
_P13, _P11, _P9, _P7, _P5, _P3, _P1 = _ERF_P
_Q8, _Q6, _Q4, _Q2, _Q0 = _ERF_Q


@_jit
def erf(x):
    x = min(max(x, _F(-4.0)), _F(4.0))
    x2 = x * x
    p = ((((((x2 * _P13 + _P11) * x2 + _P9) * x2 + _P7) * x2 + _P5) * x2 + _P3) * x2 + _P1) * x
    q = (((x2 * _Q8 + _Q6) * x2 + _Q4) * x2 + _Q2) * x2 + _Q0
    return p / q


@_jit
def absmax(row, word):
    """max |row|: a non-negative float's bits order as integers do, and an integer maximum vectorises."""
    bits = row.view(np.int32)
    top = np.int32(0)
    for c in range(bits.shape[0]):
        v = bits[c] & np.int32(0x7FFFFFFF)
        top = max(top, v)
    word[0] = top
    return word.view(np.float32)[0]


@_jit
def quantise_row(row, q, a, r, word):
    scale = max(absmax(row, word), _F(1e-12)) / _F(127.0)
    a[r] = scale
    inverse = _F(1.0) / scale
    for c in range(row.shape[0]):
        q[r, c] = np.int8(np.rint(row[c] * inverse))


@_jit
def quantise_row_twice(row, q, a, r, spare, word):
    """row ~ a[r] q[r] + a[n + r] q[n + r] (n = rows of q / 2): the second row is the first's rounding error."""
    quantise_row(row, q, a, r, word)
    first = a[r]
    for c in range(row.shape[0]):
        spare[c] = row[c] - first * _F(q[r, c])
    quantise_row(spare, q, a, q.shape[0] // 2 + r, word)


@_jit
def quantise(x, q, a):
    word = np.empty(1, np.int32)
    for r in range(x.shape[0]):
        quantise_row(x[r], q, a, r, word)


@_jit
def quantise_twice(x, q, a):
    word, spare = np.empty(1, np.int32), np.empty(x.shape[1], np.float32)
    for r in range(x.shape[0]):
        quantise_row_twice(x[r], q, a, r, spare, word)


@_jit
def scale_back_heads(y, a, s, b, out, part):
    """out[part + c // hidden, head, r, :] <- row r of y a s + b, column c = head's block of the part: an integer
    product of queries, keys or values scaled back to float32 and laid out head by head for the attention. Where y
    has twice out's rows, its second half is the product of ``quantise_twice``'s second rows, added."""
    heads, rows, size = out.shape[1], out.shape[2], out.shape[3]
    twice = y.shape[0] == 2 * rows
    for r0 in range(0, rows, 16):  # 16 rows of y at a time stay in cache while their columns are spread
        for c0 in range(0, y.shape[1], size):
            dest = out[part + c0 // (heads * size), (c0 // size) % heads]
            scale, shift = s[c0 : c0 + size], b[c0 : c0 + size]
            for r in range(r0, min(r0 + 16, rows)):
                first = a[r]
                if twice:
                    second = a[rows + r]
                    for e in range(size):
                        value = _F(y[r, c0 + e]) * first + _F(y[rows + r, c0 + e]) * second
                        dest[r, e] = value * scale[e] + shift[e]
                else:
                    for e in range(size):
                        dest[r, e] = _F(y[r, c0 + e]) * (first * scale[e]) + shift[e]


@_jit
def gelu_quantise(y, a, s, b, q, aq):
    """q, aq <- GELU(y a s + b), quantised per token."""
    word, row = np.empty(1, np.int32), np.empty(y.shape[1], np.float32)
    half, root = _F(0.5), _F(1.0 / math.sqrt(2.0))
    for r in range(y.shape[0]):
        scale = a[r]
        for c in range(y.shape[1]):
            v = _F(y[r, c]) * (scale * s[c]) + b[c]
            row[c] = half * v * (_F(1.0) + erf(v * root))
        quantise_row(row, q, aq, r, word)


@_jit
def softmax_rows(weights, work, tops):
    """Each row of weights <- its softmax, in place. Written so that each loop vectorises: the maximum on
    order-preserving integer keys of the floats' bits, exp as 2^k times a polynomial (2^k added to the exponent's
    bits); ``work`` (int32) and ``tops`` (float32) are scratch of weights' shape and rows."""
    n, m = weights.shape
    bits, keys = weights.view(np.int32), tops.view(np.int32)
    for i in range(n):
        top = np.int32(-2147483648)
        for j in range(m):
            top = max(top, bits[i, j] ^ ((bits[i, j] >> 31) & np.int32(0x7FFFFFFF)))
        keys[i] = top ^ ((top >> 31) & np.int32(0x7FFFFFFF))
    for i in range(n):
        highest = tops[i]
        for j in range(m):
            x = max(weights[i, j] - highest, _F(-80.0)) * _LOG2E
            k = np.floor(x + _F(0.5))
            y = (x - k) * _LN2  # |y| <= ln 2 / 2: e^y by its Taylor series to y^6, relative error < 2e-7
            p = _F(1.0 / 720) * y + _F(1.0 / 120)
            weights[i, j] = ((((p * y + _F(1.0 / 24)) * y + _F(1.0 / 6)) * y + _F(0.5)) * y + _F(1.0)) * y + _F(1.0)
            work[i, j] = np.int32(k) << 23
    for i in range(n):
        for j in range(m):
            bits[i, j] += work[i, j]
    for i in range(n):
        total = _F(0.0)
        for j in range(m):
            total += weights[i, j]
        inverse = _F(1.0) / total
        for j in range(m):
            weights[i, j] *= inverse


@_jit
def attend_quantise(qkv, starts, q, a):
    """Each text's self-attention, from ``qkv`` (queries already divided by sqrt(head size), keys, values; head;
    token; head's columns), its heads' outputs side by side quantised per token into q, a. A text sees only its
    own tokens (rows starts[t]:starts[t + 1]), so its result does not depend on the other texts of the batch."""
    heads, size = qkv.shape[1], qkv.shape[3]
    word = np.empty(1, np.int32)
    for t in range(starts.shape[0] - 1):
        first, last = starts[t], starts[t + 1]
        n = last - first
        context, weights = np.empty((n, heads * size), np.float32), np.empty((n, n), np.float32)
        work, tops = np.empty((n, n), np.int32), np.empty(n, np.float32)
        for h in range(heads):
            np.dot(qkv[0, h, first:last], qkv[1, h, first:last].T, weights)
            softmax_rows(weights, work, tops)
            mixed = np.dot(weights, qkv[2, h, first:last])
            for i in range(n):
                for e in range(size):
                    context[i, h * size + e] = mixed[i, e]
        for i in range(n):
            quantise_row(context[i], q, a, first + i, word)


@_jit
def mean_rows(x, starts, out):
    """out[t] = the mean of rows starts[t]:starts[t + 1] of x."""
    for t in range(starts.shape[0] - 1):
        out[t] = _F(0.0)
        for r in range(starts[t], starts[t + 1]):
            for c in range(x.shape[1]):
                out[t, c] += x[r, c]
        out[t] /= starts[t + 1] - starts[t]


@_jit
def add_norm(y, a, s, b, x, gain, shift, eps, r, row):
    """x[r] <- LayerNorm(x[r] + y[r] a[r] s + b)."""
    n = y.shape[1]
    scale, mean = a[r], _F(0.0)
    for c in range(n):
        v = _F(y[r, c]) * (scale * s[c]) + b[c] + x[r, c]
        row[c] = v
        mean += v
    mean /= n
    var = _F(0.0)
    for c in range(n):
        d = row[c] - mean
        var += d * d
    inverse = _F(1.0) / math.sqrt(var / n + eps)
    for c in range(n):
        x[r, c] = (row[c] - mean) * inverse * gain[c] + shift[c]


@_jit
def add_norm_quantise(y, a, s, b, x, gain, shift, eps, q, aq):
    """x <- LayerNorm(x + y a s + b), then quantised per token into q, aq (twice where q has 2x the rows)."""
    word, row, spare = np.empty(1, np.int32), np.empty(x.shape[1], np.float32), np.empty(x.shape[1], np.float32)
    twice = q.shape[0] == 2 * x.shape[0]
    for r in range(x.shape[0]):
        add_norm(y, a, s, b, x, gain, shift, eps, r, row)
        if twice:
            quantise_row_twice(x[r], q, aq, r, spare, word)
        else:
            quantise_row(x[r], q, aq, r, word)
