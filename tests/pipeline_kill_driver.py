"""One pipeline run over a store, as a separate process: the SIGKILL test starts and kills it.

    python pipeline_kill_driver.py STORE_URL
"""

from __future__ import annotations

import contextlib
import sys

from parallax.pipeline import run_stages
from parallax.settings import load_settings
from parallax.store import open_store


@contextlib.contextmanager
def quiet(description: str, total: int | None = None):
    yield lambda n=1: None


def settings():
    return load_settings(environ={}).with_overrides(embedder="tfidf", story_embedder="tfidf", writer="extractive",
                                                     cluster_warmup=0)  # resume the state from the first run


def main(url: str) -> None:
    store = open_store(url)
    try:
        run_stages(store, settings(), quiet)
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1])
