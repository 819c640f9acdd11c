"""The local writer on real stories: seconds per brief, what its sentences pass, and what reaches the page.

    nice -n 10 python bench/local_briefs.py --sizes 5,20,60 > /tmp/local_timing.json     # time per brief
    nice -n 10 python bench/local_briefs.py --sizes 20 --rewrite 2 > /tmp/local_rewrite.json  # a brief written again
    nice -n 10 python bench/local_briefs.py --half tune > /tmp/local_tune.json          # faithfulness, by half
    nice -n 10 python bench/local_briefs.py --half report > /tmp/local_report.json

Stories come from ../shared/datasets/real_news_dev (read at run time, never committed), split by event into a
tune and a report half (the lists below). Per brief: wall seconds of ``LocalWriter.write`` (extractive draft,
model, checks, renderings), model sentences written / passed / dropped with the reason of each drop, renderings
kept and refused, and the faithfulness figure: numbers and names in the shipped model sentences that are absent
from their cited sentences (re-checked on the saved brief; target 0).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from parallax.eval.summary import story_material
from parallax.settings import load_settings
from parallax.write import brief_to_dict
from parallax.write.base import check_brief, resolve_citation
from parallax.write.llm.local import build_local_writer
from parallax.write.llm.verify import check_facts, common_words

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "real_news_dev" / "real_news_dev.jsonl"
TUNE = ("wagner_mutiny_2023", "derna_floods_2023", "navalny_death_2024", "niger_coup_2023",
        "magdeburg_christmas_market_attack_2024")
REPORT = ("fall_of_assad_2024", "al_ahli_hospital_explosion_2023", "prigozhin_plane_crash_2023",
          "nova_kakhovka_dam_2023", "herat_earthquake_2023", "kerch_bridge_attack_2023")
BY_SIZE = {5: "nova_kakhovka_dam_2023", 20: "fall_of_assad_2024", 60: "turkey_syria_earthquake_2023"}


def stories(path: Path) -> dict[str, list[dict]]:
    grouped = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            grouped[row["story"]].append({**row, "outlet": row.get("outlet") or row["id"]})
    return grouped


def reason_kind(reason: str) -> str:
    return re.sub(r"\s*[\[('\"].*$|\s+\d.*$", "", reason).replace("quote", "quote").strip()


def shipped_unsupported(body: dict, articles: dict, writer_label: str) -> list[str]:
    """Numbers and names of the model's shipped sentences that their cited sentences do not hold."""
    sections = body["provenance"].get("sections", {})
    mine = {k for k, v in sections.items() if "@".join(filter(None, (v["writer"], v.get("prompt", "")))) == writer_label}
    items = [("summary", s) for s in body["summary"][: model_summary(body)]] if "summary" in mine else []
    items += [("takeaway", body["sections"]["takeaway"])] if "takeaway" in mine else []
    items += [("questions", q["answer"]) for q in body["sections"].get("questions", [])] if "questions" in mine else []
    found = []
    for where, item in items:
        cited = [resolve_citation(_cite(c), articles[c["article_id"]]) for c in item["citations"]]
        found += [f"{where}: {r}" for r in check_facts(item["text"], cited, common_words(cited))]
    return found


def model_summary(body: dict) -> int | None:
    """How many of the summary's sentences the model wrote when the rest continue extractively (``summary[k:]``)."""
    return next((int(k[len("summary["):-2]) for k in body["provenance"].get("sections", {}) if k.startswith("summary[")),
                None)


def _cite(c: dict):
    from parallax.models import Citation

    return Citation(c["article_id"], c["outlet"], c["sentence_index"], c["start"], c["end"])


