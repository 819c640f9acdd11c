"""The local model as a chooser: does it pick and order the summary's sentences better than the extractive ranking?
(BENCHMARKS #28, session 19)

    PARALLAX_LOCAL_THREADS=1 PARALLAX_LOCAL_RENDERINGS=0 PARALLAX_LLM_CACHE_DIR=DIR \
        python bench/local_select_trial.py --start 20 --stop 40 --embedder minilm [--brief] > trial.json

Every variant's sentences are source sentences, verbatim and cited; nothing the model writes reaches the summary.
Per story, one short request: the local writer's numbered source lines (``central_lines``, the extractive ranking's
first sentences) and a prompt asking for the three that best tell the story, most important first, answered as
``[n][n][n]`` under a grammar (a few tokens written). With ``--brief`` the local writer also writes its brief (the
shipped request and gate), and the lines its summary sentences cite stand for a second choice that costs nothing
more. Each choice is continued by the extractive summary as the writer continues its own lead (``continue_summary``:
the extractive length rule; a sentence the choice holds or restates is skipped). Variants:

- ``extractive``: the extractive summary; ``local``: the local writer's summary (``--brief``);
- ``picked``: the chosen lines in the model's order; ``picked lead``: the first chosen line only;
- ``picked, extractive order``: the chosen lines in the extractive ranking's order (the choice without the order);
- ``cited``: the lines the brief request's summary sentences cite first, in its order (``--brief``);
- ``central``: the first three lines as offered (no model: what any gain is measured against).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from parallax.eval.summary import read_stories, rouge_f1, sentence_vectors, story_material
from parallax.models import CitedSentence
from parallax.settings import load_settings
from parallax.write.llm.local import build_local_writer, continue_summary
from parallax.write.llm.local_prompt import shown
from parallax.write.llm.prompt import story_name
from parallax.write.sections.summary import SummaryRules

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "summaries" / "neus_val.jsonl"
SYSTEM = ("You choose the sentences of a short news summary. Below are numbered sentences from news articles about one "
          "story. Pick the three that together best tell a reader what happened, most important first: first the "
          "main event (who did what, where, when), then the most important further facts. Never pick two sentences "
          "that say the same thing. Answer with the three numbers only, like [4][1][7].")
GRAMMAR = r"""root ::= pick pick pick
pick ::= "[" [1-9] [0-9]? "]"
"""
_PICK = re.compile(r"\[(\d+)\]")


def ask_choice(writer, material, lines) -> tuple[list[int], float]:
    """The line numbers the model picks (known, distinct, in its order) and the request's CPU seconds."""
    user = f"Story: {story_name(material)}\n\n{shown(lines)}"
    payload = {"model": writer.model.name, "temperature": 0, "max_tokens": 16, "seed": 0, "grammar": GRAMMAR,
               "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]}
    before = len(getattr(writer.client, "calls", ()))
    text = writer._ask(payload).text
    cpu = sum(c.cpu_seconds for c in getattr(writer.client, "calls", ())[before:])
    known = {line.number for line in lines}
    return [n for n in dict.fromkeys(int(m) for m in _PICK.findall(text)) if n in known], cpu


def as_cited(line) -> CitedSentence:
    return CitedSentence(line.ref.text, (line.ref.citation,))


def continued(material, base, chosen: list, rules: SummaryRules) -> str:
    """The chosen lines, verbatim, continued by the extractive summary to its length rule."""
    written = tuple(as_cited(line) for line in chosen)
    if not written:
        return " ".join(s.text for s in base.summary)
    return " ".join(s.text for s in continue_summary(written, base.summary, material, rules))


def brief_choice(writer, material, lines) -> tuple[str, list[int], float]:
    """The local writer's summary and the lines its unscreened summary sentences cite first, in its order."""
    seen: dict = {}
    screen = writer.screen

    def capture(review, base, shown_lines):
        seen["review"] = review
        return screen(review, base, shown_lines)

    writer.screen = capture
    before = len(getattr(writer.client, "calls", ()))
    try:
        brief = writer.write(material)
    finally:
        writer.screen = screen
    cpu = sum(c.cpu_seconds for c in getattr(writer.client, "calls", ())[before:])
    number = {(line.ref.article.id, line.ref.index): line.number for line in lines}
    review = seen.get("review")
    written = review.sections.get("summary") or () if review else ()
    cited = [number.get((s.citations[0].article_id, s.citations[0].sentence_index)) for s in written]
    return " ".join(s.text for s in brief.summary), [n for n in dict.fromkeys(cited) if n], cpu


def one(writer, row, vectors, embedder, with_brief: bool) -> dict:
    material = story_material(row, vectors, embedder)
    base = writer.fallback.draft(material)
    lines = writer.source_lines(material)
    rules = getattr(writer.fallback, "rules", SummaryRules())
    by_number = {line.number: line for line in lines}
    picks, cpu = ask_choice(writer, material, lines) if lines else ([], 0.0)
    out = {"extractive": " ".join(s.text for s in base.summary),
           "picked": continued(material, base, [by_number[n] for n in picks], rules),
           "picked lead": continued(material, base, [by_number[n] for n in picks[:1]], rules),
           "picked, extractive order": continued(material, base, [by_number[n] for n in sorted(picks)], rules),
           "central": continued(material, base, list(lines[:3]), rules)}
    result = {"story": row.get("story"), "picks": picks, "cpu_seconds": round(cpu, 1)}
    if with_brief:
        out["local"], cited, brief_cpu = brief_choice(writer, material, lines)
        out["cited"] = continued(material, base, [by_number[n] for n in cited], rules)
        result |= {"cited": cited, "brief_cpu_seconds": round(brief_cpu, 1)}
    return result | {"reference": row.get("reference", ""), "summaries": out}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", type=int, default=20)
    parser.add_argument("--stop", type=int, default=40)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--brief", action="store_true", help="also write the local brief (its request and gate)")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    writer = build_local_writer(load_settings().with_overrides(local_renderings=0))
    vectors, embedder = sentence_vectors(args.embedder)
    results, started = [], time.process_time()
    for row in list(read_stories(args.data))[args.start : args.stop]:
        results.append(one(writer, row, vectors, embedder, args.brief))
        print(json.dumps({k: v for k, v in results[-1].items() if k not in ("reference", "summaries")}),
              file=sys.stderr, flush=True)
    variants = list(results[0]["summaries"]) if results else []
    rouge = {v: rouge_f1([(r["summaries"][v], r["reference"]) for r in results]) for v in variants}
    words = {v: round(sum(len(r["summaries"][v].split()) for r in results) / max(1, len(results)), 1) for v in variants}
    print(json.dumps({"embedder": embedder, "stories": len(results), "rouge": rouge, "words": words,
                      "request_cpu_seconds": round(sum(r["cpu_seconds"] for r in results), 1),
                      "cpu_seconds": round(time.process_time() - started, 1), "per_story": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
