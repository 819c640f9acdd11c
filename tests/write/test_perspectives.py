"""Perspectives: who speaks, for which side and country, in their own cited words."""

import pytest
from write.conftest import page

from parallax.write.pool import sentence_pool
from parallax.write.sections.perspectives import build_perspectives


def test_perspectives_quote_each_stakeholder_in_its_own_sentences(material):
    perspectives = build_perspectives(sentence_pool(material), ())
    assert perspectives
    texts = {a.text for a in material.articles}
    for p in perspectives:
        assert p["stakeholder"] and p["kind"]
        for statement in p["statements"]:
            assert any(statement.text in t for t in texts)


def test_a_perspective_opens_with_its_named_speaker_and_quotes_no_half_quotations():
    from parallax.models import Outlet, Story
    from parallax.text.article import build_article
    from parallax.write.material import StoryMaterial

    first = build_article(page("Valdor Times", "Dam inquiry", (
        "Interior Minister Arlen Dask said the builder had ignored repeated safety warnings. "
        "Rescue teams will stay in the valley until the end of the month, he said. "
        "\"We will find who is responsible. Nobody will be spared,\" Dask said."), "https://valdortimes.example/a"))
    second = build_article(page("Coastal Herald", "Dam inquiry opens", (
        "Interior Minister Arlen Dask said the dam would be rebuilt within two years. "
        "Rescue teams will stay in the valley until the end of the month, he said."),
        "https://coastalherald.example/b"))
    outlets = {o: Outlet(o, f"{o.split()[1].lower()}.example", "XV", "en", "private", "center")
               for o in ("Valdor Times", "Coastal Herald")}
    story = Story(id="s-inquiry", article_ids=(first.id, second.id))
    pool = sentence_pool(StoryMaterial(story, (first, second), outlets, {}))
    dask = next(p for p in build_perspectives(pool, ()) if "Dask" in p["stakeholder"])
    texts = [s.text for s in dask["statements"]]
    assert "Dask" in texts[0]
    assert not any(t.startswith("Nobody will be spared") for t in texts)


@pytest.mark.parametrize("ownership, country", [("state", "XC"), ("private", "")])
def test_state_media_place_their_own_untitled_government_voices(ownership, country):
    from parallax.models import Outlet, Story
    from parallax.text.article import build_article
    from parallax.write.material import StoryMaterial

    article = build_article(page("Drask Daily", "Drone destroyed", (
        "Air defences destroyed a drone over the border on Thursday. "
        "\"The actions of our forces were lawful,\" Defence Minister General Radovan Strel said. "
        "Defence Minister General Radovan Strel said the wreckage would be shown to attachés."),
        "https://draskdaily.example/drone"))
    outlets = {"Drask Daily": Outlet("Drask Daily", "draskdaily.example", "XC", "en", ownership, "")}
    pool = sentence_pool(StoryMaterial(Story(id="s-d", article_ids=(article.id,)), (article,), outlets, {}))
    strel = next(p for p in build_perspectives(pool, ()) if p["stakeholder"] == "Radovan Strel")
    assert strel.get("country_code", "") == country  # the code in a field named as a code, the name in 'country'
    assert strel.get("country", "") == ("Corvania" if country else "")
    from parallax.write.markdown import stakeholder_about

    assert stakeholder_about(strel) == (["Corvania", "government"] if country else ["government"])


def test_a_stakeholder_heading_names_its_country_once():
    from parallax.write.markdown import stakeholder_about

    assert stakeholder_about({"stakeholder": "Sella Vantorp", "kind": "government", "country": "XE"}) == [
        "Eskeria", "government"]
    assert stakeholder_about({"stakeholder": "Corvania's foreign ministry", "kind": "government",
                              "country": "XC"}) == ["government"]
    assert stakeholder_about({"stakeholder": "Green Union", "kind": "other"}) == []


