"""A small real corpus for the web tests: two stories, one with two brief versions.

One article is hostile: markup and a javascript: URL in its title, text and link.
"""

from __future__ import annotations

from datetime import datetime

from parallax.models import Article, Failure, Outlet, Page, Story
from parallax.store.base import StoredBrief
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article

HOSTILE = '<script>window.__pwned=1</script>'
HOSTILE_IMG = '<img src=x onerror="window.__pwned=2">'
HOSTILE_URL = "javascript:window.__pwned=3"

OUTLETS = [
    Outlet("Harbour Ledger", "ledger.example", "GB", "en", "private", "center-left"),
    Outlet("Valdoria State Radio", "vsr.example", "XV", "en", "state", "right"),
    Outlet("Coastal Courier", "courier.example", "US", "en", "wire", "center"),
    Outlet("Mischief Weekly", "mischief.example", "US", "en", "private", "left"),
]

TEXTS = {
    "ledger": (
        "https://ledger.example/bridge", "Harbour Ledger", "Old harbour bridge collapses in Porto Vell",
        "The old harbour bridge in Porto Vell collapsed on Monday morning. At least 34 people were killed, "
        "the city council said. Engineers had warned in 2024 that the steel supports were corroding. "
        "The mayor promised a full inquiry within a month.",
    ),
    "radio": (
        "https://vsr.example/news/bridge", "Valdoria State Radio", "Bridge disaster blamed on sabotage",
        "A bridge in Porto Vell fell into the harbour on Monday. Officials counted 41 dead by the evening. "
        "The interior ministry said saboteurs had damaged the supports. Opposition leaders called the sabotage "
        "claim a distraction.",
    ),
    "courier": (
        "https://courier.example/2026/09/bridge", "Coastal Courier", "What we know about the Porto Vell bridge",
        "Rescue teams searched the water under the Porto Vell bridge through the night. The council confirmed "
        "34 deaths and said dozens were injured. Independent engineers said corrosion was the likeliest cause. "
        "Repairs to the crossing are expected to take at least two years.",
    ),
    "hostile": (
        HOSTILE_URL, "Mischief Weekly", f"{HOSTILE} Bridge rumours",
        f"Officials said {HOSTILE} the bridge was closed. Witnesses saw {HOSTILE_IMG} smoke near the pier. "
        f'Read more at <a href="{HOSTILE_URL}">this link</a> today.',
    ),
    "ferry": (
        "https://courier.example/2026/09/ferry", "Coastal Courier", "Ferry strike ends after two days",
        "The ferry workers' strike in Porto Vell ended on Thursday. The union accepted a pay rise of four "
        "percent. Services will return to the normal timetable on Friday.",
    ),
}
DAYS = {"ledger": 14, "radio": 14, "courier": 15, "hostile": 15, "ferry": 18}


# Hand-made language scores for one outlet and its articles, stored as the pipeline stores them.
LEDGER_SCORES = {"sensational": 0.12, "fearful": 0.3, "loaded_language": 0.2, "opinionated": 0.1,
                 "political": 0.45, "clickbait": 0.05, "negative_tone": 0.6, "positive_tone": 0.15}
ARTICLE_SCORES = {"sensational": 0.1, "fearful": 0.4, "political": 0.5, "gossip": 0.0}


def store_scores(store: SQLiteStore, articles: list[Article]) -> None:
    """Language bodies for the Harbour Ledger's articles and its outlet profile, through the real store."""
    from parallax.analyse.language import SCORER_VERSION
    from parallax.pipeline import LANGUAGE_KIND

    body = {"version": SCORER_VERSION, "sentences": [],
            "scores": {d: {"value": v, "evidence": []} for d, v in ARTICLE_SCORES.items()}}
    ledger = [a for a in articles if a.outlet == "Harbour Ledger"]
    store.save_article_analysis(LANGUAGE_KIND, SCORER_VERSION, [(a, body) for a in ledger])
    bands = {d: {"mean": v, "low": max(0.0, v - 0.05), "high": min(1.0, v + 0.05), "n": 12}
             for d, v in LEDGER_SCORES.items()}
    store.save_outlet_profile("Harbour Ledger", SCORER_VERSION, {"outlet": "Harbour Ledger", "n_articles": 12,
                                                                 "dimensions": bands})


def make_articles() -> dict[str, Article]:
    articles = {}
    for key, (url, outlet, title, text) in TEXTS.items():
        page = Page(url=url, body=text, title=title, outlet=outlet, published=datetime(2026, 9, DAYS[key], 8, 0))
        articles[key] = build_article(page)
    return articles


def cite(article: Article, index: int) -> dict:
    """A citation built from the stored sentence spans, as the contract demands."""
    s = article.sentences[index]
    return {"article_id": article.id, "outlet": article.outlet, "sentence_index": index, "start": s.start, "end": s.end}


