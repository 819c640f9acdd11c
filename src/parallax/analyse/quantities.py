"""What a figure measures and when: read from the parse of its sentence, not from the words around the number.

"14 people were killed and 78 injured": the number's governing noun ("people") is
generic, so the verb or adjective that says what happened to them decides ("killed"
→ dead; 78 is the object of "injured" → injured). A small synonym table maps those
lemmas onto one measure (killed / dead / death toll → dead); any other head noun is
its own measure ("miles", "magnitude"). The time of a figure is its article's
date moved by a date the sentence names ("last week", "in June last year"): a
toll of a quake a year before is not a rival of today's toll.

English sentences only (the shipped spaCy model); for other languages nothing is
read, so nothing is guessed: the caller keeps or drops the figure with its reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from parallax.models import Article

# lemma of the word saying what happened to the counted → the measure
MEASURE_OF = {
    **dict.fromkeys("kill dead die death toll fatality life body perish slay fatal".split(), "dead"),
    **dict.fromkeys("injure wound hurt injury hospitalise hospitalize".split(), "injured"),
    **dict.fromkeys("arrest detain custody apprehend detention".split(), "arrested"),
    **dict.fromkeys("missing unaccounted".split(), "missing"),
    **dict.fromkeys("displace evacuate homeless flee evacuee refugee".split(), "displaced"),
}
# nouns that say only that people are counted: what happened to them is said elsewhere in the parse
GENERIC = frozenset("""people person civilian child adult man woman resident victim passenger worker soldier
    officer troop member individual other""".split())
SHARES = frozenset({"percent", "cent", "%", "percentage"})
_TO_COUNTED = frozenset({"nummod", "compound", "quantmod", "nmod", "appos"})  # a number to what it counts
# a date this close to the article's names the event the article reports ("the blast late on Sunday", told on
# Tuesday): its figures hold when the article counts them; a date further back names another event or time
WINDOW = timedelta(days=3)


def parsed_sentences(article: Article) -> tuple:
    """The parse of every sentence of an English article (empty for other languages), shared with the speakers."""
    from parallax.analyse.who.entities import article_actors

    return article_actors(article).docs


def number_token(doc, start: int, end: int):
    """The last token of the number phrase at characters ``start:end`` of the sentence ("1.2 million" → million)."""
    inside = [t for t in doc if start <= t.idx < end and (t.like_num or t.pos_ == "NUM")]
    return inside[-1] if inside else None


def _measure(token) -> str:
    return MEASURE_OF.get(token.lemma_.lower(), MEASURE_OF.get(token.text.lower(), ""))


def _happened_to(noun) -> str:
    """What the parse says happened to a generic counted noun (or to a bare number): its modifier, its verb, what
    its verb says of it ("were missing", "claimed the lives of 14 people", "the toll rose to 143")."""
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl") and _measure(child):
            return _measure(child)
    head = noun.head
    if head.i == noun.i or noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "conj"):
        return ""
    if head.pos_ == "ADP" and head.head.i != head.i:  # "the lives of 14 people", "rose to 143"
        head = head.head
        if head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head
    return _measure(head) or next((_measure(c) for c in head.children if c.i != noun.i and c.dep_ in (
        "acomp", "oprd", "dobj", "nsubj", "nsubjpass") and _measure(c)), "")


def measured(doc, start: int, end: int) -> str:
    """The measure of the number at ``start:end`` of a parsed sentence: a synonym-table measure (dead, injured,
    arrested, missing, displaced), else the noun it counts ("mile", "magnitude"); "" when the parse names
    neither. The word right after the number decides first ("10,000 injured"), a scale named right before it
    next ("a magnitude 6.3 earthquake"), then the parse."""
    token = number_token(doc, start, end)
    if token is None or token.ent_type_ in ("DATE", "TIME"):  # "7 October 2023", "11:00": when, not how many
        return ""
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and _measure(after):
        return _measure(after)
    first = min((t.i for t in doc if start <= t.idx < end), default=token.i)
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.pos_ == "VERB" and _measure(before):  # "killed at least 34 Valdorians"
        return _measure(before)
    if before is not None and before.pos_ == "NOUN" and before.head is not token and token.dep_ == "nummod":
        return _measure(before) or _of(_spelled(before.lemma_.lower()), token.head)
    if listed(token):
        return ""
    node = token
    while node.dep_ in _TO_COUNTED and node.head.i != node.i and node.head.pos_ in ("NUM", "NOUN", "PROPN", "ADJ"):
        node = node.head
        if node.pos_ != "NUM":
            break
    if node.i == token.i or node.lemma_.lower() in GENERIC or node.ent_type_ == "NORP":  # "injured 78", "three were
        # missing", "14 people died", "killed 34 Valdorians": a nationality or group is people too
        return _happened_to(node)
    if node.lower_ in SHARES:
        return _share_of(node)
    return _measure(node) or _of(_spelled(node.lemma_.lower()), _owner(node))


def listed(token) -> bool:
    """A number in a list of numbers ("magnitudes of 5.5, 4.7 and 6.3"): each measures another member of the list,
    rival to nothing. The parse joins a list's numbers to each other or to the noun they share."""
    heads = [token.head, token.head.head] if token.head.pos_ == "ADP" else [token.head]
    joined = [c for h in heads for c in h.children if c.i != token.i and c.dep_ in ("conj", "appos")]
    joined += [c for c in token.children if c.dep_ in ("conj", "appos")]
    return any(t.pos_ == "NUM" for t in joined) or (token.dep_ in ("conj", "appos") and token.head.pos_ == "NUM")


