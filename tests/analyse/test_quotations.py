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


def test_a_quotation_with_no_cue_goes_on_the_words_of_the_speaker_quoted_just_before():
    text = ("“We will not close the port,” Mayor Ada Brandt said on Monday. “This plan hurts the poor.”\n\n"
            "The vote is on Friday.")
    found = {a.sentence_index: a for a in extract_attributions(_article(text))}
    assert found[1].actor == "Ada Brandt" and found[1].quotation == (0, 1) == found[0].quotation
    assert 2 not in found


def test_a_quotation_with_no_cue_after_a_sentence_of_two_speakers_is_nobody_s():
    text = ("Mayor Ada Brandt said the port stays open and Senator Paul Okafor said it closes. "
            "“This plan hurts the poor.”")
    assert 1 not in _speakers(text)


def test_a_quotation_with_a_cue_of_its_own_keeps_it():
    text = "“We will not close the port,” Mayor Ada Brandt said. “It closes,” Senator Paul Okafor said."
    assert _speakers(text)[1] == "Paul Okafor"


def test_quotation_marks_pair_in_the_conventions_of_each_language():
    for text, quoted in [("Er sagte: „Wir bleiben hier.“ Dann ging er.", "„Wir bleiben hier.“"),
                         ("«Nous restons», a dit Macron.", "«Nous restons»"),
                         ("Sie sagte »nein« und ging.", "»nein«"),
                         ("彼は「私は残る」と述べた。", "「私は残る」")]:
        assert [text[s:e] for s, e in quotation_regions(text)] == [quoted]


def test_he_said_after_a_named_man_s_quotation_is_his_and_she_said_is_not():
    text = ("Mr. Paul Okafor spoke in the square. “We will win,” Mr. Okafor said. “Nobody can stop us,” he said. "
            "“They will,” she said.")
    said = _speakers(text)
    assert said[2] == "Paul Okafor"
    assert not said.get(3)


def test_he_said_after_his_quotation_goes_on_for_a_sentence_is_still_his():
    text = ("Mr. John Barrow spoke to reporters. “That is outrageous talk,” Mr. Barrow said. “They want this vote "
            "to be about anything but jobs. So they look for a villain,” he said.")
    said = _speakers(text)
    assert said[3] == "John Barrow" and said[2] == "John Barrow"  # the pronoun's sentence, and the quotation's first


def test_he_said_is_nobody_s_when_someone_else_is_named_in_between():
    text = ("Mr. John Barrow spoke to reporters. “That is outrageous talk,” Mr. Barrow said. Senator Tom Rieger "
            "left the room. “So they look for a villain,” he said.")
    assert not _speakers(text).get(3)


def test_a_verb_inside_a_quotation_is_the_speakers_words_and_does_not_stop_it():
    text = ("“This is nonsense,” said Father Thomas Reese, one of the organisers. “This is nonsense. As scholars, "
            "we want to join the bishops in pointing out the harm.”")
    said = _speakers(text)
    assert said[1] == "Thomas Reese" and said[2] == "Thomas Reese"


def test_a_sentence_that_closes_a_straight_quoted_quotation_names_its_speaker_outside_it():
    text = 'Rick Santorum spoke in Ohio on Sunday. "It is not about your jobs. It is about theology," Santorum said.'
    said = _speakers(text)
    assert said[2] == "Rick Santorum" and said[1] == "Rick Santorum"


def test_words_that_close_a_quotation_opened_a_sentence_before_are_quoted_and_the_passage_is_theirs():
    text = ('"The President congratulated Ana Ruiz on her win. Her campaign inspired millions," '
            "press secretary Josh Earnest said in a statement.")
    article = Article("a", "urn:a", "t", text, "a", None, "en", "h", split_sentences(text))
    found = extract_attributions(article)
    assert {a.sentence_index for a in found if a.actor == "Josh Earnest"} == {0, 1}
    assert all(a.direct and a.quotation == (0, 1) for a in found if a.actor == "Josh Earnest")


def test_a_quotation_parted_from_its_speaker_at_its_exclamation_mark_is_theirs():
    text = ("Former president Vicente Fox answered on Thursday. “Stop lying!” Mr. Fox wrote. "
            "“Mexico is not yours to play with.” The crowd roared.")
    said = _speakers(text)
    assert said[1] == said[2] == said[3] == "Vicente Fox"  # the quotation, who wrote it, and its continuation
    assert 4 not in said


def test_a_sentence_after_a_quotation_that_names_nobody_takes_nothing():
    text = "Tom Pryce spoke on Monday. “Stop lying!” The crowd roared."
    assert 1 not in _speakers(text)


def test_a_cue_after_a_straight_quotation_closed_in_its_sentence_is_read():
    text = ('Raul Labrador spoke on Friday. "I was stunned by the vote. Eric is a good friend. But the message from '
            'Tuesday is clear -- voters want change," Labrador said in a statement.')
    said = _speakers(text)
    assert said[1] == said[2] == said[3] == "Raul Labrador"


def test_a_quotation_before_its_speaker_is_the_content_whatever_follows_the_verb():
    text = "“I don’t support people who attack my family,” Cruz said at a rally in Ohio, according to The Hill."
    found = [a for a in extract_attributions(_article(text)) if a.source.text == "Cruz"]
    assert [a.content.text for a in found] == ["“I don’t support people who attack my family,”"]
