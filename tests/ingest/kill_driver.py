"""One live feed run into a database, as a separate process: the SIGKILL test starts and kills it.

    python kill_driver.py DB FEED_URL...
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from parallax.ingest import ingest_feeds_once, load_catalog
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

DRIVER = Settings(allow_loopback=True, host_delay=0.0, host_concurrency=2, fetch_concurrency=4, fetch_retries=0)


def main(db: str, feeds: list[str]) -> None:
    store = SQLiteStore(db)
    try:
        report = ingest_feeds_once(feeds, store, load_catalog(), DRIVER, batch_size=5)
    finally:
        store.close()
    print(json.dumps({k: v for k, v in asdict(report).items() if k != "failures"}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
