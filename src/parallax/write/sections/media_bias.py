"""Media bias: who covered the story (by country, leaning, ownership) and what only one side reported."""

from __future__ import annotations

from collections import Counter

from parallax.data import country_name
from parallax.models import CitedSentence
from parallax.write.pool import SentencePool

UNKNOWN = "unknown"


def coverage(pool: SentencePool) -> dict[str, dict[str, int]]:
    """Counts of independent outlets by country, leaning and ownership."""
    material = pool.material
    outlets = {material.source_key(a): material.outlet_of(a) for a in material.independent_articles()}
    return {
        f"by_{facet}": dict(Counter(getattr(o, facet) or UNKNOWN for o in outlets.values()).most_common())
        for facet in ("country", "leaning", "ownership")
    }


def _leads(pool: SentencePool) -> dict[str, int]:
    leads: dict[str, int] = {}
    for i, r in enumerate(pool.refs):
        if not r.reprint:
            leads.setdefault(r.source, i)
    return leads


def exclusive_fact(pool: SentencePool, leaning: str) -> int | None:
    """The most central sentence from outlets of ``leaning`` that no outlet of another leaning echoes."""
    material = pool.material
    lean = {i: material.outlet_of(r.article).leaning or UNKNOWN for i, r in enumerate(pool.refs)}
    mine = [i for i in lean if lean[i] == leaning and not pool.refs[i].reprint and pool.refs[i].words >= 8
            and pool.refs[i].alone]
    others = [j for j in lean if lean[j] != leaning]
    lonely = [i for i in mine if others and max(pool.sim[i, j] for j in others) < pool.same_fact]
    return max(lonely, key=pool.centrality) if lonely else None


def build_media_bias(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> dict | None:
    """Coverage counts with a cited paragraph, plus one paragraph per leaning that stood alone."""
    counts = coverage(pool)
    leads = _leads(pool)
    if not leads:
        return None
    leaning = ", ".join(f"{n} {k}" for k, n in counts["by_leaning"].items())
    countries = ", ".join(f"{n} from {country_name(k) if k != UNKNOWN else 'an unknown country'}"
                          for k, n in counts["by_country"].items())
    outlets = f"{len(leads)} independent outlet{'s' if len(leads) != 1 else ''}"
    text = f"{outlets} covered the story: by leaning {leaning}; by country {countries}."
    paragraphs = [{"text": text, "citations": tuple(pool.refs[i].citation for i in leads.values())}]
    for side in counts["by_leaning"]:
        i = exclusive_fact(pool, side) if side != UNKNOWN and len(counts["by_leaning"]) > 1 else None
        if i is not None:
            paragraphs.append({"text": f"Only {side}-leaning outlets reported: {pool.refs[i].text}",
                               "citations": (pool.refs[i].citation,)})
    return {"paragraphs": paragraphs, "coverage": counts}
