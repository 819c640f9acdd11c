"""Who said what: (source, cue, content) relations found by rules.

Per sentence, every reporting verb of the cue lexicon is tried in both orders —
"X said (that) …", "…, X said.", "“…,” said X" — and "according to X" on either
side of the statement. Spans are character offsets into ``article.text``.
"""

from __future__ import annotations

import re

from parallax.analyse.who import speech
from parallax.analyse.who.coref import carry_pronouns, resolve_source
from parallax.analyse.who.cues import (
    ACCORDING_TO,
    BRIDGE_WORDS,
    CUE_PATTERN,
    FUNCTION_WORDS,
    GERUND_CUES,
    NOUN_LIKE,
    OPENERS,
    PRONOUNS,
    WEAK_CUES,
)
from parallax.analyse.who.entities import article_actors
from parallax.analyse.who.learned import combine, default_tagger
from parallax.analyse.who.quotations import quotation_regions, spread_over_quotations
from parallax.analyse.who.relations import Attribution, Span, sentence_citation, span_in, trim
from parallax.analyse.who.reported import continue_reported, refer_back
from parallax.analyse.who.speakers import TITLE_WORDS
from parallax.analyse.who.speech_table import reported_forms
from parallax.models import Article

_CLAUSE_BREAK = re.compile(r"[,;:(\[“”\"—–]|``|''|\s-\s|\b(?:that|which|whom|because|if|when|while|as)\b")
_ADVERBIAL = re.compile(
    r"^(?:\s*,?\s*(?:on|in|at|during|after|before|to|last|this|late|early|earlier|later|via|through|"
    r"from|while|with)\b[^,:“\"]{0,40}?(?=,|:|\s+that\b|\s+“|\s+\"|$)|\s*(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|today|yesterday|recently|repeatedly|again|also|then|publicly|flatly))+"
)
_RECIPIENT = re.compile(r"^\s*(?:(?:the|a|an|his|her|their)\s+)?(?:[A-Z][\w.’'&-]*\s*)+|^\s*\w+")
_LEAD_IN = re.compile(r"^[\s,:]*(?:that\b)?[\s,:]*")
_QUOTES = "“”\"‘’'"
# a named person of a described, named body: "Oona Brandvik of the campaign group Living Seas Eskeria"
_PERSON_OF_BODY = re.compile(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+\s+(?:of|at|from)\s+(?:the\s+)?(?:[a-z-]+\s+){1,3}"
                             r"[A-Z][\w’'&.-]*(?:\s+(?:[A-Z][\w’'&.-]*|of|for|and))*$")
_OBJECT_CUES = frozenset({"told", "tell", "tells", "telling", "warned", "assured", "urged", "reminded"})
_BLOCKERS = frozenset({"to", "is", "was", "were", "are", "be", "been", "being", "the", "a", "an"})


