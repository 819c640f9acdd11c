"""The brief as JSON (schema ``parallax.brief/1``) and back; Markdown lives in ``markdown``."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from parallax.errors import InputError
from parallax.ingest.outlets.describe import country_label, why_not_known
from parallax.models import Brief, Citation, CitedSentence, Outlet, OutletFact, Provenance, Source
from parallax.write.markdown import render_markdown

SCHEMA_ID = "parallax.brief/1"
SCHEMA_PATH = Path(__file__).with_name("brief.schema.json")

__all__ = ["SCHEMA_ID", "brief_from_dict", "brief_schema", "brief_to_dict", "render_markdown", "validate_brief_dict"]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(value: Any) -> Any:
    """Section data as JSON values: cited sentences and citations become dicts."""
    if isinstance(value, CitedSentence):
        return cited_to_dict(value)
    if isinstance(value, Citation):
        return asdict(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def cited_to_dict(sentence: CitedSentence) -> dict:
    return {"text": sentence.text, "citations": [asdict(c) for c in sentence.citations]}


def _source_to_dict(source: Source) -> dict:
    outlet = {k: getattr(source.outlet, k) for k in ("name", "domain", "language", "ownership", "leaning", "family")}
    outlet |= {"country": country_label(source.outlet.country), "country_code": source.outlet.country}
    if why := why_not_known(source.outlet, "country"):
        outlet["country_not_known_because"] = why
    return {"article_id": source.article_id, "title": source.title, "url": source.url,
            "published": _iso(source.published), "reprint_of": source.reprint_of, "outlet": outlet}


def brief_to_dict(brief: Brief) -> dict:
    """The brief in the ``parallax.brief/1`` JSON shape."""
    p = brief.provenance
    return {
        "schema": SCHEMA_ID,
        "story_id": brief.story_id,
        "story_version": brief.story_version,
        "title": cited_to_dict(brief.title),
        "summary": [cited_to_dict(s) for s in brief.summary],
        "sections": _plain(brief.sections),
        "sources": [_source_to_dict(s) for s in brief.sources],
        "provenance": _provenance_to_dict(p),
    }


def _provenance_to_dict(p: Provenance) -> dict:
    body = {"pipeline_version": p.pipeline_version, "writer": p.writer, "embedder": p.embedder,
            "generated_at": p.generated_at.isoformat(), "input_hash": p.input_hash}
    if p.sections:  # which writer and prompt produced each section, when they differ by section
        body["sections"] = {name: _section_label(label) for name, label in p.sections}
    if p.left_out:
        body["left_out"] = dict(p.left_out)
    if p.model:  # the model that wrote sections, and its settings
        body["model"] = dict(p.model)
    return body


def _section_label(label: str) -> dict:
    """'llm/1@brief-v1' -> {"writer": "llm/1", "prompt": "brief-v1"}; a label without '@' has no prompt."""
    writer, _, prompt = label.partition("@")
    return {"writer": writer, "prompt": prompt} if prompt else {"writer": writer}


def _section_labels(body: dict) -> tuple[tuple[str, str], ...]:
    return tuple((name, "@".join(filter(None, (v["writer"], v.get("prompt", ""))))) for name, v in body.items())


def _citation(d: dict) -> Citation:
    return Citation(d["article_id"], d["outlet"], d["sentence_index"], d["start"], d["end"])


def cited_from_dict(d: dict) -> CitedSentence:
    return CitedSentence(d["text"], tuple(_citation(c) for c in d["citations"]))


def _typed(value: Any) -> Any:
    """Inverse of ``_plain``: {text, citations} becomes CitedSentence, citation lists become Citations."""
    if isinstance(value, dict):
        if set(value) == {"text", "citations"}:
            return cited_from_dict(value)
        return {k: tuple(_citation(c) for c in v) if k == "citations" else _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _outlet(d: dict) -> Outlet:
    """An outlet from a brief's source; briefs written before country names kept the code in 'country'."""
    code = d.get("country_code", d.get("country", "") if len(d.get("country", "")) == 2 else "")
    keys = ("name", "domain", "language", "ownership", "leaning", "family")
    why = d.get("country_not_known_because")
    facts = (OutletFact("country", "", 0.0, why),) if why and not code else ()
    return Outlet(**{k: d.get(k, "") for k in keys}, country=code, provenance=facts)


def brief_from_dict(d: dict) -> Brief:
    """A ``Brief`` from its JSON dict (validated first)."""
    validate_brief_dict(d)
    p = d["provenance"]
    sources = tuple(
        Source(s["article_id"], s["title"], s["url"], _outlet(s["outlet"]), _when(s["published"]), s["reprint_of"])
        for s in d["sources"]
    )
    return Brief(
        story_id=d["story_id"],
        story_version=d["story_version"],
        title=cited_from_dict(d["title"]),
        summary=tuple(cited_from_dict(s) for s in d["summary"]),
        sources=sources,
        provenance=Provenance(p["pipeline_version"], p["writer"], p["embedder"],
                              datetime.fromisoformat(p["generated_at"]), p["input_hash"],
                              _section_labels(p.get("sections", {})), left_out=tuple(p.get("left_out", {}).items()),
                              model=tuple(p.get("model", {}).items())),
        sections=_typed(d.get("sections", {})),
    )


@lru_cache(maxsize=1)
def brief_schema() -> dict:
    """The published JSON Schema (draft 2020-12) of a brief."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_brief_dict(d: dict) -> None:
    """``InputError`` naming the first place where ``d`` breaks the brief schema."""
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(brief_schema()).iter_errors(d), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
        raise InputError(f"brief {d.get('story_id', '?') if isinstance(d, dict) else '?'}",
                         f"{where}: {errors[0].message}")
