"""Figures the outlets report — tolls, arrests, shares, sums, years — and where they disagree.

"at least 140 people dead" → value 140, qualifier "at least", unit "people",
subject "dead". Conflicts keep each outlet's figure side by side with its position:
its headline figure for a toll, every value it gives for any other quantity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parallax.analyse.who.cues import FUNCTION_WORDS, PRONOUNS
from parallax.analyse.who.numbers import NUMBER_PATTERN, parse_number
from parallax.models import Article, Citation

SUBJECTS = {
    "dead": r"dead|killed|died|deaths?|death toll|lives|fatalities|bodies|perished|slain",
    "injured": r"injured|wounded|hurt|injuries|hospitali[sz]ed",
    "arrested": r"arrested|detained|arrests|in custody|suspects? held|apprehended",
    "missing": r"missing|unaccounted",
    "displaced": r"displaced|evacuated|fled|homeless|refugees",
}
TOLLS = frozenset(SUBJECTS)  # people counts: they only grow as news comes in, so an outlet's largest is its figure
_SUBJECT_RE = {name: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for name, words in SUBJECTS.items()}
_BEFORE_RE = {
    name: re.compile(rf"\b(?:{words})(?:\s+(?:to|of|at|reached|rose|climbed|stood|now|has|had|risen))*\s*$", re.IGNORECASE)
    for name, words in SUBJECTS.items()
}
_QUALIFIER = re.compile(
    r"\b(at least|more than|over|nearly|almost|about|around|roughly|some|up to|at most|fewer than|"
    r"less than|approximately|an estimated|as many as)\s+$", re.IGNORECASE)
_PEOPLE = re.compile(
    r"^\s*(?:\w+\s+)?(people|persons|civilians|children|adults|soldiers|officers|police(?:men)?|victims|"
    r"men|women|suspects|attackers|gunmen|concertgoers|residents|workers|troops|fighters|journalists)\b", re.IGNORECASE)
_CURRENCY_BEFORE = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
_CURRENCY_AFTER = re.compile(r"^\s*(dollars|euros|pounds|rubles|roubles)\b", re.IGNORECASE)
_PERCENT = re.compile(r"^\s*(%|percent\b|per cent\b)", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# someone's account starting between two figures of one sentence: "Corvania said 4.2 km; Eskeria said 1.5 km"
_ATTRIBUTION = re.compile(
    r"\b(?:says?|said|told|according to|puts?|estimat(?:es|ed)|reports?|reported|counts?|counted|claims?|claimed|"
    r"insists?|insisted|maintains?|maintained)\b", re.IGNORECASE)

# a figure someone wants, offers or prescribes rather than one that is: "its demand of 52,000 tonnes", "proposed
# cutting the quota to 30,000 tonnes", "catches may need to fall by 20 percent", "a 52,000-tonne demand"
_POSITION = re.compile(r"\b(?:propos\w*|demand\w*|offer\w*|calls? for|called for|seek\w*|sought|wants?|wanted|"
                       r"request\w*|ask(?:s|ed|ing)? for|insist\w* on|target\w*|aim(?:s|ed|ing)?|bid|need\w* to|should|must)\b",
                       re.IGNORECASE)
_POSITION_AFTER = re.compile(r"^[\s-]*(?:[\w-]+\s+){0,2}(?:demand|proposal|offer|target|bid)s?\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:—–(]")
_STATUS_QUO = re.compile(r"\b(?:current|currently|existing|present|actual|now|today's|this year's|last year's)\b",
                         re.IGNORECASE)
_APPROXIMATE = frozenset({"about", "around", "roughly", "approximately", "some", "an estimated", "nearly", "almost"})
APPROXIMATE = 0.1  # "around 25 percent" is a rounded figure: 26 percent does not contradict it


@dataclass(frozen=True)
class Figure:
    """A quantity stated in one sentence; ``article.text[start:end]`` is the number phrase."""

    article_id: str
    outlet: str
    sentence_index: int
    start: int
    end: int
    text: str
    value: float
    qualifier: str
    unit: str
    subject: str
    citation: Citation
    low: float | None = None  # the lower end when the number closes a range ("between 350 and 450 million")
    when: str = ""  # ISO day the figure holds, once read (``analyse.quantities.figure_time``)


_DIGITS = r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
_RANGE_LOW = re.compile(rf"\bbetween\s+[$€£₽]?{_DIGITS}(?:\s+(?:thousand|million|billion))?\s+and\s+[$€£₽]?$|"
                        rf"(?<![\w.,]){_DIGITS}\s*(?:to|-|–)\s*[$€£₽]?$", re.IGNORECASE)


_UPPER_BOUND = re.compile(r"\b(?:up to|at most|as many as|fewer than|less than|no more than)\s+[$€£₽]?$", re.IGNORECASE)


def range_low(before: str, number: str, value: float) -> float | None:
    """The lower end of a range the number closes ("between 350 and 450 million" → 350 million; "up to 450" → 0).

    None for a single value. Lower bounds ("at least 140") stay single values: two outlets' "at least 139"
    and "at least 140" are the disagreement a reader should see.
    """
    if _UPPER_BOUND.search(before):
        return 0.0
    match = _RANGE_LOW.search(before)
    digits = re.match(r"[\d,]+(?:\.\d+)?", number)
    if not match or not digits or not float(digits.group().replace(",", "")):
        return None
    scale = value / float(digits.group().replace(",", ""))  # "450 million": the low end shares the scale
    low = float((match.group(1) or match.group(2)).replace(",", "")) * scale
    return low if low < value else None


def stated_as_position(article: Article, figure: Figure) -> bool:
    """Whether the figure is what someone proposes, demands or prescribes: a negotiating position or a target,
    not a count of what is. Two sides' positions differ by design; that is no conflict.

    A sentence about a position ("demanding 60,000 tonnes … before coming down to 52,000") makes each of its
    figures one, except a figure its own clause marks as the state of things ("from the current 45,000 tonnes").
    """
    sentence = article.sentences[figure.sentence_index]
    before = article.text[sentence.start : figure.start]
    clause = before[max((m.end() for m in _CLAUSE_START.finditer(before)), default=0):]
    if _STATUS_QUO.search(clause):
        return False
    return bool(_POSITION.search(before) or _POSITION_AFTER.match(article.text[figure.end : sentence.end]))


def consistent(figures: Sequence[Figure]) -> bool:
    """Whether one value fits every figure: each is a point, a range where it was stated as one, or, stated as
    approximate ("around 25 percent"), anything within ``APPROXIMATE`` of it (26 percent fits)."""
    return max(_span(f)[0] for f in figures) <= min(_span(f)[1] for f in figures)


def _span(figure: Figure) -> tuple[float, float]:
    """The values the figure allows, lowest and highest: a point is as exact as its last written digit ("25" is
    24.5 to 25.5, so "24.8 miles" fits it)."""
    if figure.qualifier in _APPROXIMATE:
        return figure.value * (1 - APPROXIMATE), figure.value * (1 + APPROXIMATE)
    half = _last_digit(figure.text) * figure.value / 2 * (1 - 1e-9)  # 60 and 61 do not meet at 60.5
    return (figure.value - half if figure.low is None else figure.low), figure.value + half


def _last_digit(text: str) -> float:
    """The place of the last written digit relative to the value ("24.8" → 0.1 / 24.8); 0 without digits."""
    digits = re.search(r"(\d[\d,]*)(?:\.(\d+))?", text)
    if not digits:
        return 0.0
    written = float(digits.group(1).replace(",", "") + ("." + digits.group(2) if digits.group(2) else ""))
    return (10.0 ** -len(digits.group(2) or "")) / written if written else 0.0


@dataclass(frozen=True)
class FigureConflict:
    """Outlets give different values for the same subject and unit."""

    subject: str
    unit: str
    figures: tuple[Figure, ...]  # by outlet: its headline figure for a toll, every figure for another quantity

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(sorted({f.value for f in self.figures}))


def _unit(before: str, after: str, number: str) -> str:
    if before.rstrip()[-1:] in _CURRENCY_BEFORE:
        return _CURRENCY_BEFORE[before.rstrip()[-1]]
    if _PERCENT.match(after):
        return "percent"
    currency = _CURRENCY_AFTER.match(after)
    if currency:
        return {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}.get(currency.group(1).lower(), "RUB")
    if _YEAR.match(number) and not _PEOPLE.match(after):
        return "year"
    return "people" if _PEOPLE.match(after) else ""


def _subject(before: str, after: str, unit: str) -> str:
    before = _QUALIFIER.sub("", before)
    following = NUMBER_PATTERN.search(after)  # "212 cases and nine deaths": "deaths" belongs to "nine"
    after = after[: following.start()] if following else after
    window_after, window_before = " ".join(after.split()[:5]), " ".join(before.split()[-4:])
    for name, pattern in _SUBJECT_RE.items():
        if pattern.search(window_after) or _BEFORE_RE[name].search(window_before):
            return name
    return {"year": "date", "percent": "share", "USD": "amount", "EUR": "amount", "GBP": "amount",
            "RUB": "amount"}.get(unit, "")


def _figure(article: Article, index: int, match: re.Match[str], offset: int) -> Figure | None:
    sentence = article.text[article.sentences[index].start : article.sentences[index].end]
    before, after = sentence[: match.start()], sentence[match.end():]
    value = parse_number(match.group())
    unit = _unit(before, after, match.group())
    subject = _subject(before, after, unit)
    if value is None or not (unit or subject):
        return None
    qualifier = _QUALIFIER.search(before)
    start = offset + (qualifier.start() if qualifier else match.start())
    s = article.sentences[index]
    return Figure(
        article.id, article.outlet, index, start, offset + match.end(), article.text[start : offset + match.end()],
        value, qualifier.group(1).lower() if qualifier else "", unit or ("people" if subject in SUBJECTS else "count"),
        subject,
        Citation(article.id, article.outlet, index, s.start, s.end),
        range_low(before, match.group(), value),
    )


def extract_figures(article: Article) -> tuple[Figure, ...]:
    """Every figure with a unit or a subject, in reading order."""
    found = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        for match in NUMBER_PATTERN.finditer(text):
            figure = _figure(article, sentence.index, match, sentence.start)
            if figure is not None:
                found.append(figure)
    return tuple(found)


def _headline_figure(figures: Sequence[Figure]) -> Figure:
    """An outlet's figure for a subject: its largest, since tolls only grow as news comes in."""
    return max(figures, key=lambda f: (f.value, -f.sentence_index))


