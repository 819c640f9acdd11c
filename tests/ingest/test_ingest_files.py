"""Files and folders into pages: .txt metadata, JSON records, JSONL lines, HTML files."""

from __future__ import annotations

import gzip
import json
from datetime import datetime

import pytest
from support.articles import article_html

from parallax.errors import InputError
from parallax.ingest.files import read_path
from parallax.models import Page

BODY = "The harbour bridge reopened on Monday after a year of repairs. Traffic was light in the morning."


def pages_and_errors(path, outlet=""):
    found = list(read_path(path, outlet))
    return [p for p in found if isinstance(p, Page)], [e for e in found if isinstance(e, InputError)]


def test_date_line_followed_by_text_on_the_same_line(tmp_path):
    file = tmp_path / "a.txt"
    file.write_text(f"  date 2024-03-27 {BODY}\n\nA second paragraph follows here.", encoding="utf-8")
    [page], errors = pages_and_errors(file)
    assert errors == []
    assert page.published == datetime(2024, 3, 27)
    assert page.body.startswith("The harbour bridge reopened")
    assert page.title == "The harbour bridge reopened on Monday after a year of repairs."
    assert page.source == str(file)


def test_metadata_lines_and_a_headline_first_line(tmp_path):
    file = tmp_path / "b.txt"
    file.write_text(f"title: Bridge reopens\noutlet: Gazette\nurl: https://gazette.example/b\n"
                    f"date: 2024-05-01T09:30:00+02:00\n\n{BODY}", encoding="utf-8")
    [page], _ = pages_and_errors(file)
    assert (page.title, page.outlet, page.url) == ("Bridge reopens", "Gazette", "https://gazette.example/b")
    assert page.published == datetime(2024, 5, 1, 7, 30)  # converted to naive UTC
    headline = tmp_path / "c.txt"
    headline.write_text(f"Harbour bridge reopens to traffic\n{BODY}", encoding="utf-8")
    [page], _ = pages_and_errors(headline, outlet="Given Outlet")
    assert page.title == "Harbour bridge reopens to traffic"
    assert page.body == BODY
    assert page.outlet == "Given Outlet"


def test_long_first_sentence_is_shortened_into_a_title(tmp_path):
    file = tmp_path / "long.txt"
    long_sentence = "The council " + "and the mayor " * 20 + "agreed."
    file.write_text(f"{long_sentence} Then they left.", encoding="utf-8")
    [page], _ = pages_and_errors(file)
    assert len(page.title) <= 151 and page.title.endswith("…")
    assert page.body.startswith("The council")


def test_an_unreadable_date_is_unknown_and_the_article_kept(tmp_path):
    file = tmp_path / "bad.txt"
    file.write_text(f"date 2024-13-45 {BODY}", encoding="utf-8")
    [page], [] = pages_and_errors(file)
    assert page.published is None and page.body.startswith("The harbour")
    assert any("2024-13-45" in note and "unknown" in note for note in page.notes)


def test_json_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": 7, "title": "T", "text": BODY, "outlet": "X", "published": "2021-04-02"}))
    [page], _ = pages_and_errors(one)
    assert (page.external_id, page.url, page.outlet) == ("7", "urn:parallax:record:X:7", "X")
    assert page.published == datetime(2021, 4, 2)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": BODY, "url": "https://a.example/1"}, {"title": "no text"}]))
    pages, [error] = pages_and_errors(many)
    assert [p.url for p in pages] == ["https://a.example/1"]
    assert error.item == f"{many}[1]" and "text" in error.reason


def test_jsonl_bad_lines_are_named_and_the_rest_goes_on(tmp_path):
    file = tmp_path / "set.jsonl"
    lines = [
        {"id": "a-1", "story": "s1", "title": "First", "text": BODY, "outlet": "Gazette", "published": None,
         "leaning": "center"},
        "{not json",
        {"id": "a-3", "title": "Third", "text": BODY, "published": "yesterday"},
        {"id": "a-4", "title": "Fourth", "text": BODY, "published": "2021-06-01T12:00:00Z", "outlet": None},
    ]
    file.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n")
    pages, errors = pages_and_errors(file)
    assert [p.external_id for p in pages] == ["a-1", "a-3", "a-4"]
    assert [e.item for e in errors] == [f"{file}:2"]
    assert pages[1].published is not None and pages[1].date_precision == "day"  # 'yesterday'
    assert pages[2].published == datetime(2021, 6, 1, 12) and pages[2].outlet == ""


def test_a_record_whose_url_does_not_parse_is_kept_keyed_within_its_file(tmp_path):
    file = tmp_path / "odd.jsonl"
    records = [{"url": "http://[::1/broken", "title": "Odd", "text": BODY},
               {"url": "https://gazette.example/a", "title": "Fine", "text": BODY}]
    file.write_text("".join(json.dumps(r) + "\n" for r in records))
    pages, errors = pages_and_errors(file)
    assert errors == [] and len(pages) == 2
    assert pages[0].url.startswith("urn:parallax:link:") and "%5B%3A%3A1" in pages[0].url
    assert pages[1].url == "https://gazette.example/a"


def test_gzipped_jsonl(tmp_path):
    file = tmp_path / "set.jsonl.gz"
    file.write_bytes(gzip.compress(json.dumps({"id": "z", "text": BODY}).encode()))
    [page], [] = pages_and_errors(file)
    assert page.external_id == "z"


def test_html_file_uses_canonical_url_and_declared_date(tmp_path):
    file = tmp_path / "page.html"
    file.write_text(article_html("Bridge", canonical="https://gazette.example/bridge",
                                 published="2024-05-02T10:00:00+02:00"), encoding="utf-8")
    [page], _ = pages_and_errors(file)
    assert page.content_type == "text/html"
    assert page.url == "https://gazette.example/bridge"
    assert page.published == datetime(2024, 5, 2, 8, 0)


def test_folder_is_read_recursively_and_unknown_types_are_errors(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY)
    (tmp_path / "b.htm").write_text(article_html("B"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(BODY)
    pages, [error] = pages_and_errors(tmp_path)
    assert sorted(p.source for p in pages) == sorted([str(tmp_path / "b.htm"), str(tmp_path / "sub" / "a.txt")])
    assert error.item == str(tmp_path / "notes.pdf") and "unsupported" in error.reason


@pytest.mark.parametrize("name, content", [("missing.txt", None), ("binary.txt", bytes(range(256)) * 20)])
def test_missing_or_binary_file(tmp_path, name, content):
    file = tmp_path / name
    if content is not None:
        file.write_bytes(content)
    [], [error] = pages_and_errors(file)
    assert error.item == str(file)
