"""Hostile inputs, written for these tests, one class of real-world trouble each.

``write_hostile_corpus(folder)`` writes the files and returns the expectations: for every
record or file, what must happen to it: ``stored`` (with a title we can find it by),
``noted`` (stored with a warning), or ``refused`` (a recorded failure naming the item).
Used by tests/ingest/test_hostile_inputs.py and bench/hostile_inputs.py.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

BODY = ("The harbour bridge reopened on Monday after a year of repairs. Traffic was light in the morning. "
        "Officials said the works had cost more than planned.")
RUSSIAN = "Парламент принял закон о бюджете на следующий год. Депутаты обсуждали его три дня подряд в Москве."
FRENCH = "Le président a annoncé une réforme des retraites. Les syndicats ont réagi très vivement à la décision."
JAPANESE = "東京で大きな地震が発生しました。政府は被害の状況を調べています。住民は避難所に集まりました。"


@dataclass(frozen=True)
class Expect:
    """What must become of one item: an article whose title is ``marker`` or whose text holds it; or a
    recorded failure whose item holds it."""

    kind: str  # "stored", "noted" (stored with a note), "refused"
    marker: str  # text in the stored article (stored, noted) or in the failure's item (refused)
    klass: str  # the class of trouble


def matches(marker: str, title: str, text: str) -> bool:
    return marker == title or marker in text


def _record(n: int, klass: str, **fields) -> dict:
    return {"id": f"{klass}-{n}", "title": f"{klass} record {n}", "text": f"{BODY} Record {klass} {n}.", **fields}


def _jsonl(path: Path, lines: list[str | bytes]) -> None:
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n")


def write_hostile_corpus(folder: Path) -> list[Expect]:
    """Write every hostile file under ``folder``; return what must become of each item."""
    folder.mkdir(parents=True, exist_ok=True)
    expects: list[Expect] = []
    for writer in (_records, _truncated, _identity, _encodings, _dates, _text_headers, _controls, _sizes):
        expects += writer(folder)
    return expects


def _records(folder: Path) -> list[Expect]:
    good = [json.dumps(_record(n, "records")) for n in range(1, 7)]
    bad = ['{"id": "s", "title": "surrogate", "text": "' + BODY + ' \\ud800 lone"}',
           '{"id": "n", "title": "bignumber", "text": "' + BODY + '", "n": ' + "9" * 5000 + "}",
           "[" * 50_000 + "]" * 50_000, "{not json", '{"title": "no text"}', '"just a string"',
           json.dumps(_record(1, "year1", published="0001-01-01T00:00:00+05:00")),
           json.dumps(_record(1, "year9999", published="9999-12-31T23:59:59-05:00")), b"\xff\xfe\x00bad bytes"]
    lines = [x for pair in zip(good, [*bad[:6], "", ""], strict=False) for x in pair] + bad[6:]
    _jsonl(folder / "records.jsonl", lines)
    expects = [Expect("stored", f"records record {n}", "records") for n in range(1, 7)]
    expects += [Expect("noted", "surrogate", "records"), Expect("stored", "bignumber", "records")]
    expects += [Expect("refused", "records.jsonl:6", "records"), Expect("refused", "records.jsonl:8", "records"),
                Expect("refused", "records.jsonl:10", "records"), Expect("refused", "records.jsonl:12", "records"),
                Expect("noted", "year1 record 1", "records"), Expect("noted", "year9999 record 1", "records"),
                Expect("refused", "records.jsonl:15", "records")]
    (folder / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps([_record(1, "bomjson")]).encode())
    _jsonl(folder / "bom.jsonl", [b"\xef\xbb\xbf" + json.dumps(_record(1, "bomjsonl")).encode(),
                                  json.dumps(_record(2, "bomjsonl"))])
    expects += [Expect("stored", "bomjson record 1", "encodings"), Expect("stored", "bomjsonl record 1", "encodings"),
                Expect("stored", "bomjsonl record 2", "encodings")]
    return expects


def _truncated(folder: Path) -> list[Expect]:
    lines = "\n".join(json.dumps(_record(n, "gz")) for n in range(1, 41)) + "\n"
    whole = gzip.compress(lines.encode())
    (folder / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    return [Expect("stored", "gz record 1", "truncated"), Expect("refused", "cut.jsonl.gz:", "truncated")]


def _identity(folder: Path) -> list[Expect]:
    expects = []
    for outlet in ("North Gazette", "South Courier"):
        rows = [{"id": n, "outlet": outlet, "title": f"{outlet} number {n}", "text": f"{outlet}: {BODY} Item {n}."}
                for n in (1, 2, 3)]
        rows += [{"url": "/news/1", "outlet": outlet, "title": f"{outlet} relative", "text": f"{outlet} rel: {BODY}"}]
        slug = outlet.split()[0].lower()
        _jsonl(folder / f"ids-{slug}.jsonl", [json.dumps(r) for r in rows])
        expects += [Expect("stored", f"{outlet} number {n}", "identity") for n in (1, 2, 3)]
        expects += [Expect("stored", f"{outlet} relative", "identity")]
    queries = [{"url": f"https://paper.example/view?{n}", "title": f"query view {n}", "text": f"{BODY} View {n}."}
               for n in (1001, 1002)]
    _jsonl(folder / "queries.jsonl", [json.dumps(r) for r in queries])
    for n in (1, 2):
        (folder / f"home-{n}.html").write_text(
            f'<html><head><title>homepage canonical {n}</title><link rel="canonical" href="https://paper.example/">'
            f"</head><body><article><h1>homepage canonical {n}</h1><p>{BODY} Page {n}.</p>"
            f"<p>A second paragraph about page {n} follows here with more words.</p></article></body></html>")
    expects += [Expect("stored", f"query view {n}", "identity") for n in (1001, 1002)]
    return expects + [Expect("stored", f"homepage canonical {n}", "identity") for n in (1, 2)]


def _encodings(folder: Path) -> list[Expect]:
    files = {"utf16.txt": ("utf16 title\n" + RUSSIAN).encode("utf-16"),
             "latin1.txt": ("latin1 title\n" + FRENCH).encode("latin-1"),
             "cp1251.txt": ("cp1251 title\n" + RUSSIAN).encode("cp1251"),
             "undeclared-cp1251.html": ("<html><head><title>undeclared</title></head><body><article><p>"
                                        + RUSSIAN + "</p><p>" + RUSSIAN + "</p></article></body></html>").encode("cp1251"),
             "sjis.html": ("<html><head><title>sjis</title></head><body><article><p>" + JAPANESE
                           + "</p><p>" + JAPANESE + "</p></article></body></html>").encode("shift_jis")}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [Expect("noted", "Парламент принял", "encodings"), Expect("noted", "Le président a annoncé", "encodings"),
            Expect("noted", "Депутаты обсуждали", "encodings"), Expect("noted", "undeclared", "encodings"),
            Expect("noted", "東京で大きな地震", "encodings")]


DATES = {"15 March 2024": "2024-03-15", "March 15, 2024": "2024-03-15", "15.03.2024": "2024-03-15",
         "2024/03/15": "2024-03-15", "23 марта 2024": "2024-03-23", "1710460800": "2024-03-15", "2024-04": "2024-04-01",
         "1985-06-01": "1985-06-01", "15 Mart 2024": "2024-03-15", "3 de abril de 2024": "2024-04-03"}
PLACEHOLDERS = ("1970-01-01", "1900-01-01", "9999-12-31", "2099-01-01", "0000-00-00", "not a date at all")


def _dates(folder: Path) -> list[Expect]:
    rows = [_record(n, "date", published=value) for n, value in enumerate(DATES)]
    rows += [_record(n, "placeholder", published=value) for n, value in enumerate(PLACEHOLDERS)]
    _jsonl(folder / "dates.jsonl", [json.dumps(r, ensure_ascii=False) for r in rows])
    expects = [Expect("stored", f"date record {n}", "dates") for n in range(len(DATES))]
    return expects + [Expect("noted", f"placeholder record {n}", "dates") for n in range(len(PLACEHOLDERS))]


def _text_headers(folder: Path) -> list[Expect]:
    (folder / "header.txt").write_text(f"date: 15 March 2024\ntitle: dated header\n\n{BODY}", encoding="utf-8")
    (folder / "palms.txt").write_text(f"Date palms grow along the river. {BODY}", encoding="utf-8")
    return [Expect("stored", "dated header", "dates"), Expect("stored", "Date palms grow", "dates")]


def _controls(folder: Path) -> list[Expect]:
    rows = [{"id": "esc", "title": "colour \x1b[31mred\x1b[0m title", "text": f"{BODY}\x00 with a NUL\x07 bell."}]
    _jsonl(folder / "controls.jsonl", [json.dumps(r) for r in rows])
    return [Expect("noted", "with a NUL bell", "controls")]


def _sizes(folder: Path) -> list[Expect]:
    sentence = "The council met again on Tuesday to discuss the harbour. "
    (folder / "long.txt").write_text("long text title\n" + sentence * 8_000, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    return [Expect("noted", "long text title", "sizes"), Expect("refused", "binary.txt", "sizes")]
