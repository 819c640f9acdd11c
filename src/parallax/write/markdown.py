"""The brief as Markdown that reads like a story page: ``[Outlet]`` after each sentence.

Source text is untrusted: it is escaped so that it cannot open HTML tags,
Markdown links or images, code spans or emphasis when the page is rendered
downstream; ordinary punctuation such as parentheses is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parallax.data import country_name, language_name
from parallax.write.llm.renderings import attach_renderings
from parallax.write.sections.timeline import date_label

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#>+-]|(?<=\d)\.)(?=\s)")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'()]+$")


def escape(text: str) -> str:
    """Neutralise HTML and Markdown syntax in source text."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = text.replace("&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;").replace("\\](", "\\]\\(")
    return _LINE_START.sub(r"\1\\\2", text)


def markers(citations: Iterable[dict]) -> str:
    """``[Outlet]`` once per distinct cited outlet, in citation order."""
    outlets = dict.fromkeys(c.get("outlet") or c.get("article_id", "?") for c in citations)
    return "".join(f"[{escape(o)}]" for o in outlets)


def cited(item: dict) -> str:
    english = item.get("english")  # a machine rendering shown beside non-English words (write/llm/renderings.py)
    shown = f" *(English, {escape(english['label'])}: {escape(english['text'])})*" if english else ""
    return f"{escape(item['text'])} {markers(item['citations'])}{shown}"


def _facet(event: dict) -> str:
    """A timeline event's facet as a bracketed label ("[toll: dead] "), or nothing."""
    if not event.get("facet"):
        return ""
    return f"[{escape(event['facet'])}{': ' + escape(event['measure']) if event.get('measure') else ''}] "


def _claims(items: list[dict]) -> list[str]:
    lines = []
    for claim in items:
        parts = [f"reported by {', '.join(map(escape, claim['asserted_by'])) or 'none'}"]
        for key, label in (("disputed_by", "disputed by"), ("omitted_by", "not reported by")):
            if claim.get(key):
                parts.append(f"{label} {', '.join(map(escape, claim[key]))}")
        lines.append(f"- {cited(claim)} — {'; '.join(parts)}")
    return lines


def stakeholder_about(perspective: dict) -> list[str]:
    """What a stakeholder's heading adds to its name: its country unless the name says it, and its kind."""
    from parallax.analyse.who.countries import countries_named

    code, name = perspective.get("country_code") or perspective.get("country", ""), perspective["stakeholder"]
    about = [country_name(code)] if code and code not in countries_named(name) else []
    return about + ([perspective["kind"]] if perspective["kind"] != "other" else [])


_SIDE = {"government": "Government of {}", "agency": "Agencies of {}", "party": "Parties in {}",
         "armed group": "Armed groups of {}", "analyst": "Analysts in {}", "witness": "Witnesses in {}",
         "other": "Others in {}"}


def sides(perspectives: list[dict]) -> list[tuple[str, list[dict]]]:
    """The perspectives as sides, like the seed page's "Russian Government": neighbours of one country and kind
    under that side's label ("Government of Corvania"); a stakeholder alone on its side has the label "". Those
    ``folded`` past the section's caps are left to ``folded``."""
    from parallax.write.sections.perspectives import side_of

    out: list[tuple[str, list[dict]]] = []
    for p in perspectives:
        if p.get("folded"):
            continue
        side = side_of(p)
        if side and out and side_of(out[-1][1][-1]) == side:
            out[-1] = (_SIDE[side[1]].format(country_name(side[0]) or side[0]), out[-1][1] + [p])
        else:
            out.append(("", [p]))
    return out


def _perspectives(items: list[dict], languages: dict[str, str] | None = None) -> list[str]:
    """The stakeholders under their sides; a statement quoted from a source in another language than English says
    which (``languages``: article id → the source's language), its words kept as printed."""
    lines = []
    for label, members in sides(items):
        level = "####" if label else "###"
        lines += [f"### {escape(label)}", ""] if label else []
        for p in members:
            about = "" if label else ", ".join(stakeholder_about(p))
            lines += [f"{level} {escape(p['stakeholder'])}" + (f" ({escape(about)})" if about else ""), ""]
            lines += [*_said(p["statements"], languages), ""]
            lines += _fold(f"{len(p['more'])} more", _said(p["more"], languages)) if p.get("more") else []
    folded = [p for p in items if p.get("folded")]
    if folded:
        said = [line for p in folded for line in (f"**{escape(p['stakeholder'])}**", "",
                                                   *_said(p["statements"] + p.get("more", []), languages), "")]
        lines += _fold("Also quoted: " + ", ".join(escape(p["stakeholder"]) for p in folded), said)
    return lines


def _said(statements: list[dict], languages: dict[str, str] | None) -> list[str]:
    return [f"- {cited(s)}{_language_of(s, languages or {})}" for s in statements]


def _fold(summary: str, lines: list[str]) -> list[str]:
    """``lines`` folded under ``summary`` (an HTML details block, which Markdown viewers show closed)."""
    return ["<details>", f"<summary>{summary}</summary>", "", *lines, "", "</details>", ""]


def _language_of(statement: dict, languages: dict[str, str]) -> str:
    """" *(in Russian)*" for a statement whose sources are in one language other than English; else ""."""
    found = {languages.get(c["article_id"]) or "" for c in statement["citations"]}
    code = next(iter(found)) if len(found) == 1 else ""
    return f" *(in {escape(language_name(code))})*" if code and code != "en" and language_name(code) else ""


def _questions(items: list[dict]) -> list[str]:
    return [line for q in items for line in (f"**{escape(q['question'])}**", "", cited(q["answer"]), "")]


def _media_bias(section: dict) -> list[str]:
    lines = [cited(p) + "\n" for p in section["paragraphs"]]
    for key, label in (("by_country", "Country"), ("by_language", "Language"), ("by_ownership", "Ownership"),
                       ("by_leaning", "Leaning")):
        counts = section["coverage"].get(key) or {}
        if counts:  # older briefs kept country codes as keys
            names = (country_name(k) if key == "by_country" and len(k) == 2 else k for k in counts)
            lines.append(f"- {label}: " + ", ".join(f"{escape(name)} {v}" for name, v in zip(names, counts.values())))
    return lines


def _outcomes(items: list[dict]) -> list[str]:
    return [
        f"- {escape(o['text'])} ({_speaker(o)}{o['likelihood']} probability, {o['probability']:.2f}: "
        f"{escape(o['reason'])}) {markers(o['citations'])}"
        for o in items
    ]


def _speaker(outcome: dict) -> str:
    """ "Radovan Strel; " when the brief says who makes the statement."""
    return f"{escape(outcome['speaker']['name'])}; " if outcome.get("speaker") else ""


def number(value: float) -> str:
    """34 → "34", 1200000 → "1,200,000", 4.6 → "4.6"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


_READ = {"dateline": "date read from the page's dateline", "weekday": "date read from the weekday the page names"}


def _figures(items: list[dict]) -> list[str]:
    """Each conflict with its values, a value whose day was read from an undated page marked so; those ``folded``
    past the section's cap under one closed block."""
    shown = [line for figure in items if not figure.get("folded") for line in _figure(figure)]
    folded = [line for figure in items if figure.get("folded") for line in _figure(figure)]
    return shown + (["", *_fold(f"{sum(bool(f.get('folded')) for f in items)} more conflicting figures", folded)]
                    if folded else [])


def _figure(figure: dict) -> list[str]:
    values = " vs ".join(f"{number(v['value'])} {escape(v['unit'])} {markers(v['citations'])}" for v in figure["values"])
    day = f" ({escape(figure['date'])})" if figure.get("date") else ""
    return [f"- **{escape(figure['subject'])}**{day}: {values}"] + [
        f"    - {cited(v)}" + (f" *({_READ[v['date_read']]})*" if v.get("date_read") in _READ else "")
        for v in figure["values"]]


def _source_line(s: dict) -> str:
    o = s["outlet"]
    country = country_name(o["country"]) if len(o["country"]) == 2 else o["country"]  # older briefs kept codes
    language = language_name(o.get("language")) if o.get("language") else ""  # so a reader sees which are not English
    facts = ", ".join(escape(x) for x in (country or "country not known", language, o["ownership"], o["leaning"]) if x)
    title = escape(s["title"] or s["article_id"])
    link = f"[{title}]({s['url']})" if _SAFE_URL.match(s["url"] or "") else title
    when = (s["published"] or "")[:10] or "undated"
    reprint = f" — reprint of {escape(s['reprint_of'])}" if s.get("reprint_of") else ""
    return f"- **{escape(o['name'] or '?')}**{f' ({facts})' if facts else ''} — {when} — {link}{reprint}"


_SECTIONS = (
    ("key_claims", "Key claims", _claims),
    ("perspectives", "Perspectives", _perspectives),
    ("questions", "Questions", _questions),
    ("media_bias", "Media bias", _media_bias),
    ("context", "Context", lambda items: [cited(i) + "\n" for i in items]),
    ("takeaway", "Takeaway", lambda item: [cited(item)]),
    ("outcomes", "Potential outcomes", _outcomes),
    ("conflicting_figures", "Conflicting figures", _figures),
    ("timeline", "Timeline", lambda items: [f"- {escape(date_label(e['date']))} — {_facet(e)}{cited(e)}" for e in items]),
)


def render_markdown(brief: dict) -> str:
    """The brief dict (``brief_to_dict`` output) as a Markdown page."""
    lines = [f"# {cited(brief['title'])}", ""]
    lines += [cited(s) + "\n" for s in brief["summary"]]
    sections = attach_renderings(brief.get("sections") or {})
    languages = {s["article_id"]: s["outlet"].get("language") or "" for s in brief["sources"]}
    for key, heading, render in _SECTIONS:
        if sections.get(key):
            shown = _perspectives(sections[key], languages) if key == "perspectives" else render(sections[key])
            lines += [f"## {heading}", ""] + shown + [""]
    lines += ["## Sources", ""] + [_source_line(s) for s in brief["sources"]] + [""]
    p = brief["provenance"]
    lines += ["## Provenance", "", (f"- pipeline {escape(p['pipeline_version'])} · writer {escape(p['writer'])} · "
              f"embedder {escape(p['embedder'])} · generated {escape(p['generated_at'])} · input {p['input_hash'][:16]}")]
    lines += [f"- no {escape(name.replace('_', ' '))}: {escape(why)}" for name, why in p.get("left_out", {}).items()]
    return "\n".join(lines).rstrip() + "\n"
