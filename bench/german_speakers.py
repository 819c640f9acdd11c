"""German speakers on pages outside every audit half: a tune set for the German forms the report half holds.

    python bench/german_speakers.py DIR [--show] [--briefs]

DIR holds ``pages.jsonl`` (one page a line: ``id``, ``url``, ``text``): German news pages on events no audit story
covers, kept outside the repository (their text belongs to their publishers). The labels are committed in
``bench/data/german_speakers.json``: per page its url, the query that found it, a SHA-1 prefix of its normalised text
and, for each sentence with a statement, an offset inside it, the speakers and a short note; the pages are grouped
into stories with the stakeholders' names. Without DIR (or without the pages) the script says so and exits 0.

Two figures, both on the tune set only:
- sentences: each labelled statement with a named speaker is right when our attributions of that sentence name its
  speaker (``statements``); each sentence we attribute is right when a label names the same speaker (``precision``;
  a sentence nobody labelled counts wrong).
- ``--briefs``: the extractive brief of each story, scored as ``parallax eval brief`` scores real_news_dev
  (``speaker_precision``, ``non_english_speakers``, headings, citations).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from parallax import settings
from parallax.analyse.who.attribution import extract_attributions
from parallax.eval.audit import AuditStory, Tally, best_label, score_brief
from parallax.eval.brief import material_of
from parallax.models import Article, Page
from parallax.text.article import build_article

LABELS = Path(__file__).resolve().parent / "data" / "german_speakers.json"


def load_pages(folder: Path, labels: dict) -> dict[str, Article]:
    """Our articles of the labelled pages found in ``folder``; a page whose text changed is reported and skipped."""
    rows = {}
    with (folder / "pages.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    articles = {}
    for pid, meta in labels["pages"].items():
        row = rows.get(pid)
        if row is None:
            print(f"missing page {pid} ({meta['url']})", file=sys.stderr)
            continue
        article = build_article(Page(url=row["url"], body=row["text"], title="", outlet=pid, source=pid, external_id=pid))
        if hashlib.sha1(article.text.encode()).hexdigest()[:12] != meta["sha"]:
            print(f"page {pid}: text differs from the labelled one, skipped", file=sys.stderr)
            continue
        articles[pid] = article
    return articles


def sentence_figures(articles: dict[str, Article], labels: dict, show: bool) -> dict:
    found, shown = [0, 0], [0, 0]
    for story in labels["stories"].values():
        for pid in (p for p in story["pages"] if p in articles):
            page = _page_figures(pid, articles[pid], labels["pages"][pid]["speakers"], story["stakeholders"], show)
            found = [a + b for a, b in zip(found, page[0])]
            shown = [a + b for a, b in zip(shown, page[1])]
    return {"statements": _share(found), "precision": _share(shown)}


def _page_figures(pid: str, article: Article, marks: list[dict], names: list[list[str]], show: bool
                  ) -> tuple[list[int], list[int]]:
    """([right, judged] of the labelled statements, [right, judged] of the sentences we attribute) of one page."""
    said: dict[int, set[int | None]] = {}
    actors: dict[int, set[str]] = {}
    for a in (a for a in extract_attributions(article) if a.key):
        said.setdefault(a.sentence_index, set()).add(best_label(a.actor, names))
        actors.setdefault(a.sentence_index, set()).add(a.actor)
    index = {m["at"]: _sentence_at(article, m["at"]) for m in marks}
    hits = []
    for m in (m for m in marks if m["who"]):
        hits.append(bool(said.get(index[m["at"]], set()) & {best_label(w, names) for w in m["who"]}))
        if show and not hits[-1]:
            print(f"miss {pid} s{index[m['at']]} {m['who']} ({m['note']})", file=sys.stderr)
    rights = []
    for i, whos in sorted(said.items()):
        mark = next((m for m in marks if index[m["at"]] == i), None)
        rights.append(mark is not None and bool(whos & {best_label(w, names) for w in mark["who"]}))
        if show and not rights[-1]:
            print(f"wrong {pid} s{i} {sorted(actors[i])} (label: {mark and mark['who']})", file=sys.stderr)
    return [sum(hits), len(hits)], [sum(rights), len(rights)]


def _sentence_at(article: Article, at: int) -> int:
    return next((i for i, s in enumerate(article.sentences) if s.start <= at < s.end), -1)


def _share(counts: list[int]) -> dict:
    return {"right": counts[0], "judged": counts[1], "share": round(counts[0] / counts[1], 3) if counts[1] else None}


def brief_figures(articles: dict[str, Article], labels: dict) -> dict:
    from parallax.eval.summary import sentence_vectors
    from parallax.write.base import get_writer
    from parallax.write.render import brief_to_dict

    writer, tally = get_writer("extractive"), Tally()
    vectors, embedder = sentence_vectors(settings.default("embedder"))
    for name, story in labels["stories"].items():
        chosen = tuple(articles[p] for p in story["pages"] if p in articles)
        marks = [{**m, "id": articles[p].id} for p in story["pages"] if p in articles for m in labels["pages"][p]["speakers"]]
        audit = AuditStory("german_pages", name, "tune", chosen, labels={"stakeholders": story["stakeholders"],
                                                                          "speakers": marks})
        score_brief(audit, brief_to_dict(writer.write(material_of(audit, vectors, embedder))), tally)
    figures = tally.figures()
    return {k: figures[k] for k in ("speaker_precision", "non_english_speakers", "valid_stakeholders", "counts",
                                    "citations_exact", "citations", "nonverbatim_quotes")}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv and not argv[0].startswith("--") else None
    if folder is None or not (folder / "pages.jsonl").exists():
        print("german_speakers: no pages folder given (or no pages.jsonl in it); nothing measured", file=sys.stderr)
        return 0
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    articles = load_pages(folder, labels)
    result = {"pages": len(articles), **sentence_figures(articles, labels, "--show" in argv)}
    if "--briefs" in argv:
        result["briefs"] = brief_figures(articles, labels)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
