"""Words that deny or rebut a claim ("denied", "absurd", "utter nonsense", "no evidence").

The brief's key claims (``write.sections.claims``) use this lexicon to find the
outlets that dispute a claim; the summary and the questions use it to spot
sentences that answer an accusation. The stance model (``analyse.who.stance``)
is not used there: on the demo's claim–sentence pairs it cannot tell which of
several related claims a rebuttal answers (see that module's MODEL_CARD.md).
"""

from __future__ import annotations

import re

DISPUTE = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:e|es|ed)|rebut(?:s|ted)?|absurd|"
    r"nonsense|baseless|false|untrue|fabricat\w+|lie|lies|no evidence|without evidence|disputed|"
    r"disputes?\s+(?:the|that|this|these|those|his|her|its|their|claims?|reports?|figures?)|"
    r"groundless|ridiculous|(?:as|is|was|it|nothing but|pure|mere)\s+propaganda)\b",
    re.IGNORECASE,
)

