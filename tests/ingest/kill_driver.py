"""One live feed run into a database, as a separate process: the SIGKILL test starts and kills it.

    python kill_driver.py DB FEED_URL...
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass

from parallax.ingest import ingest_feeds_once, load_catalog
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore


@dataclass(frozen=True)
class DriverSettings(Settings):
    host_delay: float = 0.0
    host_concurrency: int = 2
    fetch_concurrency: int = 4
    fetch_retries: int = 0


def main(db: str, feeds: list[str]) -> None:
    store = SQLiteStore(db)
    try:
        report = ingest_feeds_once(feeds, store, load_catalog(), DriverSettings(allow_loopback=True), batch_size=5)
    finally:
        store.close()
    print(json.dumps({k: v for k, v in asdict(report).items() if k != "failures"}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
