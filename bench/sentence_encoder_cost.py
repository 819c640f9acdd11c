"""CPU seconds a brief's sentence encoder spends on an article: each article's title and sentences encoded as one
batch, as ``write.stored`` encodes a new article.

    OMP_NUM_THREADS=1 python bench/sentence_encoder_cost.py DAY.jsonl [--articles 40] minilm muse

``DAY.jsonl`` is a day's records of ``bench/archive_growth.py`` (``title``, ``text``). Prints, per encoder, its load
and the CPU seconds a text and an article.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from parallax.embed import get_embedder

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def article_texts(path: Path, limit: int) -> list[list[str]]:
    """Per record, its title and its sentences (split at end punctuation), for the first ``limit`` records."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        record = json.loads(line)
        found.append([record.get("title", "")] + [s for s in SENTENCE_END.split(record.get("text") or "") if s.strip()])
    return found


def main(argv: list[str]) -> None:
    limit = int(argv[argv.index("--articles") + 1]) if "--articles" in argv else 40
    names = [a for k, a in enumerate(argv[1:], 1) if not a.startswith("--") and argv[k - 1] != "--articles"]
    batches = article_texts(Path(argv[0]), limit)
    texts = sum(map(len, batches))
    for name in names:
        start = time.process_time()
        encoder = get_embedder(name)
        encoder.embed_batch(["warm up"])
        load = time.process_time() - start
        start = time.process_time()
        for batch in batches:
            encoder.embed_batch(batch)
        spent = time.process_time() - start
        print(json.dumps({"encoder": name, "articles": len(batches), "texts": texts, "load_cpu_s": round(load, 2),
                          "ms_a_text": round(1000 * spent / texts, 2), "cpu_s_an_article": round(spent / len(batches), 3)}))


if __name__ == "__main__":
    main(sys.argv[1:])
