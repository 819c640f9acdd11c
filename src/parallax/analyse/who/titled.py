"""A title that speaks for the person the article names with it, in the languages our parser does not read.

News names a person once with their office ("Innenministerin Nancy Faeser",
"пресс-секретарь президента Дмитрий Песков", "le ministre Gérald Darmanin") and
later lets the office speak ("die Ministerin sagte", "le ministre a déclaré").
The titles are the table's ``titles`` (stems; "*" marks one that may end a
compound). A title with no name beside it is the one person the article writes
right after that title; where it names two such people, or none, it is nobody.
"""

from __future__ import annotations

from parallax.analyse.who.capitals import WORD, Known, names, person
from parallax.analyse.who.speech_table import table
from parallax.models import Article

ENDING = 2  # letters of an inflection after a title's stem ("Ministerin", "министра"; not "Ministerrat")
BETWEEN = 2  # words in lower case at most between a title and the name ("пресс-секретарь президента Дмитрий Песков")


def title_stem(word: str, language: str) -> str | None:
    """The table's title that ``word`` is ("Polizeisprecherin" → "*sprecher"), or None."""
    word = word.lower()
    for stem in table().get("titles", {}).get(language, ()):
        bare = stem.lstrip("*")
        for cut in range(ENDING + 1):
            head = word[:len(word) - cut]
            if head == bare or (stem.startswith("*") and head.endswith(bare) and len(head) > len(bare)):
                return stem
    return None


def titled_people(article: Article, known: Known) -> dict[str, frozenset[str]]:
    """Title stem → the people (as ``person`` shows them) the article writes right after a title of that stem: in
    the same run of capitals ("Innenministerin Nancy Faeser") or after at most ``BETWEEN`` words in lower case."""
    spans = names(article.text, known.lower)
    runs = dict(spans)
    words = list(WORD.finditer(article.text))
    found: dict[str, set[str]] = {}
    for i, word in enumerate(words):
        stem = title_stem(word.group(), article.language)
        if stem is None:
            continue
        end = next((e for s, e in spans if s <= word.start() < e), word.end())  # "Lichtensteins Feuerwehrkommandant
        rest = article.text[word.end():end].strip()  # Andreas Daum": the run goes on past the title
        name = rest if len(rest.split()) >= 2 and rest[:1].isupper() else _name_after(
            article.text, words[i + 1:i + 2 + BETWEEN], runs)  # not "Procuratore di Butler"
        if stem and name:
            found.setdefault(stem, set()).add(person(name)[1])
    return {stem: frozenset(people) for stem, people in found.items()}


def _name_after(text: str, following: list, runs: dict[int, int]) -> str | None:
    """The name of two words or more that starts at one of ``following`` (the words after a title), with only words
    in lower case before it and nothing but spaces between, or set off by a comma after one word that says of what
    ("der Sprecher des Präsidenten, Dmitri Peskow"); None when there is none."""
    at = None
    for word in following:
        if at is not None and text[at:word.start()].strip():
            return None
        if word.start() in runs:
            name = text[word.start():runs[word.start()]]
            if len(name.split()) == 1:
                return _apposition(text, runs[word.start()], runs)
            return name
        if not word.group().islower():
            return None
        at = word.end()
    return None


def _apposition(text: str, at: int, runs: dict[int, int]) -> str | None:
    """The name of two words or more set off by a comma right at ``at``, closing its clause ("…, Dmitri Peskow." or
    "…, Martin Steltner, sagte"); None otherwise."""
    start = at + len(text[at:]) - len(text[at:].lstrip(", ")) if text[at:at + 1] == "," else -1
    end = runs.get(start)
    if end is None or len(text[start:end].split()) < 2 or text[end:end + 1] not in {",", ".", ""}:
        return None
    return text[start:end]


def titled(word: str, known: Known, language: str) -> tuple[str, str] | None:
    """(key, name) of the person a title with no name beside it stands for; ("", word) when the article names two
    such people or none; None when ``word`` is no title."""
    stem = title_stem(word, language)
    if stem is None:
        return None
    people = known.titled.get(stem, frozenset())
    return person(next(iter(people))) if len(people) == 1 else ("", word)
