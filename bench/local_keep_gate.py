"""Experiment (not shipped): a learned gate for the local writer's shortened lead, from NeuS *train*.

    PARALLAX_LOCAL_THREADS=1 PARALLAX_LOCAL_RENDERINGS=0 .venv/bin/python bench/local_keep_gate.py \
        --train 800 --start 80 --stop 194

A logistic model, fitted on the extractive summaries of NeuS train stories (half a), gives each summary token
the chance that ROUGE-1 counts it as matched (its story's other articles and headlines holding the word, a
function word, a number, a capital, a repeat within the summary, where it stands). The gate keeps the model's
shortened lead only where the expected F1 of the summary, ``2 * sum(p) / (tokens + mean reference tokens)``,
rises. Prints the model's grouped 5-fold AUC, then ROUGE-1 of the extractive, local and gated summaries on
neus_val rows ``start:stop``, one line per story whose summaries differ. Result: BENCHMARKS.md, "Session 22".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from rouge_score.tokenizers import DefaultTokenizer

from parallax.eval.summary import read_stories, rouge_f1, sentence_vectors, story_material
from parallax.write import get_writer
from parallax.write.pool import sentence_pool
from parallax.write.sections.summary import build_summary

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_scorer import train_rows

TOKENS = DefaultTokenizer(use_stemmer=True)
FUNCTION = set("a an the of to in on at for by with from and or but as is are was were be been has have had it its "
               "this that these those he she they his her their who which said says will would not no".split())


def token_features(sentences: list[str], owners: list[int], texts: list[str], titles: list[str]):
    """(rows, tokens): one feature row per token of the summary, in order."""
    sets = [set(TOKENS.tokenize(t)) for t in texts]
    heads = [set(TOKENS.tokenize(t)) for t in titles]
    counts = Counter(t for text in texts for t in TOKENS.tokenize(text))
    rows, tokens, seen = [], [], Counter()
    for k, (sentence, owner) in enumerate(zip(sentences, owners)):
        others = [s for i, s in enumerate(sets) if i != owner] or sets
        words = sentence.split()
        for j, word in enumerate(words):
            for t in TOKENS.tokenize(word):
                share = sum(t in s for s in others) / len(others)
                function = float(t in FUNCTION)
                rows.append([share, sum(t in h for h in heads) / max(1, len(heads)), float(j > 0 and word[:1].isupper()),
                             float(t.isdigit()), function, min(seen[t], 3), np.log1p(counts[t]), float(k == 0),
                             j / len(words), share * (1 - function), len(t) / 10])
                tokens.append(t)
                seen[t] += 1
    return np.array(rows, dtype=float).reshape(-1, 11), tokens


def matched(tokens: list[str], reference: str) -> np.ndarray:
    """1 for each token occurrence ROUGE-1 counts as matched (clipped by the reference's count)."""
    have, seen, out = Counter(TOKENS.tokenize(reference)), Counter(), []
    for t in tokens:
        out.append(float(seen[t] < have[t]))
        seen[t] += 1
    return np.array(out)


def summary_features(summary, material):
    ids = [a.id for a in material.articles]
    owners = [ids.index(s.citations[0].article_id) if s.citations[0].article_id in ids else -1 for s in summary]
    return token_features([s.text for s in summary], owners, [a.text for a in material.articles],
                          [a.title for a in material.articles])


def fit(rows: list[dict], vectors, embedder: str):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    xs, ys, groups = [], [], []
    for g, row in enumerate(rows):
        material = story_material(row, vectors, embedder)
        pool = sentence_pool(material) if len(material.articles) >= 2 else None
        if pool is None or len(pool.refs) < 3:
            continue
        x, tokens = summary_features(build_summary(pool), material)
        xs.append(x)
        ys.append(matched(tokens, row["reference"]))
        groups += [g] * len(tokens)
    x, y = np.vstack(xs), np.concatenate(ys)
    aucs = [roc_auc_score(y[test], LogisticRegression(max_iter=2000).fit(x[train], y[train]).predict_proba(x[test])[:, 1])
            for train, test in GroupKFold(5).split(x, y, groups)]
    print(json.dumps({"tokens": len(y), "matched": round(float(y.mean()), 3), "auc": round(float(np.mean(aucs)), 3)}))
    reference = float(np.mean([len(TOKENS.tokenize(r["reference"])) for r in rows]))
    return LogisticRegression(max_iter=2000).fit(x, y), reference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--train", type=int, default=800, help="NeuS train stories of half a")
    parser.add_argument("--start", type=int, default=80)
    parser.add_argument("--stop", type=int, default=194)
    args = parser.parse_args()
    vectors, embedder = sentence_vectors("muse")
    rows = train_rows(args.shared)
    model, reference = fit(rows[: len(rows) // 2][: args.train], vectors, embedder)

    def expected_f1(brief, material) -> float:
        x, tokens = summary_features(brief.summary, material)
        return 2 * float(model.predict_proba(x)[:, 1].sum()) / (len(tokens) + reference)

    extractive, local = get_writer("extractive"), get_writer("local")
    pairs: dict[str, list] = {"extractive": [], "local": [], "gated": []}
    path = args.shared / "eval" / "summaries" / "neus_val.jsonl"
    for row in list(read_stories(path))[args.start : args.stop]:
        material = story_material(row, vectors, embedder)
        briefs = extractive.write(material), local.write(material)
        texts = [" ".join(s.text for s in b.summary) for b in briefs]
        keep = texts[0] == texts[1] or expected_f1(briefs[1], material) > expected_f1(briefs[0], material)
        if texts[0] != texts[1]:
            print(f"{row['story']}: {'kept' if keep else 'refused'}", file=sys.stderr)
        for name, text in zip(pairs, (*texts, texts[1] if keep else texts[0])):
            pairs[name].append((text, row["reference"]))
    print(json.dumps({name: rouge_f1(p)["rouge1"] for name, p in pairs.items()} | {"stories": len(pairs["local"])}))


if __name__ == "__main__":
    main()
