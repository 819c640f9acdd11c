"""Article leaning: ``parallax eval leaning FILE.jsonl`` and the Article-Bias-Prediction readers.

Eval-format records (``../shared/eval/README.md``) carry ``title``, ``text``,
``outlet`` and, when known, a gold ``leaning``. Predictions use the shipped
text model with the outlet's catalog leaning as a prior.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parallax.analyse.language.leaning import LEANING_CLASSES, estimate, leaning_text, text_leaning_probabilities
from parallax.errors import InputError

ABP_LABELS = {0: "left", 1: "center", 2: "right"}


@dataclass(frozen=True)
class LeaningRecord:
    """One article to place: its text, outlet (name or URL) and gold leaning if any."""

    id: str
    title: str
    text: str
    outlet: str = ""
    leaning: str = ""
    url: str = ""


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def _record(where: str, line: str) -> LeaningRecord:
    try:
        row = json.loads(line)
        return LeaningRecord(
            str(row["id"]),
            row.get("title") or "",
            row.get("text") or "",
            row.get("outlet") or "",
            row.get("leaning") or "",
            row.get("url") or "",
        )
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(where, f"not an eval-format article record ({exc})") from exc


def read_eval_records(path: Path) -> Iterator[LeaningRecord | InputError]:
    """Records of an eval-format JSONL(.gz) file; a bad line yields its ``InputError``."""
    with _open(path) as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield _record(f"{path}:{number}", line)
                except InputError as error:
                    yield error


def outlet_leanings(records: Sequence[LeaningRecord]) -> list[str]:
    """Each record's outlet leaning from the outlet catalog ("" when unknown)."""
    from parallax.ingest.outlets import load_catalog

    catalog = load_catalog()
    found = [catalog.resolve(r.outlet) or (catalog.resolve(r.url) if r.url else None) for r in records]
    return [outlet.leaning if outlet else "" for outlet in found]


def predict_records(records: Sequence[LeaningRecord], use_outlets: bool = True) -> tuple[np.ndarray, list[str]]:
    """Final probabilities (``LEANING_CLASSES`` columns) and the outlet priors used."""
    proba = text_leaning_probabilities([leaning_text(r.title, r.text) for r in records])
    priors = outlet_leanings(records) if use_outlets else [""] * len(records)
    final = np.array([estimate(row, prior).probabilities for row, prior in zip(proba, priors)])
    return final.reshape(len(records), len(LEANING_CLASSES)), priors


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-F1 over the three leaning classes."""
    from sklearn.metrics import f1_score

    return float(f1_score(list(gold), list(predicted), labels=list(LEANING_CLASSES), average="macro", zero_division=0))


def evaluate_leaning(path: Path, predictions: Path | None = None) -> dict:
    """Predict every record's leaning; macro-F1 against its ``leaning`` field where present."""
    records, failures = [], []
    for item in read_eval_records(Path(path)):
        (failures if isinstance(item, InputError) else records).append(item)
    for failure in failures:
        print(f"skipped {failure}", file=sys.stderr)
    proba, priors = predict_records(records)
    predicted = [LEANING_CLASSES[int(i)] for i in proba.argmax(axis=1)] if records else []
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8") as out:
            out.writelines(
                json.dumps({"id": record.id, "leaning": leaning}) + "\n" for record, leaning in zip(records, predicted)
            )
    gold = [(r.leaning, p) for r, p in zip(records, predicted) if r.leaning in LEANING_CLASSES]
    result = {
        "articles": len(records),
        "failures": len(failures),
        "with_gold": len(gold),
        "outlet_prior_coverage": round(sum(bool(p) for p in priors) / max(1, len(priors)), 4),
    }
    if gold:
        result["leaning_macro_f1"] = round(macro_f1([g for g, _ in gold], [p for _, p in gold]), 4)
        result["leaning_accuracy"] = round(sum(g == p for g, p in gold) / len(gold), 4)
    return result


def _abp_dir(shared: Path) -> Path:
    return Path(shared) / "datasets" / "article_bias_prediction"


def read_abp_split(shared: Path, split: str, scheme: str = "media") -> dict[str, str]:
    """Article id -> leaning for an official split (``train`` / ``valid``)."""
    lines = (_abp_dir(shared) / "splits" / scheme / f"{split}.tsv").read_text(encoding="utf-8").splitlines()
    return {row.split("\t")[0]: ABP_LABELS[int(row.split("\t")[1])] for row in lines[1:] if row.strip()}


