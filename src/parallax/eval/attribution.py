"""Score attribution extraction against PolNeAR (brat standoff annotations).

``parallax eval attribution DIR`` → one JSON line with span F1 for Source and
Content, exact and overlap (see ``evaluate_attribution``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from parallax.analyse.who.attribution import extract_attributions
from parallax.errors import InputError
from parallax.models import Article
from parallax.text.fingerprint import article_id
from parallax.text.sentences import split_sentences

ROLES = ("Source", "Content", "Cue")
_EDGE = " \n\t,.;:"
Fragments = tuple[tuple[int, int], ...]


def read_brat_spans(path: Path) -> dict[str, list[Fragments]]:
    """Spans per role from a brat ``.ann`` file; a span may have several fragments."""
    spans: dict[str, list[Fragments]] = {role: [] for role in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 2:
            continue
        role, _, offsets = fields[1].partition(" ")
        if role in spans:
            try:
                pieces = tuple(tuple(int(x) for x in part.split()) for part in offsets.split(";"))
            except ValueError as exc:
                raise InputError(str(path), f"bad offsets {offsets!r}") from exc
            spans[role].append(tuple((a, b) for a, b in pieces))
    return spans


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _bounds(text: str, span: Fragments) -> tuple[int, int]:
    start, end = span[0][0], span[-1][1]
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _counts(text: str, predicted: list[Fragments], gold: list[Fragments]) -> dict[str, int]:
    exact_gold = {_bounds(text, g) for g in gold}
    exact_pred = {_bounds(text, p) for p in predicted}
    return {
        "pred": len(predicted),
        "gold": len(gold),
        "overlap_pred_hit": sum(any(_overlaps(p, g) for g in gold) for p in predicted),
        "overlap_gold_hit": sum(any(_overlaps(g, p) for p in predicted) for g in gold),
        "exact_hit": len(exact_gold & exact_pred),
        "exact_pred": len(exact_pred),
        "exact_gold": len(exact_gold),
    }


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def polnear_article(text_path: Path) -> Article:
    """A PolNeAR text as an Article, offsets untouched so gold spans still apply."""
    text = text_path.read_text(encoding="utf-8")
    ident = article_id(f"urn:polnear:{text_path.stem}")
    return Article(ident, f"urn:polnear:{text_path.stem}", text_path.stem, text, "", None, "en", ident,
                   split_sentences(text))


def predicted_spans(article: Article, tagger: object | None = None, learned: bool = True) -> dict[str, list[Fragments]]:
    """Distinct predicted spans per role (see ``extract_attributions`` for ``tagger`` and ``learned``)."""
    found = extract_attributions(article, learned=learned, tagger=tagger)
    return {
        "Source": sorted({((a.source.start, a.source.end),) for a in found}),
        "Content": sorted({((a.content.start, a.content.end),) for a in found}),
        "Cue": sorted({((a.cue.start, a.cue.end),) for a in found}),
    }


def annotated_pairs(polnear_dir: Path, split: str) -> Iterable[tuple[Path, Path]]:
    """(text, annotation) per article of a split; the first annotator's file when there are several."""
    folder = polnear_dir / split
    if not (folder / "text").is_dir():
        raise InputError(str(folder), "no text/ folder: not a PolNeAR split")
    for text_path in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
        if annotations:
            yield text_path, annotations[0]


def _summarise(totals: dict[str, dict[str, int]], articles: int) -> dict[str, float | int | str]:
    result: dict[str, float | int | str] = {}
    for role, c in totals.items():
        key = role.lower()
        result[f"{key}_overlap_f1"] = round(_f1(_ratio(c["overlap_pred_hit"], c["pred"]),
                                                _ratio(c["overlap_gold_hit"], c["gold"])), 4)
        result[f"{key}_exact_f1"] = round(_f1(_ratio(c["exact_hit"], c["exact_pred"]),
                                              _ratio(c["exact_hit"], c["exact_gold"])), 4)
        result[f"{key}_overlap_precision"] = round(_ratio(c["overlap_pred_hit"], c["pred"]), 4)
        result[f"{key}_overlap_recall"] = round(_ratio(c["overlap_gold_hit"], c["gold"]), 4)
    result["articles"] = articles
    return result


def evaluate_attribution(polnear_dir: Path, split: str = "dev") -> dict[str, float | int | str]:
    """Span F1 of the attribution extractor (rules + shipped tagger) on one PolNeAR split.

    Spans are compared per role (Source, Content; Cue reported too), each role on
    its own. *Overlap*: a predicted span matches a gold span of the same role when
    they share at least one character; precision = matched predicted / predicted,
    recall = matched gold / gold. *Exact*: the spans' first and last characters
    agree after trimming white space and , . ; : at both ends. Gold = the first
    annotator file (sorted) of each article; discontinuous gold spans match by
    any fragment (overlap) or by their outer bounds (exact).
    """
    pairs = list(annotated_pairs(Path(polnear_dir), split))
    return {"split": split, **score_articles(pairs)}


def score_articles(
    pairs: Iterable[tuple[Path, Path]], tagger: object | None = None, learned: bool = True
) -> dict[str, float | int | str]:
    """Span figures (see ``evaluate_attribution``) over (text, annotation) file pairs."""
    totals = {role: dict.fromkeys(("pred", "gold", "overlap_pred_hit", "overlap_gold_hit",
                                   "exact_hit", "exact_pred", "exact_gold"), 0) for role in ROLES}
    articles = 0
    for text_path, ann_path in pairs:
        article = polnear_article(text_path)
        gold, predicted = read_brat_spans(ann_path), predicted_spans(article, tagger, learned)
        for role in ROLES:
            for key, value in _counts(article.text, predicted[role], gold[role]).items():
                totals[role][key] += value
        articles += 1
    return _summarise(totals, articles)
