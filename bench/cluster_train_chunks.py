"""Story clustering on NeuS *train*, for choosing a configuration without looking at the eval sets.

Drops every train story whose headline or lead appears in an eval set, cuts the rest into
chunks of about neus_val's size (contiguous, in file order, each story's articles together as
in neus_val), runs the online index on each chunk and prints the mean B-cubed F1 for the
current ClusterConfig and for each ``--set`` override. ``--title-share`` sets the title-only
MiniLM vector's share of each article's cosine (default: the shipped share). Vectors are cached.

    python bench/cluster_train_chunks.py --set threshold=0.04 --set embedding_weight=0.4,term_weight=0.5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np

from parallax.cluster import ClusterConfig
from parallax.embed import blend_rows, embedding_text, get_embedder
from parallax.embed.base import TITLE_SHARE
from parallax.eval.clustering import bcubed, cluster_with_vectors, read_labelled_articles

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _plain(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def eval_keys(folder: Path) -> tuple[set[str], set[str]]:
    """Normalised titles and 80-character text openings of every eval record."""
    titles, openings = set(), set()
    for path in folder.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                titles.add(_plain(record.get("title")))
                openings.add(_plain(record.get("text"))[:80])
    return titles, openings


def write_chunks(train: Path, folder: Path, out: Path, chunk_stories: int) -> list[Path]:
    """Eval-format chunk files of the train stories that share nothing with the eval sets."""
    titles, openings = eval_keys(folder)
    stories = [json.loads(line) for line in train.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [
        s
        for s in stories
        if not any(_plain(a["title"]) in titles or _plain(a["lead"])[:80] in openings for a in s["articles"])
    ]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(kept), chunk_stories):
        path = out / f"train_{start // chunk_stories}.jsonl"
        with path.open("w", encoding="utf-8") as lines:
            for story in kept[start : start + chunk_stories]:
                for i, a in enumerate(story["articles"]):
                    record = {
                        "id": f"{story['story_id']}-{i}",
                        "story": story["story_id"],
                        "title": a["title"],
                        "text": a["lead"],
                    }
                    lines.write(json.dumps(record) + "\n")
        paths.append(path)
    print(json.dumps({"train_stories": len(stories), "kept": len(kept), "chunks": len(paths)}))
    return paths


class CachedEmbedder:
    """MiniLM vectors kept in an .npz keyed by the text's sha256."""

    def __init__(self, path: Path):
        self.path, self._model = path, None
        self.vectors = dict(np.load(path)) if path.exists() else {}

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        missing = {k: t for k, t in zip(keys, texts) if k not in self.vectors}
        if missing:
            self._model = self._model or get_embedder("minilm")
            self.vectors.update(zip(missing, self._model.embed_batch(list(missing.values()))))
            np.savez(self.path, **self.vectors)
        return np.stack([self.vectors[k] for k in keys])


def chunk_f1(path: Path, embedder: CachedEmbedder, config: ClusterConfig, title_share: float) -> float:
    articles, gold, _ = read_labelled_articles(path)
    lead = embedder.embed([embedding_text(a) for a in articles])
    title = embedder.embed([a.title or embedding_text(a) for a in articles])
    blended = blend_rows(lead, title, title_share)
    predicted = cluster_with_vectors(articles, {a.id: blended[i] for i, a in enumerate(articles)}, config)
    return bcubed(gold, predicted)[2]


def _override(text: str) -> dict[str, float]:
    return {key: float(value) for key, value in (pair.split("=") for pair in text.split(",") if pair)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=SHARED / "datasets/allsides_neus/neus_train_stories.jsonl")
    parser.add_argument("--eval-folder", type=Path, default=SHARED / "eval/clustering")
    parser.add_argument("--work", type=Path, default=Path("/tmp/parallax_train_chunks"))
    parser.add_argument("--chunk-stories", type=int, default=347)
    parser.add_argument("--title-share", type=float, default=TITLE_SHARE)
    parser.add_argument("--set", action="append", default=[], help="ClusterConfig overrides, key=value[,key=value]")
    args = parser.parse_args()
    chunks = write_chunks(args.train, args.eval_folder, args.work, args.chunk_stories)
    embedder = CachedEmbedder(args.work / "vectors.npz")
    for override in ["", *args.set]:
        config = replace(ClusterConfig(), **_override(override))
        scores = [chunk_f1(path, embedder, config, args.title_share) for path in chunks]
        print(
            json.dumps(
                {
                    "set": override or "defaults",
                    "title_share": args.title_share,
                    "mean_bcubed_f1": round(float(np.mean(scores)), 4),
                    "chunks": [round(s, 4) for s in scores],
                }
            )
        )


if __name__ == "__main__":
    main()
