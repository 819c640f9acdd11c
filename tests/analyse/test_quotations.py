"""Quotations over several sentences: every sentence of the quotation is its one speaker's."""

from parallax.analyse.who.attribution import extract_attributions
from parallax.analyse.who.quotations import passages, quotation_regions
from parallax.models import Article
from parallax.text.sentences import split_sentences


def _article(text: str) -> Article:
    return Article("a", "urn:a", "t", text, "a", None, "en", "h", split_sentences(text))


def _speakers(text: str) -> dict[int, str]:
    """Sentence index → the speaker filed for it ("" when nobody)."""
    found: dict[int, str] = {}
    for a in extract_attributions(_article(text)):
        found[a.sentence_index] = found.get(a.sentence_index) or a.actor
    return found


def test_a_quotation_left_open_at_a_paragraph_end_goes_on_in_the_next_one():
    text = "Lena Moor said: “The plan fails. It fails badly.\n\n“And nobody will pay for it.”\n\nThe vote is Monday."
    quoted = [text[s:e] for s, e in quotation_regions(text)]
    assert quoted == ["“The plan fails. It fails badly.\n\n“And nobody will pay for it.”"]


def test_an_unclosed_mark_ends_with_its_paragraph():
    text = "He called it a \"disaster.\n\nThe vote is Monday. It will pass."
    assert [text[s:e].strip() for s, e in quotation_regions(text)] == ["\"disaster."]


def test_the_sentences_between_a_quotation_marks_take_the_speaker_of_its_cue():
    text = ("The council met on Monday. “This is nonsense. The budget hurts the poor. "
            "We will vote against it,” Mayor Ada Brandt said. The vote is on Friday.")
    assert passages(_article(text)) == [(1, 3)]
    said = _speakers(text)
    assert said[1] == said[2] == said[3] == "Ada Brandt"
    assert 4 not in said


def test_a_quotation_with_two_speakers_gives_its_other_sentences_to_nobody():
    text = ("“The plan fails. It fails badly,” Mayor Ada Brandt said, “and Tom Rieger agreed,” "
            "said Senator Paul Okafor.")
    assert all(a.quotation == () for a in extract_attributions(_article(text)) if a.actor != "Ada Brandt")
