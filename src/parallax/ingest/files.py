"""Files and folders as ``Page``s: .txt, .json, .jsonl(.gz), .html and .htm.

A text file may start with metadata lines: ``date YYYY-MM-DD`` (the text may
follow on the same line), ``title: ...``, ``outlet: ...``, ``url: ...``. Without
a title line, a short first line that reads like a headline is the title; else
the first sentence names the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from parallax.errors import InputError
from parallax.ingest.dates import parse_date
from parallax.ingest.pages import decode_html, html_page
from parallax.ingest.records import read_json, read_jsonl
from parallax.models import Page
from parallax.text.sentences import split_sentences

Reader = Callable[[Path, str], Iterator[Page | InputError]]

_DATE_LINE = re.compile(
    r"^(?:date|published)\s*:?\s*"
    r"(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:\s+(.*))?$",
    re.IGNORECASE,
)
_META_LINE = re.compile(r"^(title|outlet|url)\s*:\s*(.+)$", re.IGNORECASE)
_TITLE_MAX_CHARS = 150


def read_path(path: Path, outlet: str = "") -> Iterator[Page | InputError]:
    """Pages of a file, or of every file under a folder (hidden ones skipped)."""
    path = Path(path)
    if not path.exists():
        yield InputError(str(path), "no such file or folder")
        return
    for file in _files_under(path) if path.is_dir() else [path]:
        yield from read_file(file, outlet)


def _files_under(folder: Path) -> list[Path]:
    found = (p for p in folder.rglob("*") if p.is_file())
    return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_file(path: Path, outlet: str = "") -> Iterator[Page | InputError]:
    """Pages of one file, chosen by its suffix; an unsupported suffix is an ``InputError``."""
    reader = _reader_for(path)
    if reader is None:
        yield InputError(str(path), f"unsupported file type; supported: {', '.join(sorted(_READERS))}")
        return
    try:
        yield from reader(path, outlet)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    return next((reader for suffix, reader in _READERS.items() if name.endswith(suffix)), None)


def read_text_file(path: Path, outlet: str = "") -> Iterator[Page | InputError]:
    """One page from a plain-text file with optional leading metadata lines."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        yield InputError(str(path), "file is not UTF-8 text")
        return
    try:
        yield text_page(text, str(path), outlet)
    except InputError as exc:
        yield exc


def text_page(text: str, item: str, outlet: str = "") -> Page:
    """The page a plain text describes; ``item`` names it in errors and as its source."""
    meta, body = _split_metadata(text.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        published = parse_date(meta.get("published"))
    except ValueError as exc:
        raise InputError(item, str(exc)) from None
    title = meta.get("title", "")
    if not title:
        title, body = _title_from_body(body)
    return Page(url=meta.get("url", ""), body=body, title=title, outlet=outlet or meta.get("outlet", ""),
                published=published, source=item)


def _split_metadata(text: str) -> tuple[dict[str, str], str]:
    lines, meta = text.split("\n"), {}
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if date := _DATE_LINE.match(line):
            meta["published"] = date.group(1)
            if date.group(2):  # the text goes on after the date, on the same line
                return meta, "\n".join([date.group(2), *lines[index + 1 :]])
        elif field := _META_LINE.match(line):
            meta[field.group(1).lower()] = field.group(2).strip()
        else:
            return meta, "\n".join(lines[index:])
    return meta, ""


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


def read_html_file(path: Path, outlet: str = "") -> Iterator[Page | InputError]:
    """One text/html page; its canonical URL and declared date are used when present."""
    html = decode_html(path.read_bytes())
    yield html_page(html, "", outlet=outlet, source=str(path))


_READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".html": read_html_file,
    ".htm": read_html_file,
}
