"""The figures a story's sources report, read once per brief: what each counts, when and where.

The analyse stage finds the figures (``extract_figures``, then every number in digits) and what each
measures (``analyse.quantities``, from the parse); articles in languages the parser does not read give
their tolls through the toll tables (``analyse.tolls``). ``write.sections.figures`` sets them side by side.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parallax.analyse.dating import page_date
from parallax.analyse.given import FIGURES, worked_out
from parallax.analyse.parses import parsed
from parallax.analyse.quantities import figure_facts, parsed_sentences
from parallax.analyse.tolls import reads, tolls_in
from parallax.analyse.who import Figure, extract_figures
from parallax.analyse.who.figures import TOLLS, range_low, stated_as_position
from parallax.analyse.who.numbers import NUMBER_PATTERN, parse_number
from parallax.models import Article, Citation
from parallax.write.pool import SentencePool, read_sentences

YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")


def digit_figures(article: Article) -> list[Figure]:
    """Every number above one written in digits in an English article, what it measures left to the parse
    (``as_parsed``): "1,800 hectares", "a magnitude 6.3 earthquake"."""
    if not parsed_sentences(article):
        return []
    found = []
    for s in article.sentences:
        for match in NUMBER_PATTERN.finditer(article.text, s.start, s.end):
            value = parse_number(match.group())
            if value is not None and value > 1 and any(ch.isdigit() for ch in match.group()):
                citation = Citation(article.id, article.outlet, s.index, s.start, s.end)
                low = range_low(article.text[s.start : match.start()], match.group(), value)
                found.append(Figure(article.id, article.outlet, s.index, match.start(), match.end(), match.group(),
                                    value, "", "", "", citation, low))
    return found


def story_figures(pool: SentencePool) -> dict[str, list[Figure]]:
    """Every figure of the story's independent articles (the analyse stage's, then counted nouns) that reports what
    is, by source: what someone proposes or demands (``stated_as_position``) is a position, not a count. Worked out
    once per pool (the section and the "How many …?" questions read it)."""
    return pool.derived("figures", lambda: _story_figures(pool))


def dated_from_text(pool: SentencePool) -> dict[str, str]:
    """The story's undated articles that their own text dates (``analyse.dating``): article id → how ("dateline",
    "weekday"). Their figures hold on that day (a weekday-dated page's tolls excepted: see ``_story_figures``), and
    the brief says the day was read from the page."""
    return {article_id: how for article_id, (_, how) in _page_dates(pool).items()}


def _page_dates(pool: SentencePool) -> dict[str, tuple]:
    def dated() -> dict[str, tuple]:
        days = [a.published for a in pool.material.articles if a.published is not None]
        return {a.id: found for a in pool.material.independent_articles() if (found := page_date(a, days))}
    return pool.derived("page_dates", dated)


def _with_date(pool: SentencePool, article: Article) -> Article:
    """The article as its figures are read: an undated one with the day its text gives, when it gives one."""
    found = _page_dates(pool).get(article.id)
    return replace(article, published=found[0], date_precision="day") if found else article


def _story_figures(pool: SentencePool) -> dict[str, list[Figure]]:
    reported: dict[str, list[tuple[Figure, frozenset[str]]]] = {}
    for article in pool.material.independent_articles():
        source = pool.material.source_key(article)
        article = _with_date(pool, article)
        # a weekday names the day of what the page tells, not the day it was written: a toll it gives may be a later
        # count, so only the event's properties (a magnitude, a distance) take that day
        event_day = dated_from_text(pool).get(article.id) == "weekday"
        if not parsed(article):
            if event_day:
                continue
            pooled = {index for index, _ in read_sentences(article)}
            reported.setdefault(source, []).extend(t for t in table_tolls(article) if t[0].sentence_index in pooled)
            continue
        for read in article_figures(article):
            if not (event_day and read[0].subject in TOLLS):
                reported.setdefault(source, []).append(read)
    return {source: [_counted_where(f, places) for f, places in found] for source, found in reported.items()}


def article_figures(article: Article) -> list[tuple[Figure, frozenset[str]]]:
    """The figures a parsed article reports in the sentences a brief reads, each read from the parse (what it counts,
    when, where: ``read_figure``), what someone proposes or demands left out: one article's work, stored with its
    parse by the brief driver and given back at a rewrite (``analyse.given``)."""
    return worked_out(FIGURES, article, _article_figures)


def _article_figures(article: Article) -> list[tuple[Figure, frozenset[str]]]:
    figures = [f for f in extract_figures(article) if f.subject]
    seen = {(f.sentence_index, f.value) for f in figures}
    figures += [f for f in digit_figures(article) if (f.sentence_index, f.value) not in seen]
    pooled = {index for index, _ in read_sentences(article)}  # a figure is cited where the pool reads
    read = [(read_figure(article, f), f) for f in figures if f.sentence_index in pooled]
    return [found for found, figure in read if found is not None and not stated_as_position(article, figure)]


def table_tolls(article: Article) -> list[tuple[Figure, frozenset[str]]]:
    """The tolls of an article in a language the parser does not read (``analyse.tolls``), holding on the article's
    day; none when the article has no date (its figures could meet another day's), and none of a sentence naming
    another year."""
    if article.published is None or not reads(article.language):
        return []
    found = []
    for s in article.sentences:
        years = {int(y) for y in YEAR.findall(article.text, s.start, s.end)}
        if years - {article.published.year}:  # "the worst since the quake of 17 August 1999": another time's toll
            continue
        citation = Citation(article.id, article.outlet, s.index, s.start, s.end)
        for toll in tolls_in(article.text, s.start, s.end, article.language):
            figure = Figure(article.id, article.outlet, s.index, toll.start, toll.end, article.text[toll.start:toll.end],
                            toll.value, "", "people", toll.measure, citation, when=article.published.date().isoformat())
            found.append((figure, toll.places))
    return found


def _counted_where(figure: Figure, places: frozenset[str]) -> Figure:
    """A toll's unit says where it was counted when that is one place ("people in Syria"): one country's dead are
    not a rival of both countries' dead. A toll naming no place, or several together ("in Turkey and Syria"), is
    the story's whole toll."""
    if figure.subject not in TOLLS:
        return figure
    return replace(figure, unit="people" + (f" in {next(iter(places))}" if len(places) == 1 else ""))


def as_parsed(article: Article, figure: Figure) -> Figure | None:
    """The figure with the measure its sentence's parse gives it (``analyse.quantities``) and the day it holds, or
    None when the parse names no measure, the sentence points to another time, or the article is not parsed (a
    language other than English: its figures are left out, the reason in the brief's provenance)."""
    read = read_figure(article, figure)
    return read[0] if read else None


def read_figure(article: Article, figure: Figure) -> tuple[Figure, frozenset[str]] | None:
    """``as_parsed`` with the places the figure was counted in (``analyse.quantities.places_of``)."""
    facts = figure_facts(article, figure.sentence_index, figure.start, figure.end)
    if facts is None or not facts[0] or facts[1] is None:
        return None
    measure, when, places = facts
    unit = figure.unit if measure in TOLLS or figure.unit not in (figure.subject, "count") else measure
    return replace(figure, subject=measure, unit=unit, when=when.date().isoformat()), places
