"""Who said what in the languages our parser does not read: speech verbs from a table, names from capitals.

English articles go through the parser and the speaker model (``attribution``);
every other language is read here, the same way for each: a verb of saying of
the article's language (``data/speech_verbs.json``: a table, one list a
language) or an "according to" marker, and the name written next to it, outside
any quotation (paired over the whole article) — a run of capitalised words
("sagte Innenminister Thomas Strobl", "«…», a dit Emmanuel Macron", "заявил
Владимир Путин"), an acronym ("сообщили в МЧС"), or a lone surname of someone
the article names in full (``capitals``); or set off from the verb by commas or
opening the sentence, or stated apart by its clause ("wie das Landratsamt …
mitteilte", "Merkel hat … versprochen": ``subjects``); else the name right after
the verb ("Gleichzeitig mahnte Merkel:"); a second person joined by "and" says
it too. Where no name stands next to the verb, a title speaks for the one person
the article names with it and a spokesperson for the body named with them
(``titled``: "le ministre a déclaré", "ein Polizeisprecher"), a common noun of
an institution from the table's ``bodies`` speaks for it ("les autorités
affirment": ``unnamed``), and a pronoun of its ``pronouns`` ("Он подчеркнул")
or a verb whose subject the language leaves out ("Añadió que …") says the words
of the person named as speaking just before, or of the one person named in the
sentence before (``carried``). A sentence with no verb of saying headed by a
name and a colon ("Ulbrich: „…“") is that speaker's. Anything else — "a
spokeswoman", a script without capitals (Arabic, Chinese, Japanese) — has no
known speaker and is left out, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parallax.analyse.who.capitals import (
    STEM,
    WORD,
    Known,
    key_of,
    known_names,
    names,
    person,
    person_before_connector,
    weak,
)
from parallax.analyse.who.carried import carry_pronouns
from parallax.analyse.who.quotations import quotation_regions
from parallax.analyse.who.relations import Attribution, sentence_citation, span_in
from parallax.analyse.who.speech_table import cue_pattern, function_words, table
from parallax.analyse.who.subjects import (
    clause_subject,
    described,
    source_near,
    subject_set_off,
)
from parallax.analyse.who.titled import title_stem, titled, titled_people
from parallax.analyse.who.unnamed import body, medium, unnamed_near
from parallax.models import Article


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
    content = max(quoted, key=lambda q: q[1] - q[0]) if quoted else (0, len(text))
    for cue in pattern.finditer(text):
        if any(a < cue.start() < b for a, b in quoted):
            continue
        for source, key, name in _who(text, cue, quoted, known, article.language):
            found.append((source, (cue.start(), cue.end()), content, key, name))
    headed = _headed(text, known, article.language)
    return found or ([(headed[0], (headed[0][1], headed[0][1] + 1), content, *headed[1:])] if headed else [])


def _headed(text: str, known: Known, language: str) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of who says a sentence headed by their name and a colon ("Ulbrich: „Es gab …“", "Söder: Die
    Lage bleibt ernst", "Kanzlerin: …", "Feuerwehr: …"): a person the article knows, the one person it names with a
    title, or a body of the table; None for anything else ("Berlin: …")."""
    spans = names(text, known.lower)
    lead = len(text) - len(text.lstrip())
    if not spans or spans[0][0] != lead or text[spans[0][1]:spans[0][1] + 2] != ": ":
        return None
    word = text[spans[0][0]:spans[0][1]]
    office = titled(word, known, language) if " " not in word else None
    key, name = office if office is not None else key_of(word, known)
    if key.startswith("person:"):
        return spans[0], key, name
    return (spans[0], f"org:{word[:STEM].lower()}", word) if " " not in word and body(word, language) else None


def _who(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], known: Known, language: str
         ) -> list[tuple[tuple[int, int], str, str]]:
    """(span, key, name) of each who says the cue's words: the name next to it and any name joined to it
    (``_joined``), else a pronoun or an institution's noun (``unnamed_near``: "Об этом сообщили в Министерстве …" is
    the ministry's, not "Об"'s), else the subject set off from the verb (``subject_set_off``: "…, wie der
    Ministerpräsident, Reiner Haseloff (CDU), am Samstag sagte" is not "Samstag"'s); [] when nobody is."""
    one = _first(text, cue, quoted, known, language)
    if one is None:
        return []
    masked = text[:cue.start()] + " " * (cue.end() - cue.start()) + text[cue.end():]
    reports = medium(text, one[0], language)  # "По информации телеграм-канала SHOT": an outlet reports what others
    # say; it is no stakeholder. Only people are joined: "Autoridad de … y Emergencias" is one body's name
    also = _joined(text, one[0], names(masked, known.lower), known, language) if reports or one[1].startswith(
        "person:") else None
    return [w for w in (None if reports else one, also) if w is not None]