def test_one_side_leaves_room_for_the_others_and_its_members_stand_together():
    from parallax.write.sections.perspectives import MAX_PER_SIDE, by_side

    def voice(name: str, country: str = "", kind: str = "government") -> dict:
        return {"stakeholder": name, "kind": kind, **({"country": country} if country else {}), "statements": []}

    found = [voice("Strel", "XC"), voice("Vantorp", "XE"), voice("Vask", "XC"), voice("Green Union", kind="party"),
             voice("Korrin", "XC"), voice("Ministry of Defence", "XC"), voice("Aalst", "XE"), voice("Haldane")]
    picked = [p["stakeholder"] for p in by_side(found) if not p.get("folded")]
    assert picked == ["Strel", "Vask", "Korrin", "Vantorp", "Aalst", "Green Union", "Haldane"]
    assert sum(p.get("country") == "XC" and not p.get("folded") for p in by_side(found)) == MAX_PER_SIDE
    # the one past the side's cap is kept, folded, after those shown
    assert [p["stakeholder"] for p in by_side(found) if p.get("folded")] == ["Ministry of Defence"]


def test_markdown_heads_a_side_once_and_its_members_below_it():
    from parallax.write.markdown import _perspectives, sides

    strel = {"stakeholder": "Radovan Strel", "kind": "government", "country": "XC", "statements": []}
    vask = {**strel, "stakeholder": "Dmitar Vask"}
    union = {"stakeholder": "Green Union", "kind": "party", "country": "XE", "statements": []}
    assert [(label, len(members)) for label, members in sides([strel, vask, union])] == [
        ("Government of Corvania", 2), ("", 1)]
    lines = _perspectives([strel, vask, union])
    assert "### Government of Corvania" in lines and "#### Radovan Strel" in lines and "#### Dmitar Vask" in lines
    assert "### Green Union (Eskeria, party)" in lines
    # one voice of a country is not a side of its own
    assert sides([strel, union]) == [("", [strel]), ("", [union])]



@pytest.mark.parametrize("text, speaker, reported", [
    ("The ministry said on Monday that the fires were out, five weeks after Emergencies Minister Anatol Kirsk "
     "declared them under control.", "Anatol Kirsk", True),
    ("The ministry said on Monday that the fires were out.", "ministry", False),
    ("Corvania said the drone was 4.2 kilometres inside its airspace; Eskeria said it was 1.5 kilometres inside "
     "its own.", "Eskeria", False),
    ("The delegation returned home after Valdoria refused to negotiate, Deputy Minister Dragan Sorel said.",
     "Dragan Sorel", False),
])
def test_a_statement_that_another_speaker_reports_is_not_its_speakers_perspective(text, speaker, reported):
    from parallax.text.article import build_article
    from parallax.write.sections.claims import attributions, reported_by_another

    article = build_article(page("Valdor Times", "Fires out", text, "https://valdortimes.example/f"))
    statement = next(a for a in attributions(article) if speaker in (a.actor or a.name or a.source.text))
    assert reported_by_another(article, statement) is reported


def test_a_news_agency_that_reports_is_no_stakeholder_and_a_ministry_keeps_its_whole_name():
    from parallax.models import Outlet, Story
    from parallax.text.article import build_article
    from parallax.write.material import StoryMaterial

    article = build_article(page("Rif Post", "Quake toll rises", (
        "The Ministry of the Interior said 2,012 people had died in the earthquake. "
        "Maghreb Arabe Presse reported that rescuers were digging through the night. "
        "AFP said the road to the valley was cut by a landslide."), "https://rifpost.example/quake"))
    outlets = {"Rif Post": Outlet("Rif Post", "rifpost.example", "XR", "en", "private", "")}
    pool = sentence_pool(StoryMaterial(Story(id="s-q", article_ids=(article.id,)), (article,), outlets, {}))
    headings = [p["stakeholder"] for p in build_perspectives(pool, ())]
    assert "Ministry of Interior" in headings
    assert not {"AFP", "Maghreb Arabe Presse", "Maghreb Arabe", "Ministry of"} & set(headings)


def _valdor_perspectives(article) -> list[dict]:
    """The perspectives of a one-article story from a Valdor Times page."""
    from parallax.models import Outlet, Story
    from parallax.write.material import StoryMaterial

    outlets = {"Valdor Times": Outlet("Valdor Times", "valdortimes.example", "XV", "en", "private", "center")}
    return build_perspectives(sentence_pool(StoryMaterial(Story(id="s-v", article_ids=(article.id,)), (article,),
                                                          outlets, {})), ())


