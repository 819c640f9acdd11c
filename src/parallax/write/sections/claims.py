"""Key claims: attributed statements, with the outlets that report, dispute or leave them out.

A claim is a sentence in which the analyse stage finds an attribution ("X said
that …"), which is not itself a denial. Per outlet, its closest sentence
decides: a same-fact sentence with compatible numbers reports the claim; else,
when the outlet's closest denial *of this claim* (the dispute lexicon of
``analyse.who.claims``, half weight when it reports someone else's denial) is
closer than its closest agreeing sentence, it disputes it; else the outlet left
it out. A denial is of this claim when its sentence names the claim's speaker or
restates the claim, and the denier is not the claim's own speaker.

The stance model (``classify_stances``, ~5–8 ms a pair batched) is not used to
find disputes: on the demo's claim–sentence pairs it calls most related
sentences "disagree" with middling confidence and, when confident, often
picks a rebuttal of a different claim of the same story (a denial of budget
cuts as a dispute of "the dam wall is not at risk"). The lexicon, limited to
sentences close to the claim, errs less.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parallax.analyse.given import ATTRIBUTIONS, worked_out
from parallax.analyse.who import Attribution, extract_attributions
from parallax.analyse.who.claims import DISPUTE
from parallax.models import Article, CitedSentence
from parallax.write.claimworthy import claim_worthiness, weights
from parallax.write.pool import COMMENTARY, SentencePool
from parallax.write.sections.summary import central_order
from parallax.write.standalone import bare_subject, caption, reported_speech, two_accounts

MAX_CLAIMS = 5
# the claim model's cut for a key claim: the trainer's (0.778, each training story's top five 0.90 right) left a story
# one claim; 0.65 was chosen on the two tune halves under the three-way audit (fresh_tune + real_news_dev tune 21/23
# right, 3.2 claims a story of three articles or more; BENCHMARKS #25 session 16 follow-up)
CLAIM_CUT = 0.65
MIN_WORDS, MAX_WORDS = 8, 60
KICKER = re.compile(r"^(?:[^\s:.]+\s+){0,3}[^\s:.]+:\s+\S")  # a short label and a colon before the sentence
QUOTE_MARKS = re.compile(r"[\"“”«»„]")  # a claim quotes nobody: quoted words are a reaction or a position
RELATED = 0.5  # share of the same-fact cosine at which a denial is about the claim
REPORTED_DENIAL = 0.5  # a denial the outlet reports as someone else's counts half against the claim
SHARED_WORDS = 2  # words of the claim a denial must repeat to be about it, when it names neither speaker nor fact
STEM = 5  # letters of a word that name it in a headline ("increase", "increases"; "lawsuit", "lawsuits")
_COMMON = frozenset("""that this with have from were they their them will would could should been said says told
    about after into more also than then there which while when what where other some such only over just being
    does did dont because""".split())
# where a sentence turns from one speaker's account to another's
CONTRAST = re.compile(r";|,\s+(?:while|whereas|but)\b|,\s+which\s+[A-Z][\w'’ -]*\s+(?:denies|disputes|rejects)\b")
_TURN = re.compile(CONTRAST.pattern + r"|,\s+(?:and|which)\b")  # where a sentence may start a second account
_CLAUSE = re.compile(r"[;:—–]|,\s+(?:while|but|and|whereas|as)\b|\.\s")  # where a clause starts
_OBJECT = re.compile(r"\b(?:by|of|against|from|to|about|with|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


@lru_cache(maxsize=64)
def attributions(article: Article) -> tuple[Attribution, ...]:
    """The article's attributions: stored with its parse when the brief driver gives them (``analyse.given``)."""
    return worked_out(ATTRIBUTIONS, article, extract_attributions)


def reported_by_another(article: Article, statement: Attribution) -> bool:
    """Whether the statement is someone else's report of it: "X said …" inside another speaker's content, after
    that speaker's cue ("the ministry said …, five weeks after Kirsk declared …"), with no turn to a second account
    in between ("Corvania said …; Eskeria said …", "…, and the ministry rejected …", "…, which Moro called …")."""
    cue = statement.cue.start
    return statement.content.start >= cue and any(
        other.sentence_index == statement.sentence_index and other.cue.start < cue
        and other.content.start <= cue < other.content.end and not _TURN.search(article.text, other.cue.end, cue)
        for other in attributions(article))


