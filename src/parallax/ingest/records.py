"""JSON and JSON Lines records as ``Page``s, each record on its own.

A record is an object with ``text`` (required) and optionally ``title``, ``url``,
``outlet``, ``published`` (or ``date``: any form ``read_date`` reads) and ``id``.
Extra keys (the evaluation sets' ``story`` and ``leaning``) are ignored.

Nothing in one record can cost another: any problem (invalid JSON or UTF-8, a lone
surrogate, a 5,000-digit number, brackets nested ten thousand deep, a line over the
size limit) is one ``InputError`` naming ``file:LINE`` (JSONL) or ``file[INDEX]`` (JSON)
with the reason, and reading goes on. A truncated ``.jsonl.gz`` yields every line it
could read and one error saying where it was cut.

A record without an absolute URL is keyed within its source (its outlet, else its
file), so two outlets' record 1 or ``/news/1`` are two articles, not one.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import quote, unquote, urlsplit

from parallax.errors import InputError
from parallax.ingest.dates import read_date
from parallax.models import Page
from parallax.settings import Settings
from parallax.text.encoding import clean_text, decode_text

_STRING_KEYS = ("title", "url", "outlet")
LINK_URN = "urn:parallax:link:"  # a record's link that is no web address, kept within its file
_MAX_INT_DIGITS = 4000  # longer integers stay text (Python refuses to convert them, and no field needs them)
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
              (b"\xfe\xff", "utf-16"))  # files whose lines are not byte lines
_SAMPLE = 1 << 16  # bytes read ahead to tell a UTF-16/32 file from byte lines
_TRUNCATED = (EOFError, zlib.error, gzip.BadGzipFile)


def read_jsonl(path: Path, outlet: str = "", max_bytes: int = Settings.max_file_bytes) -> Iterator[Page | InputError]:
    """One page per line of a .jsonl (or .jsonl.gz) file; blank lines are skipped."""
    opener = gzip.open if path.name.endswith(".gz") else open
    scope, number = record_scope(path), 0
    with opener(path, "rb") as raw:
        try:
            for number, line in _lines(raw, max_bytes):
                item = f"{path}:{number}"
                if line is None:
                    yield InputError(item, f"line is over the {max_bytes:,}-byte limit (max_file_bytes)")
                elif line.strip():
                    page = parse_record_line(line, item, outlet, scope)
                    wide = isinstance(line, str) and isinstance(page, Page)  # a UTF-16/32 file, read as text
                    yield _with_note(page, "encoding: utf-16/32 (bom, confidence 1.00)") if wide else page
        except _TRUNCATED as exc:
            what = "truncated" if isinstance(exc, EOFError) else "corrupt compressed data"
            yield InputError(f"{path}:{number + 1}", f"{what}: {exc or type(exc).__name__};"
                                                     f" the {number} lines before it were read")


def _lines(raw: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | str | None]]:
    """(number, line) pairs; a line longer than ``limit`` is None and is skipped without being held."""
    wide = _wide_encoding(raw.peek(_SAMPLE)[:_SAMPLE] if hasattr(raw, "peek") else b"")
    stream: IO = io.TextIOWrapper(raw, encoding=wide, errors="replace") if wide else raw
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(("\n", b"\n")):
            _skip_rest_of_line(stream)
            line = None
        yield number, line


def _wide_encoding(sample: bytes) -> str:
    """The UTF-16/32 codec a file is in, or "" for byte lines. A wide byte-order mark alone does not decide it (a
    stray one may open a UTF-8 file): the reading under which more of the sample's whole lines are JSON wins; with
    no whole line to judge, the wide reading must open a JSON value and NULs must follow the mark."""
    bom, encoding = next(((bom, encoding) for bom, encoding in _WIDE_BOMS if sample.startswith(bom)), (b"", ""))
    if not encoding:
        return ""
    text = sample.decode(encoding, errors="replace")
    wide, narrow = _json_lines(text.split("\n")[:-1]), _json_lines(sample.split(b"\n")[:-1])
    if wide != narrow:
        return encoding if wide > narrow else ""
    opens = text.lstrip("\ufeff \t\r\n").startswith(("{", "["))
    return encoding if opens and b"\x00" in sample[len(bom):] else ""


def _json_lines(lines: list) -> int:
    """How many of ``lines`` (whole lines of a sample, bytes or text) are JSON texts."""
    count = 0
    for line in lines:
        try:
            json.loads(line.decode("utf-8") if isinstance(line, bytes) else line)
        except ValueError:  # UnicodeDecodeError included
            continue
        count += 1
    return count


def _skip_rest_of_line(stream: IO) -> None:
    while (chunk := stream.readline(1 << 20)) and not chunk.endswith(("\n", b"\n")):
        pass


def parse_record_line(line: bytes | str, item: str, outlet: str = "", scope: str = "") -> Page | InputError:
    """The page of one JSON text, or the ``InputError`` that says why there is none. Never raises."""
    decoded = decode_text(line) if isinstance(line, bytes) else None
    text = decoded.text if decoded else line
    try:
        page = record_page(loads(text, item), item, outlet, scope)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one record no one foresaw must not end the file
        return InputError(item, f"unexpected error: {type(exc).__name__}: {exc}")
    return page if not (decoded and decoded.note) else _with_note(page, decoded.note)


def _with_note(page: Page, note: str) -> Page:
    from dataclasses import replace

    return replace(page, notes=(*page.notes, note))


def loads(text: str, item: str) -> object:
    """``json.loads`` whose every failure is an ``InputError`` naming ``item``."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise InputError(item, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError(item, "not usable JSON: nested too deeply") from None


