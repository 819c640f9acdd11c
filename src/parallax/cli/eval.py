"""`parallax eval ...`: quality figures, each printed as one JSON line at the end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.console import friendly_errors
from parallax.settings import default

eval_app = typer.Typer(help="Measure quality on evaluation sets; prints one JSON line.", no_args_is_help=True)

PredictionsOption = Annotated[Path | None, typer.Option(help="write per-item predictions as JSONL")]


def print_figures(figures: dict) -> None:
    print(json.dumps(figures, sort_keys=True))


@eval_app.command("clustering")
def eval_clustering(
    path: Annotated[Path, typer.Argument(help="article set (JSONL, ../shared/eval format)")],
    predictions: PredictionsOption = None,
    embedder: Annotated[str, typer.Option(help="article embedding backend")] = "e5",
    split: Annotated[str | None, typer.Option(help="only the events of one half of the set's committed split: tune or report")] = None,
    merge_model: Annotated[str, typer.Option(help="learned story merge model (story_merge); empty: the average-link threshold")] = "",
) -> None:
    """B-cubed precision/recall/F1 and ARI of story clustering, per language and for the big stories where labelled."""
    from parallax.eval.clustering import evaluate_clustering

    with friendly_errors():
        print_figures(evaluate_clustering(path, predictions, embedder, split, merge_model))


@eval_app.command("summary")
def eval_summary(
    path: Annotated[Path, typer.Argument(help="summary set (JSONL, ../shared/eval format)")],
    predictions: PredictionsOption = None,
    writer: Annotated[str, typer.Option(help="writer backend")] = "extractive",
    embedder: Annotated[str, typer.Option(help="sentence embedding backend: muse, minilm or tfidf")] = default("embedder"),
) -> None:
    """ROUGE-1/2/L F1 of the brief's summary against reference roundups."""
    from parallax.eval.summary import evaluate_summaries
    from parallax.settings import load_settings

    with friendly_errors():
        print_figures(evaluate_summaries(path, predictions, writer, embedder, settings=load_settings()))


@eval_app.command("attribution")
def eval_attribution(
    path: Annotated[Path, typer.Argument(help="the PolNeAR folder (../shared/datasets/polnear)")],
    split: Annotated[str, typer.Option(help="split to report on")] = "dev",
) -> None:
    """Span F1 (exact and overlap) of attribution sources and contents."""
    from parallax.eval.attribution import evaluate_attribution

    with friendly_errors():
        print_figures(evaluate_attribution(path, split))


@eval_app.command("stance")
def eval_stance(
    path: Annotated[Path, typer.Argument(help="the FNC-1 folder")] = Path("../shared/datasets/fnc1_stance"),
    retrain: Annotated[bool, typer.Option(help="fit a fresh model instead of the shipped one")] = False,
) -> None:
    """FNC score and macro-F1 over agree / disagree / discuss / unrelated."""
    from parallax.eval.stance import evaluate_stance

    with friendly_errors():
        print_figures(evaluate_stance(path, retrain))


@eval_app.command("analysis")
def eval_analysis(
    shared: Annotated[Path, typer.Option(help="the shared data folder holding datasets/")] = Path("../shared"),
) -> None:
    """Biased language, opinion, clickbait and leaning models on their public labelled sets."""
    from parallax.eval.analysis import evaluate_analysis

    with friendly_errors():
        print_figures(evaluate_analysis(shared))


@eval_app.command("leaning")
def eval_leaning(
    path: Annotated[Path, typer.Argument(help="article set (JSONL, ../shared/eval format)")],
    predictions: PredictionsOption = None,
) -> None:
    """Predict each article's leaning (left / center / right); macro-F1 where gold labels exist."""
    from parallax.eval.leaning import evaluate_leaning

    with friendly_errors():
        print_figures(evaluate_leaning(path, predictions))


@eval_app.command("outlets")
def eval_outlets(
    path: Annotated[Path, typer.Argument(help="records (JSONL): url, optional outlet, language, gold_country, "
                                              "gold_owner_type")],
    gold: Annotated[list[Path] | None, typer.Option(help="outlet facts CSV joined on the outlet host "
                                                         "(domain,half,gold_country,gold_owner_type,...)")] = None,
    half: Annotated[str, typer.Option(help="only the outlets of this half of the gold CSV (tune or report)")] = "",
    predictions: PredictionsOption = None,
    outlets_csv: Annotated[Path | None, typer.Option(help="extra outlet catalog CSV")] = None,
) -> None:
    """Share of articles with a named outlet, a country and an ownership type; accuracy against gold labels."""
    from parallax.eval.outlets import evaluate_outlets
    from parallax.ingest import load_catalog

    with friendly_errors():
        catalog = load_catalog(*[p for p in [outlets_csv] if p])
        found, detail = evaluate_outlets(path, tuple(gold or ()), half, predictions, catalog)
        print(json.dumps(detail, sort_keys=True))
        print(json.dumps(found))


@eval_app.command("sentences")
def eval_sentences(
    shared: Annotated[Path, typer.Option(help="the shared data folder holding datasets/")] = Path("../shared"),
    half: Annotated[str | None, typer.Option(help="one half: tune or report")] = None,
) -> None:
    """Sentence splitting on real pages: our labelled boundaries on real_news_dev, agreement with BASIL's sentences."""
    from parallax.eval.sentences import evaluate_sentences

    with friendly_errors():
        print_figures(evaluate_sentences(shared, (half,) if half else ("tune", "report")))


@eval_app.command("brief")
def eval_brief(
    shared: Annotated[Path, typer.Option(help="the shared data folder holding datasets/")] = Path("../shared"),
    embedder: Annotated[str, typer.Option(help="sentence embedding backend: muse, minilm or tfidf")] = default("embedder"),
    predictions: PredictionsOption = None,
    only: Annotated[str | None, typer.Option(help="one audit set: basil, real_news_dev, pac or allsides (the last two held out)")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many stories per set")] = None,
    half: Annotated[str | None, typer.Option(help="one half: tune, report, fresh_tune or fresh_report (the held-out PAC and AllSides sets)")] = None,
) -> None:
    """Speakers, stakeholders, conflicting figures, claims and takeaways of briefs on the committed audit sets."""
    from parallax.eval.brief import HALVES, evaluate_brief

    with friendly_errors():
        sets = (only,) if only else ("basil", "real_news_dev", "pac", "allsides")
        halves = (half,) if half else HALVES
        print_figures(evaluate_brief(shared, embedder, predictions, sets, limit, halves))