def attributed_sentences(article: Article) -> frozenset[int]:
    """Indices of the article's sentences that report what someone said."""
    return frozenset(a.sentence_index for a in attributions(article))


def speaker_mentions(pool: SentencePool, i: int) -> frozenset[str]:
    """How another sentence may name the speaker of claim ``i``: surname, organisation, or a two-word title."""
    r = pool.refs[i]
    found = set()
    for a in attributions(r.article):
        if a.sentence_index != r.index:
            continue
        if a.name:
            found.add(a.name.split()[-1].lower())
        if a.actor and a.actor != a.name and len(a.actor.split()) >= 2:
            found.add(" ".join(a.actor.lower().split()[-2:]))  # "corvania's foreign ministry" → "foreign ministry"
        if len(a.title.split()) >= 2:
            found.add(" ".join(a.title.lower().split()[-2:]))  # "interior minister"
    return frozenset(m for m in found if len(m) > 2)


def _named_at(text: str, mentions: frozenset[str]) -> list[int]:
    lowered = text.lower()
    return [m.start() for name in mentions for m in re.finditer(rf"\b{re.escape(name)}\b", lowered)]


def own_denial(text: str, at: int, mentions: frozenset[str]) -> bool:
    """The claim's speaker is the one denying: named in the clause before the denial, not as its object.

    "…, while Corvania's foreign ministry called the claim "absurd"" is the ministry's own denial;
    "The accusations made by the interior minister are absurd" denies the minister.
    """
    start = max((m.end() for m in _CLAUSE.finditer(text[:at])), default=0)
    for where in _named_at(text[start:at], mentions):
        if not _OBJECT.search(text[start : start + where]):
            return True
    return False


def denial_weight(pool: SentencePool, j: int, mentions: frozenset[str] = frozenset()) -> float:
    """How strongly sentence ``j`` denies a claim whose speaker goes by ``mentions``.

    1 for a denial in the outlet's own voice, ``REPORTED_DENIAL`` when it reports someone else's ("X dismissed …"),
    0 when the denial is the claim's own speaker's ("the ministry rejected the charge" under the ministry's claim).
    """
    r = pool.refs[j]
    match = DISPUTE.search(r.text)
    if match is None or own_denial(r.text, match.start(), mentions):
        return 0.0
    at = r.article.sentences[r.index].start + (len(r.article.sentence_text(r.index)) - len(r.text)) + match.start()
    reported = any(a.sentence_index == r.index and a.cue.start <= at < a.cue.end for a in attributions(r.article))
    return REPORTED_DENIAL if reported else 1.0


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _COMMON}


def answers(pool: SentencePool, i: int, j: int, mentions: frozenset[str]) -> bool:
    """Sentence ``j`` is about claim ``i``: it names the claim's speaker, says nearly the same thing, or
    denies something in the claim's own words ("denied ignoring any warnings" against "ignored … warnings")."""
    text = pool.refs[j].text
    if pool.sim[i, j] >= pool.same_fact or _named_at(text, mentions):
        return True
    match = DISPUTE.search(text)
    return bool(match) and len(_stems(text[match.end():]) & _stems(pool.refs[i].text)) >= SHARED_WORDS


def is_claim(pool: SentencePool, i: int) -> bool:
    """A self-contained factual statement of an original article: a plain statement (``plain_statement``) that the
    claim model (``write.claimworthy``, learned on our labels of real articles) rates at its cut (``claim_cut``) or
    above."""
    return plain_statement(pool, i) and claim_worthiness(pool, i) >= claim_cut(pool)


def claim_cut(pool: SentencePool) -> float:
    """The cut of the brief encoder's claim head: its own where its weights file names one (each head's probabilities
    are on a scale of their own, and the cut is chosen on the tune halves with that head), else ``CLAIM_CUT``."""
    return float(weights(pool.material.embedder).get("cut", CLAIM_CUT))


