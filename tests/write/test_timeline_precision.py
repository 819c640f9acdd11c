"""An article dated only to a month or a year is shown as such: 'April 2024', not '2024-04-01'."""

from __future__ import annotations

from datetime import datetime

from parallax.serve.render import nice_date
from parallax.write.sections.timeline import article_date, date_label


def test_imprecise_dates_keep_their_precision_on_the_timeline():
    when = datetime(2024, 4, 1)
    assert [article_date(when, p) for p in ("month", "year", "day", "")] == ["2024-04", "2024", "2024-04-01",
                                                                            "2024-04-01"]
    assert date_label("2024-04") == "April 2024" and date_label("2024") == "2024"
    assert date_label("2024-04-15") == "2024-04-15"
    assert nice_date("2024-04") == "April 2024" and nice_date("2024-04-15") == "15 Apr 2024"
