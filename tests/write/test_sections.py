
from datetime import datetime
from functools import partial

import pytest
from write.conftest import page

from parallax.models import Article, Sentence
from parallax.write.markdown import escape
from parallax.write.pool import numbers_in, sentence_pool
from parallax.write.sections.claims import build_key_claims, claim_entry, plain_statement
from parallax.write.sections.figures import build_conflicting_figures
from parallax.write.sections.outcomes import build_outcomes, forward_looking, likelihood
from parallax.write.sections.reported import as_parsed, digit_figures
from parallax.write.sections.summary import build_summary
from parallax.write.trim import strip_attribution_tail, strip_dateline
from parallax.write.wording import loadedness, own_words, stands_alone


def test_outcome_probabilities_come_from_the_forecast_model(pool_for_outlooks):
    from parallax.forecast.model import estimate

    pool, summary = pool_for_outlooks
    outcomes = build_outcomes(pool, summary)
    assert outcomes, "the fixture story has forward-looking sentences"
    for found in outcomes:
        supporters = max(1, len(pool.supporters(next(i for i, r in enumerate(pool.refs) if r.text == found["text"]))))
        known = found.get("speaker", {})
        model = estimate(found["text"], supporters, known.get("kind", ""), known.get("name", ""))
        assert found["probability"] == round(model.probability, 2)
        assert found["likelihood"] == likelihood(found["probability"]) and found["reason"]


def test_forward_looking_needs_a_future_event():
    assert forward_looking("The terminal is expected to reopen within ten days.")
    assert forward_looking("Analysts said losses could exceed 400 million.")
    assert not forward_looking("He suggested that people linked to the neighbour could be involved.")
    assert not forward_looking("The message from the minister could not be clearer: it was no accident.")
    assert not forward_looking("The findings contradict the minister, who said the day after the blast that evidence "
                               "\"will be presented to the public in the coming days.\"")
    assert forward_looking("The minister, who visited the port, said the terminal will reopen next week.")
    assert not forward_looking("The count is below the 500 cases feared in September, when the charity said the total "
                               "could pass that mark by mid-October.")
    assert forward_looking("Cases fell in September, when testing began, and the ministry said they could rise again.")


def test_likelihood_bands():
    assert [likelihood(p) for p in (0.2, 0.34, 0.66, 0.67)] == ["Low", "Medium", "Medium", "High"]


def test_numbers_in_reads_digits_and_words_but_not_one():
    assert numbers_in("Thirty-one people died and 1,200 tonnes burned; one worker spoke.") == {31.0, 1200.0}


def test_loadedness_counts_loaded_words_and_shouting_in_the_outlets_own_words():
    assert loadedness("The council approved the budget on Tuesday.") == 0
    assert loadedness("SHOCKING budget chaos!") > loadedness("Budget chaos.") > 0
    assert loadedness(own_words('The minister called the plan "absurd" on Monday.')) == 0


@pytest.mark.parametrize("sentence, kept", [
    ("DRASK, 15 September (CSNA) — The blast at the port killed 31 people on Sunday.",
     "The blast at the port killed 31 people on Sunday."),
    ("MERROW, Valdoria (CPS) — A powerful explosion tore through a warehouse at the port.",
     "A powerful explosion tore through a warehouse at the port."),
    ("The UN - which is large - said so in a statement on Monday.", None),
    ("LONDON — Too short.", None),
])
def test_strip_dateline_keeps_a_suffix_of_the_sentence(sentence, kept):
    trimmed = strip_dateline(sentence)
    assert trimmed == (kept or sentence)
    assert sentence.endswith(trimmed)


def test_strip_attribution_tail_keeps_a_prefix():
    sentence = "At least 34 people were killed in the blast on the pier, officials said."
    assert strip_attribution_tail(sentence) == "At least 34 people were killed in the blast on the pier"
    assert strip_attribution_tail('"We will rebuild the pier this year," officials said.').startswith('"We')


