"""``parallax eval clustering``: cluster a gold-labelled article set and score it (B-cubed, ARI).

Where records carry a hand-labelled ``language``: B-cubed per language and for the non-English pages
together. For every gold story of ``BIG_STORY`` pages or more: the share of its pages in its largest
predicted story and that story's purity. Where records are dated: the article pairs joined against the
gold, by whether their gold stories begin on different days (``wrong_joins``; for a set whose gold
files a running story as one story a day, allsides_2021, these are its developments). ``split`` keeps the events of one half of a committed
tune/report split (``data/splits/<set>.json``); where that file lists pairs of same-kind, different-event
stories (an attack and its memorial a year on), how many pages of each decoy were glued to its story (``decoys_joined``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import numpy as np

from parallax.cluster import ClusterConfig, assign_to_stories
from parallax.embed import DEFAULT_EMBEDDER, Embedder, article_texts, get_embedder
from parallax.errors import InputError
from parallax.models import Article, Page
from parallax.text.article import MIN_TEXT_CHARS, build_article


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) over the items both labelings share.

    For each item: precision is the share of its predicted cluster that shares its
    gold label, recall the share of its gold cluster that shares its predicted label.
    """
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    pairs = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    precision = sum(pairs[(gold[i], predicted[i])] / pred_sizes[predicted[i]] for i in items) / len(items)
    recall = sum(pairs[(gold[i], predicted[i])] / gold_sizes[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(gold: Mapping[str, str], predicted: Mapping[str, str]) -> float:
    """sklearn's adjusted Rand index over the shared items."""
    from sklearn.metrics import adjusted_rand_score

    items = [i for i in gold if i in predicted]
    return float(adjusted_rand_score([gold[i] for i in items], [predicted[i] for i in items]))


BIG_STORY = 20  # gold stories this large get their coverage figures printed


@dataclass
class LabelledSet:
    """An eval file read: its articles, their gold story, record id and hand-labelled language by article id."""

    articles: list[Article]
    gold: dict[str, str]
    record_ids: dict[str, str]
    languages: dict[str, str] = field(default_factory=dict)

    def only(self, stories: set[str]) -> LabelledSet:
        """The articles whose gold story is one of ``stories``."""
        keep = [a for a in self.articles if self.gold.get(a.id) in stories]
        ids = {a.id for a in keep}
        return LabelledSet(keep, *({k: v for k, v in d.items() if k in ids}
                                   for d in (self.gold, self.record_ids, self.languages)))


def read_labelled_articles(path: Path) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """Articles of an eval file, their gold story and their record id, both keyed by article id."""
    labelled = read_labelled_set(path)
    return labelled.articles, labelled.gold, labelled.record_ids


def read_labelled_set(path: Path) -> LabelledSet:
    """An eval file with its gold stories, record ids and (where given) hand-labelled languages."""
    found, seen = LabelledSet([], {}, {}), set()
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            article, story, language = _labelled_article(f"{path}:{number}", line, seen)
            seen.add(article.external_id)
            found.articles.append(article)
            found.record_ids[article.id] = article.external_id
            if story is not None:
                found.gold[article.id] = story
            if language:
                found.languages[article.id] = language
    return found


def split_stories(path: Path, half: str) -> set[str]:
    """The gold stories of one half ("tune" or "report") of the committed split for the set at ``path``."""
    split_file = files("parallax.data").joinpath("splits", f"{Path(path).stem}.json")
    if not split_file.is_file():
        raise InputError(str(path), f"no committed tune/report split for this set (looked for {split_file})")
    halves = json.loads(split_file.read_text(encoding="utf-8"))
    if half not in ("tune", "report"):
        raise InputError(str(path), f"unknown split half {half!r}; valid: tune, report")
    return set(halves[half])


def split_decoys(path: Path) -> list[tuple[str, str]]:
    """The committed pairs of same-kind, different-event gold stories for the set at ``path`` (none if not listed)."""
    split_file = files("parallax.data").joinpath("splits", f"{Path(path).stem}.json")
    if not split_file.is_file():
        return []
    return [tuple(pair) for pair in json.loads(split_file.read_text(encoding="utf-8")).get("decoys", [])]


def decoy_figures(gold: dict[str, str], predicted: dict[str, str], decoys: Sequence[tuple[str, str]]) -> dict:
    """For each pair (story, decoy) with pages of both: the decoy's pages that share a predicted story with a page
    of the story ("2/3": two of its three pages were glued to it)."""
    stories_of: dict[str, set[str]] = {}
    for page, story in gold.items():
        if page in predicted:
            stories_of.setdefault(story, set()).add(predicted[page])
    figures = {}
    for story, decoy in decoys:
        if story in stories_of and decoy in stories_of:
            pages = [p for p, s in gold.items() if s == decoy and p in predicted]
            joined = sum(predicted[p] in stories_of[story] for p in pages)
            figures[f"{story} ~ {decoy}"] = f"{joined}/{len(pages)}"
    return figures


def _labelled_article(where: str, line: str, seen: set[str]) -> tuple[Article, str | None, str]:
    try:
        record = json.loads(line)
        # a record without an id (our demo corpus, say) is known by its line number
        record_id = str(record.get("id") or f"line-{where.rsplit(':', 1)[1]}")
    except (json.JSONDecodeError, AttributeError) as exc:
        raise InputError(where, f"not a JSON article record: {exc}") from exc
    # unique per record, even when two records share a text or (in some sets) an id
    key = record_id if record_id not in seen else f"{record_id}#{where.rsplit(':', 1)[1]}"
    page = Page(
        url=f"urn:parallax-eval:{key}",
        body=_body(record),
        title=record.get("title") or "",
        outlet=record.get("outlet") or "",
        published=_date(where, record.get("published")),
        source=where,
        external_id=record_id,
    )
    story = record.get("story")
    return build_article(page), None if story is None else str(story), str(record.get("language") or "")


def _body(record: dict) -> str:
    text, title = (record.get("text") or "").strip(), (record.get("title") or "").strip()
    return text if len(text) >= MIN_TEXT_CHARS else f"{title}\n\n{text}".strip()  # a headline-only record


def _date(where: str, value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError as exc:
        raise InputError(where, f"published {value!r} is not an ISO date") from exc


def score_clustering(gold: dict[str, str], predicted: dict[str, str]) -> dict:
    """The clustering figures for a gold and a predicted labelling keyed by the same ids."""
    precision, recall, f1 = bcubed(gold, predicted)
    shared = [i for i in gold if i in predicted]
    return {
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
        "ari": round(adjusted_rand(gold, predicted), 4),
        "articles": len(shared),
        "stories_gold": len({gold[i] for i in shared}),
        "stories_predicted": len({predicted[i] for i in shared}),
    }


def language_figures(gold: dict[str, str], predicted: dict[str, str], languages: dict[str, str]) -> dict:
    """B-cubed F1 (and page count) per hand-labelled language, and for the non-English pages together."""
    if not languages:
        return {}
    groups: dict[str, list[str]] = {}
    for item, language in languages.items():
        if item in gold and item in predicted:
            groups.setdefault(language, []).append(item)
            if language != "en":
                groups.setdefault("non_en", []).append(item)
    figures = {}
    for language, items in sorted(groups.items()):
        precision, recall, f1 = bcubed({i: gold[i] for i in items}, {i: predicted[i] for i in items})
        figures[language] = {"pages": len(items), "bcubed_precision": round(precision, 4),
                             "bcubed_recall": round(recall, 4), "bcubed_f1": round(f1, 4)}
    return figures


def big_story_figures(gold: dict[str, str], predicted: dict[str, str], size: int = BIG_STORY) -> dict:
    """For each gold story of ``size`` pages or more: its share in its largest predicted story, and that story's purity."""
    sizes = Counter(gold[i] for i in gold if i in predicted)
    pairs = Counter((gold[i], predicted[i]) for i in gold if i in predicted)
    predicted_sizes = Counter(predicted[i] for i in gold if i in predicted)
    figures = {}
    for story, pages in sorted(sizes.items()):
        if pages < size:
            continue
        (_, best), held = max(((k, n) for k, n in pairs.items() if k[0] == story), key=lambda kn: kn[1])
        figures[story] = {"pages": pages, "share_in_largest": round(held / pages, 4),
                          "largest_purity": round(held / predicted_sizes[best], 4)}
    return figures


def wrong_joins(articles: Sequence[Article], gold: dict[str, str], predicted: dict[str, str]) -> dict:
    """Article pairs one predicted story holds but two gold stories: how many, and how many of them join gold stories
    whose first days differ (a running story's developments, where the gold files one story a day)."""
    first: dict[str, float] = {}
    for a in articles:
        if a.id in gold and a.published is not None:
            day = a.published.date().toordinal()
            first[gold[a.id]] = min(first.get(gold[a.id], day), day)
    pairs = Counter((predicted[i], gold[i]) for i in gold if i in predicted)
    by_story: dict[str, list[tuple[str, int]]] = {}
    for (story, label), n in pairs.items():
        by_story.setdefault(story, []).append((label, n))
    total = across = 0
    for labels in by_story.values():
        for k, (a, n) in enumerate(labels):
            for b, m in labels[k + 1 :]:
                total += n * m
                across += n * m if a in first and b in first and first[a] != first[b] else 0
    return {"pairs": total, "across_days": across, "share_across_days": round(across / total, 4) if total else 0.0}


def predict_stories(articles: Sequence[Article], embedder: Embedder, config: ClusterConfig | None = None) -> dict:
    """``{article id: story id}`` from embedding and clustering ``articles``."""
    vectors = embedder.article_vectors([article_texts(a) for a in articles])
    return cluster_with_vectors(articles, dict(zip((a.id for a in articles), vectors)), config)


def cluster_with_vectors(articles: Sequence[Article], vectors: dict[str, np.ndarray], config=None) -> dict:
    """``{article id: story id}`` for articles whose vectors are already known (cached runs)."""
    result = assign_to_stories(articles, vectors, config)
    return {aid: story.id for story in result.stories for aid in story.article_ids}


def evaluate_clustering(
    path: Path, predictions: Path | None = None, embedder_name: str = DEFAULT_EMBEDDER, split: str | None = None,
    merge_model: str = "",
) -> dict:
    """Cluster the articles of ``path`` (one half of its split, if asked) and compare with their gold stories;
    ``merge_model`` names a learned story merge model (``cluster/merge_model.py``) to use instead of the threshold."""
    labelled = read_labelled_set(Path(path))
    if split:
        labelled = labelled.only(split_stories(Path(path), split))
    config = ClusterConfig(merge_model=merge_model)
    predicted = predict_stories(labelled.articles, get_embedder(embedder_name), config)
    if predictions is not None:
        write_predictions(Path(predictions), labelled.articles, predicted, labelled.record_ids)
    figures = {**score_clustering(labelled.gold, predicted), "embedder": embedder_name}
    if split:
        figures["split"] = split
    if merge_model:
        figures["merge_model"] = merge_model
    if labelled.languages:
        figures["by_language"] = language_figures(labelled.gold, predicted, labelled.languages)
    if any(a.published for a in labelled.articles):
        figures["wrong_joins"] = wrong_joins(labelled.articles, labelled.gold, predicted)
    if decoys := decoy_figures(labelled.gold, predicted, split_decoys(Path(path))):
        figures["decoys_joined"] = decoys
    big = big_story_figures(labelled.gold, predicted)
    return {**figures, "big_stories": big} if big else figures


def write_predictions(path: Path, articles: Sequence[Article], predicted: dict, record_ids: dict) -> None:
    """One ``{"id", "story"}`` line per article, in the file's order."""
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps({"id": record_ids[article.id], "story": predicted[article.id]}) + "\n")


def run_clustering_eval(path: Path, predictions: Path | None = None, embedder_name: str = DEFAULT_EMBEDDER) -> dict:
    """The command's body: evaluate, then print the figures as one JSON line."""
    figures = evaluate_clustering(path, predictions, embedder_name)
    print(json.dumps(figures, sort_keys=True))
    return figures
