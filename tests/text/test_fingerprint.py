"""Text normalisation: the patterns skipped where they cannot match give what running them always gave."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.text.fingerprint import content_hash, normalize_text


def every_pattern(text: str) -> str:
    """``normalize_text`` as it was: each pattern run on every text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \t\u00a0\n\re\u0301", max_size=40))
def test_normalising_skips_only_patterns_that_cannot_match(text):
    assert normalize_text(text) == every_pattern(text)
    assert normalize_text(normalize_text(text)) == normalize_text(text)


def test_trailing_spaces_and_blank_lines_still_go():
    assert normalize_text("Storm hits Valdor \t\n\n\n\nRoads closed.\u00a0\n") == "Storm hits Valdor\n\nRoads closed."
    assert content_hash("T", "a \nb") == content_hash("T", "a\nb") != content_hash("T", "a b")