def _contribution(subject: str, figures: Sequence[Figure]) -> list[Figure]:
    """What one outlet puts into a conflict: its headline toll, or every value it gives of another quantity.

    An outlet that reports two accounts of a distance ("4.2 km, Corvania says; 1.5 km, Eskeria says") gives both.
    """
    return [_headline_figure(figures)] if subject in TOLLS else list(figures)


def involved(figures: Sequence[Figure]) -> bool:
    """Whether two outlets give values, or one outlet sets two different values in one sentence."""
    if len({f.outlet for f in figures}) > 1:
        return True
    per_sentence: dict[tuple[str, int], set[float]] = {}
    for f in figures:
        per_sentence.setdefault((f.article_id, f.sentence_index), set()).add(f.value)
    return any(len(values) > 1 for values in per_sentence.values())


def juxtaposed(text: str, a: Figure, b: Figure) -> bool:
    """Whether an article sets two values against each other as two accounts.

    ``text`` is the article's text. Either one sentence gives the second value under its own attribution
    ("Corvania said the drone was 4.2 kilometres inside; Eskeria said it was 1.5 kilometres inside", but not
    "inflation eased to 10.8 percent from 11.4 percent"), or two sentences in a row each give one count of a thing
    under a different named source ("The ministry says the fire covered 1,800 hectares. Satellite analysis by the
    institute puts the burned area at about 24,000 hectares.").
    """
    if a.article_id != b.article_id or a.value == b.value:
        return False
    first, second = sorted((a, b), key=lambda f: f.start)
    if first.sentence_index == second.sentence_index:
        return bool(_ATTRIBUTION.search(text[first.end : second.start]))
    return _counted(first) and second.sentence_index == first.sentence_index + 1 and _rival_sources(
        _source_of(text[first.citation.start : first.start]), _source_of(text[second.citation.start : second.start]))


