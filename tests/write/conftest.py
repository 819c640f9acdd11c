"""A small invented story told by four outlets, one of them a wire copy."""

from __future__ import annotations

from datetime import datetime

import pytest

from parallax.models import Outlet, Page, Story
from parallax.text.article import build_article
from parallax.write.material import StoryMaterial

OUTLETS = (
    Outlet("Northern Wire", "northernwire.example", "XV", "en", "private", "center"),
    Outlet("Daily Ledger", "ledger.example", "XV", "en", "private", "center-right"),
    Outlet("Valdor Times", "valdortimes.example", "XV", "en", "state", "left"),
    Outlet("Coastal Herald", "coastalherald.example", "GB", "en", "public", "center-left"),
)

WIRE = (
    "A dam on the Sela river failed on Monday, flooding three villages in eastern Valdoria. "
    "At least 34 people were killed and hundreds were forced from their homes, officials said. "
    "The regional governor said the dam had been inspected last year and declared safe. "
    "Engineers warned that a second dam downstream could give way if the rain continues."
)
TIMES = (
    "The Sela river dam collapsed on Monday and flooded three villages in eastern Valdoria. "
    "Officials said at least 36 people were killed in the flooding. "
    "The government accused the construction company of cutting corners, an accusation the firm denied. "
    "The interior ministry said rescue teams will stay in the area until September 30. "
    "Interior Minister Arlen Dask said the builder had ignored repeated safety warnings."
)
HERALD = (
    "SHOCKING scenes as a dam on the Sela river burst on Monday, flooding three villages in eastern Valdoria! "
    "A dam on the Sela river failed on Monday and flooded three villages in eastern Valdoria. "
    "Around 34 people were killed, according to local officials. "
    "The company called the accusation \"absurd and completely baseless\" in a statement. "
    "Residents have complained about cracks in the dam since 2019. "
    "Company spokesman Piet Varo said the firm had followed every safety rule and denied ignoring any warnings."
)


def page(outlet: str, title: str, body: str, url: str) -> Page:
    return Page(url=url, body=body, title=title, outlet=outlet, published=datetime(2026, 9, 14))


def make_material() -> StoryMaterial:
    """The story with its reprint marked; TF-IDF sentence vectors (no model needed)."""
    wire = build_article(page("Northern Wire", "Dam failure floods villages in Valdoria", WIRE,
                              "https://northernwire.example/dam"))
    copy = build_article(page("Daily Ledger", "Dam failure floods villages in Valdoria", WIRE,
                              "https://ledger.example/wire/dam"))
    times = build_article(page("Valdor Times", "Sela dam collapse kills 36", TIMES, "https://valdortimes.example/sela"))
    herald = build_article(page("Coastal Herald", "SHOCKING dam disaster kills dozens!", HERALD,
                                "https://coastalherald.example/dam"))
    articles = (wire, copy, times, herald)
    story = Story(id="s-dam", article_ids=tuple(a.id for a in articles), version=2,
                  reprints=((copy.id, wire.id),))
    return StoryMaterial(story, articles, {o.name: o for o in OUTLETS}, {copy.id: wire.id},
                         generated_at=datetime(2026, 9, 15, 8, 0))


@pytest.fixture
def material() -> StoryMaterial:
    return make_material()


@pytest.fixture
def pool_for_outlooks(material):
    from parallax.write.pool import sentence_pool
    from parallax.write.sections.summary import SummaryRules, build_summary

    pool = sentence_pool(material)
    return pool, build_summary(pool, SummaryRules())