def _int(digits: str) -> int | str:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def read_json(path: Path, outlet: str = "", max_bytes: int = Settings.max_file_bytes) -> Iterator[Page | InputError]:
    """Pages of a .json file holding one record or a list of records."""
    size = path.stat().st_size
    if size > max_bytes:
        yield InputError(str(path), f"file of {size:,} bytes is over the {max_bytes:,}-byte limit (max_file_bytes);"
                                    " write it as JSON Lines (.jsonl) to read it record by record")
        return
    decoded = decode_text(path.read_bytes())
    try:
        data = loads(decoded.text, str(path))
    except InputError as exc:
        yield exc
        return
    if not isinstance(data, (dict, list)):
        yield InputError(str(path), f"expected an object or a list of objects, found {type(data).__name__}")
        return
    records = [(str(path), data)] if isinstance(data, dict) else [(f"{path}[{i}]", r) for i, r in enumerate(data)]
    for item, record in records:
        yield checked_record(record, item, outlet, record_scope(path), decoded.note)


def checked_record(record: object, item: str, outlet: str = "", scope: str = "", note: str = "") -> Page | InputError:
    """``record_page`` that returns its error instead of raising; never raises."""
    try:
        page = record_page(record, item, outlet, scope)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one record no one foresaw must not end the file
        return InputError(item, f"unexpected error: {type(exc).__name__}: {exc}")
    return _with_note(page, note) if note else page


def record_scope(path: Path) -> str:
    """What keys a file's records when they carry no outlet: the file itself."""
    return str(path.resolve())


def record_page(record: object, item: str, outlet: str = "", scope: str = "") -> Page:
    """The page a record describes; ``outlet`` overrides the record's. Raises ``InputError``."""
    if not isinstance(record, dict):
        raise InputError(item, f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(item, "record has no 'text' (a non-empty string is required)")
    fields = {key: _string(record, key, item) for key in _STRING_KEYS}
    external_id = _string(record, "id", item)
    outlet = outlet or fields["outlet"]
    date = read_date(record.get("published", record.get("date")))
    return Page(url=record_key(fields["url"], external_id, outlet or scope), body=text, title=fields["title"],
                outlet=outlet, published=date.when, source=item, external_id=external_id,
                date_precision=date.precision, notes=(date.note,) if date.note else ())


def record_key(url: str, external_id: str, scope: str) -> str:
    """The record's absolute URL; else its link or id within ``scope``; else "" (keyed by its content)."""
    if is_absolute(url):
        return url
    where = quote(scope, safe="")
    if url:
        return f"{LINK_URN}{where}:{quote(url, safe='')}"
    return f"urn:parallax:record:{where}:{quote(external_id, safe='')}" if external_id else ""


def record_link(key: str) -> str:
    """The link a record gave, from the key ``record_key`` made of it when it was no web address ("" if none)."""
    return unquote(key[len(LINK_URN):].split(":", 1)[-1]) if key.startswith(LINK_URN) else ""


def is_absolute(url: str) -> bool:
    """Whether ``url`` is an http(s) URL with a host (a key no other source can share by accident); a URL
    that does not parse (an unclosed IPv6 bracket) is not: its record is kept, keyed within its file."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _string(record: dict, key: str, item: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(item, f"'{key}' must be a string, found {type(value).__name__}")
    return clean_text(str(value))[0].strip()
