"""Where the speaker of a verb of saying stands, in the languages our parser does not read.

Next to the verb: before it, or after it where the verb comes first ("«…», a
dit X", "…, сообщили в МЧС"), or after an "according to" marker; else set off
from it by commas ("Ibrahim Yahaya Ibrahim, chercheur pour l'ONG …, affirme";
"…, le général Abdou Sidikou Issa, a indiqué"), clitic pronouns read past
("Diallo, un ex-militaire, le considère"), or opening the sentence ("Le
colonel-major Amadou Abdramane, entouré de …, a annoncé"). Spans are offsets in
the sentence; the names come from ``capitals``.
"""

from __future__ import annotations

import re

from parallax.analyse.who.capitals import WORD
from parallax.analyse.who.quotations import PAIRS
from parallax.analyse.who.speech_table import function_words, speech_words, table
from parallax.analyse.who.titled import title_stem

NEAR = 2  # words at most between a verb and the name that says it
_BREAK = re.compile(r"[“”„«»\"「」.;:!?]")
_BRACKETS = re.compile(r"\([^()]*\)")




def source_near(text: str, cue: re.Match[str], spans: list[tuple[int, int]], quoted: list[tuple[int, int]],
                language: str = "") -> tuple[int, int] | None:
    """The name next to the cue, outside quotations: after an "according to" marker, else the one before the verb
    within ``NEAR`` words, else the one after it where the verb comes first (``_inverted``), else the subject set
    off by commas before it (``subject_set_off``)."""
    outside = [s for s in spans if not any(a <= s[0] < b for a, b in quoted)]
    after = [s for s in outside if s[0] >= cue.end() and gap(text[cue.end():s[0]])]
    if cue.groupdict().get("according") is not None:
        return _behind_document(text, after[0], outside, language) if after else None
    joined = table().get("and", {}).get(language, ())  # "sagte X am Montag und forderte": the first verb's subject
    before = [s for s in outside if s[1] <= cue.start() and gap(text[s[1]:cue.start()])
              and text[s[1]:cue.start()].split()[-1:] not in ([w] for w in joined)]
    if before:
        return before[-1]
    if after and (inverted(text[:cue.start()]) or ends(text, after[0]) or subject_next(text, cue, language)):
        return after[0]
    return subject_set_off(text, cue, outside, language)


def _behind_document(text: str, name: tuple[int, int], spans: list[tuple[int, int]], language: str
                     ) -> tuple[int, int] | None:
    """Who an "according to" marker names: the name after it, or, where that name is a document or a report (the
    table's ``documents``: "laut ersten Angaben der Polizei", "laut einer Mitteilung vom Abend"), the name it is of,
    joined by a word of the table's ``of``; None when it is of no one."""
    if text[name[0]:name[1]].lower() not in table().get("documents", {}).get(language, ()):
        return name
    of = table().get("of", {}).get(language, ())
    later = next((s for s in spans if s[0] >= name[1]), None)
    between = text[name[1]:later[0]].split() if later else []
    return later if between and all(w.lower() in of for w in between) else None


def subject_set_off(text: str, cue: re.Match[str], spans: list[tuple[int, int]], language: str = ""
                    ) -> tuple[int, int] | None:
    """The subject of a verb that stands apart from it, past clitic pronouns (``_past_clitics``): a name set off by
    commas before the verb (``_set_off``), else, where the verb does not come before its subject, the name opening
    the sentence (``_opening``)."""
    if cue.groupdict().get("according") is not None:
        return None
    before = text[:past_clitics(text[:cue.start()], language)]
    verb_first = inverted(text[:cue.start()])
    return _set_off(before, spans, language) or (None if verb_first else _opening(before, spans, language))


def ends(text: str, span: tuple[int, int]) -> bool:
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
    apposition = len(inside) == 1 and bool(title_stem(before[inside[0][0]:inside[0][1]].split()[0], language))
    if (len(inside) == 1 and phrase.strip().endswith(before[inside[0][0]:inside[0][1]]) and len(titles) <= 1
            and all(w.islower() and w not in speech_words() for w in titles) and not apposition):  # "le général
        return inside[0]  # X", not "selon X", nor a title after a name ("Knut Giesler, Vize-Aufsichtsratsvorsitzender
        # von Thyssenkrupp Steel, kündigte")
    return next((s for s in spans if s[1] == opening and len(before[s[0]:s[1]].split()) >= 2), None)


def _opening(before: str, spans: list[tuple[int, int]], language: str) -> tuple[int, int] | None:
    """The name that opens the sentence as the subject of a verb after a phrase set off by a comma ("Amadou Bounty
    Diallo, un ex-militaire, le considère", "Le colonel-major Amadou Abdramane, entouré de neuf hommes … a annoncé",
    "Лукашенко, кој помогна …, употреби сленг за да рече"): only an article and titles in lower case before it, a
    comma right after it, and no other name, stop, colon or quotation between that comma and the verb."""
    if not spans or not before[spans[0][1]:].startswith(","):
        return None
    lead = [w.group() for w in WORD.finditer(before, 0, spans[0][0])]
    if lead and (lead[0].lower() not in table().get("articles", {}).get(language, ()) or len(lead) > 2 or
                 not all(w.islower() for w in lead[1:])):  # "Le colonel X", not "Les groupes … ont pénétré … Damas"
        return None
    between = [s for s in spans[1:] if s[0] < len(before) and not _in_brackets(before, s[0])]
    if _BREAK.search(before[spans[0][1]:]) or between:
        return None
    return spans[0]


