"""Reported speech that goes on without a verb of saying, in the languages with a mood for it.

German news reports what someone said in the Konjunktiv I and keeps to it for
the sentences that follow, naming the speaker once ("Die Polizei teilte mit,
der Mann sei festgenommen worden. Er habe keinen Widerstand geleistet."): the
mood itself says the words are someone's, and whose they are is the speaker of
the sentence before. A sentence with a form of the table's ``reported`` outside
quotation marks and no relation of its own goes on the words of the one
resolved speaker of the sentence right before it, for at most ``RUN`` sentences
in a row; two speakers there, or none, and it stays unattributed. A form in a
clause after a conjunction of the table's ``reported_after`` is the sentence's
own report of someone's words ("…, wonach er das Land verlassen habe") and does
not count. A form the table does not list is known by the mood's ending where
the table gives one (``inflected``: "Sie hoffe", "Das passiere").

The other way round, a sentence that opens with a demonstrative and its verb of
saying ("Das teilte Pressesprecher Dmitri Peskow mit") says whose the sentence
before is (``refer_back``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from parallax.analyse.who.quotations import copy_to, quotation_regions
from parallax.analyse.who.speech_table import cue_pattern, table
from parallax.models import Article

RUN = 4  # sentences of reported speech at most that one named speaker carries


@lru_cache(maxsize=16)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def continue_reported(article: Article, found: list, words: tuple[str, ...]) -> list:
    """``found`` (the article's attributions, in reading order) with each sentence of reported speech that has none
    given to the speaker of the sentence before it (see the module's note); ``words``: the language's forms of the
    reported mood (none: ``found`` as it is)."""
    if not words:
        return list(found)
    said: dict[int, list] = {}
    for a in found:
        said.setdefault(a.sentence_index, []).append(a)
    quoted, run = quotation_regions(article.text), 0
    cue = cue_pattern(article.language)  # a verb of saying of its own: whoever it names, not the mood, says whose
    subordinate = frozenset(table().get("reported_after", {}).get(article.language, ()))
    for sentence in article.sentences[1:]:
        before = said.get(sentence.index - 1, [])
        keys = {a.key for a in before}
        if sentence.index in said or len(keys) != 1 or "" in keys or run >= RUN:
            run = 0
            continue
        mood = _reported(article.text, sentence.start, sentence.end, _pattern(words), quoted, subordinate) or any(
            _main_clause(article.text, sentence.start, at, subordinate)
            for at in inflected(article.text, sentence.start, sentence.end, article.language, quoted))
        if not mood or cue is not None and _reported(article.text, sentence.start, sentence.end, cue, quoted):
            run = 0
            continue
        said[sentence.index] = [copy_to(article, replace(before[-1], direct=False, quotation=()), sentence.index, ())]
        run += 1
    return [a for k in sorted(said) for a in said[k]]


def refer_back(article: Article, found: list) -> list:
    """``found`` with the sentence before each one that opens with a word of the table's ``that`` and its verb of
    saying ("Das teilte Pressesprecher Dmitri Peskow mit", "Dies sagte X") given that verb's speaker, when it has
    none of its own: the demonstrative stands for what that sentence said."""
    that = frozenset(table().get("that", {}).get(article.language, ()))
    if not that:
        return list(found)
    said = {a.sentence_index for a in found}
    back = []
    for a in found:
        sentence = article.sentences[a.sentence_index]
        opening = re.match(r"\W*(\w+)\s+", article.text[sentence.start:a.cue.start])
        if (a.key and a.sentence_index - 1 not in said and opening and opening.group(1).lower() in that
                and sentence.start + opening.end() == a.cue.start):
            back.append(copy_to(article, replace(a, direct=False, quotation=()), a.sentence_index - 1, ()))
            said.add(a.sentence_index - 1)
    return sorted(found + back, key=lambda a: (a.sentence_index, a.cue.start))


def _reported(text: str, start: int, end: int, pattern: re.Pattern[str], quoted: list[tuple[int, int]],
              after: frozenset[str] = frozenset()) -> bool:
    """Whether ``text[start:end]`` holds a match of ``pattern`` (a form of the reported mood, a verb of saying)
    outside quotation marks and not after one of ``after`` in its clause ("…, wonach er … habe")."""
    return any(not any(a <= m.start() < b for a, b in quoted) and _main_clause(text, start, m.start(), after)
               for m in pattern.finditer(text, start, end))


def _main_clause(text: str, start: int, at: int, after: frozenset[str]) -> bool:
    clause = text[max(start, text.rfind(",", start, at) + 1):at]
    return not any(w.lower() in after for w in re.findall(r"\w+", clause))


def inflected(text: str, start: int, end: int, language: str, quoted: list[tuple[int, int]]) -> list[int]:
    """Where ``text[start:end]``, outside quotation marks, has a verb in the reported mood by its ending rather than
    by the table's list (the table's ``reported_ending``: German Konjunktiv I ends in "-e" in the third person,
    "Sie hoffe", "Das passiere", "bahne sich"): a word in lower case with that ending (not a past tense's, the
    table's ``reported_not_ending``: "sagte") right after the pronoun that opens the sentence, or right before a
    pronoun of the table's ``reported_subjects`` later in it (an adjective before its noun is none); never a word of ``not_verbs`` ("keine", "heute")."""
    ending = table().get("reported_ending", {}).get(language)
    if not ending:
        return []
    subjects = frozenset(table().get("reported_subjects", {}).get(language, ()))
    words = [w for w in re.finditer(r"\w+", text[start:end]) if not any(a <= start + w.start() < b for a, b in quoted)]
    refused = frozenset(table().get("not_verbs", {}).get(language, ())) | frozenset(subjects)
    def verb(w: re.Match[str]) -> bool:
        form = w.group()
        return (form.islower() and len(form) > 3 and form.endswith(ending) and form not in refused
                and not form.endswith(tuple(table().get("reported_not_ending", {}).get(language, ()))))
    def opening(i: int) -> bool:  # "Das passiere bereits", not "Der schnelle Einsatz" (an adjective before its noun)
        return i == 1 and words[0].group().lower() in subjects and (i + 1 == len(words) or words[i + 1].group().islower())
    found = [w for i, w in enumerate(words) if verb(w) and (
        opening(i) or 0 < i < len(words) - 1 and words[i + 1].group() in subjects)]
    return [start + w.start() for w in found]
