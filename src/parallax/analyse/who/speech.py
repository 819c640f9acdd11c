"""Who said what in the languages our parser does not read: speech verbs from a table, names from capitals.

English articles go through the parser and the speaker model (``attribution``);
every other language is read here, the same way for each: a verb of saying of
the article's language (``data/speech_verbs.json``: a table, one list a
language) or an "according to" marker, and the name written next to it, outside
any quotation — a run of capitalised words ("sagte Innenminister Thomas
Strobl", "«…», a dit Emmanuel Macron", "заявил Владимир Путин"), an acronym
("сообщили в МЧС"), or a lone surname of someone the article names in full
(``capitals``). Where no name stands next to the verb, a common noun of an
institution from the table's ``bodies`` speaks for it ("les autorités
affirment"), and a pronoun of its ``pronouns`` ("Он подчеркнул") says the words
of the person named as speaking just before, with nobody else named between
(``carry_pronouns``). Anything else — "a spokeswoman", a script without capitals
(Arabic, Chinese, Japanese) — has no known speaker and is left out, never
guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from parallax.analyse.who.capitals import (
    STEM,
    WORD,
    Known,
    key_of,
    known_names,
    named_outside_quotes,
    names,
    person,
    weak,
)
from parallax.analyse.who.quotations import PAIRS, quotation_regions
from parallax.analyse.who.relations import Attribution, sentence_citation, span_in
from parallax.models import Article

TABLE = Path(__file__).resolve().parents[2] / "data" / "speech_verbs.json"
NEAR = 2  # words at most between a verb and the name that says it
QUOTED_BETWEEN = 2  # sentences of quoted words that may stand between a speaker's sentence and "Il a ajouté"
_UNSPACED = frozenset({"zh", "ja"})


@lru_cache(maxsize=1)
def table() -> dict:
    """The speech-verb table: {"verbs": {language: [...]}, "according": {language: [...]}}."""
    return json.loads(TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def cue_pattern(language: str) -> re.Pattern[str] | None:
    """The article language's verbs of saying and "according to" markers as one pattern; None for a language the
    table lacks. The named group ``according`` marks a marker."""
    verbs, according = table()["verbs"].get(language), table()["according"].get(language, [])
    if not verbs:
        return None
    edge = "" if language in _UNSPACED else r"\b"
    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    marker = f"(?P<according>{edge}(?:{alternation(according)}){edge})|" if according else ""
    return re.compile(f"{marker}{edge}(?:{alternation(verbs)}){edge}", re.IGNORECASE)


@lru_cache(maxsize=1)
def speech_words() -> frozenset[str]:
    """Every verb and marker of the table, lower case (so that a cue found here counts as speech)."""
    return frozenset(w.lower() for kind in ("verbs", "according") for words in table()[kind].values() for w in words)


def source_near(text: str, cue: re.Match[str], spans: list[tuple[int, int]], quoted: list[tuple[int, int]],
                language: str = "") -> tuple[int, int] | None:
    """The name next to the cue, outside quotations: after an "according to" marker, else the one before the verb
    within ``NEAR`` words, else the one after it where the verb comes first (``_inverted``), else the subject set
    off by commas before it (``subject_set_off``)."""
    outside = [s for s in spans if not any(a <= s[0] < b for a, b in quoted)]
    after = [s for s in outside if s[0] >= cue.end() and _gap(text[cue.end():s[0]])]
    if cue.groupdict().get("according") is not None:
        return after[0] if after else None
    before = [s for s in outside if s[1] <= cue.start() and _gap(text[s[1]:cue.start()])]
    if before:
        return before[-1]
    if after and (_inverted(text[:cue.start()]) or _ends(text, after[0])):
        return after[0]
    return subject_set_off(text, cue, outside, language)


def subject_set_off(text: str, cue: re.Match[str], spans: list[tuple[int, int]], language: str = ""
                    ) -> tuple[int, int] | None:
    """The subject of a verb that stands apart from it, past clitic pronouns (``_past_clitics``): a name set off by
    commas before the verb (``_set_off``), else, where the verb does not come before its subject, the name opening
    the sentence (``_opening``)."""
    if cue.groupdict().get("according") is not None:
        return None
    before = text[:_past_clitics(text[:cue.start()], language)]
    inverted = _inverted(text[:cue.start()])
    return _set_off(before, spans, language) or (None if inverted else _opening(before, spans, language))


def _ends(text: str, span: tuple[int, int]) -> bool:
    """Whether the name ends the sentence ("…, сообщает Росавиация."): a verb before its sentence's last words has
    its speaker after it."""
    return not text[span[1]:].strip(" .!?…" + "".join(PAIRS.values()))


def _set_off(before: str, spans: list[tuple[int, int]], language: str) -> tuple[int, int] | None:
    """The speaker of a verb after a phrase set off by commas (``before``: the sentence up to the verb, a few words
    of time or place after the phrase allowed): the phrase itself when it is a name, titles before it allowed ("wie
    der Ministerpräsident von Sachsen-Anhalt, Reiner Haseloff (CDU), am Samstagmittag sagte", "une déclaration du
    chef de l'armée, le général Abdou Sidikou Issa, a indiqué"), else the name right before it ("Ibrahim Yahaya
    Ibrahim, chercheur pour l'ONG International Crisis Group, affirme"); None when the verb has no such phrase.
    Before a name inside the commas, an article and one word in lower case (a title) at most: more is a clause
    ("…, среди них есть Евгений Пригожин, сообщает ТАСС")."""
    closing = before.rfind(",")
    opening = before.rfind(",", 0, closing)
    if closing < 0 or len(before[closing + 1:].split()) > NEAR or _BREAK.search(before[closing + 1:]):
        return None
    if opening < 0 or _BREAK.search(before[opening:closing]):
        return None
    inside = [s for s in spans if opening < s[0] and s[1] <= closing and not _in_brackets(before, s[0])]
    phrase = _BRACKETS.sub("", before[opening + 1:closing])
    titles = [w.group() for w in WORD.finditer(before, opening, inside[0][0])] if len(inside) == 1 else []
    if titles and titles[0].lower() in table().get("articles", {}).get(language, ()):
        titles = titles[1:]
    if (len(inside) == 1 and phrase.strip().endswith(before[inside[0][0]:inside[0][1]]) and len(titles) <= 1
            and all(w.islower() and w not in speech_words() for w in titles)):  # "le général X", not "selon X"
        return inside[0]
    return next((s for s in spans if s[1] == opening and len(before[s[0]:s[1]].split()) >= 2), None)


def _opening(before: str, spans: list[tuple[int, int]], language: str) -> tuple[int, int] | None:
    """The name that opens the sentence as the subject of a verb after a phrase set off by a comma ("Amadou Bounty
    Diallo, un ex-militaire, le considère", "Le colonel-major Amadou Abdramane, entouré de neuf hommes … a annoncé",
    "Лукашенко, кој помогна …, употреби сленг за да рече"): only an article and titles in lower case before it, a
    comma right after it, and no other name, stop, colon or quotation between that comma and the verb."""
    if not spans or not before[spans[0][1]:].startswith(","):
        return None
    lead = [w.group() for w in WORD.finditer(before, 0, spans[0][0])]
    if lead and (lead[0].lower() not in table().get("articles", {}).get(language, ()) or
                 not all(w.islower() for w in lead[1:])):
        return None
    between = [s for s in spans[1:] if s[0] < len(before) and not _in_brackets(before, s[0])]
    if _BREAK.search(before[spans[0][1]:]) or between:
        return None
    return spans[0]


def _past_clitics(before: str, language: str) -> int:
    """Where the verb's group starts when clitic pronouns stand before it ("Diallo, un ex-militaire, le
    considère"): the end of ``before`` with the table's function words right before the verb left out."""
    function = _function(language)
    words = list(WORD.finditer(before))
    end = len(before.rstrip())
    while words and words[-1].end() == end and words[-1].group().lower() in function:
        end = len(before[:words.pop().start()].rstrip())
    return end


def _in_brackets(text: str, at: int) -> bool:
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


@lru_cache(maxsize=64)
def _function(language: str) -> frozenset[str]:
    """The language's words that never name anyone (the table's ``function`` and ``articles``), lower case."""
    return frozenset(w.lower() for kind in ("function", "articles") for w in table().get(kind, {}).get(language, ()))


def _inverted(before: str) -> bool:
    """Whether the verb comes before its speaker: right after a quotation ("«…», a dit X") or a clause ("…,
    сообщили в МЧС"), but not after a name set off by commas; or as the second thing in the sentence ("Das sagte
    X")."""
    closing = before.rstrip(" ,—–-")
    if not closing or closing[-1] in "".join(PAIRS.values()) or len(before.split()) <= 2:
        return True
    return closing != before.rstrip() and closing.split()[-1][:1].islower()  # "…, сообщили X", not "X, title, said"


_BREAK = re.compile(r"[“”„«»\"「」.;:!?]")
_BRACKETS = re.compile(r"\([^()]*\)")


def _gap(between: str) -> bool:
    """Whether the words between a cue and a name are few, with no quotation, comma or stop between."""
    return len(between.split()) <= NEAR and not re.search(r"[“”„«»\"「」.,;:!?]", between)


def _described(text: str, span: tuple[int, int], cue: re.Match[str], language: str) -> bool:
    """Whether a name of three words or more is the verb's subject described by a phrase set off by commas: after
    it ("Ibrahim Yahaya Ibrahim, chercheur pour l'ONG …, affirme", "Amadou Bounty Diallo, un ex-militaire, le
    considère") or around it, titles before it ("…, le général Abdou Sidikou Issa, a indiqué"): it names a person."""
    between = text[span[1]:_past_clitics(text[:cue.start()], language)].strip()
    titles = re.search(r",(?:\s+[^\W\d_][\w’'-]*)*\s*$", text[:span[0]])
    return (len(text[span[0]:span[1]].split()) > 2 and cue.groupdict().get("according") is None
            and between.startswith(",") and (between.lstrip(", ")[:1].islower() or between == "," and bool(titles)
                                             and text[titles.start():span[0]].islower()))


def _medium(text: str, name: tuple[int, int], language: str) -> bool:
    """Whether the word right before a name, or the first of a name of several words ("Telegram-канала Baza"),
    calls it a news medium (the table's ``media`` stems: "канала", "agence")."""
    words = text[:name[0]].split()[-1:] + text[name[0]:name[1]].split()[:-1][:1]
    stems = table().get("media", {}).get(language, ())
    return any(stem in word.lower() for word in words for stem in stems)


def _body(word: str, language: str) -> str | None:
    """The table's stem of an institution's common noun that ``word`` is ("autorités", "Министерстве"), or None."""
    word = word.lower()
    stems = table().get("bodies", {}).get(language, ())
    return next((s for s in stems if word.startswith(s.rstrip("+")) and len(word) - len(s.rstrip("+")) <= 3), None)


def unnamed_near(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], language: str
                 ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of a pronoun or an institution's noun that says the cue's words, outside quotations: the
    word right before the verb (``NEAR`` words between at most), else right after it. A pronoun has no key yet (the
    last person named as speaking is meant: ``carry_pronouns``); a body is keyed by the stems of its noun and the
    words that follow it ("les autorités" → "Autorités"; "в Министерстве кризисных ситуаций России")."""
    words = [w for w in WORD.finditer(text) if not any(a <= w.start() < b for a, b in quoted)]
    before = [w for w in words if w.end() <= cue.start() and _gap(text[w.end():cue.start()])][-(NEAR + 1):][::-1]
    after = [w for w in words if w.start() >= cue.end() and _gap(text[cue.end():w.start()])][:NEAR + 1]
    if not _inverted(text[:cue.start()]):  # "a déclaré à la police": after the verb only where it comes first
        after = [w for w in after if _ends(text, (w.start(), w.end()))]
    for word in before + after:
        if word.group().lower() in table().get("pronouns", {}).get(language, ()):
            return (word.start(), word.end()), "", word.group()
        stem = _body(word.group(), language)
        end = _body_end(text, word, cue) if stem else word.end()
        if stem and (end > word.end() or not stem.endswith("+")):  # "в министерстве" alone: which ministry?
            name = text[word.start():end]
            return (word.start(), end), "org:" + " ".join(w[:STEM].lower() for w in name.split()), name[:1].upper() + name[1:]
    return None


def _body_end(text: str, noun: re.Match[str], cue: re.Match[str]) -> int:
    """Where the name of a body ends: the noun and up to three words after it, before any stop or mark; before the
    verb only names ("власти Крыма заявили", not "die Polizei am Samstag mitteilte")."""
    end = noun.end()
    for word in list(WORD.finditer(text, noun.end()))[:3]:
        before_verb = cue.start() > noun.start()
        if (before_verb and (word.start() >= cue.start() or not word.group()[:1].isupper())
                or re.search(r"[^\w\s-]", text[end:word.start()])):
            break
        end = word.end()
    return end


def sentence_relations(article: Article, index: int, known: Known, regions: list[tuple[int, int]]
                       ) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int], str, str]]:
    """Each (source, cue, content, key, name) of sentence ``index``, spans local to the sentence; ``regions``: the
    article's quotations, paired over its whole text (a sentence that closes a quotation opened sentences before
    holds quoted words before its one mark: "… работы», – сообщили в МЧС")."""
    pattern = cue_pattern(article.language)
    sentence = article.sentences[index]
    text = article.text[sentence.start:sentence.end]
    if pattern is None:
        return []
    quoted = [(max(a, sentence.start) - sentence.start, min(b, sentence.end) - sentence.start)
              for a, b in regions
              if a < sentence.end and b > sentence.start]
    found = []
    for cue in pattern.finditer(text):
        if any(a < cue.start() < b for a, b in quoted):
            continue
        who = _who(text, cue, quoted, known, article.language)
        if who is None:
            continue
        source, key, name = who
        content = max(quoted, key=lambda q: q[1] - q[0]) if quoted else (0, len(text))
        found.append((source, (cue.start(), cue.end()), content, key, name))
    return found


def _who(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], known: Known, language: str
         ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of who says the cue's words: the name next to it, else a pronoun or an institution's noun
    (``unnamed_near``: "Об этом сообщили в Министерстве …" is the ministry's, not "Об"'s), else the subject set off
    from the verb (``subject_set_off``: "…, wie der Ministerpräsident, Reiner Haseloff (CDU), am Samstag sagte" is
    not "Samstag"'s); None when nobody is."""
    masked = text[:cue.start()] + " " * (cue.end() - cue.start()) + text[cue.end():]  # "Selon" is no name
    spans = [s for s in names(masked, known.lower) if not any(a <= s[0] < b for a, b in quoted)]
    source = source_near(text, cue, spans, quoted, language)
    key, name = _keyed(text, source, cue, known, language)
    # a lone word before the verb is its subject only when it opens the sentence ("Лукашенко рече")
    lone = source is not None and weak(name, known) and source[1] <= cue.start() and bool(
        text[:source[0]].strip(" «»„“”\"—–-"))
    unnamed = unnamed_near(text, cue, quoted, language) if lone or not key else None
    if unnamed is not None:
        return unnamed
    if lone:
        source = subject_set_off(text, cue, spans, language)
        key, name = _keyed(text, source, cue, known, language)
    if source is None or _medium(text, source, language):
        return None  # "По информации телеграм-канала SHOT": an outlet reports what others say; it is no stakeholder
    return source, key, name