def plain_statement(pool: SentencePool, i: int) -> bool:
    """What no learned weight overrides: a whole sentence (full stop, 8–60 words) of an original report that quotes
    nobody's words, denies nothing, is not commentary, does not point back (``wording.stands_alone``), open on a page
    label ("Accidents and disasters: The blast …"), report words in indirect speech, describe a photo or weigh one
    figure against another (``standalone``: "… habe der Täter …", "A satellite image shows …", "EMSC gives 6.4, while
    USGS gives 6.3"), or lean on a bare definite subject no headline names (``unnamed_subject``). Whether it states
    a fact of its own — a subject that names someone, no lean on an earlier sentence, no opinion — is the claim
    model's judgment (``write.claimworthy``)."""
    r = pool.refs[i]
    text = r.text.strip()
    if (r.reprint or not MIN_WORDS <= r.words <= MAX_WORDS or not text.endswith((".", "!")) or "\n" in text
            or not text[:1].isupper() or QUOTE_MARKS.search(text) or DISPUTE.search(text)
            or pool.opinion[i] > COMMENTARY):
        return False
    return r.alone and not (KICKER.match(text) or reported_speech(text, r.article.language) or caption(text)
                            or two_accounts(text, r.article.language) or unnamed_subject(pool, i))


def unnamed_subject(pool: SentencePool, i: int) -> bool:
    """The sentence's subject is a bare definite description ("The increase was …", "…, the Fund said …") that no
    headline of the story names: it points back to what an earlier sentence said, where a description of the story's
    own event or object ("The lawsuit was filed …" under "States sue over …lawsuit") reads on its own."""
    head = bare_subject(pool.refs[i].text, pool.refs[i].article.language)
    if head is None:
        return False
    named = {w.lower()[:STEM] for a in pool.material.articles for w in re.findall(r"[^\W\d_]+", a.title or "")}
    return head.lower()[:STEM] not in named


def reports(pool: SentencePool, i: int, j: int) -> bool:
    """Sentence ``j`` restates claim ``i``: the same fact, with numbers that do not conflict."""
    if j == i:
        return True
    return pool.sim[i, j] >= pool.same_fact and pool.compatible(i, j)


def balance(pool: SentencePool, i: int, source: str, mentions: frozenset[str]) -> float:
    """Cosine to claim ``i`` of the source's closest agreeing sentence minus that of its closest denial of it.

    ``mentions`` are the ways of naming the claim's speaker (``speaker_mentions``).
    """
    agree, deny = 0.0, 0.0
    for j, r in enumerate(pool.refs):
        if r.source == source and not r.reprint and pool.sim[i, j] >= RELATED * pool.same_fact:
            weight = denial_weight(pool, j, mentions) if answers(pool, i, j, mentions) else 0.0
            if weight:
                deny = max(deny, weight * pool.sim[i, j])
            else:
                agree = max(agree, pool.sim[i, j])
    return agree - deny


def stances(pool: SentencePool, i: int) -> tuple[dict[str, int], list[str]]:
    """(reporting, disputing): sources that restate claim ``i`` (with their sentence), and those that mostly deny it."""
    reporting: dict[str, int] = {}
    for j in sorted(range(len(pool.refs)), key=lambda j: -pool.sim[i, j]):
        r = pool.refs[j]
        if not r.reprint and r.source not in reporting and reports(pool, i, j):
            reporting[r.source] = j
    mentions = speaker_mentions(pool, i)
    disputing = [s for s in pool.sources if s not in reporting and balance(pool, i, s, mentions) < 0]
    return reporting, disputing


def outlet_of_source(pool: SentencePool, source: str) -> str:
    """The outlet name of a source's own (non-reprint) articles."""
    return next((r.article.outlet for r in pool.refs if r.source == source and not r.reprint), source) or source


def claim_entry(pool: SentencePool, i: int) -> dict:
    """The claim cited to every outlet that restates it, with who reports, disputes or omits it."""
    reporting, disputing = stances(pool, i)
    order = [i] + [j for j in reporting.values() if j != i]
    omitted = [s for s in pool.sources if s not in reporting and s not in disputing]
    return {"text": pool.refs[i].text, "citations": tuple(pool.refs[j].citation for j in order),
            "asserted_by": [outlet_of_source(pool, s) for s in reporting],
            "disputed_by": [outlet_of_source(pool, s) for s in disputing],
            "omitted_by": [outlet_of_source(pool, s) for s in omitted]}


def build_key_claims(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to five distinct self-contained claims, the ones the claim model rates highest first."""
    candidates = sorted((i for i in central_order(pool) if is_claim(pool, i)), key=lambda i: -claim_worthiness(pool, i))
    picked: list[int] = []
    for i in candidates:
        if all(pool.sim[i, j] < pool.same_fact for j in picked):
            picked.append(i)
        if len(picked) == MAX_CLAIMS:
            break
    return [claim_entry(pool, i) for i in picked]