def _counted(figure: Figure) -> bool:
    """Whether the figure counts a named thing (hectares, tonnes): a share or an amount does not say of what, so two
    of those in a row may measure two things (54 percent of staff, 72 percent of trains)."""
    return bool(figure.unit) and figure.unit == figure.subject


def _source_of(lead: str) -> set[str]:
    """The capitalised words before the attribution that ``lead`` (a sentence up to its figure) holds, if any."""
    cue = _ATTRIBUTION.search(lead)
    words = lead[: cue.start()].split() if cue else []
    return {w.removesuffix("’s").removesuffix("'s") for w in words
            if w[:1].isupper() and w.lower() not in FUNCTION_WORDS and w.lower() not in PRONOUNS}


def _rival_sources(first: set[str], second: set[str]) -> bool:
    """Two named sources that share no name."""
    return bool(first) and bool(second) and first.isdisjoint(second)


def conflicting_figures(figures_by_outlet: Mapping[str, Sequence[Figure]]) -> tuple[FigureConflict, ...]:
    """Subjects on which outlets state different values, each outlet's figures side by side.

    A toll counts each outlet's largest figure; any other quantity every value each outlet gives, so one
    outlet reporting both sides' accounts contributes both. Values that one outlet's stated range covers
    ("could exceed 400 million" against "between 350 and 450 million") do not conflict.
    """
    grouped: dict[tuple[str, str], dict[str, list[Figure]]] = {}
    for outlet, figures in figures_by_outlet.items():
        for figure in figures:
            if figure.subject and figure.subject != "date":
                grouped.setdefault((figure.subject, figure.unit), {}).setdefault(outlet, []).append(figure)
    conflicts = []
    for (subject, unit), by_outlet in grouped.items():
        chosen = tuple(f for o in sorted(by_outlet) for f in _contribution(subject, by_outlet[o]))
        if len({f.value for f in chosen}) > 1 and involved(chosen) and not consistent(chosen):
            conflicts.append(FigureConflict(subject, unit, chosen))
    return tuple(sorted(conflicts, key=lambda c: (c.subject, c.unit)))
