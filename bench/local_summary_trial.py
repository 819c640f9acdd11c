"""A packaged model asked for the summary alone, on neus_val stories: does it shorten, and does its lead beat the
extractive summary on the same stories? (BENCHMARKS #28, session 18)

    PARALLAX_LOCAL_THREADS=1 PARALLAX_LLM_CACHE_DIR=DIR nice -n 10 python bench/local_summary_trial.py \
        --model qwen2.5-coder-1.5b --start 20 --stop 40 > trial.json

One request per story: the local writer's source lines (``central_lines``) under a summary-only prompt and grammar
(below). The answer is read and checked as the local writer reads and checks its own; then, with no further model
call, each verified sentence is classed (a copy of a source line; a shortening of one, its words a subsequence; its
words all from the lines but reordered or fused; or words of its own), and ROUGE-1/2/L is given for the extractive
summary and for the model's lead continued by the extractive summary as the writer continues it: only where the lead
shortens the extractive lead (as shipped), ungated, and every verified sentence. With ``llm_cache_dir`` set, a second
run reads the answers back.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from parallax.eval.summary import read_stories, rouge_f1, sentence_vectors, story_material
from parallax.settings import load_settings
from parallax.write.llm.local import build_local_writer
from parallax.write.llm.local_prompt import shown
from parallax.write.llm.prompt import story_name
from parallax.write.llm.review import review_answer, unusable
from parallax.write.llm.shortening import shortens

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "summaries" / "neus_val.jsonl"
SYSTEM = ("You write the summary of a news story in English from numbered source sentences. Use only their facts and "
          "keep their words, but write shorter than the sources: leave out clauses, titles and background that the "
          "story does not need, and where two sources tell the same event, join them into one sentence. Copy every "
          "name, number and date you keep exactly as a source writes it. Add nothing of your own. End each sentence "
          "with the numbers of the sources it uses.\n\nAnswer in exactly this form, three sentences, under 60 words in "
          "all:\nSUMMARY:\n- <what happened, in under 25 words> [n]\n- <the next most important fact> [n]\n"
          "- <another fact, or who said what> [n]")
GRAMMAR = r"""root ::= "SUMMARY:\n" item item? item?
item ::= "- " said
said ::= [^\n\[\]] [^\n\[\]]+ cite cite? cite? "\n"
cite ::= " "? "[" [1-9] [0-9]? "]"
"""
RULES = {"summary": ("list", 2, 4)}  # the local writer's summary rule
VARIANTS = ("extractive", "shipped gate", "lead ungated", "every verified sentence")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def kind(text: str, sources: list[str]) -> str:
    """How a written sentence relates to the lines the model read."""
    if any(words(text) == words(s) for s in sources):
        return "copy"
    if any(shortens(text, s) for s in sources):
        return "shortened"
    read = {w for s in sources for w in words(s)}
    return "own words" if any(w not in read for w in words(text)) else "reordered or fused"


def ask(writer, material, lines):
    """The summary-only answer's review (the local writer's reading and checks) and the request's CPU seconds."""
    user = f"Story: {story_name(material)}\n\n{shown(lines)}"
    payload = {"model": writer.model.name, "temperature": 0, "max_tokens": 200, "seed": 0, "grammar": GRAMMAR,
               "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]}
    before = len(getattr(writer.client, "calls", ()))
    completion = writer._ask(payload)
    cpu = sum(c.cpu_seconds for c in getattr(writer.client, "calls", ())[before:])
    try:
        answer = writer.read_answer(completion.text, lines, material)
    except ValueError as exc:
        return unusable(str(exc), RULES), completion, cpu
    return review_answer(answer, lines, writer._support(material), RULES), completion, cpu


def summaries(writer, material, base, lines, review) -> dict[str, str]:
    """Each variant's summary text: the model's lead (or all of its verified sentences) continued extractively."""
    out = {}
    for variant in VARIANTS:
        chosen = writer.screen(review, base, lines) if variant == "shipped gate" else review
        writer.summary_lead = 0 if variant == "every verified sentence" else 1
        if variant == "extractive" or "summary" not in chosen.sections:
            chosen = replace(review, sections={})
        out[variant] = " ".join(s.text for s in writer._merge(material, base, chosen)[0].summary)
    return out


def one(writer, row, vectors, embedder) -> dict:
    material = story_material(row, vectors, embedder)
    base = writer.fallback.draft(material)
    lines = writer.source_lines(material)
    review, completion, cpu = ask(writer, material, lines)
    written = review.sections.get("summary") or ()
    sources = [line.ref.text for line in lines]
    return {"story": row.get("story"), "reference": row.get("reference", ""), "cpu_seconds": round(cpu, 1),
            "tokens": [completion.usage.prompt_tokens, completion.usage.completion_tokens],
            "kinds": [kind(s.text, sources) for s in written], "dropped": len(review.dropped),
            "lead_words": [len(written[0].text.split()), len(base.summary[0].text.split())] if written else None,
            "summaries": summaries(writer, material, base, lines, review)}


def totals(results: list[dict]) -> dict:
    leads = [r["lead_words"] for r in results if r["lead_words"]]
    figures = {v: rouge_f1([(r["summaries"][v], r["reference"]) for r in results]) for v in VARIANTS}
    return {"stories": len(results), "rouge": figures, "kinds": Counter(k for r in results for k in r["kinds"]),
            "dropped": sum(r["dropped"] for r in results),
            "lead_words_model_vs_extractive": [round(sum(x[i] for x in leads) / max(1, len(leads)), 1) for i in (0, 1)],
            "request_cpu_seconds": round(sum(r["cpu_seconds"] for r in results), 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--start", type=int, default=20)
    parser.add_argument("--stop", type=int, default=40)
    args = parser.parse_args()
    writer = build_local_writer(load_settings().with_overrides(local_model=args.model, local_renderings=0))
    vectors, embedder = sentence_vectors("minilm")
    results, started = [], time.process_time()
    for row in list(read_stories(DATA))[args.start : args.stop]:
        results.append(one(writer, row, vectors, embedder))
        print(json.dumps({k: v for k, v in results[-1].items() if k != "reference"}), file=sys.stderr, flush=True)
    print(json.dumps({"model": args.model, **totals(results), "cpu_seconds": round(time.process_time() - started, 1),
                      "per_story": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
