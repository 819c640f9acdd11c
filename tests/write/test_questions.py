"""Questions a reader asks, each answered from the sources: who is responsible, how many, where accounts differ,
how a stakeholder responded."""

import pytest
from write.conftest import TIMES, page

from parallax.write.pool import sentence_pool
from parallax.write.sections.questions import build_questions
from parallax.write.sections.summary import build_summary


def test_questions_are_answered_from_the_sources(material):
    pool = sentence_pool(material)
    questions = build_questions(pool, build_summary(pool))
    asked = [q["question"] for q in questions]
    assert "Who is responsible?" in asked and "How many people died?" in asked
    assert "How did Piet Varo respond?" in asked  # "… and denied ignoring any warnings"
    assert all(q["answer"].citations for q in questions)
    assert len({q["answer"].text for q in questions}) == len(questions)


@pytest.mark.parametrize("sentence, reaction", [
    ("The ministry has firmly rejected the claims.", True),
    ("Finance Minister Kasimir Dunne welcomed the decision.", True),
    ("The governor, who had dismissed the reports as fakes, resigned.", False),
    ("The firm had strongly denied it before the ruling.", False),
    ("The minister said the dam was safe.", False),
    ("The union called the law \"the most serious threat to press freedom in thirty years.\"", True),
    ("The association has called for a parliamentary inquiry.", True),
    ("Debris fell near a village called Ostrel.", False),
])
def test_a_response_is_a_reaction_now_not_one_recalled(sentence, reaction):
    from parallax.write.sections.questions import reacts

    assert reacts(sentence) is reaction


def test_blame_for_another_event_does_not_answer_who_is_responsible(material):
    from dataclasses import replace

    from parallax.text.article import build_article
    from parallax.write.sections.questions import BLAME, who_is_responsible

    # the fixture's own accusation (with its denial) goes; one outlet blames sabotage for a rail crash long ago
    times = build_article(page("Valdor Times", "Sela dam collapse kills 36", TIMES.replace(
        "The government accused the construction company of cutting corners, an accusation the firm denied. ",
        "Police blamed sabotage for a rail crash near Orlen in 2021. "), "https://valdortimes.example/sela"))
    articles = tuple(times if a.outlet == "Valdor Times" else a for a in material.articles)
    story = replace(material.story, article_ids=tuple(a.id for a in articles))
    pool = sentence_pool(replace(material, story=story, articles=articles))
    assert any(BLAME.search(r.text) and "Orlen" in r.text for r in pool.refs)
    assert who_is_responsible(pool) is None
    assert who_is_responsible(sentence_pool(material))["answer"].text.startswith("The government accused")


@pytest.mark.parametrize("sentence, blames", [
    ("The government accused the construction company of cutting corners.", True),
    ("Officials blamed the builder.", True),
    ("The spokesman called the accusations baseless.", False),
    ("He has faced accusations before.", False),
])
def test_blame_names_whom(sentence, blames):
    from parallax.write.sections.questions import BLAME

    assert bool(BLAME.search(sentence)) is blames


def test_a_question_sets_two_speakers_accounts_side_by_side():
    from parallax.models import Outlet, Story
    from parallax.text.article import build_article
    from parallax.write.material import StoryMaterial
    from parallax.write.sections.questions import where_accounts_differ

    texts = {
        "Valdor Times": ("A drone was shot down near the Vell Pass on Thursday. "
                         "The defence ministry said the drone was destroyed at dawn; it had flown for an hour. "
                         "Corvania said the drone was 4.2 kilometres inside its airspace; Eskeria said it was "
                         "1.5 kilometres inside its own."),
        "Coastal Herald": ("A drone was downed near the Vell Pass on Thursday morning. "
                           "The defence ministry said the drone was destroyed at dawn; it had flown for an hour."),
    }
    articles = [build_article(page(o, "Drone shot down", t, f"https://{o.split()[1].lower()}.example/d"))
                for o, t in texts.items()]
    outlets = {o: Outlet(o, f"{o.split()[1].lower()}.example", "XV", "en", "private", "center") for o in texts}
    pool = sentence_pool(StoryMaterial(Story(id="s-drone", article_ids=tuple(a.id for a in articles)),
                                       tuple(articles), outlets, {}))
    found = where_accounts_differ(pool)
    # the more widely reported sentence has one speaker on both sides of its semicolon: not two accounts
    assert found is not None and found["answer"].text.startswith("Corvania said")
    one_account = StoryMaterial(Story(id="s-one", article_ids=(articles[1].id,)), (articles[1],), outlets, {})
    assert where_accounts_differ(sentence_pool(one_account)) is None
