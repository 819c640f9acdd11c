"""Media bias: who covered the story, in numbers traceable to the outlets behind them.

Independent outlets are counted once per voice: a wire copy belongs to its original, and outlets of one
family (one owner or syndication network) are one voice. Coverage is counted by country, language,
ownership type and leaning, each count with the outlets behind it; state-controlled outlets are named.
Countries and languages are names ('Russia', 'Russian'), never codes; what is not known says so.
"""

from __future__ import annotations

from collections import defaultdict

from parallax.ingest.outlets.describe import country_label, language_name, voice_label
from parallax.models import CitedSentence, Outlet
from parallax.write.pool import SentencePool

UNKNOWN = "unknown"
FACETS = ("country", "language", "ownership", "leaning")
_NOT_KNOWN = {"country": "country not known", "language": "language not known",
              "ownership": "ownership not known", "leaning": "leaning not known"}


def _voices(pool: SentencePool) -> dict[str, list[Outlet]]:
    """Voice (family, else outlet) -> its outlets in the story, originals only."""
    material, found = pool.material, defaultdict(list)
    for article in material.independent_articles():
        outlet = material.outlet_of(article)
        if outlet not in found[outlet.voice]:
            found[outlet.voice].append(outlet)
    return dict(found)


def _label(facet: str, outlet: Outlet) -> str:
    if facet == "country":
        return country_label(outlet.country) if outlet.country else _NOT_KNOWN[facet]
    if facet == "language":
        return language_name(outlet.language) if outlet.language else _NOT_KNOWN[facet]
    return getattr(outlet, facet) or _NOT_KNOWN[facet]


def _voice_name(voice: str, outlets: list[Outlet], family: list[Outlet] | None = None) -> str:
    """'TASS' for an outlet alone; 'Rossiya Segodnya (RIA Novosti, Sputnik)' for the members of a family."""
    return voice_label(voice, [o.name for o in outlets], len(family or outlets))


def coverage(pool: SentencePool) -> dict:
    """Counts of independent voices by country, language, ownership and leaning, with who is behind each."""
    voices = _voices(pool)
    members: dict[str, dict[str, list[str]]] = {f"by_{f}": defaultdict(list) for f in FACETS}
    for voice, outlets in voices.items():
        for facet in FACETS:
            for label in dict.fromkeys(_label(facet, o) for o in outlets):  # a family's members named under theirs
                members[f"by_{facet}"][label].append(_voice_name(voice, [o for o in outlets
                                                                         if _label(facet, o) == label], outlets))
    ordered = {key: dict(sorted(groups.items(), key=lambda kv: (kv[0].endswith("not known"), -len(kv[1]), kv[0])))
               for key, groups in members.items()}
    codes = {country_label(o.country): o.country for outlets in voices.values() for o in outlets if o.country}
    state = sorted({_voice_name(v, outlets) for v, outlets in voices.items()
                    if any(o.ownership == "state" for o in outlets)})
    return {**{key: {label: len(names) for label, names in groups.items()} for key, groups in ordered.items()},
            "outlets": ordered, "country_codes": codes, "state_outlets": state,
            "ownership_inferred": _ownership_inferred(voices), "country_not_known": _country_not_known(voices),
            "independent_outlets": len(voices), "all_outlets": sum(len(o) for o in voices.values())}


def _by_reason(voices: dict[str, list[Outlet]], attribute: str, applies) -> dict[str, list[str]]:
    """The outlets ``applies`` picks, grouped by the note of their ``attribute`` fact (why it is what it is)."""
    reasons: dict[str, list[str]] = defaultdict(list)
    for outlets in voices.values():
        for outlet in outlets:
            if applies(outlet):
                fact = outlet.fact(attribute)
                reasons[fact.note if fact and fact.note else "no source gives it"].append(outlet.name)
    return dict(reasons)


def _ownership_inferred(voices: dict[str, list[Outlet]]) -> dict[str, list[str]]:
    """Outlets whose ownership type no list gives, by the prior that filled it in."""
    return _by_reason(voices, "ownership", lambda o: bool(o.ownership) and getattr(o.fact("ownership"), "source",
                                                                                    "") == "inferred")


def _country_not_known(voices: dict[str, list[Outlet]]) -> dict[str, list[str]]:
    """Why no country is known, with the outlets each reason holds for ('the domain .com is generic, …')."""
    return _by_reason(voices, "country", lambda o: not o.country)


def _grouped(reasons: dict[str, list[str]]) -> str:
    return "; ".join(f"{', '.join(names)} ({why})" for why, names in reasons.items())


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


def _counted(groups: dict[str, list[str]], unnamed: str = "") -> str:
    """'Russia 2 (TASS, RIA), …': every count with the outlets behind it, except the ``unnamed`` group."""
    return ", ".join(f"{label} {len(names)}" + (f" ({', '.join(names)})" if label != unnamed else "")
                     for label, names in groups.items())


def _caveats(counts: dict) -> str:
    """Which counts rest on a prior, and why a country is not known."""
    text = ""
    if inferred := counts.get("ownership_inferred"):
        text += f" Ownership inferred, not listed: {_grouped(inferred)}."
    if unknown := counts.get("country_not_known"):
        text += f" Country not known: {_grouped(unknown)}."
    return text


def coverage_text(counts: dict) -> str:
    """'5 independent outlets covered the story (6 outlets; a family counts once): by country …'."""
    n, total = counts["independent_outlets"], counts["all_outlets"]
    head = f"{n} independent outlet{'s' if n != 1 else ''} covered the story"
    head += f" ({total} outlets; a family counts once)" if total != n else ""
    groups = counts["outlets"]
    text = (f"{head}: by country {_counted(groups['by_country'])}; "
            f"by language {_counted(groups['by_language'])}; "
            f"by ownership {_counted(groups['by_ownership'])}; "
            f"by leaning {_counted(groups['by_leaning'], _NOT_KNOWN['leaning'])}.")
    if counts["state_outlets"]:
        text += f" State-controlled: {', '.join(counts['state_outlets'])}."
    return text + _caveats(counts)


def build_media_bias(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> dict | None:
    """Coverage counts with a cited paragraph, plus one paragraph per leaning that stood alone."""
    leads = _leads(pool)
    if not leads:
        return None
    counts = coverage(pool)
    paragraphs = [{"text": coverage_text(counts), "citations": tuple(pool.refs[i].citation for i in leads.values())}]
    for side in counts["by_leaning"]:
        i = exclusive_fact(pool, side) if not side.endswith("not known") and len(counts["by_leaning"]) > 1 else None
        if i is not None:
            paragraphs.append({"text": f"Only {side}-leaning outlets reported: {pool.refs[i].text}",
                               "citations": (pool.refs[i].citation,)})
    return {"paragraphs": paragraphs, "coverage": counts}
