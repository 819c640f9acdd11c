"""Scoring one brief against the audit labels of its story (see ``parallax.eval.brief``).

Labels point at a sentence by an offset inside it: a cited span ``start:end``
covers a label when ``start <= at < end``, so the scores survive changes to the
sentence splitter. Names match by their content words (titles and generic words
such as "officials" left out), so "President Trump" is "Donald_Trump".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parallax.models import Article
from parallax.write.base import cited_items, passage_spans, quoted_phrases
from parallax.write.render import brief_from_dict

_TITLES = frozenset("""mr mrs ms dr president sen senator rep representative gov governor the of and for
    s former vice prime minister secretary general chief spokesman spokeswoman spokesperson leader""".split())
# words that name a kind of body, not which one: "Republican lawmakers" is not "Democratic lawmakers"
_GENERIC = frozenset("""lawmakers officials official members member committee campaign party house senate
    government group people office department ministry state states national news agency authorities
    leaders forces army united""".split())


def name_stems(name: str) -> frozenset[str]:
    """The content words of a name, cut to five letters ("Donald_Trump" → {"donal", "trump"}); a two-letter word
    counts when written in capitals ("UN")."""
    words = re.findall(r"[^\W\d_]+", name.replace("’s", "").replace("'s", ""))  # any script: "Путин"
    acronyms = {w.lower() for w in words if len(w) == 2 and w.isupper()}  # "UN", "EU"
    words = [w.lower() for w in words if len(w) > 2 or w.lower() in acronyms]
    content = [w for w in words if w not in _TITLES and w not in _GENERIC]
    # a name of generic words only ("State Department") is its own content
    return frozenset(w[:5] for w in content or [w for w in words if w not in _TITLES])


def overlap(a: str, b: str) -> int:
    """Shared content words of two names; a gold name may list alternatives ("House_Democrats|Zoe_Lofgren": the
    group, and the member the article names as saying it)."""
    return max(len(name_stems(a) & name_stems(alt)) for alt in b.split("|"))


def _jaccard(a: str, b: str) -> float:
    x, y = name_stems(a), name_stems(b)
    return len(x & y) / len(x | y) if x & y else 0.0


def best_label(heading: str, names: Iterable[Sequence[str]]) -> int | None:
    """Index of the labelled stakeholder (a list of aliases) that the heading names best; None when none."""
    scores = [max((_jaccard(heading, alias) for alias in aliases), default=0.0) for aliases in names]
    best = max(scores, default=0)
    return scores.index(best) if best else None


@dataclass(frozen=True)
class AuditStory:
    corpus: str  # basil | real_news_dev | pac | allsides
    name: str
    half: str  # tune | report | fresh_tune | fresh_report
    articles: tuple[Article, ...]
    quotes: tuple[tuple[str, int, str], ...] = ()  # BASIL: (article id, offset, gold speaker)
    entities: frozenset[str] = frozenset()  # BASIL: main entities
    labels: dict = field(default_factory=dict)  # real_news_dev: our labels of the story


@dataclass
class Tally:
    """Counts behind each figure: ``[right, judged]`` per measure, plus what was left unjudged."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in MEASURES})
    unjudged: dict[str, int] = field(default_factory=lambda: {k: 0 for k in MEASURES})
    citations: list[int] = field(default_factory=lambda: [0, 0])  # exact, all
    nonverbatim: int = 0
    stories: int = 0

    def judge(self, measure: str, right: bool | None) -> None:
        if right is None:
            self.unjudged[measure] += 1
        else:
            self.counts[measure][0] += int(right)
            self.counts[measure][1] += 1

    def add(self, other: Tally) -> None:
        for k in MEASURES:
            self.counts[k] = [a + b for a, b in zip(self.counts[k], other.counts[k])]
            self.unjudged[k] += other.unjudged[k]
        self.citations = [a + b for a, b in zip(self.citations, other.citations)]
        self.nonverbatim += other.nonverbatim
        self.stories += other.stories

    def figures(self) -> dict:
        shares = {k: round(r / n, 3) if n else None for k, (r, n) in self.counts.items()}
        return {**shares, "counts": {k: {"right": r, "judged": n, "unjudged": self.unjudged[k]}
                                     for k, (r, n) in self.counts.items()},
                "citations_exact": self.citations[0], "citations": self.citations[1],
                "nonverbatim_quotes": self.nonverbatim, "stories": self.stories}


MEASURES = ("speaker_precision", "speaker_coverage", "valid_stakeholders", "conflict_precision", "claim_precision",
            "takeaway_precision", "perspective_coverage", "non_english_speakers", "cited_anywhere",
            "non_english_claims", "multilingual_claims")


