"""An invented ferry accident told by three outlets, and scripted model answers about it (LLM writer tests)."""

from __future__ import annotations

import copy
import json
from datetime import datetime

from parallax.models import Outlet, Page, Story
from parallax.text.article import build_article
from parallax.write.llm.client import LLMConfig
from parallax.write.material import StoryMaterial

POST = (
    "A passenger ferry capsized off the island of Meral on Tuesday, officials said. "
    "Rescuers pulled 41 people from the water and 6 people are still missing. "
    "The coast guard said strong winds had pushed the ferry onto rocks near the harbour entrance. "
    "The ferry operator, Selka Lines, said the vessel had passed its last inspection in March."
)
DAILY = (
    "The ferry Orla sank near Meral harbour on Tuesday with 47 people on board. "
    "Six passengers remain missing, the coast guard said. "
    "Transport minister Juna Ravik called the accident \"a tragedy that should never have happened\" and ordered "
    "an inquiry. "
    "Search teams will continue working through the night."
)
RADIO = (
    "A ferry capsized near the harbour of Meral on Tuesday afternoon. "
    "At least six people are missing after the accident, according to the coast guard. "
    "Survivors said the crew had warned passengers about high waves before departure. "
    "The inquiry will report within thirty days, the minister said."
)
# Numbered round-robin: [1] POST0 [2] DAILY0 [3] RADIO0 [4] POST1 [5] DAILY1 [6] RADIO1 [7] POST2 [8] DAILY2 ...

GOOD = {
    "title": {"text": "Passenger ferry capsized off the island of Meral", "cite": [1]},
    "summary": [
        {"text": "A passenger ferry capsized near Meral harbour on Tuesday, officials said.", "cite": [1, 2]},
        {"text": "Rescuers pulled 41 people from the water, and six people are still missing.", "cite": [4]},
        {"text": "The coast guard said strong winds pushed the ferry onto rocks near the harbour entrance.",
         "cite": [7]},
        {"text": "Transport minister Juna Ravik called the accident \"a tragedy that should never have happened\" "
                 "and ordered an inquiry.", "cite": [8]},
    ],
    "takeaway": {"text": "Six people remain missing after a ferry capsized near Meral on Tuesday.", "cite": [5, 1]},
    "context": [{"text": "The operator, Selka Lines, said the ferry had passed its last inspection in March.",
                 "cite": [10]}],
    "questions": [{"question": "What caused the accident?",
                   "answer": {"text": "The coast guard said strong winds had pushed the ferry onto rocks.",
                              "cite": [7]}}],
}


def answer(**changes: object) -> str:
    """The good answer as JSON with some summary sentences (``summary_N``) or whole sections replaced."""
    body = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if key.startswith("summary_"):
            body["summary"][int(key.split("_")[1])] = value
        else:
            body[key] = value
    return json.dumps(body)


def make_material() -> StoryMaterial:
    outlets = (Outlet("Harbour Post", country="XS"), Outlet("Island Daily", country="XS"),
               Outlet("Coast Radio", country="XS"))
    articles = tuple(
        build_article(Page(url=f"https://{slug}.example/ferry", body=body, title=title, outlet=o.name,
                           published=datetime(2026, 9, 15)))
        for o, slug, title, body in zip(outlets, ("post", "daily", "radio"),
                                        ("Ferry capsizes off Meral", "Six missing as ferry Orla sinks",
                                         "Ferry accident at Meral"), (POST, DAILY, RADIO))
    )
    story = Story(id="s-ferry", article_ids=tuple(a.id for a in articles), title="Ferry capsizes off Meral")
    return StoryMaterial(story, articles, {o.name: o for o in outlets}, generated_at=datetime(2026, 9, 16))


def config_for(base_url: str, **values: object) -> LLMConfig:
    settings = {"timeout": 5.0, "max_retries": 0, "requests_per_minute": 0.0, "backoff": 0.01}
    settings.update(values)
    return LLMConfig(base_url=base_url, model="scripted-model", **settings)  # type: ignore[arg-type]
