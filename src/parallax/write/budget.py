"""A run's brief budget (the ``brief_budget`` setting): full briefs within an estimated CPU budget, the rest queued.

A large batch (a day of a thousand new articles) changes hundreds of stories, and a full brief costs about a CPU
second for each of its new articles (their sentences encoded and parsed once, their attributions, signals and
figures worked out once) beside its own sections. With a budget, a run writes full briefs while their estimated cost fits, first
those of stories that would otherwise show no full brief (a new story; one whose page is a one-article lead), then
the others, each group most widely covered first (``budget_order``), and passes over a story that does not fit for
a later, smaller one that does. What is left of the budget then goes to the articles of the stories passed over,
widest story first (``pipeline.writing.work_ahead``): their vectors, parses and analysis are worked out and stored,
so their brief costs a later run little. A story larger than any run's budget is prepared that way over several
runs (at least ``WORK_OUT_BATCH`` articles a run that wrote no full brief), and once every article of it is worked
out (``ready``) it is written as a run's first full brief whatever its cost: it is not starved, and no run spends
a whole wide story's work on top of its budget. One-article stories are not counted: their page is their lead
(``write.single``).

A story passed over is **queued**, and the queue is the store itself: the story stays listed as needing its brief
(``stories_needing_briefs``) until a full brief of its current version is saved, so a crash loses nothing of it
and the next run (a run with no new articles too) writes it among the stories as wide. Meanwhile nothing is shown
as written that was not: a story that had a full brief keeps it, and that brief names the (earlier) version it was
written for; a story with none, or with a one-article lead page, gets a queued page: its first article's lead with
all its sources, saved under the writer label ``queued`` (so the queue still lists the story), its provenance saying
that the full brief is queued.

The estimate is counted, not timed, so which stories a run writes does not depend on the machine's load: each
article of the story with no stored sentence vectors or parse costs ``NEW_ARTICLE`` (by sentence encoder), each
stored one ``STORED_ARTICLE``, each brief ``BRIEF`` CPU seconds (measured, BENCHMARKS.md #26 session 18).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parallax.models import Story
from parallax.settings import default
from parallax.write.material import StoryMaterial

QUEUED = "queued"  # the writer label of a queued page: not the run's writer's, so the story stays queued
NEW_ARTICLE = {"minilm": 0.9, "muse": 0.6}  # CPU s of an article the brief works out first (by sentence encoder)
STORED_ARTICLE = 0.05  # CPU s of an article read back from the store at a rewrite
BRIEF = 0.3  # CPU s of a brief's own sections
WHY = ("this story's full brief (claims, perspectives, figures, timeline over its {n} articles) is queued: the run "
       "that placed its latest articles had spent its brief budget; this page is the lead of its first article, and "
       "the next run writes the full brief")


def estimate(material: StoryMaterial, blobs, embedder) -> float:
    """Estimated CPU seconds of the story's full brief, given what the store holds for its articles (``blobs``)."""
    new = len(new_articles(material, blobs, embedder))
    return BRIEF + new * per_new_article(embedder) + (len(material.articles) - new) * STORED_ARTICLE


def new_articles(material: StoryMaterial, blobs, embedder) -> list:
    """The story's articles that its brief would work out first: no stored sentence vectors or parse."""
    from parallax.write.stored import lacks

    return [a for a in material.articles if lacks(blobs, embedder, a, read=False)]


def per_new_article(embedder) -> float:
    return NEW_ARTICLE.get(getattr(embedder, "name", ""), NEW_ARTICLE[default("embedder")])  # TF-IDF: the default's


@dataclass
class Budget:
    """What is left of a run's budget (``limit`` 0: no limit); ``spend`` says whether a full brief fits."""

    limit: float
    spent: float = 0.0
    queued: int = 0

    def spend(self, cost: float, ready: bool = False) -> bool:
        """Whether a full brief of estimated ``cost`` is written: it fits, or it is ``ready`` (every article worked
        out already) and the run's first."""
        if self.limit > 0 and self.spent + cost > self.limit and not (ready and self.spent == 0):
            self.queued += 1
            return False
        self.spent += cost
        return True

    def room(self, each: float, least: int) -> int:
        """How many articles of cost ``each`` the rest of the budget works out: at least ``least`` when the run has
        spent nothing (a run under a budget smaller than one brief still makes progress)."""
        fits = int(max(0.0, self.limit - self.spent) // each) if each > 0 else 0
        return max(fits, least if self.spent == 0 else 0)


def fitting(store, embedder, materials: Sequence[StoryMaterial], budget: Budget) -> dict:
    """The stored blobs (``write.stored.read_blobs``) of the stories among ``materials`` whose full brief fits the
    budget, by story id; a one-article story has none. Under a limit the estimate reads only which articles have
    blobs (``held_blobs``), so the bytes are read for the briefs written, not for the stories queued."""
    from parallax.write.single import is_single
    from parallax.write.stored import held_blobs, read_blobs

    full = {}
    for material in (m for m in materials if not is_single(m)):
        held = (held_blobs if budget.limit > 0 else read_blobs)(store, embedder, material.articles)
        ready = not new_articles(material, held, embedder)
        if budget.spend(estimate(material, held, embedder), ready):
            full[material.story.id] = read_blobs(store, embedder, material.articles) if budget.limit > 0 else held
    return full


def keeps_its_brief(stored) -> bool:
    """Whether a queued story goes on showing its stored brief: a full brief of an earlier version does (it names
    that version); a one-article lead page (it would say one article covers the story) or an earlier queued page
    gives way to a queued page of the current version."""
    from parallax.write.single import LABEL

    if stored is None or stored.writer == QUEUED:
        return False
    return stored.body.get("provenance", {}).get("sections", {}).get("summary", {}).get("writer") != LABEL


def budget_order(store, stories: Sequence[Story]) -> list[Story]:
    """The stories due, those that would show no full brief meanwhile first (a new story, or one whose page is a
    lead): a budget goes first where a reader would otherwise see only a lead; each group in its given order."""
    return sorted(stories, key=lambda s: keeps_its_brief(store.brief(s.id)))


def queued_page(material: StoryMaterial, embedder):
    """(page or None, why it failed or "", no blobs) of a story whose full brief is queued: the lead of its first
    article, saved under ``QUEUED`` and saying so in its provenance (``left_out.brief``)."""
    from parallax.write.driver import write_lead_page

    return write_lead_page(QUEUED, material, embedder, ("brief", WHY.format(n=len(material.articles))))
