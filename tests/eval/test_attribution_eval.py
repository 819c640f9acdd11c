import json

import pytest

from parallax.eval.attribution import evaluate_attribution, read_brat_spans

TEXT = "Mayor Ada Lind said the bridge would reopen in May. The storm, officials said, was the worst in years.\n"


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _write_split(root, ann_lines):
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "pub_2016-01-01_bridge.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "pub_2016-01-01_bridge_ab12.ann").write_text("\n".join(ann_lines) + "\n",
                                                                                encoding="utf-8")


def _line(tid: str, role: str, part: str) -> str:
    start, end = _span(TEXT, part)
    return f"{tid}\t{role} {start} {end}\t{part}"


def test_reads_discontinuous_spans(tmp_path):
    path = tmp_path / "x.ann"
    path.write_text("T1\tContent 0 4;10 20\tabcd efg\nT2\tSource 30 35\tAda\nE1\tAttribution:T3 Source:T2\n")
    spans = read_brat_spans(path)
    assert spans["Content"] == [((0, 4), (10, 20))] and spans["Source"] == [((30, 35),)]


@pytest.mark.slow
def test_perfect_and_missing_gold(tmp_path):
    _write_split(tmp_path, [
        _line("T1", "Source", "Mayor Ada Lind"), _line("T2", "Cue", "said"),
        _line("T3", "Content", "the bridge would reopen in May"),
        _line("T4", "Source", "officials"), _line("T5", "Content", "The storm"),
        _line("T6", "Content", "was the worst in years"),
    ])
    result = evaluate_attribution(tmp_path, "dev")
    json.dumps(result)
    assert result["source_overlap_f1"] == 1.0 and result["source_exact_f1"] == 1.0
    # Content of the inverted sentence is split in two gold spans; we predict one of them.
    assert 0.5 < result["content_overlap_f1"] <= 1.0
    assert result["articles"] == 1


@pytest.mark.slow
def test_wrong_gold_scores_zero(tmp_path):
    _write_split(tmp_path, [_line("T1", "Source", "bridge"), _line("T2", "Content", "years")])
    result = evaluate_attribution(tmp_path, "dev")
    assert result["source_overlap_f1"] == 0.0 and result["content_exact_f1"] == 0.0


@pytest.mark.slow
def test_polnear_dev_floor(shared_dir):
    result = evaluate_attribution(shared_dir / "datasets" / "polnear", "dev")
    assert result["source_overlap_f1"] >= 0.75 and result["content_overlap_f1"] >= 0.65  # the targets
