"""Speakers with no name beside the verb, in the languages read by the speech-verb table.

A pronoun ("sagte er", "Il a ajouté"), a title with no name beside it ("der
Sprecher sagte": the one person the article names with that title), a
spokesperson who speaks for a body ("ein Sprecher der Polizei",
"ein Polizeisprecher"), or the common noun of an institution of the table's
``bodies`` ("les autorités affirment", "die Staatsanwaltschaft", the head of a
compound: "das Landratsamt"); and the nouns of news media whose name after
them reports rather than speaks (``media``).
"""

from __future__ import annotations

import re

from parallax.analyse.who.capitals import STEM, WORD, Known, key_of
from parallax.analyse.who.speech_table import table
from parallax.analyse.who.subjects import NEAR, ends, gap, inverted, subject_next
from parallax.analyse.who.titled import title_stem, titled


def medium(text: str, name: tuple[int, int], language: str) -> bool:
    """Whether the word right before a name, or the first of a name of several words ("Telegram-канала Baza"),
    calls it a news medium (the table's ``media`` stems: "канала", "agence"), or the name passes on what another
    said (the table's ``citing`` right after it: "сообщает ТАСС со ссылкой на Росавиацию")."""
    words = text[:name[0]].split()[-1:] + text[name[0]:name[1]].split()[:-1][:1]
    stems = table().get("media", {}).get(language, ())
    after = text[name[1]:].lstrip(" ,").lower()
    return any(stem in word.lower() for word in words for stem in stems) or any(
        after.startswith(c) for c in table().get("citing", {}).get(language, ()))


def body(word: str, language: str) -> str | None:
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
        stem = body(word.group(), language)
        end = body_end(text, word, cue, language) if stem else word.end()
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
    if head and body(head, language):
        return (title.start(), title.end()), f"org:{head[:STEM].lower()}", head[:1].upper() + head[1:].lower()
    for after in list(WORD.finditer(text, title.end()))[:3]:
        if re.search(r"[^\w\s'’-]", text[title.end():after.start()]):
            return None
        if body(after.group(), language):
            end = body_end(text, after, cue, language, capitals=True)
            name = text[after.start():end]
            return (after.start(), end), "org:" + " ".join(w[:STEM].lower() for w in name.split()), name[:1].upper() + name[1:]
        if after.group()[:1].isupper():  # a name the article knows: "МЧС", not "Stadt"
            key, name = key_of(after.group(), known)
            return ((after.start(), after.end()), key, name) if key else None
        if not after.group().islower():
            return None
    return None


def body_end(text: str, noun: re.Match[str], cue: re.Match[str], language: str, capitals: bool = False) -> int:
    """Where the name of a body ends: the noun and up to three words after it, before any stop or mark or the verb's
    particle (the table's ``particles``: "teilte die Staatsanwaltschaft mit"); before the verb, or with
    ``capitals``, only names ("власти Крыма заявили", not "die Polizei am Samstag mitteilte", "ein Sprecher der
    Polizei auf Nachfrage")."""
    end = noun.end()
    before_verb = cue.start() > noun.start()
    particles = table().get("particles", {}).get(language, ())
    for word in list(WORD.finditer(text, noun.end()))[:3]:
        if (before_verb and word.start() >= cue.start() or (before_verb or capitals) and not word.group()[:1].isupper()
                or re.search(r"[^\w\s-]", text[end:word.start()]) or word.group().lower() in particles):
            break
        end = word.end()
    return end
