"""Recording forecasts from briefs (idempotent, versioned), resolving them, and proposals from later coverage."""

from dataclasses import replace

import pytest
from forecast_corpus import ALL, CONFIRMING, ECHO, ORIGINAL, REFUTING, brief

from parallax.errors import InputError
from parallax.forecast import (
    find_forecast,
    forecasts_from_brief,
    propose,
    propose_resolutions,
    record_forecasts,
    reopen,
    resolve,
    scorecard,
)
from parallax.forecast.evidence import later_articles


def _strike(forecasts):
    return next(f for f in forecasts if "72-hour" in f.text)


def _fever(forecasts):
    return next(f for f in forecasts if "fever" in f.text)


def test_a_brief_makes_one_forecast_per_forward_looking_outcome():
    made = forecasts_from_brief(brief())
    assert len(made) == 2  # the third outcome looks at the past
    strike = _strike(made)
    assert strike.proposition.startswith("The union will call a second, 72-hour strike in October")
    assert strike.made_at == ORIGINAL.published and strike.resolve_by.month == 10 and strike.horizon == "'in October'"
    assert strike.outlets == ("Alpha Post", "Beta News") and "2 independent outlets" in strike.reason
    assert strike.topic == "labour" and strike.ownership == "private" and strike.model == "cues/1"
    assert 0 < strike.probability < 1 and strike.probability == strike.base_probability


def test_reprints_do_not_count_as_independent_outlets():
    body = brief()
    body["sources"][1]["reprint_of"] = ORIGINAL.id
    assert _strike(forecasts_from_brief(body)).outlets == ("Alpha Post",)


def test_recording_is_idempotent_and_follows_new_versions(store):
    store.upsert_articles(ALL)
    assert record_forecasts(store, "s-strike", brief(1)) == 2
    assert record_forecasts(store, "s-strike", brief(1)) == 0
    first = _strike(store.forecasts())
    assert record_forecasts(store, "s-strike", brief(2)) == 2
    again = _strike(store.forecasts())
    assert again.id == first.id and again.story_version == 2 and again.made_at == first.made_at
    assert len(store.forecasts()) == 2


def test_a_brief_without_outcomes_reads_nothing(store):
    class Unread:
        def __getattr__(self, name):
            raise AssertionError(f"the store was asked for {name}")

    body = brief(1)
    body["sections"] = {k: v for k, v in body["sections"].items() if k != "outcomes"}
    assert record_forecasts(Unread(), "s-strike", body) == 0  # a lead or queued page: no store read per story
    assert record_forecasts(store, "s-strike", brief(1)) == 2


def test_a_resolved_forecast_is_frozen(store):
    record_forecasts(store, "s-strike", brief(1))
    strike = _strike(store.forecasts())
    resolve(store, strike.id[:8], "yes", note="it happened")
    assert record_forecasts(store, "s-strike", brief(3)) == 1  # only the open one follows the new version
    kept = store.forecast(strike.id)
    assert kept.status == "yes" and kept.story_version == 1 and kept.note == "it happened"
    assert reopen(store, strike.id).status == "open"


def test_record_refuses_a_brief_of_another_story(store):
    with pytest.raises(InputError, match="s-other"):
        record_forecasts(store, "s-other", brief())


def test_resolve_names_bad_input(store):
    record_forecasts(store, "s-strike", brief())
    with pytest.raises(InputError, match="unknown outcome 'maybe'"):
        resolve(store, _strike(store.forecasts()).id, "maybe")
    with pytest.raises(InputError, match="no such forecast"):
        find_forecast(store, "f-nothing")


def test_later_coverage_is_proposed_as_a_resolution():
    made = forecasts_from_brief(brief())
    proposals = propose(made, list(ALL))
    by_forecast = {p.forecast_id: p for p in proposals}
    assert by_forecast[_strike(made).id].verdict == "yes"
    assert by_forecast[_strike(made).id].article_id == CONFIRMING.id
    assert by_forecast[_fever(made).id].verdict == "no"
    assert by_forecast[_fever(made).id].article_id == REFUTING.id
    assert len(proposals) == 2  # the same-day echo and the unrelated article settle nothing
    evidence = by_forecast[_fever(made).id].evidence[0]
    assert "well below" in REFUTING.text[evidence["start"]:evidence["end"]]


def test_only_later_articles_not_cited_are_evidence():
    strike = _strike(forecasts_from_brief(brief()))
    assert ECHO not in later_articles(strike, list(ALL)) and ORIGINAL not in later_articles(strike, list(ALL))
    assert propose([replace(strike, status="yes")], list(ALL)) == []


def test_proposals_are_saved_once_and_confirmation_resolves_with_evidence(store):
    store.upsert_articles(ALL)
    record_forecasts(store, "s-strike", brief())
    assert len(propose_resolutions(store)) == 2
    assert propose_resolutions(store) == []
    fever = _fever(store.forecasts())
    done = resolve(store, fever.id, "no", note="298 cases")
    assert done.evidence and store.proposals(forecast_id=fever.id)[0].status == "accepted"
    card = scorecard(store.forecasts())
    assert card["resolved"] == 1 and card["brier"] == round(fever.probability ** 2, 4)
    assert card["by_topic"] == {"labour": {"resolved": 1, "brier": card["brier"], "came_true": 0}}


def test_only_pairs_that_reach_the_match_bar_are_judged_and_the_others_would_propose_nothing(monkeypatch):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from parallax.forecast import evidence

    made, judged, judge = forecasts_from_brief(brief()), [], evidence.judge
    monkeypatch.setattr(evidence, "judge", lambda f, a, s: judged.append((f.id, a.id)) or judge(f, a, s))
    assert len(propose(made, list(ALL))) == 2
    texts = [a.sentence_text(s.index) for a in ALL for s in a.sentences]
    rows = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True).fit_transform(
        texts + [f"{f.text} {f.proposition}" for f in made]).toarray()
    similarity, start = rows[: len(texts)] @ rows[len(texts) :].T, 0
    skipped = 0
    for a in ALL:
        span, start = similarity[start : start + len(a.sentences)], start + len(a.sentences)
        for column, f in enumerate(made):
            if a in later_articles(f, list(ALL)) and (f.id, a.id) not in judged:
                skipped += 1
                assert span[:, column].max() < evidence.MATCH_MIN and judge(f, a, span[:, column]) is None
    assert skipped and len(judged) == 2


def test_a_shared_reading_gives_the_proposals_a_fresh_vectoriser_gives():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from parallax.forecast.evidence import reading

    made, read = forecasts_from_brief(brief()), reading()
    texts = [a.sentence_text(s.index) for a in ALL for s in a.sentences] + [f.text for f in made]
    plain = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    shared = TfidfVectorizer(analyzer=read, sublinear_tf=True)
    assert (plain.fit_transform(texts) != shared.fit_transform(texts)).nnz == 0
    assert list(plain.get_feature_names_out()) == list(shared.get_feature_names_out())
    read = reading()
    first = propose(made, list(ALL), read)
    assert read.cache_info().hits == 0 and propose(made, list(ALL), read) == first == propose(made, list(ALL))
    assert read.cache_info().hits >= len(texts) and len(first) == 2
