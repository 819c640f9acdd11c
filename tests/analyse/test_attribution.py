
from parallax.analyse.who.attribution import extract_attributions
from parallax.models import Article
from parallax.text.sentences import split_sentences

TEXT = (
    "Valdorian Interior Ministry spokeswoman Ilsa Marren said the convoy was ambushed near the border. "
    "“We will not be intimidated,” said Defence Minister Oskar Brandt. "
    "The bridge was closed for hours, police said. "
    "According to local officials, nine buses were turned back. "
    "She also denied that troops had fired first."
)


def _article(text: str = TEXT) -> Article:
    return Article("a1", "urn:a1", "t", text, "Daily Ledger", None, "en", "h", split_sentences(text))


def test_spans_point_into_the_article_text():
    article = _article()
    for item in extract_attributions(article):
        for span in (item.source, item.cue, item.content):
            assert article.text[span.start : span.end] == span.text
        sentence = article.sentences[item.sentence_index]
        assert sentence.start <= item.cue.start < sentence.end
        assert item.citation.start == sentence.start and item.citation.outlet == "Daily Ledger"


def test_both_orders_and_according_to_are_found():
    found = {(a.source.text, a.cue.text) for a in extract_attributions(_article())}
    assert ("Valdorian Interior Ministry spokeswoman Ilsa Marren", "said") in found
    assert ("Defence Minister Oskar Brandt", "said") in found
    assert ("police", "said") in found
    assert ("local officials", "According to") in found


def test_content_sides():
    by_source = {a.source.text: a for a in extract_attributions(_article())}
    assert by_source["Valdorian Interior Ministry spokeswoman Ilsa Marren"].content.text == (
        "the convoy was ambushed near the border")
    quote = by_source["Defence Minister Oskar Brandt"]
    assert quote.direct and "will not be intimidated" in quote.content.text
    assert by_source["police"].content.text == "The bridge was closed for hours"


def test_pronoun_takes_the_last_named_person():
    last = extract_attributions(_article())[-1]
    assert last.source.text == "She" and last.cue.text == "denied"
    assert last.name in ("Ilsa Marren", "")  # the spokeswoman, or nobody: never the minister named last


def test_a_person_of_a_described_body_keeps_the_whole_name_of_the_body():
    text = "“It used neither,” said Oona Brandvik of the campaign group Living Seas Eskeria."
    found = extract_attributions(_article(text), learned=False)
    assert [(a.source.text, a.name) for a in found] == [
        ("Oona Brandvik of the campaign group Living Seas Eskeria", "Oona Brandvik")]
    # a lower-case run after "of" that ends without a name is not a speaker
    assert extract_attributions(_article("“It used neither,” said a member of the campaign group."), learned=False) == ()


def test_no_attribution_without_a_cue():
    assert extract_attributions(_article("The river rose by two metres overnight. Roads were closed.")) == ()


def test_a_cue_reports_speech_only_as_a_verb_of_saying_thinking_or_expecting():
    from parallax.analyse.who.cues import reports_speech

    text = ("Interior Minister Dorian Vale has not presented any evidence for his claims. "
            "Vale said the evidence would be published on Friday. "
            "According to the port authority, the terminal will reopen within ten days. "
            "Economists at Coral Bank expect another increase in November.")
    article = _article(text)
    found: dict[int, bool] = {}
    for a in extract_attributions(article):
        found[a.sentence_index] = found.get(a.sentence_index, False) or reports_speech(a.cue, article.text)
    assert found == {0: False, 1: True, 2: True, 3: True}  # sentence 0 is about Vale, not his position
