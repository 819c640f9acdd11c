"""English renderings by a packaged local model on our own parallel set: chrF, numbers and names kept.

    nice -n 10 python bench/local_renderings.py [--model qwen2.5-coder-1.5b] [--threads 2] > /tmp/renderings.json

The set (bench/data/renderings_parallel.jsonl) is ours: 66 invented news sentences in 6 languages with our
English references and the names each must keep. Reported: corpus chrF (character 1-6-grams, beta 2, as
sacrebleu's chrF), per language; how often a number or a name of the reference is changed in the raw output;
how many renderings the runtime check (``rendering_problems``) refuses after a second try with the lost words
pinned (``--tries 1``: none); and how many of those it lets through
still change a number or a name (what a reader would see: target 0). The set is split in two fixed halves
(within each language, the 1st, 3rd, 5th ... sentence is "tune", the others "report"); the check was written
looking at the tune half only, and both are reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from itertools import zip_longest
from pathlib import Path
from types import SimpleNamespace

from anyascii import anyascii

from parallax.write.llm.local_model import LlamaChat, RunSettings, get_model, model_file
from parallax.write.llm.rendering_checks import rendering_problems, second_try_problems
from parallax.write.llm.renderings import Renderer, tidy
from parallax.write.llm.verify import numbers

SET = Path(__file__).parent / "data" / "renderings_parallel.jsonl"
ORDER, BETA = 6, 2.0


def ngrams(text: str, n: int) -> Counter:
    squashed = "".join(text.split())
    return Counter(squashed[i : i + n] for i in range(len(squashed) - n + 1))


def chrf(pairs: list[tuple[str, str]]) -> float:
    """Corpus chrF: n-gram matches summed over sentences, precision and recall averaged over n = 1..6."""
    scores = []
    for n in range(1, ORDER + 1):
        match = hyp = ref = 0
        for out, reference in pairs:
            o, r = ngrams(out, n), ngrams(reference, n)
            match += sum((o & r).values())
            hyp += sum(o.values())
            ref += sum(r.values())
        scores.append((match / hyp if hyp else 0.0, match / ref if ref else 0.0))
    p = sum(s[0] for s in scores) / ORDER
    r = sum(s[1] for s in scores) / ORDER
    return 100 * (1 + BETA**2) * p * r / (BETA**2 * p + r) if p + r else 0.0


def changed(out: str, row: dict) -> list[str]:
    """Numbers of the reference missing from the output (or added), and names it lost."""
    want, have = numbers(row["reference"]), numbers(out, with_unscaled=True)
    problems = [f"number {v:g}" for v in sorted(want - have)]
    problems += [f"added number {v:g}" for v in sorted(numbers(out) - numbers(row["reference"], with_unscaled=True))]
    flat = anyascii(out).lower()
    problems += [f"name {n}" for n in row["names"] if anyascii(n).lower() not in flat]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--cache", default="~/.cache/parallax/models")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="skip the first N sentences (resume a stopped run)")
    parser.add_argument("--score", help="score the per-sentence lines a run printed (stderr) instead of running")
    parser.add_argument("--tries", type=int, default=2, help="1: no second try with the lost words pinned")
    parser.add_argument("--first", help="a saved run's stderr: its outputs stand for the first tries (the model is "
                                        "deterministic), only second tries are asked; with --score, the first tries "
                                        "a second try is compared with")
    args = parser.parse_args()
    if args.score:
        done = _saved(args.score)
        half = {r["text"]: r["half"] for r in halves([json.loads(x) for x in SET.read_text(encoding="utf-8").splitlines() if x.strip()])}
        done = [{**r, "half": half.get(r["text"], "")} for r in done]
        done = [{**r, "output": tidy(r["output"])} for r in done]
        first = {r["text"]: tidy(r["output"]) for r in _saved(args.first)} if args.first else {}
        done = [{**r, "changed": changed(r["output"], r), "refused": rendering_problems(r["text"], r["output"], r["lang"])
                 + (second_try_problems(first.get(r["text"], ""), r["output"]) if r.get("tries") == 2 else [])}
                for r in done]  # today's checks
        print(json.dumps(figures(done, args.model, 0.0), ensure_ascii=False, indent=1))
        return 0
    rows = interleaved(halves([json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]))
    rows = rows[: args.limit] if args.limit else rows
    rows = rows[args.start :]
    run = RunSettings(n_ctx=1024, threads=args.threads)
    chat = LlamaChat(model_file(get_model(args.model), Path(args.cache).expanduser()), run)
    saved = {r["text"]: r["output"] for r in _saved(args.first)} if args.first else {}
    results, started = [], time.perf_counter()
    for n, row in enumerate(rows, args.start + 1):
        cpu = time.process_time()
        client = Replay(chat, saved[row["text"]]) if row["text"] in saved else chat
        [done] = Renderer(client, run, tries=args.tries).render([(row["text"], row["lang"])])
        results.append({**row, "output": done.english, "changed": changed(done.english, row), "refused": done.problems,
                        "tries": done.asked, "cpu_s": round(time.process_time() - cpu, 1)})
        print(json.dumps({"n": n, **results[-1]}, ensure_ascii=False), file=sys.stderr, flush=True)
    print(json.dumps(figures(results, args.model, time.perf_counter() - started), ensure_ascii=False, indent=1))
    return 0


def _saved(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.startswith("{")]


class Replay:
    """The saved first answer for a sentence, the model for its second try (the one whose request pins words)."""

    def __init__(self, chat: LlamaChat, first: str):
        self.chat, self.first = chat, first

    def complete(self, payload: dict):
        if "Write these" in payload["messages"][-1]["content"]:
            return self.chat.complete(payload)
        return SimpleNamespace(text=self.first)


def halves(rows: list[dict]) -> list[dict]:
    """Each row marked "tune" or "report": alternately within its language, in the set's order."""
    seen: Counter = Counter()
    marked = []
    for row in rows:
        marked.append({**row, "half": "tune" if seen[row["lang"]] % 2 == 0 else "report"})
        seen[row["lang"]] += 1
    return marked


