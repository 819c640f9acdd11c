"""The forecast ledger: every potential outcome of a brief becomes a forecast; people resolve them.

``record_forecasts`` is idempotent: one forecast per (story, outcome text), refreshed when the
brief's version changes while it is open, frozen once resolved (a resolved forecast is scored
on the probability it had when the outcome was not yet known).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from parallax.errors import InputError
from parallax.forecast.model import Calibration, estimate, fit_calibration, source_kind
from parallax.forecast.propositions import (
    criteria,
    horizon,
    is_forecast,
    proposition,
    split_attribution,
    topic_of,
)
from parallax.forecast.records import OUTCOMES, Forecast, Proposal

if TYPE_CHECKING:
    from parallax.models import Story
    from parallax.store.base import Store


UNCALIBRATED = Calibration()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def forecast_id(story_id: str, text: str) -> str:
    """Stable id of the forecast a story's outcome sentence makes."""
    normal = re.sub(r"\s+", " ", text.strip().lower())
    return "f-" + hashlib.sha256(f"{story_id}\x00{normal}".encode()).hexdigest()[:14]


def forecasts_from_brief(brief: dict, calibration: Calibration = UNCALIBRATED,
                         now: datetime | None = None) -> list[Forecast]:
    """The forecasts a brief's potential outcomes make (pure: nothing is read or written)."""
    sources = {s["article_id"]: s for s in brief.get("sources", [])}
    kinds = _perspective_kinds(brief)
    topic = topic_of([brief.get("title", {}).get("text", "")] + [s["text"] for s in brief.get("summary", [])])
    found: dict[str, Forecast] = {}
    for outcome in brief.get("sections", {}).get("outcomes", []):
        if outcome.get("citations") and is_forecast(outcome["text"]):
            f = _forecast(brief, outcome, sources, kinds, topic, calibration, now or _now())
            found.setdefault(f.id, f)
    return list(found.values())


def _forecast(brief: dict, outcome: dict, sources: dict, kinds: dict, topic: str, calibration: Calibration,
              now: datetime) -> Forecast:
    text, citations = outcome["text"], tuple(dict(c) for c in outcome["citations"])
    cited = [sources[c["article_id"]] for c in citations if c["article_id"] in sources]
    independent = sorted({s["outlet"]["name"] for s in cited if not s.get("reprint_of")})
    made = min((datetime.fromisoformat(s["published"]) for s in cited if s.get("published")), default=now)
    first = citations[0]
    speaker = outcome.get("speaker") or {}
    known = speaker.get("kind") or kinds.get((first["article_id"], first["sentence_index"]), "")
    model = estimate(text, max(1, len(independent)), known, speaker.get("name", ""))
    resolve_by, words = horizon(text, made)
    return Forecast(
        id=forecast_id(brief["story_id"], text), story_id=brief["story_id"], story_version=brief["story_version"],
        text=text, proposition=proposition(text), criteria=criteria(text, resolve_by, words), made_at=made,
        resolve_by=resolve_by, horizon=words, probability=round(calibration.apply(model.probability), 3),
        base_probability=model.probability, model=calibration.label, reason=model.reason, citations=citations,
        topic=topic, source_kind=source_kind(split_attribution(text)[0], known, speaker.get("name", "")),
        ownership=cited[0]["outlet"].get("ownership", "") if cited else "",
        outlets=tuple(independent or sorted({s["outlet"]["name"] for s in cited})), updated_at=now)


def _perspective_kinds(brief: dict) -> dict[tuple[str, int], str]:
    """(article id, sentence index) -> stakeholder kind, for sentences the perspectives section attributes."""
    kinds: dict[tuple[str, int], str] = {}
    for group in brief.get("sections", {}).get("perspectives", []):
        for statement in group.get("statements", []):
            for c in statement.get("citations", []):
                kinds[(c["article_id"], c["sentence_index"])] = group.get("kind", "other")
    return kinds


def refreshed(old: Forecast | None, fresh: Forecast) -> Forecast | None:
    """What to store for ``fresh`` given the stored ``old``: None when nothing changes."""
    if old is None:
        return fresh
    if old.resolved or old.story_version == fresh.story_version:
        return None
    return replace(fresh, made_at=old.made_at)  # the forecast dates from when it was first made


def current_calibration(store: Store) -> Calibration:
    """The recalibration the resolved record supports (identity while it is too small)."""
    resolved = [f for f in store.forecasts() if f.outcome is not None]
    return fit_calibration([(f.base_probability, f.outcome) for f in resolved])


def record_forecasts(store: Store, story: Story | str, brief: dict) -> int:
    """Save the forecasts of a story's brief; returns how many were created or updated."""
    story_id = story if isinstance(story, str) else story.id
    if brief.get("story_id") != story_id:
        raise InputError(story_id, f"the brief is for story {brief.get('story_id')!r}")
    if not brief.get("sections", {}).get("outcomes"):
        return 0  # no outcome to forecast (a lead or queued page, most briefs): nothing read, nothing written
    existing = {f.id: f for f in store.forecasts(story_id=story_id)}
    changed = [f for f in (refreshed(existing.get(new.id), new)
                           for new in forecasts_from_brief(brief, current_calibration(store))) if f]
    store.save_forecasts(changed)
    return len(changed)


def resolve(store: Store, forecast_ref: str, outcome: str, note: str = "", evidence: Iterable[dict] = (),
            at: datetime | None = None) -> Forecast:
    """Resolve a forecast yes, no or void (by id or unique id prefix); pending proposals are settled with it."""
    if outcome not in OUTCOMES:
        raise InputError(forecast_ref, f"unknown outcome {outcome!r}; valid: {', '.join(OUTCOMES)}")
    forecast = find_forecast(store, forecast_ref)
    proposals = store.proposals(forecast_id=forecast.id)
    kept = tuple(evidence) or tuple(c for p in proposals if p.verdict == outcome for c in p.evidence)
    done = replace(forecast, status=outcome, resolved_at=at or _now(), note=note, evidence=kept,
                   updated_at=_now())
    store.save_forecasts([done])
    store.save_proposals([replace(p, status="accepted" if p.verdict == outcome else "rejected")
                          for p in proposals if p.status == "pending"])
    return done


def reopen(store: Store, forecast_ref: str) -> Forecast:
    """Undo a resolution (a mistaken confirmation): the forecast is open again."""
    forecast = find_forecast(store, forecast_ref)
    opened = replace(forecast, status="open", resolved_at=None, note="", evidence=(), updated_at=_now())
    store.save_forecasts([opened])
    return opened


def find_forecast(store: Store, ref: str) -> Forecast:
    """A forecast by its id or an unambiguous prefix of it."""
    found = store.forecast(ref)
    if found is not None:
        return found
    matches = [f for f in store.forecasts() if f.id.startswith(ref)] if len(ref) >= 4 else []
    if len(matches) != 1:
        raise InputError(ref, "no such forecast" if not matches else f"ambiguous: {len(matches)} forecasts match")
    return matches[0]


def accept(store: Store, proposal: Proposal, note: str = "") -> Forecast:
    """Confirm a proposed resolution: the forecast resolves as proposed, with its evidence."""
    return resolve(store, proposal.forecast_id, proposal.verdict, note or proposal.reason, proposal.evidence)
