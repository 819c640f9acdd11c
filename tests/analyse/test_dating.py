"""The day of an undated page, read from its own text (sentences written here)."""

from datetime import datetime

from parallax.analyse.dating import dateline, page_date, weekday_named
from parallax.models import Article


def _undated(text: str, language: str = "en") -> Article:
    return Article("d1", "urn:d1", "t", text, "Wire", None, language, "h", ())


def test_a_dateline_or_byline_date_in_any_language():
    assert dateline("October 18, 2023 – Officials in Valdor said") == datetime(2023, 10, 18)
    assert dateline("Publié le 18 octobre 2023 à 10h12") == datetime(2023, 10, 18)
    assert dateline("Stand: 7. Juni 2023, 14:02 Uhr") == datetime(2023, 6, 7)
    assert dateline("Updated 2023-10-18T10:00Z") == datetime(2023, 10, 18)
    assert dateline("At least 2023 people were counted") is None


def test_a_dateline_far_from_the_storys_days_recalls_another_event():
    recalled = _undated("Am 19. Dezember 2016 fuhr ein Lkw in den Valdorer Markt; gestern wieder.")
    assert page_date(recalled, [datetime(2024, 12, 20)]) is None
    assert page_date(recalled) == (datetime(2016, 12, 19), "dateline")  # nothing to hold it against


def test_a_weekday_is_placed_by_the_storys_dated_pages_of_its_first_week():
    page = _undated("A blast at the Valdor hospital on Tuesday evening killed at least 40 people.")
    story = [datetime(2023, 10, 17, 21), datetime(2023, 10, 18), datetime(2023, 10, 25)]  # Tue, Wed, next Wed
    assert page_date(page, story) == (datetime(2023, 10, 17), "weekday")
    assert page_date(page, [datetime(2023, 10, 18)]) is None  # no dated page of a Tuesday
    assert weekday_named("ارتكب الجيش، مساء الثلاثاء، مجزرة") == 1
    assert weekday_named("во вторник вечером") == 1


def test_a_dated_page_keeps_its_own_date():
    dated = Article("d2", "urn:d2", "t", "On Tuesday 40 died.", "Wire", datetime(2023, 10, 20), "en", "h", ())
    assert page_date(dated, [datetime(2023, 10, 17)]) is None
