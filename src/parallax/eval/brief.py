"""Brief audit on real text: are speakers, stakeholders, conflicting figures, claims and takeaways right?

Committed audit sets, each split by event into a tune half and a report half
(``data/audit``): BASIL (its quote speakers are gold) and stories of real_news_dev
formed from the gold ``story`` labels (our own labels: stakeholders, speakers,
same-quantity figure sets, self-contained claims, acceptable takeaways), and two
held-out sets labelled for claims and takeaways only, split into ``fresh_tune`` and
``fresh_report``: PAC's left/right pairs and AllSides' three-outlet roundups. Labels
point into the sources by article id and character offset; no source text is
stored. A brief is written per story and its cited sentences are scored against
the labels (``parallax.eval.audit``). Progress goes to stderr; the figures are one
JSON line on stdout.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from parallax.errors import InputError
from parallax.eval.audit import AuditStory, Tally, score_brief
from parallax.eval.summary import sentence_vectors
from parallax.ingest.dates import naive_utc
from parallax.models import Article, Outlet, Page, Story
from parallax.settings import default
from parallax.text.article import build_article
from parallax.text.fingerprint import domain_of
from parallax.write.base import get_writer
from parallax.write.material import StoryMaterial
from parallax.write.render import brief_to_dict

AUDIT_DIR = Path(__file__).resolve().parents[1] / "data" / "audit"
HALVES = ("tune", "report", "fresh_tune", "fresh_report")  # fresh_*: PAC and AllSides, labelled after the rules were written


def basil_stories(basil: Path, split: dict[str, list[str]]) -> Iterator[AuditStory]:
    """BASIL triplets as audit stories: gold quote speakers located by offset in our text of each article (a group
    speaker with the member who said it, where we labelled one: ``basil_members.json``)."""
    members = basil_members()
    for half in HALVES:
        for uuid in split.get(half, ()):
            files = sorted(basil.glob(f"articles/*/{uuid}_*.json"))
            articles, quotes, entities = [], [], set()
            for path in files:
                article, located, main = _basil_article(basil, path, members)
                articles.append(article)
                quotes += located
                entities |= main
            yield AuditStory("basil", uuid, half, tuple(articles), quotes=tuple(quotes), entities=frozenset(entities))


def basil_members() -> dict[tuple[str, str], str]:
    """(BASIL article stem, SHA-1 prefix of the span) → the gold speaker we score against: a group with the member
    the article names as saying it ("House_Democrats|Zoe_Lofgren"), or our correction of a wrong gold."""
    found = json.loads((AUDIT_DIR / "basil_members.json").read_text(encoding="utf-8"))
    golds = {(m["article"], m["sha"]): f"{m['gold']}|{m['speaker']}" for m in found["spans"] if m["speaker"]}
    return golds | {(m["article"], m["sha"]): m["speaker"] for m in found.get("corrections", [])}


def _basil_article(basil: Path, path: Path, members: dict[tuple[str, str], str] | None = None
                   ) -> tuple[Article, list[tuple[str, int, str]], set[str]]:
    """The article, its gold quote spans as (article id, offset, speaker; ``members`` overrides it), and its main
    entities."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = raw.get("body-paragraphs") or []
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    page = Page(url=raw.get("url", ""), body=text, title=raw.get("title", ""), outlet=domain_of(raw.get("url", "")),
                published=_date(raw.get("date")), source=raw.get("uuid", ""))
    article = build_article(page)
    offsets, at = [], 0  # where each BASIL sentence starts in our text
    for paragraph in paragraphs:
        for sentence in paragraph:
            offsets.append((article.text.find(sentence, at), sentence))
            at = max(at, offsets[-1][0])
    annotations = basil / "annotations" / path.parent.name / (path.stem + "_ann.json")
    located = []
    if annotations.exists():
        for span in json.loads(annotations.read_text(encoding="utf-8")).get("phrase-level-annotations", []):
            if span.get("quote") != "yes":
                continue
            start = next((o + span["start"] for o, s in offsets if o >= 0 and s[span["start"]:span["end"]] == span["txt"]),
                         None)
            if start is not None:
                ours = (members or {}).get((path.stem, hashlib.sha1(span["txt"].encode()).hexdigest()[:10]))
                located.append((article.id, start, ours or str(span.get("speaker") or "")))
    return article, located, {e for e in raw.get("main-entities") or []}


