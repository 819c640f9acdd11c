"""The analysis and leaning evals run end to end on tiny datasets written here."""

from __future__ import annotations

import csv
import gzip
import json

import pytest

from parallax.eval.analysis import evaluate_analysis
from parallax.eval.leaning import evaluate_leaning

BIASED = [
    "The radical mob spewed shameful lies about {t}.",
    "Corrupt elites rammed through the disgraceful {t} scheme.",
]
NEUTRAL = ["Officials published the annual report on {t}.", "The committee scheduled a vote on {t} for Monday."]
TOPICS = ["taxes", "schools", "roads", "water", "energy", "housing", "trade", "health"]


def write_babe(folder):
    folder.mkdir(parents=True)
    with (folder / "final_labels_SG2.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words"])
        for topic in TOPICS:
            for pattern in BIASED:
                writer.writerow(
                    [pattern.format(t=topic), "", "", topic, "", "Biased", "Expresses writer’s opinion", "[]"]
                )
            for pattern in NEUTRAL:
                writer.writerow([pattern.format(t=topic), "", "", topic, "", "Non-biased", "Entirely factual", "[]"])


def write_clickbait(folder):
    folder.mkdir(parents=True)
    bait = [f"{n} Things About {t} That Will Blow Your Mind" for n in range(5, 30) for t in TOPICS[:2]]
    news = [f"Government announces {t} review after {n} complaints" for n in range(5, 30) for t in TOPICS[:2]]
    for name, lines in (("clickbait_data.gz", bait), ("non_clickbait_data.gz", news)):
        with gzip.open(folder / name, "wt", encoding="utf-8") as out:
            out.write("\n\n".join(lines))


def write_abp(folder):
    for scheme in ("media", "random"):
        (folder / "splits" / scheme).mkdir(parents=True)
        (folder / "splits" / scheme / "train.tsv").write_text("ID\tbias\nz9\t0\n")
        (folder / "splits" / scheme / "valid.tsv").write_text("ID\tbias\n")
    rows = [
        ("a1", "New York Times - News", "www.nytimes.com", 0),
        ("a2", "Breitbart News", "www.breitbart.com", 2),
        ("a3", "Reuters", "www.reuters.com", 1),
        ("a4", "Some Blog", "www.example-blog.org", 1),
    ]
    (folder / "splits" / "media" / "valid.tsv").write_text("ID\tbias\n" + "".join(f"{i}\t{b}\n" for i, _, _, b in rows))
    with gzip.open(folder / "articles_valid_fulltext.jsonl.gz", "wt", encoding="utf-8") as out:
        for i, source, domain, bias in rows:
            out.write(
                json.dumps(
                    {
                        "ID": i,
                        "title": f"Report {i}",
                        "content_original": "The senate voted on the bill.",
                        "source": source,
                        "source_url": domain,
                        "bias": bias,
                    }
                )
                + "\n"
            )


def write_mbfc(folder):
    folder.mkdir(parents=True)
    lines = [
        "source_url\tsource_url_normalized\tref\tfact\tbias",
        "https://breitbart.com\tbreitbart.com\t-\tlow\tright",
    ]
    (folder / "acl2020_corpus.tsv").write_text("\n".join(lines) + "\n")


@pytest.fixture
def tiny_shared(tmp_path):
    write_babe(tmp_path / "datasets" / "babe")
    write_clickbait(tmp_path / "datasets" / "clickbait_chakraborty2016")
    write_abp(tmp_path / "datasets" / "article_bias_prediction")
    write_mbfc(tmp_path / "datasets" / "news_media_reliability")
    return tmp_path


def test_evaluate_analysis_reports_every_key_in_range(tiny_shared):
    result = evaluate_analysis(tiny_shared, use_minilm=False)
    for key in (
        "babe_bias_macro_f1",
        "babe_opinion_macro_f1",
        "clickbait_f1",
        "leaning_macro_f1",
        "outlet_leaning_agreement",
    ):
        assert 0.0 <= result[key] <= 1.0, key
    assert result["babe_bias_macro_f1"] > 0.9  # the tiny set is separable by its loaded words
    assert result["babe_models"].startswith("babe_* (n-grams")
    assert result["leaning_valid_articles"] == 4 and result["outlet_leaning_outlets"] == 1


def test_evaluate_leaning_writes_predictions_and_skips_bad_lines(tmp_path):
    source = tmp_path / "set.jsonl"
    good = [
        {
            "id": "x1",
            "title": "Budget passes",
            "text": "The senate passed the budget.",
            "outlet": "Reuters",
            "leaning": "center",
        },
        {"id": "x2", "title": "Rally", "text": "Thousands marched downtown.", "outlet": None, "leaning": None},
    ]
    source.write_text("\n".join(json.dumps(r) for r in good) + "\n{not json\n")
    result = evaluate_leaning(source, tmp_path / "out.jsonl")
    written = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [w["id"] for w in written] == ["x1", "x2"]
    assert all(w["leaning"] in ("left", "center", "right") for w in written)
    assert result["articles"] == 2 and result["failures"] == 1 and result["with_gold"] == 1
    assert 0.0 <= result["leaning_macro_f1"] <= 1.0


@pytest.mark.slow
def test_clickbait_floor_on_the_real_held_out_split(shared_dir):
    from parallax.eval.analysis import clickbait_metrics

    assert clickbait_metrics(shared_dir)["clickbait_f1"] >= 0.95
