"""What a brief's rewrite costs, cold and warm: the same stories written twice from a store.

    python bench/brief_rewrite.py DB [--ranks 6,100] [--profile FILE]

Cold: the first write, with each article's sentence vectors and parse worked out and stored
(``write.stored``); warm: the rewrite, reading them back. Stories are picked by rank of size (0: the
largest). The shipped writer and sentence embedder are loaded first on another story, so neither figure holds a
model's load. Prints one JSON line per story: {"articles", "cold_cpu_s", "warm_cpu_s"}; ``--profile`` writes
cProfile's statistics of the cold writes to FILE. Work on a copy: the store gains briefs and stored analysis.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import time


def main() -> None:
    from parallax.embed import get_embedder
    from parallax.pipeline import widest_first, write_stage
    from parallax.settings import load_settings
    from parallax.store import open_store
    from parallax.write import get_writer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--ranks", default="6,100")
    parser.add_argument("--profile", help="write cProfile statistics of the cold writes here")
    args = parser.parse_args()
    store, settings = open_store(args.db), load_settings(environ={})
    writer, embedder = get_writer(settings.writer, settings), get_embedder(settings.embedder)
    ranked = widest_first([s for s in (store.story(i) for i in store.story_ids()) if s])
    write_stage(store, writer, [ranked[-1]], embedder)  # loads the models
    profile = cProfile.Profile()
    for rank in map(int, args.ranks.split(",")):
        story, figures = ranked[rank], {}
        for label in ("cold", "warm"):
            cpu = time.process_time()
            with profile if label == "cold" and args.profile else contextlib.nullcontext():
                write_stage(store, writer, [story], embedder)
            figures[f"{label}_cpu_s"] = round(time.process_time() - cpu, 2)
        print(json.dumps({"articles": len(story.article_ids), **figures}), flush=True)
    if args.profile:
        profile.dump_stats(args.profile)
    store.close()


if __name__ == "__main__":
    main()