def _owner(node):
    """The thing a measure noun is a property of: "a 6.3 magnitude earthquake" (compound), "an aftershock with a
    5.5 magnitude" (through a preposition); None for a bare unit ("40 kilometres from the city")."""
    if node.dep_ in ("compound", "nmod", "amod") and node.head.pos_ == "NOUN":
        return node.head
    if node.dep_ == "pobj" and node.head.lower_ in ("with", "of") and node.head.head.pos_ == "NOUN":
        return node.head.head
    return None


def _of(measure: str, owner) -> str:
    """The measure with what it measures, when the parse says: a quake's magnitude is not an aftershock's."""
    return f"{measure} of {owner.lemma_.lower()}" if owner is not None and owner.pos_ == "NOUN" else measure


def _share_of(node) -> str:
    """A share measures what it is a share of ("90 per cent of the people killed" → "share of people"); "" when the
    sentence does not say."""
    of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return f"share of {whole.lemma_.lower()}" if whole is not None else ""


def _spelled(unit: str) -> str:
    """One spelling of a unit: "kilometre" and "kilometer" are one measure."""
    return unit.replace("metre", "meter").replace("litre", "liter")


def figure_time(doc, published: datetime | None) -> datetime | None:
    """When the sentence's figures hold: a date it names that lies more than ``WINDOW`` from the article's, else the
    article's date; None when neither is known, or the sentence points to another time that cannot be resolved."""
    if published is None:
        return None
    for entity in (e for e in doc.ents if e.label_ == "DATE" and _names_time(e)):
        found = _resolve(entity.text, published)
        if not found and _elsewhere(entity, published):
            return None
        if far := [when for when in found if abs(when - published) > WINDOW]:
            return min(far)
    return published


def _names_time(entity) -> bool:
    """A date entity that says something: a number or a word of four letters or more (not a stray "Jan.")."""
    return any(t.like_num or (t.is_alpha and len(t) >= 4) for t in entity)


def _resolve(text: str, published: datetime) -> list[datetime]:
    """The days ``text`` names, counted from the article's ("Sunday" in a Sunday paper is that day; "in June last
    year" names June and a year back)."""
    from dateparser.search import search_dates

    base = published.replace(tzinfo=None)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base,
                                                           "PREFER_DATES_FROM": "current_period"})
    return [when.replace(tzinfo=None) for _, when in found or []]


def _elsewhere(entity, published: datetime) -> bool:
    """An unresolved date that still names another time: an earlier one ("June last year") or another year."""
    years = [int(t.text) for t in entity if t.text.isdigit() and len(t.text) == 4]
    return any(y != published.year for y in years) or any(t.lower_ in ("last", "previous", "ago") for t in entity)


PLACES = frozenset({"GPE", "LOC"})


def places_of(doc, start: int, end: int) -> frozenset[str]:
    """Where the number at ``start:end`` of a parsed sentence was counted: the places named "in …" by the number
    itself ("2,992 in Syria"), by what it counts ("12,391 people had died in Turkey": through the verb, unless
    the number is only joined to that verb's own count), or by the subject of its verb ("the death toll in Turkey
    and Syria has risen to 11,200"). Empty when the sentence does not say: the story's whole toll. A headline or
    a label (no closing stop) is not read: the parser, trained on whole sentences, attaches its telegraphic phrases
    at random ("rises above 15,000 in Turkey, Syria quake" hangs "Syria quake" on the verb)."""
    token = number_token(doc, start, end)
    if token is None or not doc.text.rstrip().endswith((".", "!", "?", "\"", "”", "»")):
        return frozenset()
    for node in _holders(token):
        found = {p for prep in node.children if prep.dep_ == "prep" and prep.lower_ == "in" for p in _named_in(prep)}
        if found:
            return frozenset(found)
    return frozenset()


def _holders(token) -> list:
    """The number, what it counts, its governing verb (not for a number joined to another count) and that verb's
    subject, in the order that decides where it was counted."""
    found = [token]
    if token.dep_ in _TO_COUNTED and token.head.i != token.i:
        found.append(token.head)
    head = token.head.head if token.head.pos_ == "ADP" else found[-1].head
    if token.dep_ != "conj" and head.pos_ in ("VERB", "AUX"):
        found.append(head)
        found += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


def _named_in(prep) -> set[str]:
    """The places named in a preposition's phrase ("in Turkey and Syria", "in the earthquakes in Turkey", "in
    Turkey, Syria quake")."""
    inside = {t.i for obj in prep.children if obj.dep_ == "pobj" for t in obj.subtree}
    return {e.text for e in prep.doc.ents if e.label_ in PLACES and e.root.i in inside}


def figure_facts(article: Article, sentence_index: int, start: int, end: int
                 ) -> tuple[str, datetime | None, frozenset[str]] | None:
    """(measure, time, places) of the number at article characters ``start:end``; None for an article that is not
    parsed."""
    docs = parsed_sentences(article)
    if not docs:
        return None
    offset = article.sentences[sentence_index].start
    doc = docs[sentence_index]
    at, to = start - offset, end - offset
    return measured(doc, at, to), figure_time(doc, article.published), places_of(doc, at, to)
