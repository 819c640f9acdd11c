"""Who said what in the languages our parser does not read: speech verbs from a table, names from capitals.

English articles go through the parser and the speaker model (``attribution``);
every other language is read here, the same way for each: a verb of saying of
the article's language (``data/speech_verbs.json``: a table, one list a
language) or an "according to" marker, and the name written next to it, outside
any quotation (paired over the whole article) — a run of capitalised words
("sagte Innenminister Thomas Strobl", "«…», a dit Emmanuel Macron", "заявил
Владимир Путин"), an acronym ("сообщили в МЧС"), or a lone surname of someone
the article names in full (``capitals``); or set off from the verb by commas or
opening the sentence (``subjects``); a second person joined by "and" says it
too. Where no name stands next to the verb, a title speaks for the one person
the article names with it and a spokesperson for the body named with them
(``titled``: "le ministre a déclaré", "ein Polizeisprecher"), a common noun of
an institution from the table's ``bodies`` speaks for it ("les autorités
affirment"), and a pronoun of its ``pronouns`` ("Он подчеркнул") or a verb
whose subject the language leaves out ("Añadió que …") says the words of the
person named as speaking just before, with nobody else named between
(``carry_pronouns``). Anything else — "a spokeswoman", a script without capitals
(Arabic, Chinese, Japanese) — has no known speaker and is left out, never
guessed.
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
    named_outside_quotes,
    names,
    people_outside_quotes,
    person,
    person_before_connector,
    weak,
)
from parallax.analyse.who.given_names import gender_of
from parallax.analyse.who.quotations import quotation_regions
from parallax.analyse.who.relations import Attribution, sentence_citation, span_in
from parallax.analyse.who.speech_table import cue_pattern, function_words, table
from parallax.analyse.who.subjects import (
    NEAR,
    described,
    ends,
    gap,
    inverted,
    source_near,
    subject_next,
    subject_set_off,
)
from parallax.analyse.who.titled import title_stem, titled, titled_people
from parallax.models import Article

QUOTED_BETWEEN = 2  # sentences of quoted words that may stand between a speaker's sentence and "Il a ajouté"


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
    def head(stem: str) -> bool:  # "*amt": the head of a compound ("Landratsamt"), an ending of three letters at most
        bare = stem.strip("*+")
        at = word.rfind(bare) if stem.startswith("*") else 0 if word.startswith(bare) else -1
        return at >= 0 and len(word) - at - len(bare) <= 3
    return next((s for s in stems if head(s)), None)


def unnamed_near(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], language: str, known: Known
                 ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of a pronoun, a title or an institution's noun that says the cue's words, outside quotations: the
    word right before the verb (``NEAR`` words between at most), else right after it. A pronoun has no key yet (the
    last person named as speaking is meant: ``carry_pronouns``); a body is keyed by the stems of its noun and the
    words that follow it ("les autorités" → "Autorités"; "в Министерстве кризисных ситуаций России")."""
    words = [w for w in WORD.finditer(text) if not any(a <= w.start() < b for a, b in quoted)]
    before = [w for w in words if w.end() <= cue.start() and gap(text[w.end():cue.start()])][-(NEAR + 1):][::-1]
    after = [w for w in words if w.start() >= cue.end() and gap(text[cue.end():w.start()])][:NEAR + 1]
    if not inverted(text[:cue.start()]) and not subject_next(text, cue, language):  # "a déclaré à la police": after
        # the verb only where it comes first
        after = [w for w in after if ends(text, (w.start(), w.end()))]
    for word in before + after:
        if word.group().lower() in table().get("pronouns", {}).get(language, ()):
            return (word.start(), word.end()), "", word.group()
        office = titled(word.group(), known, language)  # "le porte-parole a déclaré": the one so titled
        if office is not None and office[0]:
            return (word.start(), word.end()), *office
        voice = _spoken_for(text, word, cue, known, language) if office is not None else None
        if voice is not None:
            return voice
        stem = _body(word.group(), language)
        end = _body_end(text, word, cue) if stem else word.end()
        if stem and (end > word.end() or not stem.endswith("+")):  # "в министерстве" alone: which ministry?
            name = text[word.start():end]
            return (word.start(), end), "org:" + " ".join(w[:STEM].lower() for w in name.split()), name[:1].upper() + name[1:]
    return None


