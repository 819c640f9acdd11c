"""`parallax eval outlets`: the six figures, gold labels from records or from a CSV of outlet facts."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parallax.cli import app
from parallax.eval.outlets import evaluate_outlets

RECORDS = [
    {"url": "https://arabic.rt.com/news/1", "outlet": "arabic.rt.com", "language": "ar",
     "gold_country": "RU", "gold_owner_type": "state"},
    {"url": "https://www.zeitung-unbekannt.de/a", "language": "de", "gold_country": "DE", "gold_owner_type": "private"},
    {"url": "https://arabic-unknown.com/a", "language": "ar", "gold_country": "EG", "gold_owner_type": "private"},
    {"url": "http://[broken", "language": "en"},
]


def write(tmp_path, records):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n", encoding="utf-8")
    return path


def test_figures_share_over_articles_and_accuracy_over_labelled_ones(tmp_path):
    found, detail = evaluate_outlets(write(tmp_path, RECORDS))
    assert found == {"articles": 5, "named": 0.2, "country": 0.4, "ownership": 0.6,
                     "country_accuracy": round(2 / 3, 4), "ownership_accuracy": 1.0}
    assert detail["sources"]["name"]["catalog"] == 1


def test_gold_from_a_csv_of_outlet_facts_and_one_half(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("domain,half,gold_country,gold_owner_type,basis,note\narabic.rt.com,report,RU,state,known,x\n"
                    "zeitung-unbekannt.de,tune,AT,private,known,y\n")
    plain = [{k: v for k, v in r.items() if not k.startswith("gold")} for r in RECORDS]
    found, _ = evaluate_outlets(write(tmp_path, plain), (gold,), "report")
    assert (found["articles"], found["country_accuracy"], found["ownership_accuracy"]) == (1, 1.0, 1.0)


def test_the_command_prints_the_figures_as_its_last_line(tmp_path):
    result = CliRunner().invoke(app, ["eval", "outlets", str(write(tmp_path, RECORDS))])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert list(last) == ["articles", "named", "country", "ownership", "country_accuracy", "ownership_accuracy"]


def test_records_of_a_name_given_on_several_sites_each_take_their_own_sites_country(tmp_path):
    shared = [{"url": url, "outlet": "Guest Writer - Right"} for url in
              ("https://www.nationalreview.com/a", "https://www.nationalreview.com/b", "https://www.rt.com/news/c")]
    wire = [{"url": "https://pagesix.com/d", "outlet": "New York Post"}]
    found, detail = evaluate_outlets(write(tmp_path, shared + wire))
    assert detail["outlets"] == 4 and found["country"] == 0.8  # the broken line has none
    assert detail["elsewhere"] == {"catalog": 1, "catalog with a country": 1}  # a catalog name on an unclaimed host