def past_clitics(before: str, language: str) -> int:
    """Where the verb's group starts when clitic pronouns stand before it ("Diallo, un ex-militaire, le
    considère"): the end of ``before`` with the table's function words right before the verb left out."""
    function = function_words(language)
    words = list(WORD.finditer(before))
    end = len(before.rstrip())
    while words and words[-1].end() == end and words[-1].group().lower() in function:
        end = len(before[:words.pop().start()].rstrip())
    return end


def _in_brackets(text: str, at: int) -> bool:
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def inverted(before: str) -> bool:
    """Whether the verb comes before its speaker: right after a quotation ("«…», a dit X") or a clause ("…,
    сообщили в МЧС"), but not after a name set off by commas; or as the second thing in the sentence ("Das sagte
    X")."""
    closing = before.rstrip(" ,—–-")
    if not closing or closing[-1] in "".join(PAIRS.values()) or len(before.split()) <= 2:
        return True
    return closing != before.rstrip() and closing.split()[-1][:1].islower()  # "…, сообщили X", not "X, title, said"


def clause_subject(text: str, cue: re.Match[str], spans: list[tuple[int, int]], language: str
                   ) -> tuple[int, int] | None:
    """The subject a clause states apart from its verb at the clause's end: after the conjunction that opens an "as"
    clause (the table's ``as``: "…, wie das Landratsamt in der Nacht mitteilte"), an article at most between; or,
    for a participle (the table's ``participles``), before or right after the auxiliary of the clause (the table's
    ``auxiliaries``: "Angela Merkel (CDU) hat … versprochen", "Merkel hatte … eingeräumt"). None otherwise."""
    clause = max(text.rfind(",", 0, cue.start()) + 1, 0)
    words = list(WORD.finditer(text, clause, cue.start()))
    articles = table().get("articles", {}).get(language, ())
    if words and words[0].group().lower() in table().get("as", {}).get(language, ()):
        at = words[1] if len(words) > 2 and words[1].group().lower() in articles else words[0]
        return next((s for s in spans if s[0] > at.start() and not text[at.end():s[0]].strip()), None)
    if cue.group().lower() not in table().get("participles", {}).get(language, ()):
        return None
    aux = next((w for w in reversed(words) if w.group().lower() in table().get("auxiliaries", {}).get(language, ())), None)
    if aux is None:
        return None
    bare = _BRACKETS.sub(lambda m: " " * len(m.group()), text[:aux.start()])  # "Angela Merkel (CDU) hat"
    before = next((s for s in spans if s[1] <= aux.start() and not bare[s[1]:].strip()), None)
    after = next((s for s in spans if s[0] >= aux.end() and not text[aux.end():s[0]].strip()), None)
    return before or after


def subject_next(text: str, cue: re.Match[str], language: str) -> bool:
    """Whether an article, a pronoun or a title of the language follows the verb: its subject comes after it ("Es
    gebe …, teilte die Staatsanwaltschaft mit", "…, erklärte Landrat Oliver Bär", "… Streit, rügte sie", "…, a
    indiqué le ministère") however the clause before it ends."""
    after = WORD.search(text, cue.end())
    if after is None or text[cue.end():after.start()].strip():
        return False
    word = after.group().lower()
    return (word in table().get("articles", {}).get(language, ()) or word in table().get("pronouns", {}).get(language, ())
            or bool(title_stem(after.group(), language)))


def gap(between: str) -> bool:
    """Whether the words between a cue and a name are few, with no quotation, comma or stop between."""
    return len(between.split()) <= NEAR and not re.search(r"[“”„«»\"「」.,;:!?]", between)


def described(text: str, span: tuple[int, int], cue: re.Match[str], language: str) -> bool:
    """Whether a name of three words or more is the verb's subject described by a phrase set off by commas: after
    it ("Ibrahim Yahaya Ibrahim, chercheur pour l'ONG …, affirme", "Amadou Bounty Diallo, un ex-militaire, le
    considère") or around it, titles before it ("…, le général Abdou Sidikou Issa, a indiqué"): it names a person."""
    between = text[span[1]:past_clitics(text[:cue.start()], language)].strip()
    titles = re.search(r",(?:\s+[^\W\d_][\w’'-]*)*\s*$", text[:span[0]])
    return (len(text[span[0]:span[1]].split()) > 2 and cue.groupdict().get("according") is None
            and between.startswith(",") and (between.lstrip(", ")[:1].islower() or between == "," and bool(titles)
                                             and text[titles.start():span[0]].islower()))