def _joined(text: str, source: tuple[int, int], spans: list[tuple[int, int]], known: Known, language: str
            ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of a second speaker joined to ``source`` by the table's ``and``, a title in lower case at
    most between ("медиапроект Baza и журналистка Ксения Собчак"); None when none, or when it names no person."""
    words = list(WORD.finditer(text, source[1]))[:3]
    if not words or text[source[1]:words[0].start()].strip() or words[0].group().lower() not in table().get(
            "and", {}).get(language, ()):
        return None
    name = next((s for s in spans if s[0] in {w.start() for w in words[1:]}), None)
    if name is None or any(w.start() < name[0] and not w.group().islower() for w in words[1:]):
        return None
    key, shown = key_of(text[name[0]:name[1]], known)
    return (name, key, shown) if key.startswith("person:") and not medium(text, name, language) else None


def _first(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], known: Known, language: str
           ) -> tuple[tuple[int, int], str, str] | None:
    masked = text[:cue.start()] + " " * (cue.end() - cue.start()) + text[cue.end():]  # "Selon" is no name
    spans = [s for s in names(masked, known.lower) if not any(a <= s[0] < b for a, b in quoted)]
    stated = _stated(text, cue, spans, known, language)
    if stated is not None:
        return stated
    source = source_near(text, cue, spans, quoted, language)
    key, name = _keyed(text, source, cue, known, language)
    # a lone word before the verb is its subject only when it opens the sentence ("Лукашенко рече")
    lone = source is not None and weak(name, known) and source[1] <= cue.start() and bool(
        text[:source[0]].strip(" «»„“”\"—–-"))
    unnamed = unnamed_near(text, cue, quoted, language, known) if lone or not key else None
    if unnamed is not None:
        return unnamed
    if lone:
        source = subject_set_off(text, cue, spans, language)
        key, name = _keyed(text, source, cue, known, language)
    if not key and cue.groupdict().get("according") is None:
        source, key, name = _named_after(text, cue, spans, known, language) or (source, key, name)
    if source is None:
        return _dropped(text, cue, quoted, language)
    return source, key, name


def _stated(text: str, cue: re.Match[str], spans: list[tuple[int, int]], known: Known, language: str
            ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of the subject its clause states apart from a verb at the clause's end (``clause_subject``:
    "wie das Landratsamt … mitteilte", "Merkel hat … versprochen"): a name the article knows, a body of the table, or
    a name of two words or more after an article ("das Bayerische Rote Kreuz"); None otherwise."""
    if cue.groupdict().get("according") is not None:
        return None
    source = clause_subject(text, cue, spans, language)
    if source is None:
        return None
    key, name = _keyed(text, source, cue, known, language)
    if key:
        return source, key, name
    first = next(WORD.finditer(text, source[0], source[1]))
    if body(first.group(), language):
        return source, "org:" + " ".join(w[:STEM].lower() for w in name.split()), name
    article = text[:source[0]].split()[-1:]
    if " " in name and article and article[0].lower() in table().get("articles", {}).get(language, ()):
        return source, f"org:{name.lower()}", name
    return None


def _named_after(text: str, cue: re.Match[str], spans: list[tuple[int, int]], known: Known, language: str
                 ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of the name right after the verb when nothing before it says who speaks: a name the
    article knows ("Gleichzeitig mahnte Merkel:"), or, in a language whose nouns take an article, a lone word with
    none that closes the clause ("…, sagte Balling.", "sagte Peskow gegenüber …"): a name; None otherwise."""
    after = next((s for s in spans if s[0] >= cue.end()), None)
    if after is None or text[cue.end():after[0]].strip():
        return None
    key, name = key_of(text[after[0]:after[1]], known)
    if key:
        return after, key, name
    rest = text[after[1]:].lstrip(" ")
    closes = not rest or rest[0] in ".,:;!?" or rest[:1].islower()
    if (not key and " " not in name and closes and table().get("articles", {}).get(language)
            and title_stem(name, language) is None):
        return after, f"org:{name[:STEM].lower()}", name
    return None


def _dropped(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], language: str
             ) -> tuple[tuple[int, int], str, str] | None:
    """(span, "", verb) of a verb of saying whose subject the language leaves out ("Añadió que …", "«…», —
    добавил."), for ``carry_pronouns`` to give to the person who spoke last: nothing but the quotation it closes
    before it, and an ending of the table's ``dropped`` (one person says it); None otherwise."""
    endings = tuple(table().get("dropped", {}).get(language, ()))
    if not endings or cue.groupdict().get("according") is not None or not cue.group().lower().endswith(endings):
        return None
    if any(not any(a <= w.start() < b for a, b in quoted) for w in WORD.finditer(text, 0, cue.start())):
        return None
    return (cue.start(), cue.end()), "", cue.group()


def _keyed(text: str, source: tuple[int, int] | None, cue: re.Match[str], known: Known, language: str
           ) -> tuple[str, str]:
    """(key, name as shown) of the name at ``source`` (``key_of``), or ("", "") for none; a title before a name is
    dropped ("Innenministerin Nancy Faeser"), a title alone is whom the article names with it (``titled``)."""
    if source is None:
        return "", ""
    office, _, rest = text[source[0]:source[1]].partition(" ")
    if title_stem(office, language) and not rest:
        return titled(office, known, language) or ("", office)
    named = rest if title_stem(office, language) and rest[:1].isupper() else text[source[0]:source[1]]
    if named is rest:  # after a title a person: "Vizepolizeikommissar Henning Marcussen von Syd- og …" is Marcussen
        named = person_before_connector(rest)
    key, name = key_of(named, known)  # "Procuratore di Butler" is no title before a name
    if not key and described(text, source, cue, language):
        key = person(name)[0]  # shown whole: no title stands in it
    if not key and cue.groupdict().get("according") is not None and " " not in name:
        key = f"org:{name[:STEM].lower()}"  # "По информации Росавиации": after "according to", who says it
    return key, name


def read_by_table(article: Article) -> list[Attribution]:
    """The attributions of an article in a language other than English, by its speech verbs; a pronoun's carried
    from the person who spoke last (``carry_pronouns``)."""
    known = known_names(article, function_words(article.language), lambda w: bool(title_stem(w, article.language)))
    known = replace(known, titled=titled_people(article, known))
    return carry_pronouns(article, _by_table(article, known), known)


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