def test_escape_neutralises_markup_but_not_punctuation():
    assert escape("DRASK, 15 September (CSNA) — it") == "DRASK, 15 September (CSNA) — it"
    assert escape("<script>x</script> [a](http://e.example) *b*") == (
        "&lt;script&gt;x&lt;/script&gt; \\[a\\]\\(http://e.example) \\*b\\*")
    assert escape("# not a heading") == "\\# not a heading"


def test_summary_never_cites_an_outlet_that_gives_another_number(material):
    pool = sentence_pool(material)
    by_id = {a.id: a for a in material.articles}
    for sentence in build_summary(pool):
        mine = numbers_in(sentence.text)
        for c in sentence.citations[1:]:
            theirs = numbers_in(by_id[c.article_id].text[c.start : c.end])
            assert not mine or mine & theirs, (sentence.text, c.outlet)


def test_conflicting_figures_put_each_outlets_count_side_by_side(material):
    conflicts = build_conflicting_figures(sentence_pool(material), ())
    dead = next(c for c in conflicts if c["subject"] == "dead")
    values = {v["value"]: {c.outlet for c in v["citations"]} for v in dead["values"]}
    assert values == {34.0: {"Northern Wire", "Coastal Herald"}, 36.0: {"Valdor Times"}}


def test_numbers_in_digits_measure_what_they_count():
    article = Article("a" * 16, "", "", "Fires burned 1,800 hectares of forest.", "X", datetime(2026, 3, 2), "en", "h",
                      (Sentence(0, 0, 38),))
    assert [(f.value, f.subject) for f in map(partial(as_parsed, article), digit_figures(article))] == [
        (1800.0, "hectare")]


def test_key_claims_mark_the_outlet_that_denies(material):
    pool = sentence_pool(material)
    assert all(plain_statement(pool, pool.refs.index(next(r for r in pool.refs if r.text == c["text"])))
               for c in build_key_claims(pool, ()))
    accusation = claim_entry(pool, next(i for i, r in enumerate(pool.refs) if "Dask" in r.text))
    assert accusation["asserted_by"] == ["Valdor Times"]
    assert accusation["disputed_by"] == ["Coastal Herald"]
    assert "Daily Ledger" not in accusation["omitted_by"]  # the wire copy speaks through its original


@pytest.mark.parametrize("sentence, alone", [
    ("He said the firm had ignored the warnings.", False),
    ("“They knew,” a resident said.", False),
    ("But the governor disagreed.", False),
    ("Heavy rain fell on Monday.", True),
    ("Italy sent rescue teams.", True),
    ("Thessaly farmers counted losses.", True),
    ('Both cannot be true," she said.', False),
    ("The hotspots will be out within 48 hours,” Kirsk said.", False),
    ('Kirsk said the fire was "contained," and left.', True),
    ('"The fire is contained," Kirsk said.', True),
    ("Kirsk called it “contained”.", True),
    ('"Our members have lost 11 percent of their pay since 2023.', False),
    ("“Our members have lost 11 percent of their pay since 2023.", False),
    ('Kirsk said the fire was "contained" and "shrinking."', True),
    ("Kirsk made calls to state and local leaders notifying them of the...", False),  # a snippet cut off
    ("Kirsk said the fire had burned 40 hectares of forest near the…", False),
])
def test_stands_alone_refuses_sentences_that_lean_on_the_one_before(sentence, alone):
    assert stands_alone(sentence) is alone


def test_the_takeaway_does_not_repeat_a_potential_outcome(material):
    from parallax.write.sections.outcomes import build_outcomes, forward_looking
    from parallax.write.sections.summary import cite_with_supporters
    from parallax.write.sections.takeaway import build_takeaway

    pool = sentence_pool(material)
    # a summary of every sentence that does not look ahead: what is left for the takeaway are the outlooks
    summary = tuple(cite_with_supporters(pool, i) for i, r in enumerate(pool.refs)
                    if not r.reprint and not forward_looking(r.text))
    shown = {o["text"] for o in build_outcomes(pool, summary)}
    assert shown, "the fixture story has forward-looking sentences"
    assert build_takeaway(pool, summary).text not in shown


