"""Property tests (hypothesis) over the record parser and the date parser: no input makes them raise,
every good record in a file with bad ones is stored, and no two distinct records share a key."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.errors import InputError
from parallax.ingest.dates import PRECISIONS, read_date
from parallax.ingest.records import parse_record_line, read_jsonl
from parallax.models import Page

NOW = datetime(2024, 5, 1, 12)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries({"text": st.text(min_size=0, max_size=200)}, optional={
    "id": json_values, "url": json_values, "title": json_values, "outlet": json_values, "published": json_values})


@FAST
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_line_is_a_page_or_a_named_error(line):
    result = parse_record_line(line, "f.jsonl:1")
    assert isinstance(result, (Page, InputError))
    if isinstance(result, InputError):
        assert result.item == "f.jsonl:1" and result.reason


@FAST
@given(records)
def test_any_record_object_is_a_page_or_a_named_error(record):
    result = parse_record_line(json.dumps(record).encode(), "f.jsonl:1", scope="f")
    assert isinstance(result, (Page, InputError))


@FAST
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none(), st.binary(max_size=20), json_values))
def test_any_date_value_reads_without_raising(value):
    reading = read_date(value, NOW)
    assert (reading.when is None) == (reading.precision == "")
    assert reading.precision in ("", *PRECISIONS)
    if reading.when is not None:
        assert reading.when.tzinfo is None and reading.when <= datetime(2024, 5, 2, 12)
    elif value not in (None, ""):
        assert reading.warning


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(st.one_of(st.just("good"), st.binary(max_size=60)), min_size=1, max_size=25),
       st.lists(st.sampled_from(["North", "South", ""]), min_size=25, max_size=25))
def test_every_good_record_among_bad_ones_is_read_with_a_key_of_its_own(tmp_path_factory, kinds, outlets):
    path = tmp_path_factory.mktemp("prop") / "mixed.jsonl"
    lines, good = [], {}
    for n, (kind, outlet) in enumerate(zip(kinds, outlets, strict=False), start=1):
        if kind == "good":
            record = {"id": n % 3, "outlet": outlet, "text": f"Record {n} of the file, long enough to store."}
            lines.append(json.dumps(record).encode())
            good[n] = record
        else:
            lines.append(kind.replace(b"\n", b" ").replace(b"\r", b" "))
    path.write_bytes(b"\n".join(lines) + b"\n")
    pages = [p for p in read_jsonl(path) if isinstance(p, Page)]
    by_line = {int(p.source.rsplit(":", 1)[1]): p for p in pages}
    assert set(good) <= set(by_line)
    distinct = {(r["outlet"], r["id"]) for r in good.values()}
    assert len({by_line[n].url for n in good}) == len(distinct)


@pytest.mark.parametrize("junk", [b"\xfe\xff", b"\xff\xfe\x00", b"\xff\xfe\x00\x00{\x00"])
def test_a_stray_wide_bom_before_byte_lines_loses_no_record(tmp_path, junk):
    path = tmp_path / "bom.jsonl"
    record = {"id": 2, "outlet": "North", "text": "Record 2 of the file, long enough to store."}
    path.write_bytes(junk + b"\n" + json.dumps(record).encode() + b"\n")
    items = list(read_jsonl(path))
    assert [type(i).__name__ for i in items] == ["InputError", "Page"]
    assert items[0].item.endswith(":1") and items[1].body.startswith("Record 2")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_wide_file_of_mostly_chinese_text_is_read_as_wide(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"id": n, "text": "北京市政府今天宣布新的交通规划。" * 40}, ensure_ascii=False) for n in (1, 2)]
    body = "\n".join(lines) + "\n"
    path.write_bytes(("\ufeff" + body).encode(encoding) if encoding.endswith("-be") else body.encode(encoding))
    items = list(read_jsonl(path))
    assert [type(i).__name__ for i in items] == ["Page", "Page"]
    assert items[1].body.startswith("北京市")
