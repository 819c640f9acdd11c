"""The reporting-verb lexicon: which words introduce what someone said.

Each base verb expands to its inflections (say → say, says, said, saying), so a
cue matches however the outlet conjugates it. Irregular forms are listed.
"""

from __future__ import annotations

import re

from parallax.analyse.who.speech_table import speech_words

_REGULAR = """accuse acknowledge add admit affirm allege announce answer argue assert
assure blame boast brag caution charge claim comment complain concede conclude confirm
contend criticize criticise decry declare deny describe dismiss disclose emphasize emphasise
estimate explain insist joke lament mention note observe point predict promise recall
reiterate remark repeat reply report respond reveal signal stress suggest testify
tweet urge vow warn pledge recount counter question acknowledge continue endorse praise support
refuse decline agree express defend propose cite oppose fear plan seek prefer discuss insist
applaud attack blast slam condemn demand doubt reject rule recommend quip acknowledge
indicate imply hint mock ridicule speculate worry insinuate lash retort chide""".split()

_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "think": ("think", "thinks", "thought"),
    "believe": ("believe", "believes", "believed"),
    "post": ("posted",),
    "label": ("labeled", "labelled"),
    "call": ("called",),
    "ask": ("ask", "asks", "asked"),
    "hint": ("hinted",),
    "hope": ("hopes", "hoped"),
    "find": ("found", "finds"),
    "show": ("showed", "shows", "shown"),
    "want": ("want", "wants", "wanted"),
    "know": ("knows", "knew"),
    "feel": ("feels", "felt"),
    "seek": ("sought", "seeks"),
    "speak": ("spoke",),
    "calling": ("calling", "calls"),
}

# Cues after which the sentence's rest is rarely what was said ("X called Y …" is often a phone call).
WEAK_CUES = frozenset({"called", "asked", "thought", "posted", "question", "charge", "point"})
# Forms that are as often nouns ("the claims", "five reports"): trusted only after a name or pronoun.
NOUN_LIKE = frozenset(
    """claim claims report reports note notes comment comments promise promises question questions
    charge charges point points counter counters signal signals tweet tweets estimate estimates
    warning pledge pledges answer answers reply replies remark remarks stress hope hopes
    blame concern support supports attack attacks plan plans rule rules remark remarks
    fear fears doubt doubts demand demands promise want call calls""".split()
)
# Gerunds that carry a statement ("…, saying that …"); other -ing forms are too often nouns or clauses.
GERUND_CUES = frozenset("saying adding telling arguing noting claiming warning insisting accusing calling".split())
FIRST_PERSON = frozenset("i we i’ve i've i’ll i'll we’ve we've i’m i'm we’re we're i’d i'd".split())
FUNCTION_WORDS = frozenset(
    """on in at of for to by with from before after about into over than the a an his her their its our
    my your many some any this that these those and or but not no more most very""".split()
)


def _inflections(verb: str) -> tuple[str, ...]:
    stem = verb.removesuffix("e")
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    past = verb + ("d" if verb.endswith("e") else "ed")
    return (verb, third, past, stem + "ing")


def cue_words() -> frozenset[str]:
    """Every inflected reporting verb the extractor recognises."""
    words: set[str] = set()
    for verb in _REGULAR:
        words.update(_inflections(verb))
    for forms in _IRREGULAR.values():
        words.update(forms)
    return frozenset(words)


CUE_WORDS = cue_words()
_ALTERNATION = "|".join(sorted((re.escape(w) for w in CUE_WORDS), key=len, reverse=True))
CUE_PATTERN = re.compile(rf"\b(?:{_ALTERNATION})\b")
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\b")

# Words that may sit between a source and its cue ("Trump also said", "she has repeatedly warned").
BRIDGE_WORDS = frozenset(
    """also has had have would will could may might later previously repeatedly again then recently
    reportedly once often had publicly privately frequently earlier has been is was were are did does
    just already flatly quickly angrily never not subsequently first initially""".split()
)
PRONOUNS = frozenset("he she they we i it you".split())
# Words that open a clause rather than a source ("But Trump said" → "Trump").
OPENERS = frozenset(
    """but and yet however still meanwhile later earlier then so now instead also indeed
    moreover separately nevertheless though although while when as because""".split()
)

# Before a cue word, a determiner makes it a noun ("his claims") and a form of "be" a passive ("is expected").
_NOT_A_VERB = frozenset(
    "his her their its our my your the a an these those this that is are was were be been".split()
)
_EXPECT = frozenset({"expect", "expects", "expected"})  # a forecast is a position too ("Economists expect …")


def reports_speech(cue, text: str) -> bool:
    """Whether an attribution's ``cue`` span (in its article's ``text``) is a reporting verb.

    What someone said, wrote, thinks or expects, not what was done or not done: "Vale has not
    presented any evidence for his claims" is about Vale, not by him ("his claims" is a noun
    after a determiner, not a verb).
    """
    if ACCORDING_TO.search(cue.text) or cue.text.lower() in speech_words():
        return True
    before = text[max(0, cue.start - 12) : cue.start].lower().split()
    if before and before[-1] in _NOT_A_VERB:
        return False
    return any(word in CUE_WORDS or word in _EXPECT for word in cue.text.lower().split())
