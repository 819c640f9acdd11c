"""JSON and JSON Lines records as ``Page``s.

A record is an object with ``text`` (required) and optionally ``title``, ``url``,
``outlet``, ``published`` (YYYY-MM-DD or ISO 8601) and ``id``. Extra keys (the
evaluation sets' ``story`` and ``leaning``) are ignored. One bad record is one
``InputError`` naming ``file:LINE`` (JSONL) or ``file[INDEX]`` (JSON); the rest go on.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from parallax.errors import InputError
from parallax.ingest.dates import parse_date
from parallax.models import Page

_STRING_KEYS = ("title", "url", "outlet")


def read_jsonl(path: Path, outlet: str = "") -> Iterator[Page | InputError]:
    """One page per line of a .jsonl (or .jsonl.gz) file; blank lines are skipped."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _parse_line(line, f"{path}:{number}", outlet)


def _parse_line(line: bytes, item: str, outlet: str) -> Page | InputError:
    try:
        return record_page(json.loads(line.decode("utf-8")), item, outlet)
    except UnicodeDecodeError:
        return InputError(item, "line is not UTF-8 text")
    except json.JSONDecodeError as exc:
        return InputError(item, f"not valid JSON: {exc.msg} at column {exc.colno}")
    except InputError as exc:
        return exc


def read_json(path: Path, outlet: str = "") -> Iterator[Page | InputError]:
    """Pages of a .json file holding one record or a list of records."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        yield InputError(str(path), "file is not UTF-8 text")
        return
    except json.JSONDecodeError as exc:
        yield InputError(str(path), f"not valid JSON: {exc.msg} at line {exc.lineno}")
        return
    if isinstance(data, dict):
        yield _checked(data, str(path), outlet)
        return
    if not isinstance(data, list):
        yield InputError(str(path), f"expected an object or a list of objects, found {type(data).__name__}")
        return
    for index, record in enumerate(data):
        yield _checked(record, f"{path}[{index}]", outlet)


def _checked(record: object, item: str, outlet: str) -> Page | InputError:
    try:
        return record_page(record, item, outlet)
    except InputError as exc:
        return exc


def record_page(record: object, item: str, outlet: str = "") -> Page:
    """The page a record describes; ``outlet`` overrides the record's. Raises ``InputError``."""
    if not isinstance(record, dict):
        raise InputError(item, f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(item, "record has no 'text' (a non-empty string is required)")
    fields = {key: _string(record, key, item) for key in _STRING_KEYS}
    external_id = _string(record, "id", item)
    try:
        published = parse_date(record.get("published"))
    except ValueError as exc:
        raise InputError(item, f"'published': {exc}") from None
    url = fields["url"] or (f"urn:parallax:record:{external_id}" if external_id else "")
    return Page(url=url, body=text, title=fields["title"], outlet=outlet or fields["outlet"],
                published=published, source=item, external_id=external_id)


def _string(record: dict, key: str, item: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(item, f"'{key}' must be a string, found {type(value).__name__}")
    return str(value).strip()
