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
import math
import pickle
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from parallax.eval.summary import read_stories, sentence_vectors, story_material
from parallax.write.pool import SentencePool, embed_texts, sentence_pool
from parallax.write.sections.summary import SummaryRules, candidates, pick_sentences
from parallax.write.wording import headline_penalty, loadedness, own_words, stands_alone

_CAPITAL = re.compile(r"\b[A-Z][a-z]+")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_REPORTED = re.compile(r"\b(said|says|told|according to|stated|added)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(I|we|our|us|my|me)\b")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b")

FEATURES = (
    "index", "lead", "position", "relative_position", "words", "log_words", "support", "spread",
    "centrality", "headline", "own_title", "centroid", "centroid_rank", "centrality_rank", "loaded",
    "opinion", "numbers", "capitals", "quoted", "reported", "first_person", "weekday", "stands_alone",
    "sentences", "articles", "article_centroid", "article_rank", "central_lead", "title_loaded",
    "article_words", "article_sentences", "centrality_gap", "headline_gap", "own_title_gap", "centroid_gap",
    "lexical_support", "lexical_any", "title_words", "lexical_gap",
)
_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "them", "we", "our", "you", "your", "i", "not", "no", "after", "before", "over", "about", "into", "than", "then", "will", "would", "could", "should", "can", "may", "might", "also", "who", "whom", "which", "what", "when", "where", "while", "said", "says"]
)


def content_words(text: str) -> set[str]:
    """Lower-case content words, crudely stemmed (trailing s dropped), stop words out."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _TOKEN.findall(text.lower()) if w not in _STOP}


def sentence_features(pool: SentencePool, ids: list[int]) -> np.ndarray:
    """One row of ``FEATURES`` per sentence position in ``ids``."""
    if not ids:
        return np.zeros((0, len(FEATURES)))
    refs = pool.refs
    articles = pool.material.articles
    per_article = {a.id: max(1, len(a.sentences)) for a in articles}
    titles = [a.title for a in articles]
    title_vectors = embed_texts(pool.material, titles) if any(t.strip() for t in titles) else None
    title_of = {a.id: k for k, a in enumerate(articles)}
    originals = [j for j, r in enumerate(refs) if not r.reprint] or list(range(len(refs)))
    centre = pool.vectors[originals].mean(axis=0)
    centroid = pool.vectors @ (centre / (np.linalg.norm(centre) or 1.0))
    centrality = np.array([pool.centrality(j) for j in range(len(refs))])
    sources = max(1, len(pool.sources) - 1)
    members: dict[str, list[int]] = {}
    for j, r in enumerate(refs):
        members.setdefault(r.article.id, []).append(j)
    article_centroid = {a: float(np.mean(centroid[js])) for a, js in members.items()}
    ranked = sorted(article_centroid, key=lambda a: -article_centroid[a])
    article_rank = {a: k / max(1, len(ranked) - 1) for k, a in enumerate(ranked)}
    headline = np.asarray(pool.headline_affinity, dtype=np.float64)
    own_titles = np.array([float(pool.vectors[j] @ title_vectors[title_of[r.article.id]])
                           if title_vectors is not None and r.article.id in title_of else 0.0
                           for j, r in enumerate(refs)])
    best = {name: float(values[ids].max()) for name, values in
            (("centrality", centrality), ("headline", headline), ("own_title", own_titles), ("centroid", centroid))}
    words_of = {a.id: content_words(f"{a.title} {a.text}") for a in articles}
    title_words = set().union(*(content_words(a.title) for a in articles)) if articles else set()
    lexical = {i: _lexical(content_words(refs[i].text), refs[i].article.id, words_of) for i in ids}
    top_lexical = max(v[0] for v in lexical.values())
    rows = []
    for i in ids:
        r = refs[i]
        text = r.text
        words = max(1, r.words)
        own = own_words(text)
        quoted = sum(len(q) for q in _QUOTED.findall(text)) / max(1, len(text))
        own_title = float(own_titles[i])
        article = r.article.id
        rows.append([
            r.index, float(r.index == 0), 1.0 / math.sqrt(1 + r.index), r.index / per_article.get(r.article.id, 1),
            words, math.log(words), (len(pool.supporters(i)) - 1) / sources, pool.spread(i),
            centrality[i], float(pool.headline_affinity[i]), own_title, float(centroid[i]),
            _rank(centroid, i, ids), _rank(centrality, i, ids), loadedness(own_words(text)),
            float(pool.opinion[i]), len(r.numbers), len(_CAPITAL.findall(text[1:])) / words, quoted,
            float(bool(_REPORTED.search(text))), len(_FIRST_PERSON.findall(own)), float(bool(_WEEKDAY.search(text))),
            float(stands_alone(text)), len(refs), len(articles),
            article_centroid[article], article_rank[article], float(r.index == 0 and article_rank[article] == 0),
            headline_penalty(r.article.title), len(r.article.text.split()), per_article.get(article, 1),
            centrality[i] - best["centrality"], headline[i] - best["headline"], own_title - best["own_title"],
            centroid[i] - best["centroid"], lexical[i][0], lexical[i][1],
            len(content_words(text) & title_words) / max(1, len(content_words(text))), lexical[i][0] - top_lexical,
        ])
    return np.array(rows, dtype=np.float64)


def _lexical(mine: set[str], article: str, words_of: dict[str, set[str]]) -> tuple[float, float]:
    """(mean over the other articles, any other article): share of the sentence's content words they also use."""
    others = [w for a, w in words_of.items() if a != article]
    if not mine or not others:
        return 0.0, 0.0
    return (float(np.mean([len(mine & w) / len(mine) for w in others])),
            len(mine & set().union(*others)) / len(mine))


def _rank(values: np.ndarray, i: int, ids: list[int]) -> float:
    """Share of the other candidates that score above sentence ``i`` (0: the best)."""
    others = [values[j] for j in ids if j != i]
    return sum(v > values[i] for v in others) / len(others) if others else 0.0


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


# ---- ROUGE on token lists (as rouge-score computes it: clipped n-gram counts, LCS over the whole text)

def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[k : k + n]) for k in range(len(tokens) - n + 1))


def _f(overlap: float, pred: int, ref: int) -> float:
    p, r = overlap / max(pred, 1), overlap / max(ref, 1)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _lcs(a: list[str], b: list[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for k, y in enumerate(b):
            cur.append(prev[k] + 1 if x == y else max(prev[k + 1], cur[k]))
        prev = cur
    return prev[-1]


def rouge(pred: list[str], ref: list[str]) -> tuple[float, float, float]:
    out = []
    for n in (1, 2):
        p, r = _ngrams(pred, n), _ngrams(ref, n)
        out.append(_f(sum((p & r).values()), sum(p.values()), sum(r.values())))
    out.append(_f(_lcs(pred, ref), len(pred), len(ref)))
    return tuple(100 * v for v in out)


def precision(tokens: list[str], ref: list[str]) -> float:
    """Mean of unigram and bigram precision of one sentence against the roundup."""
    values = []
    for n in (1, 2):
        p, r = _ngrams(tokens, n), _ngrams(ref, n)
        values.append(sum((p & r).values()) / max(1, sum(p.values())))
    return float(np.mean(values))


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