def _spoken_for(text: str, title: re.Match[str], cue: re.Match[str], known: Known, language: str
                ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of the body a spokesperson with no name of their own speaks for (the table's ``spokes``): the
    head of the compound ("Polizeisprecher"), else the body's noun or the name right after the title, past two words
    in lower case at most ("Sprecher der Polizei", "porte-parole du gouvernement", "пресс-секретарь МЧС"); None
    when the title is no spokesperson's or names no body."""
    word, stem = title.group(), title_stem(title.group(), language)
    if stem not in table().get("spokes", {}).get(language, ()):
        return None
    head = word[:word.lower().rfind(stem.lstrip("*"))]
    if head and _body(head, language):
        return (title.start(), title.end()), f"org:{head[:STEM].lower()}", head[:1].upper() + head[1:].lower()
    for after in list(WORD.finditer(text, title.end()))[:3]:
        if re.search(r"[^\w\s'’-]", text[title.end():after.start()]):
            return None
        if _body(after.group(), language):
            end = _body_end(text, after, cue, capitals=True)
            name = text[after.start():end]
            return (after.start(), end), "org:" + " ".join(w[:STEM].lower() for w in name.split()), name[:1].upper() + name[1:]
        if after.group()[:1].isupper():  # a name the article knows: "МЧС", not "Stadt"
            key, name = key_of(after.group(), known)
            return ((after.start(), after.end()), key, name) if key else None
        if not after.group().islower():
            return None
    return None


def _body_end(text: str, noun: re.Match[str], cue: re.Match[str], capitals: bool = False) -> int:
    """Where the name of a body ends: the noun and up to three words after it, before any stop or mark; before the
    verb, or with ``capitals``, only names ("власти Крыма заявили", not "die Polizei am Samstag mitteilte", "ein
    Sprecher der Polizei auf Nachfrage")."""
    end = noun.end()
    before_verb = cue.start() > noun.start()
    for word in list(WORD.finditer(text, noun.end()))[:3]:
        if (before_verb and word.start() >= cue.start() or (before_verb or capitals) and not word.group()[:1].isupper()
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
        content = max(quoted, key=lambda q: q[1] - q[0]) if quoted else (0, len(text))
        for source, key, name in _who(text, cue, quoted, known, article.language):
            found.append((source, (cue.start(), cue.end()), content, key, name))
    return found


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
    medium = _medium(text, one[0], language)  # "По информации телеграм-канала SHOT": an outlet reports what others
    # say; it is no stakeholder. Only people are joined: "Autoridad de … y Emergencias" is one body's name
    also = _joined(text, one[0], names(masked, known.lower), known, language) if medium or one[1].startswith(
        "person:") else None
    return [w for w in (None if medium else one, also) if w is not None]


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
    return (name, key, shown) if key.startswith("person:") and not _medium(text, name, language) else None


def _first(text: str, cue: re.Match[str], quoted: list[tuple[int, int]], known: Known, language: str
           ) -> tuple[tuple[int, int], str, str] | None:
    masked = text[:cue.start()] + " " * (cue.end() - cue.start()) + text[cue.end():]  # "Selon" is no name
    spans = [s for s in names(masked, known.lower) if not any(a <= s[0] < b for a, b in quoted)]
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


def _named_after(text: str, cue: re.Match[str], spans: list[tuple[int, int]], known: Known, language: str
                 ) -> tuple[tuple[int, int], str, str] | None:
    """(span, key, name) of the name right after the verb when nothing before it says who speaks: a person the
    article knows ("Gleichzeitig mahnte Merkel:"), or, in a language whose nouns take an article, a lone word with
    none that closes the clause ("…, sagte Balling.", "sagte Peskow gegenüber …"): a name; None otherwise."""
    after = next((s for s in spans if s[0] >= cue.end()), None)
    if after is None or text[cue.end():after[0]].strip():
        return None
    key, name = key_of(text[after[0]:after[1]], known)
    if key.startswith("person:"):
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
    known = known_names(article, function_words(article.language))
    known = replace(known, titled=titled_people(article, known))
    return carry_pronouns(article, _by_table(article, known), known)


def carry_pronouns(article: Article, found: list[Attribution], known: Known) -> list[Attribution]:
    """``found`` with each statement whose speaker is a pronoun ("Он подчеркнул", "Il a ajouté") given to the one
    person named as speaking in the last sentence with a speaker before it, when at most ``QUOTED_BETWEEN``
    sentences stand between and they, and the pronoun's sentence before it, name nobody outside quotation marks:
    news goes on "…", a dit X. « … », a-t-il ajouté without renaming (as in English, ``coref.carry_pronouns``)."""
    pronouns = table().get("pronouns", {}).get(article.language, ())
    carried: list[Attribution] = []
    for a in found:
        unnamed = a.source.text.lower() in pronouns or a.source == a.cue  # "Il a ajouté", "Añadió" (``_dropped``)
        lead = _last_speaker(article, carried, a, known) if not a.key and unnamed else None
        carried.append(replace(a, key=lead[0], actor=lead[1], name=lead[1]) if lead else a)
    return carried


def _last_speaker(article: Article, found: list[Attribution], a: Attribution, known: Known) -> tuple[str, str] | None:
    """(key, name) of the person the pronoun stands for: the one who spoke last, or, in the sentence right before,
    the one person named there when nobody spoke in it ("Merkel hat … gemahnt. …, rügte sie")."""
    sentence = article.sentences[a.sentence_index]
    if named_outside_quotes(article.text[sentence.start:a.source.start], known):
        return None
    for k in range(a.sentence_index - 1, max(-1, a.sentence_index - 2 - QUOTED_BETWEEN), -1):
        said = [x for x in found if x.sentence_index == k]
        if said:
            keys = {x.key for x in said}
            one = next(iter(keys))
            return (one, said[-1].actor) if len(keys) == 1 and one.startswith("person:") else None
        s = article.sentences[k]
        people = people_outside_quotes(article.text[s.start:s.end], known)
        if people:
            return _agreeing(people, a.source.text, article.language) if k == a.sentence_index - 1 else None
    return None


def _agreeing(people: set[tuple[str, str]], pronoun: str, language: str) -> tuple[str, str] | None:
    """The one person of ``people`` when the pronoun's gender (the table's ``pronoun_gender``) is not the other one
    of their first name; None otherwise."""
    if len(people) != 1:
        return None
    key, name = next(iter(people))
    said = table().get("pronoun_gender", {}).get(language, {}).get(pronoun.lower())
    first = gender_of(name.split()[0]) if " " in name else None
    return None if said and first and said != first else (key, name)


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
