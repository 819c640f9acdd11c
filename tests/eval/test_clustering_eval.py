"""B-cubed and ARI on hand-made labelings, and the clustering eval over a tiny file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from parallax.errors import InputError
from parallax.eval.clustering import bcubed, read_labelled_articles, run_clustering_eval, score_clustering
from parallax.models import Page
from parallax.text.article import build_article


def test_bcubed_matches_hand_computed_values():
    gold = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    # precision: a,b 2/2; c,d,e 1/3,2/3,2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
    # recall: a,b 2/3; c 1/3; d,e 2/2    -> (2/3+2/3+1/3+1+1)/5 = 11/15
    precision, recall, f1 = bcubed(gold, predicted)
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)


def test_perfect_and_all_in_one_labelings():
    gold = {"a": "X", "b": "X", "c": "Y"}
    assert bcubed(gold, {"a": "p", "b": "p", "c": "q"}) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(gold, {"a": "p", "b": "p", "c": "p"})
    assert precision == pytest.approx(5 / 9) and recall == 1.0
    figures = score_clustering(gold, {"a": "p", "b": "p", "c": "q"})
    assert figures["ari"] == 1.0 and figures["stories_gold"] == figures["stories_predicted"] == 2


def _write_set(path):
    records = [
        (
            "f1",
            "flood",
            "Meln floods Tarnow old town",
            (
                "The river Meln flooded the old town of Tarnow on Monday "
                "and hundreds of residents left their homes as water filled the streets."
            ),
        ),
        (
            "f2",
            "flood",
            "Tarnow evacuates hundreds as the Meln rises",
            (
                "Hundreds of people were evacuated in Tarnow "
                "when the Meln burst its banks on Monday, flooding the streets of the old town."
            ),
        ),
        (
            "c1",
            "chips",
            "Kestrel to build Ohio chip plant",
            (
                "Kestrel Semiconductor will spend twelve billion dollars "
                "on a chip factory in Ohio that will employ three thousand people."
            ),
        ),
        (
            "c2",
            "chips",
            "Ohio wins Kestrel's $12bn chip factory",
            (
                "The chipmaker Kestrel picked Ohio for its twelve "
                "billion dollar semiconductor factory, promising three thousand jobs."
            ),
        ),
    ]
    with path.open("w") as out:
        for rid, story, title, text in records:
            out.write(
                json.dumps(
                    {
                        "id": rid,
                        "story": story,
                        "title": title,
                        "text": text,
                        "outlet": None,
                        "published": "2024-03-04",
                        "leaning": None,
                    }
                )
                + "\n"
            )


def test_eval_file_is_read_with_its_gold_stories(tmp_path):
    _write_set(tmp_path / "set.jsonl")
    articles, gold, record_ids = read_labelled_articles(tmp_path / "set.jsonl")
    assert sorted(record_ids.values()) == ["c1", "c2", "f1", "f2"]
    assert {record_ids[a]: story for a, story in gold.items()}["f2"] == "flood"
    assert all(a.published is not None for a in articles)


@pytest.mark.slow
def test_eval_command_prints_one_json_line_and_writes_predictions(tmp_path, capsys):
    _write_set(tmp_path / "set.jsonl")
    figures = run_clustering_eval(tmp_path / "set.jsonl", tmp_path / "out.jsonl", "minilm")
    printed = capsys.readouterr().out.strip().splitlines()
    assert json.loads(printed[-1]) == figures
    assert figures["articles"] == 4 and figures["stories_gold"] == 2 and figures["bcubed_f1"] == 1.0
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["f1", "f2", "c1", "c2"]
    assert rows[0]["story"] == rows[1]["story"] != rows[2]["story"] == rows[3]["story"]


def test_records_sharing_an_id_stay_separate_articles(tmp_path):
    path = tmp_path / "dup.jsonl"
    rows = [
        ("empty", "s1", "Dam fails at Orvel"),
        ("x", "s1", "Orvel valley evacuated"),
        ("empty", "s2", "Kestrel builds plant"),
    ]
    with path.open("w") as out:
        for rid, story, title in rows:
            text = f"{title}. A report long enough to be kept as an article body for the test at hand."
            out.write(json.dumps({"id": rid, "story": story, "title": title, "text": text}) + "\n")
    articles, gold, record_ids = read_labelled_articles(path)
    assert len({a.id for a in articles}) == 3
    assert sorted(gold.values()) == ["s1", "s1", "s2"]
    assert sorted(record_ids.values()) == ["empty", "empty", "x"]


def test_records_without_ids_are_known_by_line_and_bad_lines_are_named(tmp_path):
    path = tmp_path / "noid.jsonl"
    text = "A report long enough to be kept as an article body for the test at hand."
    path.write_text(json.dumps({"story": "s1", "title": "Dam fails", "text": text}) + "\n\n"
                    + json.dumps({"story": "s1", "title": "Valley evacuated", "text": text + " More."}) + "\n")
    _, gold, record_ids = read_labelled_articles(path)
    assert sorted(record_ids.values()) == ["line-1", "line-3"] and len(gold) == 2
    path.write_text("[1, 2]\n")
    with pytest.raises(InputError, match=r"noid.jsonl:1"):
        read_labelled_articles(path)


def test_figures_per_language_and_for_big_stories():
    from parallax.eval.clustering import big_story_figures, language_figures

    gold = {f"q{i}": "quake" for i in range(20)} | {"f1": "flood", "f2": "flood"}
    predicted = {f"q{i}": "A" if i < 16 else "B" for i in range(20)} | {"f1": "A", "f2": "C"}
    languages = {f"q{i}": "en" if i % 2 else "ar" for i in range(20)} | {"f1": "en", "f2": "de"}
    by_language = language_figures(gold, predicted, languages)
    assert set(by_language) == {"ar", "de", "en", "non_en"}
    assert by_language["non_en"]["pages"] == 11 and by_language["de"]["bcubed_f1"] == 1.0
    assert big_story_figures(gold, predicted) == {
        "quake": {"pages": 20, "share_in_largest": 0.8, "largest_purity": round(16 / 17, 4)}
    }


def test_split_reads_the_committed_halves(tmp_path):
    from parallax.eval.clustering import split_stories

    tune, report = (split_stories(tmp_path / "real_news_dev.jsonl", h) for h in ("tune", "report"))
    assert "turkey_syria_earthquake_2023" in tune and "trump_assassination_attempt_2024" in report
    assert not tune & report
    with pytest.raises(InputError, match="no committed"):
        split_stories(tmp_path / "other.jsonl", "tune")


def test_wrong_joins_are_counted_by_whether_their_gold_stories_begin_on_different_days():
    from parallax.eval.clustering import wrong_joins

    day = datetime(2021, 9, 1, tzinfo=UTC)
    dated = {"a1": day, "a2": day, "b1": day + timedelta(days=1), "c1": day, "u1": None}
    articles = [build_article(Page(url=f"https://x.example/{k}", title=k, body="text " * 30, outlet="o", published=when))
                for k, when in dated.items()]
    ids = {a.title: a.id for a in articles}
    gold = {ids["a1"]: "A", ids["a2"]: "A", ids["b1"]: "B", ids["c1"]: "C", ids["u1"]: "U"}
    predicted = {ids["a1"]: "s1", ids["a2"]: "s1", ids["b1"]: "s1", ids["c1"]: "s2", ids["u1"]: "s2"}
    # s1 joins A with B (2 pairs, a day apart); s2 joins C with an undated story (1 pair, days unknown)
    assert wrong_joins(articles, gold, predicted) == {"pairs": 3, "across_days": 2, "share_across_days": 0.6667}


def test_decoys_count_the_pages_glued_to_the_story_they_are_not():
    from parallax.eval.clustering import decoy_figures, split_decoys

    gold = {"a1": "attack", "a2": "attack", "m1": "memorial", "m2": "memorial", "t1": "trial"}
    predicted = {"a1": "s1", "a2": "s1", "m1": "s1", "m2": "s2", "t1": "s3"}
    pairs = [("attack", "memorial"), ("attack", "trial"), ("attack", "elsewhere")]
    assert decoy_figures(gold, predicted, pairs) == {"attack ~ memorial": "1/2", "attack ~ trial": "0/1"}
    listed = split_decoys(Path("real_news_dev.jsonl"))
    assert ("mannheim_knife_attack_2024", "mannheim_attack_memorial_2025") in listed
    assert split_decoys(Path("no_such_set.jsonl")) == []
