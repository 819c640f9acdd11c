"""The ledger's records: a forecast (a checkable proposition with a probability) and a proposed resolution."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

OPEN = "open"
OUTCOMES = ("yes", "no", "void")
STATUSES = (OPEN, *OUTCOMES)
PROPOSAL_STATUSES = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class Forecast:
    """One potential outcome of a story, kept until it is resolved and scored.

    ``made_at`` is when the statement was published (the forecast's date), ``resolve_by``
    its horizon and ``horizon`` the words it came from. ``base_probability`` is the outcome
    model's own figure; ``probability`` is what the ledger states (recalibrated when the
    resolved record allows it; ``model`` says which).
    """

    id: str
    story_id: str
    story_version: int
    text: str
    proposition: str
    criteria: str
    made_at: datetime
    resolve_by: datetime
    horizon: str
    probability: float
    base_probability: float
    model: str
    reason: str
    citations: tuple[dict, ...]
    topic: str = "other"
    source_kind: str = "unattributed"
    ownership: str = ""
    outlets: tuple[str, ...] = ()
    status: str = OPEN
    resolved_at: datetime | None = None
    note: str = ""
    evidence: tuple[dict, ...] = ()
    updated_at: datetime | None = None

    @property
    def outcome(self) -> int | None:
        """1 for yes, 0 for no, None while open or when voided (not scored)."""
        return {"yes": 1, "no": 0}.get(self.status)

    @property
    def resolved(self) -> bool:
        return self.status != OPEN


@dataclass(frozen=True)
class Proposal:
    """Later coverage that seems to settle a forecast, waiting for a person to confirm it."""

    forecast_id: str
    article_id: str
    verdict: str  # yes | no
    confidence: float  # 0..1: how clearly the matching sentences confirm or refute
    evidence: tuple[dict, ...]  # citations of the sentences that settle it
    reason: str
    status: str = "pending"  # pending | accepted | rejected
    created_at: datetime | None = None


def _times(body: dict, keys: tuple[str, ...]) -> dict:
    return {**body, **{k: body[k].isoformat() if body[k] else None for k in keys}}


def forecast_to_dict(f: Forecast) -> dict:
    """A forecast as JSON-ready values (times as ISO strings)."""
    return _times(asdict(f), ("made_at", "resolve_by", "resolved_at", "updated_at"))


def proposal_to_dict(p: Proposal) -> dict:
    """A proposed resolution as JSON-ready values."""
    return _times(asdict(p), ("created_at",))
