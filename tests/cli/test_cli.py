"""The command line as a new user meets it: real subprocesses, real files, real SQLite."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.store.sqlite import SQLiteStore

PARALLAX = [sys.executable, "-m", "parallax"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "NO_COLOR": "1"}
    return subprocess.run([*PARALLAX, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def test_ingesting_the_seed_article_stores_its_date(tmp_path, shared_dir):
    seed = shared_dir / "seeds" / "000_b963823c6e30401b.txt"
    result = run_cli("ingest", str(seed), "--outlet", "Seed Outlet", "--db", "seed.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    store = SQLiteStore(tmp_path / "seed.db")
    [article] = store.articles_since()
    assert article.published.date().isoformat() == "2024-03-27"
    assert article.outlet == "Seed Outlet"
    assert not article.text.lstrip().startswith("date")


def test_unknown_embedder_fails_with_the_valid_choices(tmp_path):
    result = run_cli("run", "--embedder", "word2vec", "--db", "x.db", cwd=tmp_path)
    assert result.returncode == 2
    assert "word2vec" in result.stderr and "minilm" in result.stderr and "tfidf" in result.stderr


def test_show_of_unknown_story_names_it(tmp_path):
    SQLiteStore(tmp_path / "x.db").close()  # an empty database: reading commands never create one
    result = run_cli("show", "s-nothing", "--db", "x.db", cwd=tmp_path)
    assert result.returncode == 2
    assert "s-nothing" in result.stderr


@pytest.mark.slow
def test_demo_prints_a_brief_citing_at_least_three_outlets(tmp_path):
    result = run_cli("demo", "--no-serve", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = result.stdout.split("\n## ")[0]
    outlets = set(re.findall(r"\[([^\[\]]+)\]", summary))
    assert len(outlets) >= 3, result.stdout[:3000]
    assert (tmp_path / "parallax-demo.db").exists()

    listed = run_cli("stories", "--json", "--db", "parallax-demo.db", cwd=tmp_path)
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(stories) >= 10
    shown = [s for s in stories if s["countries"]]
    assert shown and all(len(name) > 2 for s in shown for name in s["countries"])  # names, codes apart
    assert all(len(s["countries"]) == len(s["country_codes"]) and s["languages"] for s in stories)

    again = run_cli("run", "--db", "parallax-demo.db", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 changed" in again.stderr and "0 briefs written" in again.stderr

    exported = run_cli("export", "1", "--out", "out", "--db", "parallax-demo.db", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert {p.suffix for p in (tmp_path / "out").iterdir()} == {".md", ".json", ".html"}


def test_migrate_copies_a_database_and_refuses_a_full_target(tmp_path, shared_dir):
    seed = shared_dir / "seeds" / "000_b963823c6e30401b.txt"
    assert run_cli("ingest", str(seed), "--outlet", "Seed Outlet", "--db", "a.db", cwd=tmp_path).returncode == 0
    moved = run_cli("migrate", "--from", "a.db", "--to", "sqlite:///b.db", cwd=tmp_path)
    assert moved.returncode == 0, moved.stderr
    assert "articles: 1 -> 1" in moved.stdout and "match" in moved.stderr
    assert SQLiteStore(tmp_path / "b.db").articles_since()[0].published.year == 2024
    again = run_cli("migrate", "--from", "a.db", "--to", "b.db", cwd=tmp_path)
    assert again.returncode == 2 and "b.db" in again.stderr


def test_ingest_with_an_executor_backfills_files_and_export_prints_a_digest(tmp_path):
    articles = tmp_path / "articles.jsonl"
    rows = [{"title": f"Harbour crane collapse in Merrow, report {n}", "outlet": outlet, "published": "2026-09-14",
             "url": f"https://{outlet.lower().replace(' ', '')}.example/crane",
             "text": f"A crane collapsed at the harbour in Merrow on Monday, {outlet} reported. "
                     f"Port officials said {n} workers were hurt. The harbour will stay shut until Friday."}
            for n, outlet in ((2, "Merrow Courier"), (3, "Tolven Star"))]
    articles.write_text("\n".join(json.dumps(r) for r in rows))
    done = run_cli("ingest", str(articles), "--executor", "processes:2", "--db", "x.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "backfilled through processes" in done.stderr and "2 new" in done.stderr
    digest = run_cli("export", "--digest", "2026-09-14", "--db", "x.db", cwd=tmp_path)
    assert digest.returncode == 0 and "Harbour crane collapse in Merrow" in digest.stdout
    bad = run_cli("export", "--digest", "14/09/2026", "--db", "x.db", cwd=tmp_path)
    assert bad.returncode == 2 and "14/09/2026" in bad.stderr
    remote = run_cli("ingest", "https://example.org/feed", "--executor", "serial", "--db", "x.db", cwd=tmp_path)
    assert remote.returncode == 2 and "https://example.org/feed" in remote.stderr


def test_databases_are_never_created_by_reading_and_bad_files_are_named(tmp_path):
    missing = run_cli("stories", "--db", "typo.db", cwd=tmp_path)
    assert missing.returncode == 2 and "typo.db" in missing.stderr and not (tmp_path / "typo.db").exists()
    (tmp_path / "corrupt.db").write_bytes(b"not a database at all" * 100)
    corrupt = run_cli("status", "--db", "corrupt.db", cwd=tmp_path)
    assert corrupt.returncode == 2 and "corrupt.db" in corrupt.stderr and "Traceback" not in corrupt.stderr
    moved = run_cli("migrate", "--from", "missing.db", "--to", "copy.db", cwd=tmp_path)
    assert moved.returncode == 2 and not (tmp_path / "missing.db").exists() and not (tmp_path / "copy.db").exists()


def test_partial_ingest_exits_1_and_articles_shows_what_was_kept(tmp_path):
    records = tmp_path / "mixed.jsonl"
    good = {"id": "g", "title": "colour \x1b[31mred\x1b[0m", "text": "The harbour bridge reopened on Monday. Traffic was light."}
    records.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    result = run_cli("ingest", str(records), "--db", "m.db", cwd=tmp_path)
    assert result.returncode == 1 and "mixed.jsonl:2" in result.stderr and "Traceback" not in result.stderr
    listed = json.loads(run_cli("articles", "--format", "json", "--db", "m.db", cwd=tmp_path).stdout)
    assert listed["count"] == 1 and "\x1b" not in listed["articles"][0]["title"]
    failed = json.loads(run_cli("articles", "--failed", "--format", "json", "--db", "m.db", cwd=tmp_path).stdout)
    assert [f["item"] for f in failed["failures"]] == [f"{records}:2"]
    table = run_cli("articles", "--db", "m.db", cwd=tmp_path)
    assert table.returncode == 0 and "\x1b" not in table.stdout
    assert run_cli("show", "0", "--db", "m.db", cwd=tmp_path).returncode == 2


def test_stories_filter_by_language_and_show_follows_a_merged_id(tmp_path):
    from datetime import UTC, datetime

    from parallax.models import Story
    from parallax.store.base import StoredBrief

    records = [("https://zeitung.example/a", "Brücke in Tolven eingestürzt",
                "Die alte Kessel-Brücke in Tolven ist am Montagmorgen in den Fluss gestürzt, sagten Beamte der Stadt."),
               ("https://ledger.example/a", "Kessel bridge collapses in Tolven",
                "The old Kessel bridge in Tolven collapsed into the river on Monday morning, city officials said."),
               ("https://ledger.example/b", "Ferry strike ends in Marenland",
                "Ferry crews in Marenland ended their strike on Tuesday after the operator agreed to a new contract.")]
    lines = [json.dumps({"url": u, "title": t, "text": x}) for u, t, x in records]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli("ingest", "news.jsonl", "--db", "n.db", cwd=tmp_path).returncode == 0
    store = SQLiteStore(tmp_path / "n.db")
    by_url = {a.url: a for a in store.articles_since()}
    assert by_url["https://zeitung.example/a"].language == "de"
    de, en, ferry = (by_url[u].id for u, _, _ in records)
    store.save_stories([Story("s-bridge", (de, en), title="Bridge"), Story("s-ferry", (ferry,), title="Ferry"),
                        Story("s-early", (en,), title="Early report")])
    store.save_brief(StoredBrief("s-bridge", 1, "fixture", "h", {"story_id": "s-bridge"}, datetime.now(UTC)))
    store.retire_stories({"s-early": "s-bridge"})
    store.close()

    german = run_cli("stories", "--language", "de", "--json", "--db", "n.db", cwd=tmp_path)
    assert [json.loads(line)["id"] for line in german.stdout.splitlines()] == ["s-bridge"], german.stderr
    assert json.loads(german.stdout.splitlines()[0])["languages"] == ["de", "en"]
    english = run_cli("stories", "--language", "en", "--json", "--db", "n.db", cwd=tmp_path)
    assert {json.loads(line)["id"] for line in english.stdout.splitlines()} == {"s-bridge", "s-ferry"}
    listed = run_cli("articles", "--language", "de", "--format", "json", "--db", "n.db", cwd=tmp_path)
    assert [a["id"] for a in json.loads(listed.stdout)["articles"]] == [de], listed.stderr
    wrong = run_cli("stories", "--language", "german", "--db", "n.db", cwd=tmp_path)
    assert wrong.returncode == 2 and "'german' is not a language code" in wrong.stderr
    shown = run_cli("show", "s-early", "--format", "json", "--db", "n.db", cwd=tmp_path)
    assert shown.returncode == 0 and json.loads(shown.stdout)["story_id"] == "s-bridge", shown.stderr
    assert "story s-early was merged into s-bridge" in shown.stderr
