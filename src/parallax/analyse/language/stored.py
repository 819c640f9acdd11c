"""Language scores as the JSON body stored per article (kind ``language``), and back."""

from __future__ import annotations

from parallax.analyse.language.scoring import LanguageScores, Score

LANGUAGE_KIND = "language"  # the article_blobs kind the scores are stored under


def scores_to_body(scores: LanguageScores) -> dict:
    """A JSON-ready body: every dimension's value and evidence, and per-sentence values."""
    return {
        "version": scores.version,
        "scores": {d: {"value": s.value, "evidence": [list(e) for e in s.evidence]} for d, s in scores.scores.items()},
        "sentences": list(scores.sentences),
    }


def scores_from_body(article_id: str, body: dict) -> LanguageScores:
    """The LanguageScores a stored body describes."""
    scores = {d: Score(v["value"], tuple((int(i), str(p)) for i, p in v["evidence"])) for d, v in body["scores"].items()}
    return LanguageScores(article_id, scores, tuple(body.get("sentences", ())), body.get("version", ""))


def score_values(body: dict) -> dict[str, float]:
    """Just the per-dimension values of a stored body."""
    return {d: v["value"] for d, v in body["scores"].items()}