def _inside_quote(text: str, at: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether offset ``at`` of the sentence lies inside quoted words: a quotation paired over the whole article
    (``quoted``, in sentence offsets — a sentence that closes a quotation opened before it has one mark), or one
    opened with two backticks and not yet closed, which the pairing does not read."""
    before = text[:at]
    return any(s < at < e for s, e in quoted) or before.count("``") > before.count("''")


def _bridged(words: list[re.Match[str]]) -> list[re.Match[str]]:
    while words and (words[-1].group().lower() in BRIDGE_WORDS | {"not", "n’t", "n't"}
                     or (words[-1].group().endswith("ly") and words[-1].group().islower())):
        words.pop()
    return words


def _noun_phrase(text: str, end: int) -> tuple[int, int] | None:
    words = list(re.finditer(r"[\w.’'&-]+", text[:end]))
    if not words:
        return None
    end = words[-1].end()
    breaks = list(_CLAUSE_BREAK.finditer(text, 0, end))
    start = breaks[-1].end() if breaks else 0
    picked = [w for w in words if w.start() >= start]
    while picked and picked[0].group().lower() in OPENERS:
        picked.pop(0)
    if len(picked) > 8:
        picked = _trailing_name(picked) or picked[-3:]
    if not picked:
        return None
    return picked[0].start(), end


def _trailing_name(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The capitalised run (or pronoun) that ends a long stretch: "… in the U.S. He" → "He"."""
    if words[-1].group().lower() in PRONOUNS:
        return words[-1:]
    cut = len(words)
    while cut > 0 and (words[cut - 1].group()[:1].isupper() or words[cut - 1].group() in ("of", "the")):
        cut -= 1
    while cut < len(words) and not words[cut].group()[:1].isupper():
        cut += 1
    return words[cut:] if 0 < len(words) - cut <= 6 else []


def _sentence_subject(text: str) -> tuple[int, int] | None:
    match = (re.match(r"\s*(?:he|she|they|He|She|They|It|it)\b", text)
             or re.match(r"\s*(?:The|A|An|This|That|Those)\s+[\w’'-]+", text)
             or re.match(r"\s*(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*", text))
    if match and match.group().split()[0].lower() not in OPENERS:
        return trim(text, match.start(), match.end())
    return None


def _source_before(text: str, cue_start: int) -> tuple[int, int] | None:
    words = list(re.finditer(r"[\w.’'&-]+", text[:cue_start]))
    if words and words[-1].group().lower() in _BLOCKERS:
        return None
    words = _bridged(words)
    if not words or words[-1].group().lower() in _BLOCKERS or words[-1].group().endswith(("’s", "'s")):
        return None
    gap = text[words[-1].end():cue_start]
    last = words[-1].group().lower()
    if ")" in gap:
        opening = text.rfind("(", 0, cue_start)
        return _noun_phrase(text, opening) if opening > 0 else None
    if last == "and":
        return _sentence_subject(text)
    if last in ("who", "which"):
        head = _noun_phrase(text, words[-1].start())
        return (head[0], words[-1].end()) if head else (words[-1].start(), words[-1].end())
    phrase = _noun_phrase(text, words[-1].end())
    if phrase and "," in gap:
        opening = text.rfind(",", 0, phrase[0])
        inserted = text[phrase[0]:phrase[1]].split()[0].lower()
        head = _noun_phrase(text, opening) if opening > 0 else None
        if head:
            return head if inserted in ("who", "which") else (head[0], phrase[1])
    return phrase


def _plausible_source(phrase: str, cue: str) -> bool:
    words = phrase.lower().split()
    if not words or words[-1] in FUNCTION_WORDS:
        return False
    return _looks_like_name(phrase) if cue in NOUN_LIKE else True


def _looks_like_name(phrase: str) -> bool:
    words = phrase.split()
    return phrase.lower() in PRONOUNS or all(
        w[:1].isupper() or w.lower() in TITLE_WORDS or w in ("of", "the", "for", "a", "an", "at", "and") for w in words
    )


def _source_after(text: str, cue_end: int) -> tuple[int, int] | None:
    match = re.match(r"\s+((?:the |a |an )?[A-Za-z][^,;.!?]*?|he|she|they)\s*(?:,|[.!?]?[”\"]?$)", text[cue_end:])
    if not match or len(match.group(1).split()) > 12:
        return None
    if not (_looks_like_name(match.group(1)) or _PERSON_OF_BODY.match(match.group(1))):
        return None
    return cue_end + match.start(1), cue_end + match.end(1)


def _content_after(text: str, cue: str, cue_end: int) -> tuple[int, int] | None:
    rest = text[cue_end:]
    skip = _ADVERBIAL.match(rest)
    offset = skip.end() if skip else 0
    if cue in _OBJECT_CUES:
        recipient = _RECIPIENT.match(rest[offset:])
        offset += recipient.end() if recipient else 0
        skip = _ADVERBIAL.match(rest[offset:])
        offset += skip.end() if skip else 0
    lead = _LEAD_IN.match(rest[offset:])
    start = cue_end + offset + (lead.end() if lead else 0)
    end = len(text) - 1 if text.endswith((".", "!", "?")) else len(text)
    start, end = trim(text, start, end)
    return (start, end) if len(text[start:end].split()) >= 2 else None


def _content_before(text: str, source_start: int) -> tuple[int, int] | None:
    start, end = trim(text, 0, source_start)
    return (start, end) if len(text[start:end].split()) >= 2 else None


def _relations_for_cue(text: str, cue: re.Match[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    before = text[: cue.start()].rstrip()
    if before.endswith((",", "”", '"', "’", "''")):
        source = _source_after(text, cue.end())
        content = _content_before(text, cue.start()) if source else None
        if source and content:
            return source, content
        if before.endswith(("”", '"', "’", "''")):
            return None
    word = cue.group()
    if word.endswith("ing") and word not in GERUND_CUES:
        return None
    source = _sentence_subject(text[: cue.start()]) if word.endswith("ing") else _source_before(text, cue.start())
    if source is None or not _plausible_source(text[source[0]:source[1]], word):
        return None
    quoted_before = text[: source[0]].rstrip().endswith(("”", '"', "''", "’"))  # “…,” Cruz said at a rally, …
    content = _content_before(text, source[0]) if quoted_before else _content_after(text, cue.group(), cue.end())
    if content is None and cue.group() not in WEAK_CUES:
        content = _content_before(text, source[0])
    return (source, content) if content else None


def _according_to(text: str, match: re.Match[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    source_end = re.search(r"[,;.!?]|$", text[match.end():])
    s_start, s_end = trim(text, match.end(), match.end() + source_end.start())
    if s_end <= s_start or len(text[s_start:s_end].split()) > 25:
        return None
    after = trim(text, s_end, len(text), " \n\t,;:.!?")
    before = trim(text, 0, match.start())
    content = after if after[1] - after[0] > before[1] - before[0] else before
    return ((s_start, s_end), content) if content[1] > content[0] else None


def _colon_headline(text: str) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """"Name: what they said" — the headline form of attribution."""
    match = re.match(r"((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*):\s+(\S.*)$", text, re.DOTALL)
    if not match or match.group(1).lower() in ("update", "updated", "watch", "exclusive", "poll", "video", "breaking"):
        return None
    content = trim(text, match.start(2), len(text), " \n\t.")
    return (match.start(1), match.end(1)), (match.end(1), match.end(1) + 1), content


def _named_after(article: Article, sentence, regions: list[tuple[int, int]]) -> list:
    """"“Stop lying!” Mr. Fox wrote." parted in two at the quotation's "!": a sentence that only says who spoke
    (a name, a verb of saying, where or to whom) right after a quotation that ends the sentence before it; the
    quotation is its content (in the sentence's offsets, so before it)."""
    text = article.text[sentence.start : sentence.end]
    before = article.sentences[sentence.index - 1]
    closed = [(s, e) for s, e in regions if s < before.end and before.end - 2 <= e <= sentence.start]
    if not closed:
        return []
    for cue in CUE_PATTERN.finditer(text):
        source = _source_before(text, cue.start())
        if source is None or text[: source[0]].strip() or not _looks_like_name(text[source[0] : source[1]]):
            continue
        rest = text[cue.end() :]
        rest = rest[_ADVERBIAL.match(rest).end() :] if _ADVERBIAL.match(rest) else rest
        if cue.group() in _OBJECT_CUES and _RECIPIENT.match(rest):
            rest = rest[_RECIPIENT.match(rest).end() :]
        if not rest.strip(" .!?\n"):
            return [(source, (cue.start(), cue.end()), (closed[-1][0] - sentence.start, closed[-1][1] - sentence.start))]
    return []


def _sentence_relations(text: str, quoted: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]:
    headline = _colon_headline(text)
    found = [headline] if headline else []
    for match in ACCORDING_TO.finditer(text):
        pair = _according_to(text, match)
        if pair:
            found.append((pair[0], (match.start(), match.end()), pair[1]))
    for cue in CUE_PATTERN.finditer(text):
        if _inside_quote(text, cue.start(), quoted):
            continue
        pair = _relations_for_cue(text, cue)
        if pair:
            found.append((pair[0], (cue.start(), cue.end()), pair[1]))
    return found


def relation_spans(
    article: Article, learned: bool = True, tagger: object | None = None
) -> list[tuple[int, Span, Span, Span]]:
    """Every (sentence index, source, cue, content) relation of ``article``, before anyone is resolved.

    Rules always run; with ``learned`` the CRF tagger (``tagger``, or the shipped
    one) confirms their relations and adds those they missed (see ``learned.combine``).
    """
    tagger = (tagger or default_tagger()) if learned else None
    regions = quotation_regions(article.text)
    found = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        quoted = [(s - sentence.start, e - sentence.start) for s, e in regions if s < sentence.end and e > sentence.start]
        relations = _sentence_relations(text, quoted)
        if tagger is not None:
            relations = combine(text, relations, tagger)
        if not relations and sentence.index:
            relations = _named_after(article, sentence, regions)
        found += [(sentence.index, *(span_in(article, sentence.start, part) for part in local)) for local in relations]
    return found


def _build(article: Article, index: int, source: Span, cue: Span, content: Span) -> Attribution:
    citation = sentence_citation(article, index)
    direct = any(q in content.text for q in "“”\"")
    who = resolve_source(article, index, source.start, source.end, cue)
    if who is None:
        return Attribution(article.id, index, source, cue, content, direct, "", "", "", "", citation)
    around = [m.name for m in article_actors(article).in_sentence(index)
              if m.start < source.end and m.end > source.start and m.name != who.name and not m.person]
    return Attribution(article.id, index, source, cue, content, direct, who.name if who.label == "PERSON" else "",
                       " ".join(who.titles), " ".join(around), who.name, citation, who.key)


def extract_attributions(
    article: Article, learned: bool = True, tagger: object | None = None
) -> tuple[Attribution, ...]:
    """Every attribution relation in ``article`` (see ``relation_spans``) with its speaker, in reading order; the
    other sentences of a quotation that runs over several carry its speaker too (``quotations``)."""
    found = [_build(article, *relation) for relation in relation_spans(article, learned, tagger)]
    if article.language != "en":
        found = sorted(found + speech.read_by_table(article), key=lambda a: (a.sentence_index, a.cue.start))
    quoted = quotation_regions(article.text)  # a cue inside a quotation is the speaker's words ("we want …")
    found = [a for a in found if not any(s < a.cue.start and a.cue.end < e for s, e in quoted)]
    found = spread_over_quotations(article, carry_pronouns(article, found))
    return tuple(continue_reported(article, refer_back(article, found), reported_forms(article.language)))