def _date(value: str | None) -> datetime | None:
    """An ISO date as the pipeline keeps one: naive UTC (AllSides dates carry an offset, "2021-10-18T16:15:00-07:00")."""
    try:
        return naive_utc(datetime.fromisoformat(value)) if value else None
    except ValueError:
        return None


def news_stories(path: Path, labels: dict) -> Iterator[AuditStory]:
    """real_news_dev stories formed from the gold ``story`` labels, with our labels for them."""
    rows: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                rows.setdefault(row["story"], []).append(row)
    for name, story in labels["stories"].items():
        articles = []
        for row in rows.get(name, []):
            page = Page(url=row.get("url") or "", body=row.get("text") or "", title=row.get("title") or "",
                        outlet=row.get("outlet") or row["id"], published=_date(row.get("published")),
                        source=row["id"], external_id=row["id"])
            try:
                articles.append(build_article(page))
            except InputError as exc:
                print(f"skip {exc}", file=sys.stderr)
        ours = {a.external_id: a.id for a in articles}  # the set's page id → our article id
        yield AuditStory("real_news_dev", name, story["split"], tuple(articles), labels=_with_ids(story, ours))


def _with_ids(labels: dict, ours: dict[str, str]) -> dict:
    """The labels with each page id replaced by our article id. A story with no ``figures`` key was not labelled for
    figures (session 17's stories: claims and takeaways only), so its conflicts stay unjudged, not wrong."""
    def mark(m: dict) -> dict:
        return {**m, "id": ours.get(m["id"], m["id"])}
    found = {key: [mark(m) for m in labels.get(key, [])] for key in ("speakers", "claims", "not_claims", "takeaways", "not_takeaways")}
    if "figures" in labels:
        found["figures"] = [{**f, "members": [mark(m) for m in f["members"]]} for f in labels["figures"]]
    return {**labels, **found}


_GLUE_LEFT = re.compile(r" (n['’]t|['’](?:s|re|ve|ll|d|m)\b|[.,;:!?%)\]”])")
_GLUE_RIGHT = re.compile(r"([(\[$“]) ")
_HYPHEN = re.compile(r"(\w) - (?=\w)")


def detokenized(sentence: str) -> str:
    """A PAC sentence as its page wrote it: some outlets' sentences come tokenized ("does n't", "$ 25 billion",
    "family - planning", "journey :")."""
    return _HYPHEN.sub(r"\1-", _GLUE_RIGHT.sub(r"\1", _GLUE_LEFT.sub(r"\1", sentence)))


