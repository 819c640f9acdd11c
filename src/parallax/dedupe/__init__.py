"""Near-duplicates and wire copies, found before sources are counted."""

from parallax.dedupe.minhash import ReprintIndex, find_reprints, published_order, shingles, signature

__all__ = ["ReprintIndex", "find_reprints", "published_order", "shingles", "signature"]