def cited(article: Article, index: int, *more: tuple[Article, int]) -> dict:
    cits = [cite(article, index)] + [cite(a, i) for a, i in more]
    return {"text": article.sentence_text(index), "citations": cits}


def source(article: Article, outlet: Outlet) -> dict:
    return {
        "article_id": article.id, "title": article.title, "url": article.url,
        "published": article.published.isoformat(), "reprint_of": None,
        "outlet": {"name": outlet.name, "domain": outlet.domain, "country": outlet.country,
                   "language": outlet.language, "ownership": outlet.ownership, "leaning": outlet.leaning},
    }


def make_brief(story_id: str, version: int, a: dict[str, Article], with_hostile: bool) -> dict:
    ledger, radio, courier, hostile = a["ledger"], a["radio"], a["courier"], a["hostile"]
    summary = [cited(ledger, 0, (radio, 0)), cited(courier, 1, (ledger, 1)), cited(courier, 2)]
    if with_hostile:
        summary.append(cited(hostile, 0))
    sections = {
        "key_claims": [{**cited(radio, 2), "asserted_by": ["Valdoria State Radio"],
                        "disputed_by": ["Coastal Courier"], "omitted_by": ["Harbour Ledger"]}],
        "perspectives": [{"stakeholder": "Valdorian interior ministry", "kind": "government",
                          "statements": [cited(radio, 2)]},
                         {"stakeholder": "Independent engineers", "kind": "analyst",
                          "statements": [cited(courier, 2)]}],
        "questions": [{"question": "What caused the collapse?", "answer": cited(courier, 2)}],
        "media_bias": {"paragraphs": [cited(radio, 3)],
                       "coverage": {"by_country": {"GB": 1, "XV": 1, "US": 1 + with_hostile},
                                    "by_leaning": {"center-left": 1, "right": 1, "center": 1,
                                                   "left": int(with_hostile)},
                                    "by_ownership": {"private": 1 + with_hostile, "state": 1, "wire": 1}}},
        "context": [cited(ledger, 2)],
        "takeaway": cited(ledger, 0),
        "outcomes": [{**cited(ledger, 3), "probability": 0.7, "likelihood": "High",
                      "reason": "The mayor set a date in public."}],
        "conflicting_figures": [{"subject": "dead", "values": [
            {"value": 34, "unit": "people", **cited(ledger, 1)}, {"value": 41, "unit": "people", **cited(radio, 1)}]}],
        "timeline": [{"date": "2026-09-14", **cited(ledger, 0)}, {"date": "2026-09-15", **cited(courier, 0)}],
    }
    if with_hostile:
        sections["context"].append(cited(hostile, 1))
        sections["timeline"].append({"date": "2026-09-15", **cited(hostile, 2)})
    keys = ["ledger", "radio", "courier"] + (["hostile"] if with_hostile else [])
    outlets = {o.name: o for o in OUTLETS}
    return {
        "schema": "parallax.brief/1", "story_id": story_id, "story_version": version,
        "title": {"text": "Porto Vell harbour bridge collapses", "citations": [cite(ledger, 0)]},
        "summary": summary, "sections": sections,
        "sources": [source(a[k], outlets[a[k].outlet]) for k in keys],
        "provenance": {"pipeline_version": "0.1.0", "writer": "hand-written fixture", "embedder": "none",
                       "generated_at": "2026-09-16T10:00:00", "input_hash": f"fixture-{version}"},
    }


def populate(store: SQLiteStore) -> dict:
    """Fill ``store``; return the articles and story ids the tests look at."""
    a = make_articles()
    store.upsert_outlets(OUTLETS)
    store.upsert_articles(a.values())
    first, last = datetime(2026, 9, 14, 8), datetime(2026, 9, 15, 8)
    bridge = "s-bridge"
    ids = (a["ledger"].id, a["radio"].id, a["courier"].id)
    store.save_stories([Story(bridge, ids, title="Bridge collapse", first_published=first, last_published=first)])
    store.save_brief(StoredBrief(bridge, 1, "fixture", "h1", make_brief(bridge, 1, a, False), first))
    store.save_stories([Story(bridge, (*ids, a["hostile"].id), title="Bridge collapse",
                              first_published=first, last_published=last)])
    store.save_brief(StoredBrief(bridge, 2, "fixture", "h2", make_brief(bridge, 2, a, True), last))
    ferry_day = datetime(2026, 9, 18, 8)
    store.save_stories([Story("s-ferry", (a["ferry"].id,), title="Ferry strike ends",
                              first_published=ferry_day, last_published=ferry_day)])
    store.record_failure(Failure("extract", f"https://bad.example/{HOSTILE}", f"text too short {HOSTILE_IMG}",
                                 datetime(2026, 9, 15, 9)))
    store.record_failure(Failure("fetch", "https://gone.example/feed", "HTTP 404", datetime(2026, 9, 16, 9)))
    return {"articles": a, "bridge": bridge, "ferry": "s-ferry"}