def pac_stories(path: Path, labels: dict) -> Iterator[AuditStory]:
    """PAC's left/right article pairs of the stories we labelled (``data/audit/pac.json``): a held-out set of US political
    news, labelled after the claim rules were written, split by story into ``fresh_tune`` and ``fresh_report``."""
    rows: dict[str, list[dict]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows.setdefault(row["id"].split("_DOCUMENT")[0], []).append(row)
    for name, story in labels["stories"].items():
        articles = []
        for row in rows.get(name, []):
            sentences = ast.literal_eval(row["news"]) if isinstance(row["news"], str) else row["news"]
            page = Page(url="", body=" ".join(detokenized(s["text"]) for s in sentences), title=row.get("title") or "",
                        outlet=row.get("source") or row["id"], published=_date(row.get("date")), source=row["id"],
                        external_id=row["id"])
            articles.append(build_article(page))
        ours = {a.external_id: a.id for a in articles}
        yield AuditStory("pac", name, story["split"], tuple(articles), labels=_with_ids(story, ours))


def allsides_stories(path: Path, labels: dict) -> Iterator[AuditStory]:
    """AllSides headline roundups of the stories we labelled (``data/audit/allsides.json``, story ``AS_<id>``): a
    left-, a centre- and a right-rated outlet's opening paragraphs on one event, each page ``AS_<id>_<side>``."""
    rows: dict[str, dict] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                rows[f"AS_{row['id']}"] = row
    for name, story in labels["stories"].items():
        news, articles = rows.get(name, {}).get("news", {}), []
        for side in ("left", "center", "right"):
            try:
                articles += [build_article(_allsides_page(f"{name}_{side}", news[side], rows[name].get("date")))]
            except KeyError:
                print(f"skip {name}_{side}: no such page in {path.name}", file=sys.stderr)
            except InputError as exc:
                print(f"skip {exc}", file=sys.stderr)
        ours = {a.external_id: a.id for a in articles}
        yield AuditStory("allsides", name, story["split"], tuple(articles), labels=_with_ids(story, ours))


def _allsides_page(page_id: str, news: dict, date: str | None) -> Page:
    url = news.get("newsLink") or ""
    return Page(url=url, body="\n\n".join(news.get("newBody") or []), title=news.get("newsTitle") or "",
                outlet=domain_of(url) or page_id, published=_date(date), source=page_id, external_id=page_id)


def material_of(story: AuditStory, vectors, embedder: str) -> StoryMaterial:
    outlets = {a.outlet: Outlet(name=a.outlet, domain=a.outlet, language=a.language) for a in story.articles}
    return StoryMaterial(Story(story.name, tuple(a.id for a in story.articles)), story.articles, outlets, {},
                         vectors, embedder if vectors else "tfidf", generated_at=datetime(2026, 1, 1))


def evaluate_brief(shared: Path, embedder: str = default("embedder"), predictions: Path | None = None,
                   sets: Sequence[str] = ("basil", "real_news_dev", "pac", "allsides"), limit: int | None = None,
                   halves: Sequence[str] = HALVES) -> dict:
    """Write a brief per audit story and score it; the figures per half and over both."""
    unknown = sorted(set(halves) - set(HALVES))
    if unknown:
        raise InputError(f"--half {', '.join(unknown)}", f"no such audit half; the halves are {', '.join(HALVES)}")
    writer = get_writer("extractive")
    vectors, embedder = sentence_vectors(embedder)
    tallies = {half: Tally() for half in HALVES}
    items: list[dict] = []
    for n, story in enumerate((s for s in _stories(shared, sets, limit) if s.half in halves), 1):
        brief = brief_to_dict(writer.write(material_of(story, vectors, embedder)))
        items += score_brief(story, brief, tallies[story.half])
        print(f"{n} {story.corpus}/{story.name}", file=sys.stderr)
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
    both = Tally()
    for tally in tallies.values():
        both.add(tally)
    return {**both.figures(), **{half: tally.figures() for half, tally in tallies.items()
                          if tally.stories or not half.startswith("fresh")},
            "embedder": embedder}


def _stories(shared: Path, sets: Sequence[str], limit: int | None) -> Iterator[AuditStory]:
    chosen: list[AuditStory] = []
    if "basil" in sets:
        split = json.loads((AUDIT_DIR / "basil_split.json").read_text(encoding="utf-8"))
        chosen += list(basil_stories(shared / "datasets" / "basil", split))[:limit]
    if "real_news_dev" in sets:
        labels = json.loads((AUDIT_DIR / "real_news_dev.json").read_text(encoding="utf-8"))
        path = shared / "datasets" / "real_news_dev" / "real_news_dev.jsonl"
        chosen += list(news_stories(path, labels))[:limit]
    if "pac" in sets:
        labels = json.loads((AUDIT_DIR / "pac.json").read_text(encoding="utf-8"))
        path = shared / "datasets" / "pac_partisan_events" / "pac_train_2012_2021.jsonl.gz"
        chosen += list(pac_stories(path, labels))[:limit]
    if "allsides" in sets:
        labels = json.loads((AUDIT_DIR / "allsides.json").read_text(encoding="utf-8"))
        path = shared / "datasets" / "allsides_neus" / "allsides_roundups_2021.jsonl"
        chosen += list(allsides_stories(path, labels))[:limit]
    yield from chosen
