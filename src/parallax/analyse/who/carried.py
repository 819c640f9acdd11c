"""A pronoun's speaker in the languages read by the speech-verb table.

News goes on "…", a dit X. « … », a-t-il ajouté without renaming the speaker
(as in English, ``coref.carry_pronouns``): a pronoun of the table's ``pronouns``
says the words of the person who spoke last, or of the one person named in the
sentence right before when nobody spoke in it — never a person whose first name
is of the pronoun's other gender (``pronoun_gender``), and nobody when another
person is named between.
"""

from __future__ import annotations

from dataclasses import replace

from parallax.analyse.who.capitals import Known, key_of, names
from parallax.analyse.who.given_names import gender_of
from parallax.analyse.who.quotations import quotation_regions
from parallax.analyse.who.relations import Attribution
from parallax.analyse.who.speech_table import table
from parallax.analyse.who.titled import title_stem
from parallax.models import Article

QUOTED_BETWEEN = 2  # sentences of quoted words that may stand between a speaker's sentence and "Il a ajouté"


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
    the one person named there when nobody spoke in it ("Merkel traf … ein. …, rügte sie"); never one whose first
    name is of the pronoun's other gender (``_agreeing``)."""
    sentence = article.sentences[a.sentence_index]
    if people_named(article.text[sentence.start:a.source.start], known, article.language):
        return None
    for k in range(a.sentence_index - 1, max(-1, a.sentence_index - 2 - QUOTED_BETWEEN), -1):
        said = [x for x in found if x.sentence_index == k]
        if said:
            keys = {x.key for x in said}
            one = next(iter(keys))
            speaker = {(one, said[-1].actor)} if len(keys) == 1 and one.startswith("person:") else set()
            return _agreeing(speaker, a.source.text, article.language)
        s = article.sentences[k]
        people = people_named(article.text[s.start:s.end], known, article.language)
        if people:
            return _agreeing(people, a.source.text, article.language) if k == a.sentence_index - 1 else None
    return None


def people_named(text: str, known: Known, language: str) -> set[tuple[str, str]]:
    """(key, name) of each person ``text`` names outside its quotation marks, a title before a name dropped
    ("Bundeskanzlerin Angela Merkel"); a capitalised noun, as German writes every noun, is no one."""
    quoted = quotation_regions(text)
    found = set()
    for start, end in names(text, known.lower):
        if not any(a <= start < b for a, b in quoted):
            office, _, rest = text[start:end].partition(" ")
            found.add(key_of(rest if title_stem(office, language) and rest[:1].isupper() else text[start:end], known))
    return {(key, name) for key, name in found if key.startswith("person:")}


def _agreeing(people: set[tuple[str, str]], pronoun: str, language: str) -> tuple[str, str] | None:
    """The one person of ``people`` when the pronoun's gender (the table's ``pronoun_gender``) is not the other one
    of their first name; None otherwise."""
    if len(people) != 1:
        return None
    key, name = next(iter(people))
    said = table().get("pronoun_gender", {}).get(language, {}).get(pronoun.lower())
    first = gender_of(name.split()[0]) if " " in name else None
    return None if said and first and said != first else (key, name)
