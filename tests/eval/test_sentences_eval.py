"""The sentence audit's point check: a sentence end between a stop and the next word splits there."""

from parallax.eval.sentences import splits_at
from parallax.text.sentences import split_sentences


def test_a_point_is_split_when_a_sentence_ends_between_the_stop_and_the_next_word():
    text = "He left.” Then she spoke. Mr. Lee stayed."
    ends = [s.end for s in split_sentences(text)]
    assert splits_at(text, ends, text.index(".”"))
    assert not splits_at(text, ends, text.index("Mr.") + 2)


def test_a_line_break_point_is_split_when_the_line_ends_a_sentence():
    text = "Quake kills hundreds\nRescuers dig through the night."
    assert splits_at(text, [s.end for s in split_sentences(text)], text.index("\n"))
    assert not splits_at(text, [len(text)], text.index("\n"))
