"""What ships with parallax: the outlet catalog, the demo corpus, small trained weights.

Every weights file is checked against a pinned sha256 before it is loaded: ``verify_file``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from parallax.errors import ModelError


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file at ``path``, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path, expected: str, what: str) -> Path:
    """``path`` when it exists and has the ``expected`` sha256; ``ModelError`` naming ``what`` otherwise."""
    if not Path(path).is_file():
        raise ModelError(f"{path}: {what} is missing")
    actual = file_sha256(path)
    if actual != expected:
        raise ModelError(f"{path}: {what} has sha256 {actual}, not the pinned {expected}")
    return Path(path)


def verify_with_card(weights: Path, card: Path, what: str) -> Path:
    """Verify ``weights`` against the sha256 its ``model.json`` card records."""
    if not Path(card).is_file():
        raise ModelError(f"{card}: the card of the {what} is missing")
    return verify_file(weights, json.loads(Path(card).read_text(encoding="utf-8"))["sha256"], what)
