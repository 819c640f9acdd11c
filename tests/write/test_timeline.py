"""The timeline: dated events, earliest first, each article on its day."""

from datetime import datetime

from write.conftest import page

from parallax.write.pool import sentence_pool
from parallax.write.sections.timeline import sentence_date


def test_dates_take_the_article_year_when_missing():
    assert sentence_date("Rescue teams will stay until September 30.", datetime(2026, 9, 14)) == "2026-09-30"
    assert sentence_date("It opened on March 3, 2019.", None) == "2019-03-03"
    assert sentence_date("Nothing dated here.", None) is None
    assert sentence_date("The budget goes to parliament on 9 December.", datetime(2026, 11, 12)) == "2026-12-09"
    assert sentence_date("It opened on 3 March 2019.", None) == "2019-03-03"
    assert sentence_date("The navy patrols from 1 January.", datetime(2026, 10, 15)) == "2027-01-01"  # the nearest
    assert sentence_date("Cases rose in December.", datetime(2026, 1, 3)) is None  # a month alone is no day
    assert sentence_date("It burned 24,000 hectares since 10 September.", datetime(2026, 9, 16)) is None
    assert sentence_date("Aid came on 20 December.", datetime(2027, 1, 3)) == "2026-12-20"


def test_the_timeline_places_each_article_on_its_day_by_a_lead_that_says_something(material):
    from dataclasses import replace

    from parallax.text.article import build_article
    from parallax.write.sections.timeline import build_timeline

    shouted = [e["text"] for e in build_timeline(sentence_pool(material), ())]
    assert not any(t.startswith("SHOCKING") for t in shouted)  # commentary is no event: the next sentence stands in
    assert "A dam on the Sela river failed on Monday and flooded three villages in eastern Valdoria." in shouted
    herald = build_article(page("Coastal Herald", "Dam disaster", "At last. " + HERALD_TAIL,
                                "https://coastalherald.example/d"))
    articles = tuple(herald if a.outlet == "Coastal Herald" else a for a in material.articles)
    story = replace(material.story, article_ids=tuple(a.id for a in articles))
    events = build_timeline(sentence_pool(replace(material, story=story, articles=articles)), ())
    texts = [e["text"] for e in events]
    assert "At last." not in texts
    lead = next(e for e in events if e["text"] == HERALD_TAIL.split(". ")[0] + ".")  # the first that says something
    assert lead["date"] == "2026-09-14" and lead["citations"][0].article_id == herald.id


HERALD_TAIL = ("A dam on the Sela river failed on Monday and flooded three villages in eastern Valdoria. "
               "Around 34 people were killed, according to local officials.")


def test_a_timeline_day_holds_one_event_per_fact_and_at_most_two(material):
    from collections import Counter
    from dataclasses import replace

    import numpy as np

    from parallax.write.sections.timeline import PER_DAY, build_timeline

    pool = sentence_pool(material)
    leads = {r.article.id for r in pool.refs if not r.reprint}
    assert len(leads) > PER_DAY  # three outlets report the collapse on 14 September
    apart = replace(pool, vectors=np.eye(len(pool.refs)))  # no two sentences state one fact
    days = Counter(e["date"] for e in build_timeline(apart, ()))
    assert days["2026-09-14"] == PER_DAY
    first, second = (i for i, r in enumerate(pool.refs) if not r.reprint and r.index == 0 and r.words >= 6
                     and r.article.outlet in ("Northern Wire", "Valdor Times"))
    vectors = np.eye(len(pool.refs))
    vectors[second] = vectors[first]  # the wire's lead and the Times' lead state one fact
    same = [e for e in build_timeline(replace(pool, vectors=vectors), ()) if e["date"] == "2026-09-14"]
    assert sum(e["text"] in (pool.refs[first].text, pool.refs[second].text) for e in same) == 1