def read_abp_articles(shared: Path, wanted: dict[str, str], files: Sequence[str]) -> list[LeaningRecord]:
    """Full-text ABP articles whose id is in ``wanted`` (outlet = source name, url = its domain)."""
    records = []
    for name in files:
        with gzip.open(_abp_dir(shared) / name, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if row["ID"] in wanted:
                    records.append(
                        LeaningRecord(
                            row["ID"],
                            row.get("title") or "",
                            row.get("content_original") or "",
                            row.get("source") or "",
                            wanted[row["ID"]],
                            row.get("source_url") or "",
                        )
                    )
    return records


def read_abp_meta(shared: Path) -> list[dict]:
    """Metadata of every non-test ABP article (``ID``, ``source``, ``source_url``, ``bias``, ...)."""
    with gzip.open(_abp_dir(shared) / "articles_meta_nontest.jsonl.gz", "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_mbfc_bias(shared: Path) -> dict[str, str]:
    """Domain -> MBFC 3-point bias (acl2020 corpus) of ``news_media_reliability``."""
    path = Path(shared) / "datasets" / "news_media_reliability" / "acl2020_corpus.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    key, bias = header.index("source_url_normalized"), header.index("bias")
    return {r.split("\t")[key].lower(): r.split("\t")[bias] for r in rows[1:] if r.strip()}


def _domain(url: str) -> str:
    host = url.lower().split("//")[-1].split("/")[0]
    return host.removeprefix("www.")


def outlet_agreement(records: Sequence[LeaningRecord], proba: np.ndarray, labels: dict[str, str]) -> tuple[float, int]:
    """Share of outlets (by domain, with an MBFC label) whose pooled predicted leaning matches it."""
    by_domain: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        by_domain.setdefault(_domain(record.url), []).append(i)
    covered = [d for d in by_domain if d in labels]
    hits = [LEANING_CLASSES[int(proba[by_domain[d]].mean(axis=0).argmax())] == labels[d] for d in covered]
    return (float(np.mean(hits)) if hits else 0.0), len(covered)


def unseen_abp_articles(shared: Path) -> list[LeaningRecord]:
    """Every full-text ABP article outside the media-based train split (none trained on)."""
    train = read_abp_split(shared, "train")
    gold = {**read_abp_split(shared, "valid", "random"), **read_abp_split(shared, "valid")}
    return read_abp_articles(
        shared, {i: g for i, g in gold.items() if i not in train}, ["articles_valid_fulltext.jsonl.gz"]
    )


def outlet_metrics(shared: Path) -> dict:
    """Outlet agreement with MBFC, pooling article predictions over all unseen ABP articles."""
    records = unseen_abp_articles(shared)
    mbfc = read_mbfc_bias(shared)
    agreement, n_outlets = outlet_agreement(records, predict_records(records)[0], mbfc)
    text_agreement, _ = outlet_agreement(records, predict_records(records, use_outlets=False)[0], mbfc)
    return {
        "outlet_leaning_agreement": round(agreement, 4),
        "outlet_leaning_agreement_text_only": round(text_agreement, 4),
        "outlet_leaning_outlets": n_outlets,
        "outlet_leaning_articles": len(records),
    }


def leaning_metrics(shared: Path) -> dict:
    """Shipped leaning model on the media-based valid split, plus outlet agreement with MBFC."""
    records = read_abp_articles(shared, read_abp_split(shared, "valid"), ["articles_valid_fulltext.jsonl.gz"])
    gold = [r.leaning for r in records]
    text_proba, _ = predict_records(records, use_outlets=False)
    proba, priors = predict_records(records)
    pick = lambda p: [LEANING_CLASSES[int(i)] for i in p.argmax(axis=1)]
    return {
        "leaning_macro_f1": round(macro_f1(gold, pick(proba)), 4),
        "leaning_text_only_macro_f1": round(macro_f1(gold, pick(text_proba)), 4),
        "leaning_valid_articles": len(records),
        "leaning_outlet_prior_coverage": round(sum(bool(p) for p in priors) / max(1, len(priors)), 4),
        **outlet_metrics(shared),
    }
