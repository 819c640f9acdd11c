"""What a brief's rewrite costs, cold and warm: the same stories written twice from a store.

    python bench/brief_rewrite.py DB [--ranks 6,100] [--profile FILE]

Cold: the first write, with each article's sentence vectors and parse worked out and stored
(``write.stored``); warm: the rewrite in a fresh process (as the next run would), reading them back. Stories
are picked by rank of size (0: the largest). Each process loads the shipped writer and sentence embedder first
on another story, so no figure holds a model's load. Prints one JSON line per story and pass:
{"articles", "pass", "cpu_s"}; ``--profile`` writes cProfile's statistics of the cold writes to FILE. Work on a
copy: the store gains briefs and stored analysis.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import subprocess
import sys
import time


def write_pass(db: str, ranks: list[int], label: str, profile_to: str | None) -> None:
    from parallax.embed import get_embedder
    from parallax.pipeline import widest_first, write_stage
    from parallax.settings import load_settings
    from parallax.store import open_store
    from parallax.write import get_writer

    store, settings = open_store(db), load_settings(environ={})
    writer, embedder = get_writer(settings.writer, settings), get_embedder(settings.embedder)
    ranked = widest_first([s for s in (store.story(i) for i in store.story_ids()) if s])
    write_stage(store, writer, [ranked[-1 if label == "cold" else -2]], embedder)  # loads the models
    profile = cProfile.Profile()
    for rank in ranks:
        cpu = time.process_time()
        with profile if profile_to else contextlib.nullcontext():
            write_stage(store, writer, [ranked[rank]], embedder)
        figures = {"articles": len(ranked[rank].article_ids), "pass": label,
                   "cpu_s": round(time.process_time() - cpu, 2)}
        print(json.dumps(figures), flush=True)
    if profile_to:
        profile.dump_stats(profile_to)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--ranks", default="6,100")
    parser.add_argument("--profile", help="write cProfile statistics of the cold writes here")
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)  # the second, fresh process
    args = parser.parse_args()
    ranks = [int(r) for r in args.ranks.split(",")]
    write_pass(args.db, ranks, "warm" if args.warm else "cold", None if args.warm else args.profile)
    if not args.warm:
        subprocess.run([sys.executable, __file__, args.db, "--ranks", args.ranks, "--warm"], check=True)


if __name__ == "__main__":
    main()