def _keyed(text: str, source: tuple[int, int] | None, cue: re.Match[str], known: Known, language: str
           ) -> tuple[str, str]:
    """(key, name as shown) of the name at ``source`` (``key_of``), or ("", "") for none."""
    if source is None:
        return "", ""
    key, name = key_of(text[source[0]:source[1]], known)
    if not key and _described(text, source, cue, language):
        key = person(name)[0]  # shown whole: no title stands in it
    if not key and cue.groupdict().get("according") is not None and " " not in name:
        key = f"org:{name[:STEM].lower()}"  # "По информации Росавиации": after "according to", who says it
    return key, name


def read_by_table(article: Article) -> list[Attribution]:
    """The attributions of an article in a language other than English, by its speech verbs; a pronoun's carried
    from the person who spoke last (``carry_pronouns``)."""
    known = known_names(article, _function(article.language))
    return carry_pronouns(article, _by_table(article, known), known)


def carry_pronouns(article: Article, found: list[Attribution], known: Known) -> list[Attribution]:
    """``found`` with each statement whose speaker is a pronoun ("Он подчеркнул", "Il a ajouté") given to the one
    person named as speaking in the last sentence with a speaker before it, when at most ``QUOTED_BETWEEN``
    sentences stand between and they, and the pronoun's sentence before it, name nobody outside quotation marks:
    news goes on "…", a dit X. « … », a-t-il ajouté without renaming (as in English, ``coref.carry_pronouns``)."""
    pronouns = table().get("pronouns", {}).get(article.language, ())
    carried: list[Attribution] = []
    for a in found:
        lead = _last_speaker(article, carried, a, known) if not a.key and a.source.text.lower() in pronouns else None
        carried.append(replace(a, key=lead.key, actor=lead.actor, name=lead.name) if lead else a)
    return carried


