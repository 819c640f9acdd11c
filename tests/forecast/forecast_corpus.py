"""A tiny corpus for the ledger tests: a story whose brief makes forecasts, and later articles that settle them."""

from __future__ import annotations

from datetime import datetime

from parallax.models import Article, Page
from parallax.text.article import build_article


def article(url: str, outlet: str, published: str, text: str, title: str = "") -> Article:
    return build_article(Page(url=url, body=text, title=title or text.split(".")[0], outlet=outlet,
                              published=datetime.fromisoformat(published)))


ORIGINAL = article(
    "https://a.example/strike", "Alpha Post", "2026-09-21",
    "Rail workers walked out across Marenland on Monday. "
    "Union leader Joren Halvik warned that the union will likely call a second, 72-hour strike in October "
    "if no better pay offer is made. "
    "The health agency said it expects cases of the fever to exceed 500 by mid-October.")
ECHO = article(
    "https://b.example/strike", "Beta News", "2026-09-21",
    "Halvik said the union will likely call a second, 72-hour strike in October.")
CONFIRMING = article(
    "https://b.example/second-strike", "Beta News", "2026-10-20",
    "Marenland's railways stopped again on Tuesday as the rail union began a second, 72-hour strike in October, "
    "making good on Halvik's warning. Commuters queued for buses.")
REFUTING = article(
    "https://c.example/fever-over", "Gamma Times", "2026-10-16",
    "The fever outbreak was declared over on Friday. "
    "The final count of 298 cases is well below the 500 cases of the fever that the agency expected by mid-October.")
UNRELATED = article(
    "https://c.example/harvest", "Gamma Times", "2026-10-18",
    "Farmers in the north expect a good harvest of barley this autumn after a wet summer.")


def citation(a: Article, index: int) -> dict:
    s = a.sentences[index]
    return {"article_id": a.id, "outlet": a.outlet, "sentence_index": s.index, "start": s.start, "end": s.end}


def source(a: Article, ownership: str = "private", reprint_of: str | None = None) -> dict:
    return {"article_id": a.id, "title": a.title, "url": a.url, "published": a.published.isoformat(),
            "reprint_of": reprint_of, "outlet": {"name": a.outlet, "domain": "", "country": "XM", "language": "en",
                                                "ownership": ownership, "leaning": ""}}


def brief(version: int = 1, story_id: str = "s-strike") -> dict:
    """A brief with two potential outcomes (the strike one reported by two outlets) and one non-forecast."""
    outcomes = [
        {"text": ORIGINAL.sentence_text(1), "citations": [citation(ORIGINAL, 1), citation(ECHO, 0)],
         "probability": 0.5, "likelihood": "Medium", "reason": "writer"},
        {"text": ORIGINAL.sentence_text(2), "citations": [citation(ORIGINAL, 2)],
         "probability": 0.6, "likelihood": "Medium", "reason": "writer"},
        {"text": ORIGINAL.sentence_text(0), "citations": [citation(ORIGINAL, 0)],
         "probability": 0.7, "likelihood": "High", "reason": "writer"},
    ]
    return {"schema": "parallax.brief/1", "story_id": story_id, "story_version": version,
            "title": {"text": "Rail strike halts trains across Marenland", "citations": [citation(ORIGINAL, 0)]},
            "summary": [{"text": ORIGINAL.sentence_text(0), "citations": [citation(ORIGINAL, 0)]}],
            "sections": {"outcomes": outcomes},
            "sources": [source(ORIGINAL), source(ECHO, "public")]}


ALL = (ORIGINAL, ECHO, CONFIRMING, REFUTING, UNRELATED)