def test_context_leaves_out_sentences_that_need_the_one_before(material):
    from dataclasses import replace

    from parallax.text.article import build_article
    from parallax.write.sections.context import build_context

    leaning = build_article(page("Valdor Times", "Dam questions", "Regional officials met on Tuesday in Sela. "
                                 "He said the dam had been repaired since 2019 by the same builder.",
                                 "https://valdortimes.example/dam-2"))
    story = replace(material.story, article_ids=material.story.article_ids + (leaning.id,))
    pool = sentence_pool(replace(material, story=story, articles=material.articles + (leaning,)))
    context = [c.text for c in build_context(pool, build_summary(pool))]
    assert context and not any(text.startswith("He ") for text in context)
    assert any("since 2019" in text for text in context)


def test_media_bias_names_the_countries(material):
    from parallax.write.sections.media_bias import build_media_bias

    section = build_media_bias(sentence_pool(material), ())
    text, counts = section["paragraphs"][0]["text"], section["coverage"]
    assert "by country Valdoria 2 (Northern Wire, Valdor Times)" in text  # each number names its outlets
    assert counts["by_country"]["Valdoria"] == 2 and counts["country_codes"]["Valdoria"] == "XV"  # names, codes apart
    assert "XV" not in text and "State-controlled: Valdor Times." in text
    assert set(counts["by_language"]) and counts["outlets"]["by_ownership"]["state"] == ["Valdor Times"]
    assert text.startswith("3 independent outlets covered")  # the wire copy is one


def test_media_bias_counts_a_family_once(material):
    from dataclasses import replace

    from parallax.write.sections.media_bias import build_media_bias

    outlets = {name: replace(o, family="One Owner") for name, o in material.outlets.items()
               if name in ("Northern Wire", "Valdor Times")}
    family = replace(material, outlets={**material.outlets, **outlets})
    counts = build_media_bias(sentence_pool(family), ())["coverage"]
    assert (counts["independent_outlets"], counts["all_outlets"]) == (2, 3)
    assert "One Owner (" in counts["outlets"]["by_country"]["Valdoria"][0]


def test_a_family_across_countries_names_under_each_country_only_its_members_there(material):
    from dataclasses import replace

    from parallax.write.sections.media_bias import build_media_bias

    wire = replace(material.outlets["Northern Wire"], family="One Owner", country="XE")
    times = replace(material.outlets["Valdor Times"], family="One Owner")
    family = replace(material, outlets={**material.outlets, "Northern Wire": wire, "Valdor Times": times})
    counts = build_media_bias(sentence_pool(family), ())["coverage"]
    by_country = counts["outlets"]["by_country"]
    assert counts["independent_outlets"] == 2 and by_country["Valdoria"] == ["One Owner (Valdor Times)"]
    xe = next(name for name, code in counts["country_codes"].items() if code == "XE")
    assert by_country[xe] == ["One Owner (Northern Wire)"]


def test_media_bias_says_which_counts_rest_on_a_prior_and_why_a_country_is_not_known(material):
    from dataclasses import replace

    from parallax.models import OutletFact
    from parallax.write.sections.media_bias import build_media_bias

    why = "the domain .com is generic, and 'en' is spoken in many countries (US holds 27%)"
    facts = (OutletFact("country", "", 0.0, why), OutletFact("ownership", "inferred", 0.9, "a prior"))
    wire = replace(material.outlets["Northern Wire"], country="", ownership="private", provenance=facts)
    section = build_media_bias(sentence_pool(replace(material, outlets={**material.outlets, "Northern Wire": wire})),
                               ())
    text, counts = section["paragraphs"][0]["text"], section["coverage"]
    assert counts["ownership_inferred"] == {"a prior": ["Northern Wire"]}
    assert counts["country_not_known"] == {why: ["Northern Wire"]}
    assert "country not known 1 (Northern Wire)" in text and f"Country not known: Northern Wire ({why})." in text
    assert "Ownership inferred, not listed: Northern Wire (a prior)." in text
    language = next(iter(counts["outlets"]["by_language"]))
    assert f"{language} {counts['by_language'][language]} (" in text  # language counts name their outlets too


