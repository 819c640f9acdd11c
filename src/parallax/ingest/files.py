"""Files and folders as ``Page``s: .txt, .json, .jsonl(.gz), .html and .htm.

A text file may start with metadata lines: ``date: ...`` (any form ``read_date``
reads: ``date: 15 March 2024``; ``date YYYY-MM-DD`` may be followed by the text on
the same line), ``title: ...``, ``outlet: ...``, ``url: ...``. Without a title line,
a short first line that reads like a headline is the title; else the first sentence
names the article. Text files are decoded whatever their encoding (``decode_text``),
and read at most ``max_file_bytes`` far, the cut recorded.

A file's article without an absolute URL is keyed by the file (``urn:parallax:file:PATH``),
so editing the file and ingesting it again makes a new version of the same article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from parallax.errors import InputError
from parallax.ingest.dates import read_date
from parallax.ingest.pages import decode_html_body, html_page
from parallax.ingest.records import read_json, read_jsonl, record_key, record_scope
from parallax.models import Page
from parallax.settings import Settings
from parallax.text.encoding import decode_text, looks_binary
from parallax.text.sentences import split_sentences

Reader = Callable[[Path, str, int], Iterator[Page | InputError]]

_DATE_LINE = re.compile(r"^(?:date|published)\s*(:?)\s*(.*)$", re.IGNORECASE)
_ISO_START = re.compile(
    r"^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:\s+(.*))?$")
_DATE_WORDS = 6  # a 'date:' line with more words than this that reads as no date is text, not a header
_META_LINE = re.compile(r"^(title|outlet|url)\s*:\s*(.+)$", re.IGNORECASE)
_TITLE_MAX_CHARS = 150


def read_path(path: Path, outlet: str = "", max_bytes: int = Settings.max_file_bytes) -> Iterator[Page | InputError]:
    """Pages of a file, or of every file under a folder (hidden ones skipped)."""
    path = Path(path)
    if not path.exists():
        yield InputError(str(path), "no such file or folder")
        return
    for file in _files_under(path) if path.is_dir() else [path]:
        yield from read_file(file, outlet, max_bytes)


def _files_under(folder: Path) -> list[Path]:
    found = (p for p in folder.rglob("*") if p.is_file())
    return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_file(path: Path, outlet: str = "", max_bytes: int = Settings.max_file_bytes) -> Iterator[Page | InputError]:
    """Pages of one file, chosen by its suffix; an unsupported suffix is an ``InputError``."""
    reader = _reader_for(path)
    if reader is None:
        yield InputError(str(path), f"unsupported file type; supported: {', '.join(sorted(_READERS))}")
        return
    try:
        yield from reader(path, outlet, max_bytes)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one file no one foresaw must not end the run
        yield InputError(str(path), f"unexpected error: {type(exc).__name__}: {exc}")


def _reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    return next((reader for suffix, reader in _READERS.items() if name.endswith(suffix)), None)


def read_head(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """A file's first ``max_bytes`` bytes, and the note that says it was cut ("" when whole)."""
    size = path.stat().st_size
    with path.open("rb") as file:
        data = file.read(max_bytes)
    if size <= max_bytes:
        return data, ""
    return data, f"truncated: file of {size:,} bytes, the first {max_bytes:,} read (max_file_bytes)"


def read_text_file(path: Path, outlet: str = "", max_bytes: int = Settings.max_file_bytes) -> Iterator[Page | InputError]:
    """One page from a plain-text file with optional leading metadata lines."""
    data, cut = read_head(path, max_bytes)
    decoded = decode_text(data, cut=bool(cut))
    if looks_binary(decoded.text):
        yield InputError(str(path), f"not text: mostly undecodable or control characters as {decoded.encoding}")
        return
    try:
        page = text_page(decoded.text, str(path), outlet)
    except InputError as exc:
        yield exc
        return
    yield replace(page, url=file_key(page.url, path, page.outlet), notes=_notes(cut, decoded.note, *page.notes))


def file_key(url: str, path: Path, outlet: str) -> str:
    """The article's absolute URL, else its link within its outlet (or file), else the file itself."""
    if url:
        return record_key(url, "", outlet or record_scope(path))
    return f"urn:parallax:file:{quote(str(path.resolve()), safe='')}"


def _notes(*notes: str) -> tuple[str, ...]:
    return tuple(n for n in notes if n)


def text_page(text: str, item: str, outlet: str = "") -> Page:
    """The page a plain text describes; ``item`` names it in errors and as its source."""
    meta, body = _split_metadata(text.replace("\r\n", "\n").replace("\r", "\n"))
    date = read_date(meta.get("published"))
    title = meta.get("title", "")
    if not title:
        title, body = _title_from_body(body)
    return Page(url=meta.get("url", ""), body=body, title=title, outlet=outlet or meta.get("outlet", ""),
                published=date.when, source=item, date_precision=date.precision, notes=_notes(date.note))


def _split_metadata(text: str) -> tuple[dict[str, str], str]:
    lines, meta = text.split("\n"), {}
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if (date := _date_line(line)) is not None:
            meta["published"], rest = date
            if rest:  # the text goes on after the date, on the same line
                return meta, "\n".join([rest, *lines[index + 1 :]])
        elif field := _META_LINE.match(line):
            meta[field.group(1).lower()] = field.group(2).strip()
        else:
            return meta, "\n".join(lines[index:])
    return meta, ""


def _date_line(line: str) -> tuple[str, str] | None:
    """(date, text after it) of a date header line, None for a line that is not one."""
    found = _DATE_LINE.match(line)
    if not found:
        return None
    colon, rest = found.groups()
    if iso := _ISO_START.match(rest):
        return iso.group(1), iso.group(2) or ""
    if not colon or (len(rest.split()) > _DATE_WORDS and read_date(rest).when is None):
        return None  # 'Date palms grew ...' is text
    return rest, ""
def _title_from_body(body: str) -> tuple[str, str]:
    first, _, rest = body.strip().partition("\n")
    first = first.strip()
    if _reads_like_headline(first) and rest.strip():
        return first, rest.strip()
    sentences = split_sentences(body)
    if not sentences:
        return "", body
    return _shortened(body[sentences[0].start : sentences[0].end]), body


def _reads_like_headline(line: str) -> bool:
    return 0 < len(line) <= _TITLE_MAX_CHARS and len(line.split()) <= 20 and not line.endswith((".", ",", ";", ":"))


def _shortened(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= _TITLE_MAX_CHARS:
        return sentence
    cut = sentence[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def read_html_file(path: Path, outlet: str = "", max_bytes: int = Settings.max_file_bytes) -> Iterator[Page | InputError]:
    """One text/html page; its canonical URL and declared date are used when present."""
    data, cut = read_head(path, max_bytes)
    decoded = decode_html_body(data)
    page = html_page(decoded.text, "", outlet=outlet, source=str(path), notes=_notes(cut, decoded.note))
    yield replace(page, url=page.url or file_key("", path, outlet))


_READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".html": read_html_file,
    ".htm": read_html_file,
}
