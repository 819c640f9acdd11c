"""Hostile input outcomes: how many inputs were tried, and how many were stored, stored with a
warning, refused with a reason, crashed (must be 0) or lost (must be 0).

    python bench/hostile_inputs.py [--fuzz 1000] [--seed 7]

Two parts, both written by us: the class corpus of tests/support/hostile.py (one file per class of
trouble the issue names), and FUZZ lines of JSONL, half pristine records with distinct ids (each
must be stored) and half records mangled at random (flipped bytes, cuts, control characters,
odd dates, huge numbers, deep nesting). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.hostile import BODY, matches, write_hostile_corpus

from parallax.ingest import ingest, load_catalog
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

DATES = ["15 March 2024", "2024-04", "1710460800", "1970-01-01", "9999-12-31T23:59:59-05:00", "vor 2 Stunden",
         "0001-01-01T00:00:00+05:00", "2099-01-01", "23 марта 2024", "", None, 12, [1], "03/04/2024"]


def mangled(rng: random.Random, n: int) -> bytes:
    record = {"id": f"m{n}", "title": f"mangled {n}", "text": f"{BODY} Mangled {n}.", "published": rng.choice(DATES)}
    line = bytearray(json.dumps(record).encode())
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(max(len(line), 1))
        choice = rng.randrange(6)
        if choice == 0:
            line[at] = rng.randrange(256)
        elif choice == 1:
            del line[at:]
        elif choice == 2:
            line[at:at] = rng.choice([b"\\u0000", b"\\ud800", b"\\u001b[31m", b"\x00", b"\xff\xfe"])
        elif choice == 3:
            line[at:at] = b"9" * 5000
        elif choice == 4:
            line[at:at] = b"[" * 5000
        else:
            line[at:at] = rng.choice([b'"', b"}", b"{", b","])
    return bytes(line).replace(b"\n", b" ")


def fuzz_file(folder: Path, count: int, seed: int) -> list[str]:
    rng, lines, pristine = random.Random(seed), [], []
    for n in range(count):
        if n % 2 == 0:
            title = f"pristine {n}"
            record = {"id": f"p{n}", "title": title, "text": f"{BODY} Pristine {n}.", "published": rng.choice(DATES)}
            lines.append(json.dumps(record).encode())
            pristine.append(title)
        else:
            lines.append(mangled(rng, n))
    (folder / "fuzz.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return pristine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzz", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        expects = write_hostile_corpus(folder)
        pristine = fuzz_file(folder, args.fuzz, args.seed)
        store = SQLiteStore(Path(tmp) / "h.db")
        start, crashed = time.perf_counter(), 0
        try:
            report = ingest([str(folder)], store, load_catalog(), Settings())
        except Exception:  # noqa: BLE001 - what the benchmark counts
            crashed, report = 1, None
        seconds = time.perf_counter() - start
        articles, failures = store.articles_since(), store.failures(1_000_000)
        titles = {a.title for a in articles}
        lost = [e.marker for e in expects if e.kind != "refused" and not any(matches(e.marker, a.title, a.text)
                                                                                for a in articles)]
        lost += [t for t in pristine if t not in titles]
        unrecorded = [e.marker for e in expects if e.kind == "refused" and not any(e.marker in f.item for f in failures)]
        store.close()
    print(json.dumps({
        "inputs": len(expects) + args.fuzz, "class_corpus": len(expects), "fuzz_lines": args.fuzz,
        "stored": sum(1 for a in articles if not a.notes), "stored_with_warning": sum(1 for a in articles if a.notes),
        "refused_with_reason": sum(1 for f in failures if f.reason), "crashed": crashed, "lost": len(lost),
        "refusals_unrecorded": len(unrecorded), "seconds": round(seconds, 1),
        "report_failed": report.failed if report else None,
    }))


if __name__ == "__main__":
    main()
