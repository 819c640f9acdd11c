"""bench/german_speakers.py: pages read from a folder outside the repository, scored against labels by offset."""

import hashlib
import importlib.util
import json
from pathlib import Path

from parallax.models import Page
from parallax.text.article import build_article

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "german_speakers.py"
TEXT = "Die Lage sei ernst, sagte Balling. Das Wetter bleibt schlecht. Es regne weiter, sagte Erkens."


def _bench():
    spec = importlib.util.spec_from_file_location("german_speakers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _labels(text: str) -> dict:
    article = build_article(Page(url="u", body=text, title="", outlet="p", source="p", external_id="p"))
    starts = [s.start for s in article.sentences]
    return {"pages": {"p": {"url": "u", "query": "q", "sha": hashlib.sha1(article.text.encode()).hexdigest()[:12],
                            "speakers": [{"at": starts[0], "who": ["Balling"], "note": ""},
                                         {"at": starts[2], "who": ["Erkens"], "note": ""}]}},
            "stories": {"s": {"pages": ["p"], "stakeholders": [["Balling"], ["Erkens"]]}}}


def test_without_the_pages_folder_it_measures_nothing_and_exits_cleanly(tmp_path, capsys):
    assert _bench().main([str(tmp_path / "absent")]) == 0
    assert "nothing measured" in capsys.readouterr().err


def test_each_labelled_statement_is_found_under_its_speaker(tmp_path):
    bench, labels = _bench(), _labels(TEXT)
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "p", "url": "u", "text": TEXT}) + "\n", encoding="utf-8")
    articles = bench.load_pages(tmp_path, labels)
    figures = bench.sentence_figures(articles, labels, show=False)
    assert figures["statements"] == {"right": 2, "judged": 2, "share": 1.0}
    assert figures["precision"]["judged"] == 2


def test_a_page_whose_text_changed_is_skipped(tmp_path, capsys):
    bench, labels = _bench(), _labels(TEXT)
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "p", "url": "u", "text": TEXT + " Neu."}) + "\n",
                                          encoding="utf-8")
    assert bench.load_pages(tmp_path, labels) == {}
    assert "differs" in capsys.readouterr().err