def _covers(citation: dict, article_id: str, at: int) -> bool:
    return citation["article_id"] == article_id and citation["start"] <= at < citation["end"]


def _labelled(citations: Iterable[dict], marks: Iterable[dict]) -> list[dict]:
    """The labels (``{"id", "at", …}``) that any of the citations covers."""
    cited = list(citations)
    return [m for m in marks if any(_covers(c, m["id"], m["at"]) for c in cited)]


def _verdict(citations: Sequence[dict], marks: list[dict] | None, wrong: list[dict]) -> bool | None:
    """Right where a label of the kind covers the citation, wrong where a label judging it not one does, else
    unjudged (``None``): a sentence no labeller saw counts neither way, so a system is not marked down for showing
    what the one the labels were made against never showed."""
    if marks is None:
        return None
    if _labelled(citations, marks):
        return True
    return False if _labelled(citations, wrong) else None


def score_brief(story: AuditStory, brief: dict, tally: Tally) -> list[dict]:
    """Add the brief's judgements to ``tally``; the judged items, for a reader to check."""
    tally.stories += 1
    items: list[dict] = []
    _check_citations(story, brief, tally)
    sections = brief.get("sections", {})
    if story.corpus == "basil":
        items += _basil_speakers(story, brief, tally)
    elif "stakeholders" in story.labels:  # the held-out PAC set labels claims and takeaways only
        items += _news_speakers(story, sections.get("perspectives", []), tally)
    items += _conflicts(story, sections.get("conflicting_figures", []), tally)
    items += _claims(story, sections.get("key_claims", []), tally)
    items += _takeaway(story, sections.get("takeaway"), tally)
    return [{"story": story.name, "half": story.half, **i} for i in items]


def _check_citations(story: AuditStory, brief: dict, tally: Tally) -> None:
    by_id = {a.id: a for a in story.articles}
    for _, text, citations in cited_items(brief_from_dict(brief)):
        spans = []
        for c in citations:
            article = by_id.get(c.article_id)
            s = article.sentences[c.sentence_index] if article and c.sentence_index < len(article.sentences) else None
            exact = s is not None and (s.start, s.end) == (c.start, c.end)
            tally.citations[0] += int(exact)
            tally.citations[1] += 1
            spans.append(article.text[c.start:c.end] if exact else "")
        spans = passage_spans(citations, spans)
        tally.nonverbatim += sum(not any(q in s for s in spans) for q in quoted_phrases(text))


def _all_cited(brief: dict) -> list[dict]:
    return [c.__dict__ for _, _, cs in cited_items(brief_from_dict(brief)) for c in cs]


def said(perspective: dict) -> list[dict]:
    """A stakeholder's statements in the brief: those shown and those folded under ``more``."""
    return perspective["statements"] + perspective.get("more", [])


def _basil_speakers(story: AuditStory, brief: dict, tally: Tally) -> list[dict]:
    """Speaker coverage counts a quote the reader finds under its speaker's heading: cited in a statement of a
    stakeholder whose heading is not judged wrong for it (right, or unjudgeable for an unnamed ``other_*`` gold)."""
    items = []
    cited = _all_cited(brief)
    perspectives = brief.get("sections", {}).get("perspectives", [])
    under = [(p["stakeholder"], c) for p in perspectives for statement in said(p) for c in statement["citations"]]
    for article_id, at, speaker in story.quotes:
        here = [h for h, c in under if _covers(c, article_id, at)]
        tally.judge("speaker_coverage", any(_speaker_right(h, [speaker] if speaker else [], story.entities) is not False
                                                    for h in here))
        tally.judge("perspective_coverage", bool(here))
        tally.judge("cited_anywhere", any(_covers(c, article_id, at) for c in cited))
    golds = {s for _, _, s in story.quotes if not s.startswith("other")} | set(story.entities)
    for p in perspectives:
        heading = p["stakeholder"]
        valid = True if any(overlap(heading, g) for g in golds) else None
        tally.judge("valid_stakeholders", valid)
        items.append({"measure": "valid_stakeholders", "heading": heading, "right": valid})
        for statement in said(p):
            for c in statement["citations"]:
                gold = [s for a, at, s in story.quotes if _covers(c, a, at)]
                right = _speaker_right(heading, gold, story.entities)
                tally.judge("speaker_precision", right)
                items.append({"measure": "speaker_precision", "heading": heading, "gold": gold, "right": right,
                              "text": statement["text"][:90]})
    return items


