import pytest

from parallax.write.sections.figures import close_runs, figures_in
from parallax.write.sections.outcomes import hedge, likelihood
from parallax.write.sections.timeline import sentence_date
from parallax.write.wording import loadedness


def test_hedge_reads_the_rule_table():
    assert hedge("The strike could spread to other ports.")[0] == pytest.approx(0.30)
    assert hedge("The port will reopen on Friday.")[0] == pytest.approx(0.75)
    assert hedge("The port will reopen if the talks succeed.")[0] == pytest.approx(0.65)
    assert hedge("A deal is unlikely before winter.")[0] == pytest.approx(0.15)
    assert hedge("Talks resumed on May 4 in the capital.") is None


def test_likelihood_bands():
    assert [likelihood(p) for p in (0.2, 0.34, 0.66, 0.67)] == ["Low", "Medium", "Medium", "High"]


def test_figures_and_close_runs():
    assert figures_in("At least 1,200 people were evacuated and 40% of homes lost power.") == [
        (1200.0, "people"), (40.0, "%")]
    assert close_runs([3, 139, 140, 2]) == [[2, 3], [139, 140]]


def test_dates_take_the_article_year_when_missing():
    from datetime import datetime

    assert sentence_date("Rescue teams will stay until September 30.", datetime(2026, 9, 14)) == "2026-09-30"
    assert sentence_date("It opened on March 3, 2019.", None) == "2019-03-03"
    assert sentence_date("Nothing dated here.", None) is None


def test_loadedness_counts_loaded_words_and_shouting():
    assert loadedness("The council approved the budget on Tuesday.") == 0
    assert loadedness("SHOCKING budget chaos!") > loadedness("Budget chaos.") > 0
