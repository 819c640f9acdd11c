"""Experiment (not shipped): a learned sentence scorer for the summary, fitted on NeuS *train*.

    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 .venv/bin/python bench/summary_scorer.py features --part 0/2   # and 1/2
    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 .venv/bin/python bench/summary_scorer.py features --split val
    OMP_NUM_THREADS=1 .venv/bin/python bench/summary_scorer.py cv    # 5-fold CV by story on train, selection grid
    OMP_NUM_THREADS=1 .venv/bin/python bench/summary_scorer.py val   # neus_val, once, with the train-chosen setting

Result (BENCHMARKS.md, "Brief summaries"): +0.1 ROUGE-1 in train CV over the hand-set rules, within
noise, with a higher loaded-word rate, so the writer keeps ``fact_score``.

``features`` embeds every story once (MiniLM) and stores, per summary candidate, the
scorer's features, its stemmed tokens and the pairwise cosines (pickled under the cache
folder, outside the repository). Train stories whose roundup title or any article title
also appears in ``eval/summaries/neus_val.jsonl`` or ``allsides_2021.jsonl`` are dropped.
The target is a sentence's ROUGE precision against the roundup (mean of unigram and
bigram precision): with a word budget, the summary that keeps the most reference n-grams
per word scores best. The selection settings (budget, redundancy) are chosen by ROUGE-1
of the CV predictions on train.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer as _rouge

from parallax.eval.summary import read_stories, sentence_vectors, story_material
from parallax.write.pool import sentence_pool
from parallax.write.sections.summary import SummaryRules, candidates, pick_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_features import FEATURES, sentence_features

SEED = 0
FOLDS = 5


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def held_out_titles(shared: Path) -> set[str]:
    """Roundup and article titles of the evaluation sets: train stories sharing one are dropped."""
    titles: set[str] = set()
    for name in ("neus_val", "allsides_2021"):
        for row in read_stories(shared / "eval" / "summaries" / f"{name}.jsonl"):
            titles.add(_norm(row.get("reference_title")))
            titles.update(_norm(a.get("title")) for a in row.get("articles") or [])
    titles.discard("")
    return titles


def train_rows(shared: Path) -> list[dict]:
    """NeuS train stories in the summary-set format, minus those that overlap the evaluation sets."""
    held = held_out_titles(shared)
    path = shared / "datasets" / "allsides_neus" / "neus_train_stories.jsonl"
    rows = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        s = json.loads(line)
        if _norm(s["roundup_title"]) in held or any(_norm(a["title"]) in held for a in s["articles"]):
            continue
        rows.append({"story": s["story_id"], "reference": s["roundup_text"],
                     "articles": [{"id": f"{s['story_id']}-{k}", "title": a["title"], "text": a["lead"]}
                                  for k, a in enumerate(s["articles"])]})
    return rows


def tokenizer():
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=True)


def story_record(row: dict, vectors, embedder: str, tok) -> dict | None:
    """What the CV needs of one story: candidates' features, tokens, cosines, the current rules' pick."""
    pool = sentence_pool(story_material(row, vectors, embedder))
    if len(pool.refs) < 3:
        return None
    ids = candidates(pool, SummaryRules())
    return {
        "story": row["story"],
        "ids": ids,
        "features": sentence_features(pool, ids),
        "tokens": [tok.tokenize(pool.refs[i].text) for i in ids],
        "texts": [pool.refs[i].text for i in ids],
        "sim": pool.sim[np.ix_(ids, ids)],
        "same_fact": pool.same_fact,
        "reference": tok.tokenize(row["reference"]),
        "current": pick_sentences(pool, SummaryRules()),
    }


def build_cache(rows: list[dict], out: Path) -> None:
    vectors, embedder = sentence_vectors("minilm")
    tok = tokenizer()
    records, started = [], time.time()
    for n, row in enumerate(rows, 1):
        record = story_record(row, vectors, embedder, tok)
        if record is not None:
            records.append(record)
        if n % 100 == 0:
            print(f"{out.name}: {n}/{len(rows)} ({time.time() - started:.0f}s)", file=sys.stderr)
    with out.open("wb") as handle:
        pickle.dump(records, handle)


# ---- ROUGE on cached token lists: rouge-score's own n-gram and LCS scoring, as eval.summary uses it

def rouge(pred: list[str], ref: list[str]) -> tuple[float, float, float]:
    scores = [_rouge._score_ngrams(_rouge._create_ngrams(ref, n), _rouge._create_ngrams(pred, n)) for n in (1, 2)]
    scores.append(_rouge._score_lcs(ref, pred))
    return tuple(100 * score.fmeasure for score in scores)


def precision(tokens: list[str], ref: list[str]) -> float:
    """Mean of unigram and bigram precision of one sentence against the roundup."""
    return float(np.mean([_rouge._score_ngrams(_rouge._create_ngrams(ref, n), _rouge._create_ngrams(tokens, n)).precision
                          for n in (1, 2)]))


# ---- the selection the writer runs, on cached stories

@dataclasses.dataclass(frozen=True)
class Selection:
    budget: int = 60  # stop adding once the summary holds this many words (3 to 5 sentences)
    redundancy: float = 0.0  # score penalty per unit of cosine to the closest chosen sentence
    loaded_weight: float = 0.05  # penalty per unit of loadedness (loaded words per 10 of the outlet's own words)


def select(scores: np.ndarray, record: dict, sel: Selection) -> list[int]:
    """Greedy pick over candidate positions: best score minus redundancy, no same-fact repeats, until the budget."""
    words = [len(t.split()) for t in record["texts"]]
    scores = scores - sel.loaded_weight * record["features"][:, FEATURES.index("loaded")]
    left = list(range(len(scores)))
    chosen: list[int] = []
    while left and not (len(chosen) >= 5 or (len(chosen) >= 3 and sum(words[k] for k in chosen) >= sel.budget)):
        def value(k: int) -> float:
            overlap = max((record["sim"][k, j] for j in chosen), default=0.0)
            return scores[k] - sel.redundancy * overlap
        best = max(left, key=value)
        chosen.append(best)
        left = [k for k in left if k != best and record["sim"][k, best] < record["same_fact"]]
    return chosen


def summary_rouge(records: list[dict], picks: list[list[int]]) -> tuple[float, float, float, float]:
    rows = [rouge([t for k in pick for t in rec["tokens"][k]], rec["reference"]) for rec, pick in zip(records, picks)]
    words = float(np.mean([sum(len(rec["texts"][k].split()) for k in pick) for rec, pick in zip(records, picks)]))
    r1, r2, rl = np.mean(rows, axis=0)
    return round(float(r1), 2), round(float(r2), 2), round(float(rl), 2), round(words, 1)


def loaded_rate(records: list[dict], picks: list[list[int]]) -> float:
    from parallax.write.wording import loadedness

    return round(float(np.mean([loadedness(" ".join(rec["texts"][k] for k in pick))
                                for rec, pick in zip(records, picks)])), 3)


def targets(records: list[dict]) -> np.ndarray:
    return np.concatenate([[precision(t, rec["reference"]) for t in rec["tokens"]] for rec in records])


def stack(records: list[dict]) -> np.ndarray:
    return np.concatenate([rec["features"] for rec in records])


def model_factory(kind: str):
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if kind == "ridge":
        return lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    return lambda: HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                                 min_samples_leaf=40, l2_regularization=1.0, random_state=SEED)


def oof_scores(records: list[dict], kind: str) -> list[np.ndarray]:
    """Out-of-fold predicted scores per story (5 folds by story, seeded)."""
    order = list(range(len(records)))
    random.Random(SEED).shuffle(order)
    fold = {k: n % FOLDS for n, k in enumerate(order)}
    y = targets(records)
    x = stack(records)
    owner = np.concatenate([[k] * len(rec["ids"]) for k, rec in enumerate(records)])
    pred = np.zeros(len(y))
    make = model_factory(kind)
    for f in range(FOLDS):
        test = np.array([fold[k] == f for k in owner])
        model = make().fit(x[~test], y[~test])
        pred[test] = model.predict(x[test])
    return [pred[owner == k] for k in range(len(records))]


def load(cache: Path, name: str) -> list[dict]:
    """The cached stories of ``name`` (train: every shard, in story order)."""
    records: list[dict] = []
    for path in sorted(cache.glob(f"{name}.pkl")) + sorted(cache.glob(f"{name}_*.pkl")):
        with path.open("rb") as handle:
            records.extend(pickle.load(handle))
    return sorted(records, key=lambda rec: rec["story"])


def run_cv(cache: Path, kinds: list[str]) -> None:
    records = load(cache, "train")
    current = [[rec["ids"].index(i) for i in rec["current"] if i in rec["ids"]] for rec in records]
    print(json.dumps({"stories": len(records), "current_rules": summary_rouge(records, current),
                      "loaded": loaded_rate(records, current)}))
    for kind in kinds:
        scores = oof_scores(records, kind)
        for budget in (40, 50, 60):
            for redundancy in (0.0, 0.1):
                for loaded in (0.02, 0.05, 0.1):
                    sel = Selection(budget=budget, redundancy=redundancy, loaded_weight=loaded)
                    picks = [select(s, rec, sel) for s, rec in zip(scores, records)]
                    print(json.dumps({"model": kind, **dataclasses.asdict(sel), "rouge": summary_rouge(records, picks),
                                      "loaded": loaded_rate(records, picks)}))
                    sys.stdout.flush()


def report_val(cache: Path, sel: Selection) -> None:
    """Fit on all train stories, report neus_val once with the train-chosen selection (never used to choose)."""
    records, val = load(cache, "train"), load(cache, "val")
    model = model_factory("hgb")().fit(stack(records), targets(records))
    current = [[rec["ids"].index(i) for i in rec["current"] if i in rec["ids"]] for rec in val]
    picks = [select(model.predict(rec["features"]), rec, sel) for rec in val]
    print(json.dumps({"val_current_rules": summary_rouge(val, current), "loaded": loaded_rate(val, current)}))
    print(json.dumps({"val_learned": summary_rouge(val, picks), "loaded": loaded_rate(val, picks),
                      **dataclasses.asdict(sel)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["features", "cv", "val"])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/summary_cache"))
    parser.add_argument("--part", default="0/1", help="features: shard k/n of the train stories")
    parser.add_argument("--models", default="ridge,hgb")
    parser.add_argument("--split", choices=["train", "val"], default="train", help="features: val only for reporting")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.step == "features":
        k, n = (int(v) for v in args.part.split("/"))
        if args.split == "val":
            build_cache(list(read_stories(args.shared / "eval" / "summaries" / "neus_val.jsonl")), args.cache / "val.pkl")
            return
        rows = train_rows(args.shared)
        print(f"{len(rows)} train stories after dropping overlaps", file=sys.stderr)
        build_cache(rows[k::n], args.cache / f"train_{k}.pkl")
    elif args.step == "cv":
        run_cv(args.cache, args.models.split(","))
    else:
        report_val(args.cache, Selection(budget=50, redundancy=0.1, loaded_weight=0.1))


if __name__ == "__main__":
    main()
