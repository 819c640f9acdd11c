"""Outlets as people read them: country names (never bare codes), the reason a fact is not known, JSON.

In JSON, ``country`` holds the country's name and ``country_code`` the ISO code; ``language`` names are
given beside ``language_codes``. An attribute that is not known says so and why.
"""

from __future__ import annotations

from parallax.data import country_name, language_name
from parallax.models import Outlet

NOT_KNOWN = "not known"


def country_label(code: str) -> str:
    """'Russia' for 'RU'; 'country not known' for ''."""
    return country_name(code) if code else f"country {NOT_KNOWN}"


def country_display(value: str | None) -> str:
    """A country for people whatever the field holds: a code ('RU'), a name ('Russia') or nothing."""
    text = (value or "").strip()
    if not text:
        return f"country {NOT_KNOWN}"
    return country_name(text) if len(text) == 2 and text.isalpha() else text


def why_not_known(outlet: Outlet, attribute: str) -> str:
    """The recorded reason an attribute is blank ('' when it is known or no reason was recorded)."""
    fact = outlet.fact(attribute)
    return fact.note if fact and not fact.source and not getattr(outlet, attribute, "") else ""


def country_text(outlet: Outlet) -> str:
    """'Russia', or 'country not known (the domain .com is generic, …)'."""
    if outlet.country:
        return country_name(outlet.country)
    why = why_not_known(outlet, "country")
    return f"country {NOT_KNOWN}" + (f" ({why})" if why else "")




def voice_label(voice: str, names: list[str], members: int) -> str:
    """'TASS' for an outlet alone; 'Rossiya Segodnya (RIA Novosti, Sputnik)' for ``names`` of a family of
    ``members`` outlets (a family counts once among independent outlets)."""
    return names[0] if members == 1 else f"{voice} ({', '.join(names)})"


def outlet_dict(outlet: Outlet) -> dict:
    """The outlet as JSON: names for people, codes in fields named as codes, provenance per attribute."""
    return {
        "name": outlet.name, "domain": outlet.domain,
        "country": country_name(outlet.country) if outlet.country else None, "country_code": outlet.country or None,
        "country_not_known_because": why_not_known(outlet, "country") or None,
        "languages": [language_name(c) for c in outlet.languages], "language_codes": list(outlet.languages),
        "ownership": outlet.ownership or None, "owner": outlet.owner or None, "family": outlet.family or None,
        "leaning": outlet.leaning or None, "factual_reporting": outlet.factual or None,
        "description": outlet.description or None,
        "provenance": {f.attribute: {"source": f.source or None, "confidence": f.confidence, "note": f.note}
                       for f in outlet.provenance},
    }