def one(writer, name: str, records: list[dict]) -> dict:
    material = story_material({"story": name, "articles": records}, None, "tfidf")
    calls_before, recited_before = len(getattr(writer.client, "calls", ())), writer.recited
    started, cpu = time.perf_counter(), time.process_time()
    brief = writer.write(material)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    check_brief(brief, material.articles)
    report, body = writer.last_report, brief_to_dict(brief)
    calls = list(getattr(writer.client, "calls", ()))[calls_before:]
    return {
        "story": name, "articles": len(material.articles), "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1), "calls": [_call(c) for c in calls],
        "prompt_tokens": sum(c.prompt_tokens for c in calls), "completion_tokens": sum(c.completion_tokens for c in calls),
        "model_sections": sorted(k for k, v in report.sections if v == writer.label),
        "declined": body["provenance"].get("model", {}).get("declined", ""),
        "held_back": body["provenance"].get("model", {}).get("summary held back", ""),
        "written": report.written, "dropped": len(report.dropped), "recited": writer.recited - recited_before,
        "drop_reasons": Counter(reason_kind(r) for d in report.dropped for r in d.reasons[:1]),
        "dropped_sentences": [[d.where, d.text, d.reasons[0]] for d in report.dropped],
        "renderings": len(body["sections"].get("renderings", [])),
        "unsupported_shipped": shipped_unsupported(body, {a.id: a for a in material.articles}, writer.label),
        "summary": [s["text"] for s in body["summary"]],
        "summary_continued": len(body["summary"][model_summary(body) or len(body["summary"]):]),
    }


def _call(call) -> dict:
    """One model request: tokens, wall and CPU seconds, and the rates (tokens per CPU second is load-independent)."""
    tokens = call.prompt_tokens + call.completion_tokens
    return {"prompt": call.prompt_tokens, "completion": call.completion_tokens, "seconds": round(call.seconds, 1),
            "cpu_seconds": round(call.cpu_seconds, 1), "tokens_per_cpu_second": round(tokens / max(call.cpu_seconds, 1e-9), 1),
            "looped": getattr(call, "looped", False)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=("tune", "report"))
    parser.add_argument("--sizes", default="")
    parser.add_argument("--renderings", type=int, default=None)
    parser.add_argument("--rewrite", type=int, default=0, help="N: each story is first written without its last N "
                        "articles, then again with them (answers stored between the two, in a fresh folder)")
    args = parser.parse_args()
    grouped = stories(DATA)
    settings = load_settings()
    if args.renderings is not None:
        settings = settings.with_overrides(local_renderings=args.renderings)
    # every brief is written, none read back; with --rewrite, only what the story's first writing stored
    settings = settings.with_overrides(llm_cache_dir=tempfile.mkdtemp(prefix="local-briefs-") if args.rewrite else "")
    writer = build_local_writer(settings)
    print(json.dumps({"load_seconds": getattr(writer.client, "load_seconds", None)}), file=sys.stderr)
    sizes = [int(n) for n in args.sizes.split(",") if n]
    jobs = [(BY_SIZE[n], grouped[BY_SIZE[n]][: n - args.rewrite]) for n in sizes if args.rewrite]
    jobs += [(BY_SIZE[n], grouped[BY_SIZE[n]][:n]) for n in sizes]
    jobs += [(name, grouped[name]) for name in (TUNE if args.half == "tune" else REPORT if args.half else ())]
    results = []
    for name, records in jobs:
        results.append(one(writer, name, records))
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
    written, dropped = sum(r["written"] for r in results), sum(r["dropped"] for r in results)
    totals = {
        "writer": writer.label, "settings": dict(writer.model_facts()), "briefs": len(results),
        "model_sentences": written, "passed": written - dropped, "dropped": dropped,
        "pass_rate": round((written - dropped) / written, 3) if written else 0.0,
        "drop_reasons": sum((Counter(r["drop_reasons"]) for r in results), Counter()),
        "unsupported_shipped": sum(len(r["unsupported_shipped"]) for r in results),
        "renderings": sum(r["renderings"] for r in results),
        "seconds_per_brief": round(sum(r["seconds"] for r in results) / max(1, len(results)), 1),
        "cpu_seconds_per_brief": round(sum(r["cpu_seconds"] for r in results) / max(1, len(results)), 1),
        "recited": sum(r["recited"] for r in results),
        "declined": sum(bool(r["declined"]) for r in results), "summaries_held_back": sum(bool(r["held_back"]) for r in results),
        "looped_requests": sum(c["looped"] for r in results for c in r["calls"]),
        "requests_at_cap": sum(c["completion"] >= writer.run.max_tokens for r in results for c in r["calls"]),
        "stories": results,
    }
    print(json.dumps(totals, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