def test_a_quotation_over_three_sentences_is_quoted_whole_under_its_speaker():
    from parallax.text.article import build_article
    from parallax.write.base import passage_spans, quoted_phrases, resolve_citation

    article = build_article(page("Valdor Times", "Budget vote", (
        "The council debated the budget on Monday. “This is nonsense. The budget takes money from the poorest "
        "families in the valley. We will vote against it,” Mayor Ada Brandt said. The vote is on Friday."),
        "https://valdortimes.example/budget"))
    brandt = next(p for p in _valdor_perspectives(article) if "Brandt" in p["stakeholder"])
    statement = brandt["statements"][0]
    assert statement.text.startswith("“This is nonsense.") and statement.text.endswith("Ada Brandt said.")
    assert [c.sentence_index for c in statement.citations[:3]] == [1, 2, 3]
    spans = passage_spans(statement.citations, [resolve_citation(c, article) for c in statement.citations])
    assert all(any(q in s for s in spans) for q in quoted_phrases(statement.text))  # verbatim, as the writer checks


def test_a_sentence_that_also_quotes_someone_else_is_not_the_first_speakers_statement():
    from parallax.text.article import build_article

    article = build_article(page("Valdor Times", "Offer rejected", (
        "Mayor Ada Brandt rejected the offer on Monday, and Senator Tom Rieger called it “a bad deal for every "
        "family in the valley.” Mayor Ada Brandt said the talks would go on next week."),
        "https://valdortimes.example/offer"))
    for p in _valdor_perspectives(article):
        if "Brandt" in p["stakeholder"]:
            assert not any("bad deal" in s.text for s in p["statements"])


def test_a_news_agency_spelled_a_letter_apart_is_no_stakeholder_but_a_ministry_is():
    from parallax.write.sections.perspectives import news_outlet

    assert news_outlet("Maghreb Arabe Press")  # the catalog knows it as "Maghreb Arabe Presse"
    assert not news_outlet("Moroccan Ministry of Interior") and not news_outlet("Kremlin")


def test_markdown_says_the_language_of_a_statement_quoted_from_another_language():
    from parallax.write.markdown import _perspectives

    cite = {"article_id": "ru1", "outlet": "tass.ru", "sentence_index": 0, "start": 0, "end": 9}
    putin = {"stakeholder": "Владимир Путин", "kind": "government",
             "statements": [{"text": "«Мы не отступим»", "citations": [cite]},
                            {"text": "We stay.", "citations": [{**cite, "article_id": "en1"}]}]}
    lines = _perspectives([putin], {"ru1": "ru", "en1": "en"})
    assert "- «Мы не отступим» [tass.ru] *(in Russian)*" in lines
    assert "- We stay. [tass.ru]" in lines


def test_a_stakeholders_statements_past_the_cap_are_kept_under_more_and_folded_in_markdown():
    from parallax.text.article import build_article
    from parallax.write.markdown import _perspectives
    from parallax.write.render import cited_to_dict
    from parallax.write.sections.perspectives import MAX_STATEMENTS

    said = ["engineers inspected the concrete wall and its sluice gates during April",
            "three warnings about spillway cracks were ignored by the construction firm",
            "rescue teams will comb every flooded village downstream until March",
            "displaced families would receive caravans, blankets and heating vouchers",
            "a parliamentary inquiry must publish its findings before the summer recess",
            "a replacement reservoir would rise twelve kilometres upstream near Korvel"]
    said = [f"Interior Minister Arlen Dask said {what}." for what in said]
    article = build_article(page("Valdor Times", "Dam inquiry", " ".join(said), "https://valdortimes.example/dam"))
    dask = next(p for p in _valdor_perspectives(article) if "Dask" in p["stakeholder"])
    shown, more = dask["statements"], dask.get("more", [])
    assert len(shown) == MAX_STATEMENTS and len(shown) + len(more) == len(said)
    assert all(s.text in article.text for s in shown + more)
    lines = _perspectives([{**dask, "statements": [cited_to_dict(s) for s in shown],
                            "more": [cited_to_dict(s) for s in more]}])
    assert "<details>" in lines and f"<summary>{len(more)} more</summary>" in lines


def test_a_quotation_inside_what_a_speaker_said_stays_theirs_past_a_stray_relation_around_it():
    from parallax.text.article import build_article

    article = build_article(page("Valdor Times", "Primary upset", (
        "Larry Nordvig, executive director of the Valdor Farmers Union, said the national groups were not aware of "
        "“how much activity was going on underneath the surface down here.”"), "https://valdortimes.example/upset"))
    nordvig = next(p for p in _valdor_perspectives(article) if "Nordvig" in p["stakeholder"])
    assert any("underneath the surface" in s.text for s in nordvig["statements"])
