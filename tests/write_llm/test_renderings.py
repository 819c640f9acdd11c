"""English renderings of non-English evidence: kept only when numbers and names survive, never a citation."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from support.chat_server import ChatServer, Reply
from support.ferry import make_material

from parallax.models import Citation, Outlet, Page
from parallax.settings import Settings
from parallax.text.article import build_article
from parallax.write import brief_from_dict, brief_to_dict, check_brief, validate_brief_dict
from parallax.write.extractive import ExtractiveWriter
from parallax.write.llm.cache import ResponseCache
from parallax.write.llm.local import build_local_writer
from parallax.write.llm.rendering_checks import calendar_problems, pins, rendering_problems
from parallax.write.llm.renderings import Renderer, attach_renderings, foreign_items, render_foreign, tidy
from parallax.write.markdown import render_markdown

SPANISH = ("El ministro de Transporte, Juna Ravik, dijo que 12 pasajeros siguen desaparecidos cerca de Meral. "
           "Los equipos de rescate trabajarán durante toda la noche, según la guardia costera.")
ENGLISH = "Transport minister Juna Ravik said that 12 passengers are still missing near Meral."


@pytest.fixture
def story():
    """The ferry story plus one Spanish article, and a brief whose key claim cites the Spanish sentence."""
    base = make_material()
    spanish = build_article(Page(url="https://diario.example/ferry", body=SPANISH, title="Naufragio en Meral",
                                 outlet="Diario del Mar", published=datetime(2026, 9, 15)))
    assert spanish.language == "es"
    material = replace(base, articles=(*base.articles, spanish),
                       outlets={**base.outlets, "Diario del Mar": Outlet("Diario del Mar", country="XS")})
    brief = ExtractiveWriter().write(material)
    s = spanish.sentences[0]
    claim = {"text": spanish.sentence_text(0), "asserted_by": ["Diario del Mar"], "disputed_by": [], "omitted_by": [],
             "citations": (Citation(spanish.id, "Diario del Mar", 0, s.start, s.end),)}
    return material, replace(brief, sections={**brief.sections, "key_claims": [claim]})


def render(story, replies, limit=6, tries=2, cache=None):
    material, brief = story
    with ChatServer(replies) as server:
        writer = build_local_writer(Settings(local_base_url=server.base_url, llm_cache_dir=""))
        renderer = Renderer(writer.client, writer.run, writer.model.name, limit, tries, cache)
        sections = render_foreign(brief, material, renderer)
    return replace(brief, sections=sections), server


def test_a_faithful_rendering_stands_beside_the_original_which_stays_the_evidence(story):
    material, _ = story
    brief, server = render(story, [Reply(ENGLISH)])
    [r] = brief.sections["renderings"]
    assert r["english"] == ENGLISH and r["language"] == "es" and r["label"] == "machine rendering"
    assert r["original"].text == SPANISH.split(". ")[0] + "."
    check_brief(brief, material.articles)  # the original resolves; the English is not checked as a citation
    body = brief_to_dict(brief)
    validate_brief_dict(body)
    assert brief_from_dict(body).sections["renderings"][0]["english"] == ENGLISH
    shown = attach_renderings(body["sections"])
    assert "renderings" not in shown and shown["key_claims"][0]["english"]["text"] == ENGLISH
    page = render_markdown(body)
    assert f"(English, machine rendering: {ENGLISH})" in page
    assert page.index("dijo que 12 pasajeros") < page.index(ENGLISH)  # beside, after the original
    assert "Sentence (es): El ministro" in server.requests[0]["messages"][1]["content"]


@pytest.mark.parametrize("bad", [
    "Transport minister Juna Ravik said that 21 passengers are still missing near Meral.",
    "Transport minister Juna Ravik said that 12 passengers are still missing near Velmar.",
    "",
])
def test_a_rendering_that_changes_a_number_or_a_name_is_not_shown(story, bad):
    brief, _ = render(story, [Reply(bad)])
    assert "renderings" not in brief.sections


def test_a_refused_rendering_is_asked_again_with_the_lost_words_pinned(story):
    velmar = "Transport minister Juna Ravik said that 12 passengers are still missing near Velmar."
    brief, server = render(story, [Reply(velmar), Reply(ENGLISH)])
    assert brief.sections["renderings"][0]["english"] == ENGLISH
    first, second = (r["messages"][1]["content"] for r in server.requests)
    assert "Write these" not in first
    pinned = second.split("Write these exactly as given: ")[1].split(".\n")[0].split("; ")
    assert {"Juna", "Ravik", "Meral", "12"} <= set(pinned)


@pytest.mark.parametrize("second", ["Juna; Ravik; Meral; 12.", "Juna Ravik: 12 missing near Meral."])
def test_a_second_try_that_lists_the_pins_or_drops_words_is_not_shown(story, second):
    velmar = "Transport minister Juna Ravik said that 12 passengers are still missing near Velmar."
    brief, server = render(story, [Reply(velmar), Reply(second)])
    assert "renderings" not in brief.sections and len(server.requests) == 2


@pytest.mark.parametrize(("limit", "tries", "requests"), [(1, 2, 1), (2, 2, 2), (2, 1, 1)])
def test_a_second_try_counts_against_the_limit_and_a_second_failure_is_not_shown(story, limit, tries, requests):
    velmar = "Transport minister Juna Ravik said that 12 passengers are still missing near Velmar."
    brief, server = render(story, [Reply(velmar)], limit=limit, tries=tries)
    assert "renderings" not in brief.sections and len(server.requests) == requests


@pytest.mark.parametrize(("language", "original", "pinned"), [
    ("ru", "Газпром сообщил о прибыли в 3,5 млн рублей во вторник в Москве.", ["Moscow", "3.5 million", "Tuesday"]),
    ("zh", "上海的200亿元项目于5月启动，3万人参加。", ["Shanghai", "20 billion", "5", "30,000", "May"]),
    ("de", "Bei dem Zugunglück in Bayern wurden 28 Menschen verletzt.", ["Bavaria", "28"]),
    ("fr", "Le ministre Jean Dupont a visité Londres le 12 mars.", ["London", "Jean", "Dupont", "12", "March"]),
])
def test_pins_give_each_place_its_english_name_each_number_in_english_form(language, original, pinned):
    assert pins(original, language) == pinned


def test_english_evidence_is_not_rendered_and_the_limit_holds(story):
    material, brief = story
    assert [lang for *_, lang in foreign_items(brief.sections, material)] == ["es"]
    rendered, server = render(story, [Reply(ENGLISH)], limit=0)
    assert "renderings" not in rendered.sections and server.requests == []


@pytest.mark.parametrize(("language", "original", "english", "problems"), [
    ("ru", "Путин заявил, что 3,5 млн человек покинули Москву.", "Putin said that 3.5 million people left Moscow.", 0),
    ("zh", "北京市政府周二宣布，将投入200亿元。", "The Beijing city government said on Tuesday it will invest 20 billion yuan.", 0),
    ("de", "Die Regierung in Berlin beschloss 2.000 neue Stellen.", "The government in Berlin approved 2,000 new jobs.", 0),
    ("ru", "Путин заявил, что 3,5 млн человек покинули Москву.", "Putin said that 35 million people left Moscow.", 2),
    ("de", "Die Regierung in Berlin beschloss 2.000 neue Stellen.", "The government in Paris approved 2,000 new jobs.", 2),
    ("de", "Die Polizei in Wien nahm 3 Verdächtige fest.", "Police in Vienna arrested 3 suspects.", 0),
    ("de", "Die Polizei in Wien nahm 3 Verdächtige fest.", "Police in Wien arrested 3 suspects.", 1),
    ("ru", "В Москве задержали 14 участников акции.", "In Moscow, 14 protesters were detained.", 0),
    ("ru", "Компания Газпром увеличила добычу на 6 процентов.", "The company GAZPR raised output by 6 percent.", 1),
    ("ar", "أعلنت الحكومة عن بناء 150 مدرسة جديدة في القاهرة.", "The government announced 150 new schools in Cairo.", 0),
    ("ar", "أعلنت الحكومة عن بناء 150 مدرسة جديدة في القاهرة.", "The government announced 150 new schools in Alexandria.", 2),
    ("fr", "Le maire de Lyon, Claire Dumont, a fermé 14 écoles.", "Claire Dumont closed 14 schools.", 1),
    ("zh", "上海市政府宣布，将建设300所学校。", "The上海 government will build 300 schools.", 1),
    ("de", "Bei dem Zugunglück in Bayern wurden 28 Menschen verletzt.", "28 people were injured in Bayern.", 1),
    ("de", "Bei dem Zugunglück in Bayern wurden 28 Menschen verletzt.", "28 people were injured in Bavaria.", 0),
    ("es", "Hubo 1.500,5 toneladas y 12.03.2024 fue la fecha.", "There were 1,500.5 tonnes, on 12 March.", 0),
])
def test_rendering_checks_read_decimal_commas_scale_words_and_transliterated_names(language, original, english, problems):
    assert len(rendering_problems(original, english, language)) == problems


def test_the_whole_writer_adds_renderings_after_its_sections(story):
    material, _ = story
    with ChatServer([Reply(json.dumps({"summary": [], "takeaway": {"text": "", "cite": []}, "questions": []}))]) as s:
        writer = build_local_writer(Settings(local_base_url=s.base_url, llm_cache_dir=""))
        brief = writer.write(material)
    assert all(r["language"] != "en" for r in brief.sections.get("renderings", []))


def test_the_story_page_shows_the_rendering_beside_the_original_labelled(story):
    from parallax.serve import render_story_html

    material, _ = story
    brief, _ = render(story, [Reply(ENGLISH)])
    html = render_story_html(brief_to_dict(brief), {a.id: a for a in material.articles})
    original = html.index("dijo que 12 pasajeros")
    shown = html.index(f'<span class="rendering-label">English, machine rendering:</span> {ENGLISH}</span>')
    assert original < shown and html.count(ENGLISH) == 2  # a key claim and the minister's statement: beside each
    assert 'lang="en"' in html[original:shown + 200]


@pytest.mark.parametrize(("raw", "shown"), [('"Renault will cut 2, 000 jobs."', "Renault will cut 2,000 jobs."),
                                            ("  Two,  three\n and 4, 5. ", "Two, three and 4, 5.")])
def test_a_rendering_is_put_on_one_line_and_a_split_thousands_group_joined(raw, shown):
    assert tidy(raw) == shown


@pytest.mark.parametrize(("language", "original", "english", "problems"), [
    ("es", "El tren salió de Sevilla el martes.", "The train left Seville on Monday.",
     ["Tuesday of the original is missing", "Monday is not in the original"]),
    ("ru", "Во вторник 15 мая министр выступил.", "On Tuesday, 15 May, the minister spoke.", []),
    ("ru", "Во вторник 15 мая министр выступил.", "On 15 March the minister spoke.",
     ["May of the original is missing", "Tuesday of the original is missing"]),
    ("zh", "上海市政府周二宣布", "The Shanghai government announced on Tuesday", []),
    ("fr", "Il est arrivé à Marseille le 2 mars.", "He arrived in Marseille on 2 March.", []),
])
def test_a_weekday_or_month_changed_by_the_rendering_is_caught(language, original, english, problems):
    assert calendar_problems(original, english, language) == problems


SECOND = "Los equipos de rescate trabajarán durante toda la noche, según la guardia costera."
SECOND_ENGLISH = "Rescue teams will work through the night, according to the coast guard."


@pytest.fixture
def two_claims(story):
    """The Spanish article's two sentences as key claims, the second also a stakeholder's statement."""
    material, brief = story
    spanish = material.articles[-1]
    s = spanish.sentences[1]
    claim = {**brief.sections["key_claims"][0], "text": spanish.sentence_text(1),
             "citations": (Citation(spanish.id, "Diario del Mar", 1, s.start, s.end),)}
    said = {"stakeholder": "Guardia costera", "kind": "agency", "statements": [claim]}
    sections = {**brief.sections, "key_claims": [*brief.sections["key_claims"], claim], "perspectives": [said]}
    return material, replace(brief, sections=sections)


def test_each_sentence_is_asked_and_checked_on_its_own_and_shown_wherever_it_is_cited(two_claims):
    wrong = ENGLISH.replace("12", "21")
    brief, server = render(two_claims, [Reply(wrong), Reply(SECOND_ENGLISH)], tries=1)
    assert [r["messages"][1]["content"].split(": ", 1)[1].split("\n")[0] for r in server.requests] == [
        SPANISH.split(". ")[0] + ".", SECOND]  # the statement repeating the second claim is not asked again
    [kept] = brief.sections["renderings"]
    assert kept["english"] == SECOND_ENGLISH and kept["where"] == "key_claims[1]"
    shown = attach_renderings(brief_to_dict(brief)["sections"])
    assert shown["key_claims"][1]["english"]["text"] == SECOND_ENGLISH
    assert shown["perspectives"][0]["statements"][0]["english"]["text"] == SECOND_ENGLISH  # both places
    assert "english" not in shown["key_claims"][0]


def test_a_sentence_rendered_once_is_read_back_and_never_asked_again(two_claims, tmp_path):
    cache = ResponseCache(tmp_path)
    first, server = render(two_claims, [Reply(ENGLISH), Reply(SECOND_ENGLISH)], cache=cache)
    assert len(server.requests) == 2 and len(first.sections["renderings"]) == 2
    again, server = render(two_claims, [Reply("should not be asked")], cache=cache)
    assert server.requests == [] and again.sections["renderings"] == first.sections["renderings"]


def test_the_limit_counts_sentences_and_folded_statements_are_not_rendered(two_claims):
    material, brief = two_claims
    folded = [{**brief.sections["perspectives"][0], "folded": True}]
    only_claims = (material, replace(brief, sections={**brief.sections, "perspectives": folded}))
    assert [where for where, *_ in foreign_items(only_claims[1].sections, material)] == ["key_claims[0]",
                                                                                          "key_claims[1]"]
    brief, server = render(two_claims, [Reply(ENGLISH)], limit=1)
    assert len(server.requests) == 1 and "Sentence (es): El ministro" in server.requests[0]["messages"][1]["content"]
    assert [r["english"] for r in brief.sections["renderings"]] == [ENGLISH]