def _last_speaker(article: Article, found: list[Attribution], a: Attribution, known: Known) -> Attribution | None:
    sentence = article.sentences[a.sentence_index]
    if named_outside_quotes(article.text[sentence.start:a.source.start], known):
        return None
    for k in range(a.sentence_index - 1, max(-1, a.sentence_index - 2 - QUOTED_BETWEEN), -1):
        said = [x for x in found if x.sentence_index == k]
        if said:
            keys = {x.key for x in said}
            one = next(iter(keys))
            return said[-1] if len(keys) == 1 and one.startswith("person:") else None
        s = article.sentences[k]
        if named_outside_quotes(article.text[s.start:s.end], known):
            return None
    return None


def _by_table(article: Article, known: Known) -> list[Attribution]:
    found = []
    regions = quotation_regions(article.text)
    for sentence in article.sentences:
        citation = sentence_citation(article, sentence.index)
        for source, cue, content, key, name in sentence_relations(article, sentence.index, known, regions):
            spans = [span_in(article, sentence.start, part) for part in (source, cue, content)]
            direct = any(a <= spans[2].start and spans[2].end <= b for a, b in regions)
            found.append(Attribution(article.id, sentence.index, *spans, direct, name if key.startswith("person:") else "",
                                     "", "", name if key else "", citation, key))
    return found
