"""Wire copies are found and credited to the earliest published copy."""

from __future__ import annotations

from datetime import UTC, datetime

from parallax.dedupe import find_reprints
from parallax.models import Page
from parallax.text.article import build_article

WIRE = (
    "Rescue crews in the northern hill district pulled eleven people from the mud on Thursday after a night of "
    "heavy rain sent a hillside sliding onto a row of houses. The district governor said forty homes were "
    "damaged and two schools would stay closed while engineers checked the slope. Residents described a roar "
    "just before dawn and said the water rose faster than anyone could remember. The weather service warned "
    "that more rain was expected over the weekend and asked families near the river to move to higher ground."
)
OTHER = (
    "The city council voted to extend the night bus network to the eastern suburbs from next spring. Members "
    "argued for two hours over the cost, which the transport office put at four million a year, before the "
    "motion passed by nine votes to five. Shift workers had campaigned for the change since the last timetable "
    "review and several of them watched the debate from the public gallery on Wednesday evening."
)


def _article(url: str, body: str, day: int, outlet: str):
    published = datetime(2024, 5, day, 8, tzinfo=UTC)
    return build_article(Page(url=url, title=body[:40], body=body, outlet=outlet, published=published))


def test_lightly_edited_copy_is_a_reprint_of_the_earliest():
    original = _article("https://wire.example/slide", WIRE, 2, "Wire")
    copy = _article(
        "https://paper.example/slide", "By Wire staff. " + WIRE.replace("Thursday", "Thursday morning"), 3, "Paper"
    )
    other = _article("https://city.example/bus", OTHER, 2, "City")
    assert find_reprints([copy, other, original]) == {copy.id: original.id}


def test_a_copy_of_a_copy_points_at_the_first_original():
    first = _article("https://a.example/1", WIRE, 1, "A")
    second = _article("https://b.example/2", WIRE + " Officials will give an update on Friday.", 2, "B")
    third = _article("https://c.example/3", WIRE + " Schools reopen next week.", 3, "C")
    assert find_reprints([third, second, first]) == {second.id: first.id, third.id: first.id}


def test_different_reports_of_one_event_are_not_reprints():
    rewrite = (
        "A landslide buried several houses in the hills overnight. Eleven survivors were rescued, officials said, "
        "and dozens of homes were hit. Forecasters expect further storms and urged riverside households to leave "
        "before the weekend, while engineers inspect the unstable ground above the village and its two schools."
    )
    assert (
        find_reprints([_article("https://a.example/1", WIRE, 1, "A"), _article("https://b.example/2", rewrite, 1, "B")])
        == {}
    )


def test_a_signature_is_datasketchs_default_sha1_minhash_of_the_shingles():
    from datasketch import MinHash

    from parallax.dedupe.minhash import PERMUTATIONS, shingles, signature

    expected = MinHash(num_perm=PERMUTATIONS, seed=1)  # the hash and permutations the stored sketches were made with
    expected.update_batch([g.encode("utf-8") for g in shingles(WIRE + " Ünïcode wörds here.")])
    sketch = signature(WIRE + " Ünïcode wörds here.")
    assert sketch.scheme == expected.scheme and sketch.jaccard(expected) == 1.0
    assert (sketch.hashvalues == expected.hashvalues).all()
    assert signature(OTHER).jaccard(expected) < 0.1


def test_a_text_of_too_few_shingles_has_no_signature_and_repeated_shingles_count_once():
    from parallax.dedupe.minhash import MIN_SHINGLES, signature

    words = [f"w{i}" for i in range(MIN_SHINGLES + 3)]  # exactly MIN_SHINGLES - 1 shingles of five words
    assert signature(" ".join(words)) is None and signature("") is None and signature("one two three") is None
    assert signature(" ".join(words + ["w23"])) is not None
    assert (signature(WIRE).hashvalues == signature(WIRE + " " + WIRE).hashvalues).sum() > 50
