import json

import pytest

from parallax.eval.summary import evaluate_summaries, main

ARTICLES = [
    ("Harbor bridge closes after crack found", ("Inspectors closed the Harbor bridge on Tuesday after finding a crack in a main beam. "
     "The city said repairs could take six weeks. Commuters were told to use the ferry instead.")),
    ("Crack shuts Harbor bridge", ("The Harbor bridge was closed on Tuesday when inspectors found a crack in a main beam. "
     "Officials expect repairs to last about six weeks. Ferry services will run more often.")),
    ("Harbor bridge shut for repairs", ("A crack in a main beam forced the closure of the Harbor bridge on Tuesday. "
     "Repairs are expected to take six weeks, the city said. Local shops fear losing customers.")),
]


def _write_set(path, stories=2):
    with path.open("w") as out:
        for n in range(stories):
            articles = [{"id": f"s{n}-{i}", "story": f"s{n}", "title": t, "text": x, "outlet": None if i == 0 else f"Outlet {i}",
                         "published": "2026-03-03", "leaning": None} for i, (t, x) in enumerate(ARTICLES)]
            out.write(json.dumps({"story": f"s{n}", "reference_title": "Bridge closed",
                                  "reference": "The Harbor bridge closed on Tuesday after inspectors found a crack in a "
                                               "main beam; repairs will take six weeks.", "articles": articles}) + "\n")
        out.write(json.dumps({"story": "empty", "reference_title": "", "reference": "Nothing.", "articles": []}) + "\n")


def test_summary_eval_scores_and_writes_predictions(tmp_path):
    data, predictions = tmp_path / "set.jsonl", tmp_path / "pred.jsonl"
    _write_set(data)
    figures = evaluate_summaries(data, predictions, embedder="tfidf")
    assert figures["stories"] == 3
    assert 30 < figures["rouge1"] <= 100 and figures["rouge2"] <= figures["rouge1"]
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert [r["story"] for r in rows] == ["s0", "s1", "empty"]
    assert "Harbor bridge" in rows[0]["summary"] and rows[2]["summary"] == ""


def test_summary_eval_prints_one_json_line(tmp_path, capsys):
    data = tmp_path / "set.jsonl"
    _write_set(data, stories=1)
    assert main([str(data), "--embedder", "tfidf"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and set(json.loads(out[0])) >= {"rouge1", "rouge2", "rougeL", "stories"}


@pytest.mark.slow
def test_summary_eval_floor_on_neus_val(shared_dir):
    # A floor far below the measured figure: it catches a broken writer, not small changes.
    figures = evaluate_summaries(shared_dir / "eval/summaries/neus_val.jsonl", embedder="tfidf", stop=40)
    assert figures["stories"] == 40 and figures["rouge1"] >= 30
