"""Quotations that run over several sentences: one speaker for every sentence of the quotation.

News prints a long quotation as several sentences with one attribution, at its
start (“X said: “…”), in its middle or at its end (“…,” she said.); a quotation
that goes on into the next paragraph leaves its closing mark off and opens the
next paragraph with a quotation mark again. The sentences between carry no cue,
so the attribution of the whole quotation is found by pairing the quotation
marks: a sentence inside a quotation whose one resolved speaker is known is
that speaker's too. Where the quotation's cues name two different speakers, or
none that resolves, its other sentences stay unattributed.

A quotation with no cue at all that stands as its own sentences goes on the
words of the speaker quoted just before it: news quotes a speaker, then keeps
quoting without saying "he said" again (“…,” Fox said. “We don't want him.”).
It is theirs when the sentence right before it has one resolved speaker and no
unresolved relation; quoted at once after their own quotation, both read as one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parallax.models import Article

# each opening mark and the marks that close it, in the conventions of the languages we read: “English” and
# Chinese, „German“ (closed by a straight mark on many German pages), «French» and Russian, »German«, 「Japanese」 and 『nested』, "straight"
PAIRS = {"“": "”", "„": "“”\"", "«": "»", "»": "«", "‹": "›", "「": "」", "『": "』", '"': '"'}
OPENING, STRAIGHT = "".join(PAIRS), '"'
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
MAX_SENTENCES = 5  # a longer quotation (a letter, a speech) is shown by its attributed sentence alone


def quotation_regions(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation in ``text``, marks included; a quotation left open at a paragraph's end
    goes on when the next paragraph opens with a quotation mark, else it ends there."""
    regions: list[tuple[int, int]] = []
    open_at = None  # where the quotation being read started
    closers = ""  # the marks that close it
    for paragraph in _paragraphs(text):
        start, end = paragraph
        continues = open_at is not None and text[start] in OPENING
        if open_at is not None and not continues:
            regions.append((open_at, start))
            open_at = None
        if continues:
            closers = PAIRS[text[start]]
        for at in range(start + (1 if continues else 0), end):
            c = text[at]
            if open_at is None and c in OPENING:
                open_at, closers = at, PAIRS[c]
            elif open_at is not None and c in closers:
                regions.append((open_at, at + 1))
                open_at = None
    if open_at is not None:
        regions.append((open_at, len(text)))
    return [(s, e) for s, e in regions if e > s]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of ``text``, stripped."""
    found, at = [], 0
    for brk in [*_PARAGRAPH.finditer(text), None]:
        end = brk.start() if brk else len(text)
        line = text[at:end]
        if line.strip():
            lead = len(line) - len(line.lstrip())
            found.append((at + lead, at + len(line.rstrip())))
        at = brk.end() if brk else len(text)
    return found


def passages(article: Article) -> list[tuple[int, int]]:
    """``(first, last)`` sentence indices of each quotation that runs over two to ``MAX_SENTENCES`` sentences."""
    found = []
    for start, end in quotation_regions(article.text):
        inside = [s.index for s in article.sentences if s.start < end and s.end > start]
        if 2 <= len(inside) <= MAX_SENTENCES:
            found.append((inside[0], inside[-1]))
    return found


def spread_over_quotations(article: Article, found: list) -> list:
    """``found`` (the article's attributions) with each quotation's one speaker given to its other sentences: a copy
    of the attribution per sentence, cited there, with ``quotation`` set to the quotation's sentence range."""
    found = named_after(article, found)
    spread = list(found)
    for first, last in passages(article):
        own = [a for a in found if first <= a.sentence_index <= last and a.direct]
        keys = {a.key for a in own}
        if len(keys) != 1 or "" in keys:
            continue
        lead = min(own, key=lambda a: (a.sentence_index, a.cue.start))
        spread = [replace(a, quotation=(first, last)) if a in own else a for a in spread]
        said = {a.sentence_index for a in own}
        spread += [copy_to(article, lead, k, (first, last)) for k in range(first, last + 1) if k not in said]
    spread.sort(key=lambda a: (a.sentence_index, a.cue.start))
    return continue_quotations(article, spread)


def named_after(article: Article, found: list) -> list:
    """``found`` with each attribution whose content is a quotation before its own sentence ("“Stop lying!” Mr.
    Fox wrote.") copied to the quotation's sentences, all of them one passage with the sentence that names the
    speaker."""
    named = []
    for a in found:
        if a.content.start >= article.sentences[a.sentence_index].start or not a.key:
            continue
        first = next(s.index for s in article.sentences if s.end > a.content.start)
        run = (first, a.sentence_index)
        named += [replace(a, quotation=run)] + [copy_to(article, a, k, run) for k in range(first, a.sentence_index)]
    if not named:
        return found
    spread = [a for a in found if not any(n.sentence_index == a.sentence_index and n.cue == a.cue for n in named)]
    return sorted(spread + named, key=lambda a: (a.sentence_index, a.cue.start))


def standalone(article: Article) -> list[tuple[int, int]]:
    """``(first, last)`` sentence indices of each quotation of at most ``MAX_SENTENCES`` sentences that opens its
    first sentence and closes its last: the quoted words stand as sentences of their own."""
    found = []
    for start, end in quotation_regions(article.text):
        inside = [s for s in article.sentences if s.start < end and s.end > start]
        if not inside or len(inside) > MAX_SENTENCES or not inside[0].start >= start - 1:
            continue
        if article.text[end:inside[-1].end].strip(" .,!?…。！？\n" + "".join(PAIRS.values())):
            continue
        found.append((inside[0].index, inside[-1].index))
    return found


def continue_quotations(article: Article, found: list) -> list:
    """``found`` with each cue-less quotation that stands as its own sentences given to the one speaker of the
    sentence right before it (see the module's note), its sentences copied from that speaker's attribution."""
    said: dict[int, list] = {}
    for a in found:
        said.setdefault(a.sentence_index, []).append(a)
    for first, last in standalone(article):
        if first == 0 or any(said.get(k) for k in range(first, last + 1)):
            continue
        before = said.get(first - 1, [])
        keys = {a.key for a in before}
        if len(keys) != 1 or "" in keys:
            continue
        lead = max(before, key=lambda a: (a.direct, a.cue.start))  # "the president tweeted, “finally,” while asking:"
        opens = lead.quotation[0] if lead.quotation else first - 1
        run = (opens, last) if lead.direct and last - opens < MAX_SENTENCES else (first, last) if last > first else ()
        if run and run[0] < first:
            for k in range(run[0], first):
                said[k] = [replace(a, quotation=run) if a.key == lead.key else a for a in said.get(k, [])]
        for k in range(first, last + 1):
            said[k] = [copy_to(article, lead, k, run)]
    return [a for k in sorted(said) for a in sorted(said[k], key=lambda a: a.cue.start)]


def copy_to(article: Article, lead, index: int, quotation: tuple[int, int]):
    sentence = article.sentences[index]
    content = replace(lead.content, start=sentence.start, end=sentence.end, text=article.text[sentence.start:sentence.end])
    citation = replace(lead.citation, sentence_index=index, start=sentence.start, end=sentence.end)
    return replace(lead, sentence_index=index, content=content, citation=citation, quotation=quotation)
