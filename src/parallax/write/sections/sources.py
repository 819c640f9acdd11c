"""Sources and provenance: every article used, and what produced the brief."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from parallax import __version__
from parallax.models import Provenance, Source
from parallax.write.material import StoryMaterial


def build_sources(material: StoryMaterial) -> tuple[Source, ...]:
    """Every article of the story with its outlet's facts, in story order."""
    return tuple(
        Source(a.id, a.title, a.url, material.outlet_of(a), a.published, material.reprints.get(a.id))
        for a in material.articles
    )


def input_hash(material: StoryMaterial, writer: str) -> str:
    """sha256 over the story id, its articles' content hashes, reprint pairs and the writer."""
    parts = [material.story.id, writer, material.embedder]
    parts += sorted(f"{a.id}:{a.content_hash}" for a in material.articles)
    parts += sorted(f"{k}>{v}" for k, v in material.reprints.items())
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def build_provenance(material: StoryMaterial, writer: str) -> Provenance:
    """Pipeline version, backends, time and input hash of this brief."""
    now = material.generated_at or datetime.now(UTC).replace(microsecond=0)
    return Provenance(__version__, writer, material.embedder, now, input_hash(material, writer))
