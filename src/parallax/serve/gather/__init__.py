"""Read from the store what a page needs. The only part of serve/ that talks to the store."""

from __future__ import annotations

from parallax.serve.gather.outlets import OutletMaterial, outlet_index, outlet_material
from parallax.serve.gather.stories import (
    StoryMaterial,
    outlets_by_name,
    ranked_stories,
    story_material,
    story_outlines,
    story_rows,
)

__all__ = [
    "OutletMaterial",
    "StoryMaterial",
    "outlet_index",
    "outlet_material",
    "outlets_by_name",
    "ranked_stories",
    "story_material",
    "story_outlines",
    "story_rows",
]