def test_media_bias_counts_one_outlet_in_the_singular(material):
    from dataclasses import replace

    from parallax.write.sections.media_bias import build_media_bias

    times = [a for a in material.articles if a.outlet == "Valdor Times"]
    alone = replace(material, story=replace(material.story, article_ids=(times[0].id,), reprints=()),
                    articles=tuple(times), reprints={})
    text = build_media_bias(sentence_pool(alone), ())["paragraphs"][0]["text"]
    assert text.startswith("1 independent outlet covered the story:")


def test_an_outcome_names_its_speaker_and_the_ledger_weighs_it_as_the_brief_does():
    from parallax.forecast.ledger import forecasts_from_brief
    from parallax.models import Outlet, Story
    from parallax.text.article import build_article
    from parallax.write import get_writer
    from parallax.write.material import StoryMaterial
    from parallax.write.render import _plain, brief_to_dict, validate_brief_dict

    article = build_article(page("Drask Daily", "Drone destroyed", (
        "Air defences destroyed a drone over the border on Thursday morning. "
        "The drone was flying at an altitude of about 3,000 metres when the missile hit it. "
        "Residents of the border villages reported hearing two loud explosions shortly after seven o'clock. "
        "The border crossing at the Vell Pass stayed open to traffic throughout the day. "
        "Defence Minister General Radovan Strel said the wreckage had been recovered near the village of Ostrel. "
        "Fragments of the drone will be shown to foreign military attachés on Monday, he said."),
        "https://draskdaily.example/drone"))
    outlets = {"Drask Daily": Outlet("Drask Daily", "draskdaily.example", "XC", "en", "private", "")}
    material = StoryMaterial(Story(id="s-d", article_ids=(article.id,)), (article,), outlets, {})
    brief = brief_to_dict(get_writer().write(material))
    # the summary of a one-article story takes the outlook too; the outcomes section is built without it
    brief["sections"]["outcomes"] = _plain(build_outcomes(sentence_pool(material), ()))
    validate_brief_dict(brief)
    outcome = next(o for o in brief["sections"]["outcomes"] if o["text"].startswith("Fragments"))
    assert outcome["speaker"] == {"name": "Radovan Strel", "kind": "government"}
    assert "(source: government)" in outcome["reason"]  # "he said" alone would read as a person
    forecast = next(f for f in forecasts_from_brief(brief) if f.text == outcome["text"])
    assert round(forecast.base_probability, 2) == outcome["probability"]


@pytest.mark.parametrize("second_speaker, outlooks", [
    ("Rosa Falkenrath has said", 1),  # one speaker's plan, told twice
    ("The farmers' federation has said", 2),  # another speaker's plan stands beside it at the same cosine
])
def test_one_speakers_plan_told_twice_is_one_outcome(second_speaker, outlooks):
    from dataclasses import replace

    import numpy as np

    from parallax.models import Outlet, Story
    from parallax.text.article import build_article
    from parallax.write.material import StoryMaterial
    from parallax.write.sections.outcomes import _outlook_positions

    texts = {"Valdor Times": "Progressive Party leader Rosa Falkenrath said her party will challenge the media law "
                             "at the Constitutional Court.",
             "Coastal Herald": f"{second_speaker} it will challenge the media law at the Constitutional Court."}
    articles = [build_article(page(o, "Media law passes", t, f"https://{o.split()[1].lower()}.example/m"))
                for o, t in texts.items()]
    outlets = {o: Outlet(o, f"{o.split()[1].lower()}.example", "XV", "en", "private", "center") for o in texts}
    pool = sentence_pool(StoryMaterial(Story(id="s-law", article_ids=tuple(a.id for a in articles)),
                                       tuple(articles), outlets, {}))
    assert len(pool.refs) == 2
    cosine = pool.same_fact * 0.9  # below the cosine at which two strangers' sentences state one fact
    vectors = np.array([[1.0, 0.0], [cosine, (1 - cosine**2) ** 0.5]])
    assert len(_outlook_positions(replace(pool, vectors=vectors), ())) == outlooks
