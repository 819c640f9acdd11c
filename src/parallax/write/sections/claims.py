"""Key claims: attributed statements, with the outlets that assert, dispute or omit them.

A first, lexical approximation; the analyse stage's attribution and stance
models are meant to replace it behind the same return shape.
"""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.summary import central_order

ATTRIBUTION = re.compile(r"\b(said|says|according to|accused|accuses|claimed|claims|alleged|blamed|told)\b", re.IGNORECASE)
DISPUTE = re.compile(r"\b(denied|denies|deny|rejected|rejects|dismissed|dismisses|absurd|nonsense|false|"
                     r"baseless|refuted|disputed|disputes)\b", re.IGNORECASE)
MAX_CLAIMS = 5
RELATED = 0.5  # share of the same-fact cosine at which a denial is about the same subject


def _outlet(pool: SentencePool, i: int) -> str:
    return pool.refs[i].article.outlet or pool.refs[i].source


def disputers(pool: SentencePool, i: int, asserted: set[str]) -> list[str]:
    """Outlets with a denial sentence related to claim ``i`` (and not asserting it)."""
    found: dict[str, None] = {}
    for j, r in enumerate(pool.refs):
        if r.source in asserted or r.reprint or not DISPUTE.search(r.text):
            continue
        if pool.sim[i, j] >= RELATED * pool.same_fact:
            found[_outlet(pool, j)] = None
    return list(found)


def build_key_claims(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to five attributed claims, the most widely reported first."""
    attributed = [i for i in central_order(pool)
                  if ATTRIBUTION.search(pool.refs[i].text) and not pool.refs[i].reprint and pool.refs[i].words >= 6]
    attributed.sort(key=lambda i: -len(pool.supporters(i)))
    claims: list[dict] = []
    picked: list[int] = []
    for i in attributed:
        if any(pool.sim[i, j] >= pool.same_fact for j in picked):
            continue
        supporters = pool.supporters(i)
        asserted = [_outlet(pool, j) for j in supporters.values()]
        disputed = disputers(pool, i, set(supporters))
        omitted = [s for s in pool.sources if s not in supporters and s not in disputed]
        citations = tuple(pool.refs[j].citation for j in [i] + [j for j in supporters.values() if j != i])
        claims.append({"text": pool.refs[i].text, "citations": citations, "asserted_by": asserted,
                       "disputed_by": disputed, "omitted_by": omitted})
        picked.append(i)
        if len(claims) == MAX_CLAIMS:
            break
    return claims