def interleaved(rows: list[dict]) -> list[dict]:
    """Languages in turn (es, fr, de, ru, zh, ar, es, ...), so a partial run covers every language."""
    by_lang = defaultdict(list)
    for row in rows:
        by_lang[row["lang"]].append(row)
    return [r for group in zip_longest(*by_lang.values()) for r in group if r is not None]


def figures(results: list[dict], model: str, seconds: float) -> dict:
    """chrF overall and per language; numbers and names changed, refused by the check, and shown; per half."""
    return {**shown_figures(results), "model": model, "seconds_per_sentence": round(seconds / max(1, len(results)), 2),
            "cpu_s_per_sentence": round(sum(r.get("cpu_s", 0) for r in results) / max(1, len(results)), 2),
            "second_tries": sum(r.get("tries", 1) == 2 for r in results),
            "halves": {h: shown_figures([r for r in results if r.get("half") == h]) for h in ("tune", "report")},
            "examples_changed": [{k: r[k] for k in ("lang", "output", "changed", "refused")} for r in results if r["changed"]][:12]}


def shown_figures(results: list[dict]) -> dict:
    by_lang = defaultdict(list)
    for r in results:
        by_lang[r["lang"]].append((r["output"], r["reference"]))
    shown = [r for r in results if not r["refused"]]
    return {
        "sentences": len(results), "languages": len(by_lang),
        "chrf": round(chrf([(r["output"], r["reference"]) for r in results]), 1),
        "chrf_by_language": {k: round(chrf(v), 1) for k, v in sorted(by_lang.items())},
        "raw_changed_number_or_name": sum(bool(r["changed"]) for r in results),
        "refused_by_check": len(results) - len(shown),
        "shown": len(shown), "share_shown": round(len(shown) / max(1, len(results)), 3),
        "shown_changed_number_or_name": sum(bool(r["changed"]) for r in shown),
        "chrf_shown": round(chrf([(r["output"], r["reference"]) for r in shown]), 1),
        "shown_changed": [{k: r[k] for k in ("lang", "output", "changed")} for r in shown if r["changed"]],
    }


if __name__ == "__main__":
    raise SystemExit(main())
