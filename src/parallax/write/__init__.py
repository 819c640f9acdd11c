"""Write stage: the Writer interface, the extractive writer, citation checks and renderers."""

import parallax.write.llm  # noqa: F401  registers the optional "llm" writer; loads nothing until asked for
from parallax.write.base import (
    Writer,
    available_writers,
    check_brief,
    get_writer,
    register_writer,
    resolve_citation,
)
from parallax.write.extractive import ExtractiveWriter
from parallax.write.material import StoryMaterial, material_for
from parallax.write.render import brief_from_dict, brief_to_dict, render_markdown, validate_brief_dict

__all__ = [
    "ExtractiveWriter",
    "StoryMaterial",
    "Writer",
    "available_writers",
    "brief_from_dict",
    "brief_to_dict",
    "check_brief",
    "get_writer",
    "material_for",
    "register_writer",
    "render_markdown",
    "resolve_citation",
    "validate_brief_dict",
]