def _speaker_right(heading: str, gold: list[str], entities: frozenset[str]) -> bool | None:
    """Right when a named gold speaker of the sentence is the heading; wrong when the named ones are others, or
    when only "other" speakers are gold and the heading names a main entity; else not judged."""
    named = [g for g in gold if not g.startswith("other")]
    if named:
        return any(overlap(heading, g) for g in named)
    if gold and any(overlap(heading, e) for e in entities):
        return False
    return None


def _news_speakers(story: AuditStory, perspectives: list[dict], tally: Tally) -> list[dict]:
    labels = story.labels
    names = labels.get("stakeholders", [])
    items = []
    for p in perspectives:
        heading = p["stakeholder"]
        who = best_label(heading, names)
        tally.judge("valid_stakeholders", who is not None)
        items.append({"measure": "valid_stakeholders", "heading": heading, "right": who is not None})
        for statement in said(p):
            for c in statement["citations"]:
                labelled = [m for m in labels.get("speakers", []) if _covers(c, m["id"], m["at"])]
                right = who is not None and any(names[who][0] in m["who"] for m in labelled)
                tally.judge("speaker_precision", right)
                items.append({"measure": "speaker_precision", "heading": heading, "gold": [m["who"] for m in labelled],
                              "right": right, "text": statement["text"][:90]})
    return items + _non_english_speakers(story, perspectives, tally)


def _non_english_speakers(story: AuditStory, perspectives: list[dict], tally: Tally) -> list[dict]:
    """Each labelled statement of an article not in English: is it shown under its speaker's heading?"""
    names = story.labels.get("stakeholders", [])
    language = {a.id: a.language for a in story.articles}
    shown = [(best_label(p["stakeholder"], names), c) for p in perspectives for s in said(p)
             for c in s["citations"]]
    items = []
    for m in story.labels.get("speakers", []):
        if m["who"] and language.get(m["id"], "en") != "en":
            right = any(who is not None and names[who][0] in m["who"] and _covers(c, m["id"], m["at"])
                        for who, c in shown)
            tally.judge("non_english_speakers", right)
            items.append({"measure": "non_english_speakers", "gold": m["who"], "right": right,
                          "language": language[m["id"]]})
    return items


def _conflicts(story: AuditStory, conflicts: list[dict], tally: Tally) -> list[dict]:
    sets = story.labels.get("figures") if story.labels else None
    items = []
    for conflict in conflicts:
        right = None if sets is None else _one_quantity(conflict, sets)
        tally.judge("conflict_precision", right)
        items.append({"measure": "conflict_precision", "subject": conflict["subject"], "right": right,
                      "values": [v["value"] for v in conflict["values"]]})
    return items


def _one_quantity(conflict: dict, sets: list[dict]) -> bool:
    """Whether one labelled set (one measured thing, one unit, one time) holds a figure of every value."""
    values = conflict["values"]
    if len({v["value"] for v in values}) < 2:
        return False
    return any(all(any(abs(f["value"] - v["value"]) < 1e-6 * max(1.0, abs(v["value"]))
                       for f in _labelled(v["citations"], s["members"])) for v in values) for s in sets)


def _claims(story: AuditStory, claims: list[dict], tally: Tally) -> list[dict]:
    marks = story.labels.get("claims") if story.labels else None
    items = []
    for claim in claims:
        right = _verdict(claim["citations"][:1], marks, story.labels.get("not_claims", []))
        tally.judge("claim_precision", right)
        items.append({"measure": "claim_precision", "right": right, "text": claim["text"][:90]})
        if marks is not None:
            items += _claim_languages(story, claim, tally)
    return items


def _claim_languages(story: AuditStory, claim: dict, tally: Tally) -> list[dict]:
    """Whether a shown key claim is cited to an article not in English (``non_english_claims``) and to articles of two
    languages or more (``multilingual_claims``: deduplicated across languages)."""
    language = {a.id: a.language or "und" for a in story.articles}
    said_in = sorted({language.get(c["article_id"], "und") for c in claim["citations"]})
    tally.judge("non_english_claims", any(lang != "en" for lang in said_in))
    tally.judge("multilingual_claims", len(said_in) > 1)
    return [{"measure": "claim_languages", "languages": said_in, "outlets": claim.get("asserted_by", [])}]


def _takeaway(story: AuditStory, takeaway: dict | None, tally: Tally) -> list[dict]:
    if not takeaway:
        return []
    marks = story.labels.get("takeaways") if story.labels else None
    right = _verdict(takeaway["citations"][:1], marks, story.labels.get("not_takeaways", []))
    tally.judge("takeaway_precision", right)
    return [{"measure": "takeaway_precision", "right": right, "text": takeaway["text"][:90]}]
