"""Compression by deletion: the extractive summary's sentences shortened by leaving words out, every output a
verbatim subsequence of its sentence (BENCHMARKS #28, session 20).

    PARALLAX_LOCAL_THREADS=1 PARALLAX_LOCAL_RENDERINGS=0 PARALLAX_LLM_CACHE_DIR=DIR OMP_NUM_THREADS=1 \
        python bench/local_deletion_trial.py --start 20 --stop 40 --embedder muse [--model] > trial.json

Per story, the extractive summary (as ``--writer extractive`` writes it) and its sentences shortened three ways:

- ``oracle``: every word absent from the reference left out (stems compared as ROUGE compares them); an upper bound
  on what deletion can gain, not a method: it reads the reference;
- ``rule``: a trailing attribution clause left out (", officials said on Monday." -> "."; ", according to X.";
  ',\u201d he said.' -> '.\u201d'), no model;
- ``model`` (``--model``): the local model asked to shorten each sentence by deleting words, under a llama.cpp
  grammar that only allows a subsequence of the sentence's words in order (each word optional, whole or without
  its punctuation), so every answer is the sentence with words left out; ``model, opening kept``: only where the
  answer keeps the sentence's first two words (its deletions inside the sentence, not of its subject's head);
  ``--keep-opening 2`` writes that into the grammar instead (the first two tokens required, whole).

A shortening stands only where it keeps every negation ("not", "no", "never", ... and "n't"), every number as a
value of the sentence (no "3" left of "3 million"), every quotation verbatim, and passes the verifier's checks
against the sentence (``check_sentence``); else the sentence stands whole. ``same`` keeps the extractive summary's
sentences; ``refilled`` adds the ranking's next sentences, shortened the same way, until the shortened summary meets
the extractive length rule (3-5 sentences, 60 words).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from parallax.eval.summary import read_stories, rouge_f1, sentence_vectors, story_material
from parallax.write.llm.shortening import shortens
from parallax.write.llm.verify import check_sentence, common_words, numbers
from parallax.write.pool import sentence_pool
from parallax.write.sections.summary import SummaryRules, build_summary

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "summaries" / "neus_val.jsonl"
SYSTEM = ("You shorten sentences to half their length by deleting words: keep only who did what, delete "
          "attributions, titles, dates, places of minor importance, parentheses and background. Never add or change "
          "a word.")
EXAMPLES = (  # made-up sentences; their shortenings drop about half the words
    ("A ferry carrying 40 passengers capsized near the port of Meral on Tuesday, killing at least six people, the "
     "regional coast guard chief, Anna Berg, told reporters.",
     "A ferry capsized near Meral on Tuesday, killing six people."),
    ("The city council, which has been divided over the plan since last spring, voted on Thursday not to close "
     "the old library, officials said.",
     "The city council voted not to close the old library."),
)
_DAY = r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last week)"
_VERB = r"(?:said|says|told\s+(?:reporters|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)|added|reported|announced|noted|wrote|confirmed)"
_TAILS = (
    (re.compile(r",[\"”]\s+[^,\"“”]{1,60}?\s+" + _VERB + r"(?:\s+" + _DAY + r")?(?:\s+in a statement)?\s*\.$"), ".”"),
    (re.compile(r",\s+[^,\"“”]{1,60}?\s+" + _VERB + r"(?:\s+" + _DAY + r")?(?:\s+in a statement)?\s*\.$"), "."),
    (re.compile(r",\s+(?:said|says|according to)\s+[^\"“”]{1,80}\.$"), "."),
)


def rule_shortening(text: str) -> str:
    """The sentence without a trailing attribution clause, or the sentence itself."""
    for pattern, end in _TAILS:
        shorter = pattern.sub(end, text)
        if shorter != text:
            return shorter
    return text


def tokens(text: str) -> list[tuple[str, str]]:
    """(whole token, token without its leading and trailing punctuation) for each space-separated token."""
    out = []
    for token in text.split():
        core = re.sub(r"^[^\w$£€]+|[^\w%]+$", "", token)
        out.append((token, core or token))
    return out


def tidy(words: list[str]) -> str:
    """Kept tokens as a sentence: capitalised, no dangling comma, a full stop where none ends it."""
    text = " ".join(words).strip()
    text = re.sub(r"\s*,\s*(?=,|$)", "", text)
    text = re.sub(r"[,;:\u2014-]+$", "", text).strip()
    if not text:
        return text
    if not re.search(r"[.!?][\"'”’»)]*$", text):
        text = text.rstrip("\"'”’") + "."
    return text[0].upper() + text[1:]


def grammar(text: str, keep: int = 0) -> str:
    """GBNF: any subsequence of the sentence's tokens, in order, each whole or without its punctuation; the first
    ``keep`` tokens whole and required."""
    def literal(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    rules = []
    for k, (whole, core) in enumerate(tokens(text)):
        options = [literal(" " + whole)] + ([literal(" " + core)] if core != whole and k >= keep else [])
        rules.append(f"t{k} ::= " + " | ".join(options))
    root = "root ::= " + " ".join(f"t{k}" + ("" if k < keep else "?") for k in range(len(rules)))
    return "\n".join([root, *rules]) + "\n"


def acceptable(short: str, source: str, common: frozenset[str]) -> bool:
    """A shortening that keeps every negation, every number's value, every quote and passes the verifier."""
    if not short or len(short.split()) < 4 or not shortens(short, source):
        return False
    if numbers(short) - numbers(source):
        return False
    return not check_sentence(short, [1], {1: source}, common)


def oracle_shortening(text: str, reference: str) -> str:
    from rouge_score.tokenizers import DefaultTokenizer

    tokenizer = DefaultTokenizer(use_stemmer=True)
    have = set(tokenizer.tokenize(reference))
    kept = [whole for whole, core in tokens(text) if set(tokenizer.tokenize(core)) & have]
    return tidy(kept)


def model_shortening(writer, text: str, keep: int = 0) -> tuple[str, float]:
    messages = [{"role": "system", "content": SYSTEM}]
    for long, short in EXAMPLES:
        messages += [{"role": "user", "content": long}, {"role": "assistant", "content": short}]
    messages.append({"role": "user", "content": text})
    payload = {"model": writer.model.name, "temperature": 0, "seed": 0, "grammar": grammar(text, keep),
               "max_tokens": 2 * len(text.split()) + 16, "messages": messages}
    before = len(getattr(writer.client, "calls", ()))
    answer = writer._ask(payload).text
    cpu = sum(c.cpu_seconds for c in getattr(writer.client, "calls", ())[before:])
    return tidy(answer.split()), cpu


def story(row, vectors, embedder, writer, keep: int = 0) -> dict:
    material = story_material(row, vectors, embedder)
    pool = sentence_pool(material)
    rules = SummaryRules()
    base = [s.text for s in build_summary(pool, rules)]
    longer = [s.text for s in build_summary(pool, SummaryRules(min_sentences=8, max_sentences=8, word_budget=10**6))]
    common = common_words(r.text for r in pool.refs)
    reference = str(row.get("reference", ""))
    cpu, out, asked = 0.0, {"extractive": " ".join(base)}, []
    ways = {"oracle": lambda t: oracle_shortening(t, reference), "rule": rule_shortening}
    if writer is not None:
        answers: dict[str, str] = {}

        def ask(t):
            nonlocal cpu
            if t not in answers:
                answers[t], spent = model_shortening(writer, t, keep)
                cpu += spent
                asked.append({"source": t, "model": answers[t], "kept": acceptable(answers[t], t, common)})
            return answers[t]
        ways["model"] = ask
        ways["model, opening kept"] = lambda t: ask(t) if ask(t).split()[:2] == t.split()[:2] else t
    for name, way in ways.items():
        short = gated(way, common)
        out[f"{name}, same"] = " ".join(short(t) for t in base)
        out[f"{name}, refilled"] = " ".join(refill(base, longer, short, rules))
    return {"story": row.get("story"), "reference": reference, "summaries": out, "asked": asked,
            "cpu_seconds": round(cpu, 1)}


def gated(way, common: frozenset[str]):
    """``way`` where its shortening is acceptable, else the sentence whole; each sentence shortened once."""
    done: dict[str, str] = {}

    def short(text: str) -> str:
        if text not in done:
            shorter = way(text)
            done[text] = shorter if acceptable(shorter, text, common) else text
        return done[text]
    return short


def refill(base: list[str], longer: list[str], short, rules: SummaryRules) -> list[str]:
    """The summary's sentences shortened, then the ranking's next ones, to the length rule on shortened words."""
    summary = [short(t) for t in base]
    for text in longer:
        words = sum(len(s.split()) for s in summary)
        if len(summary) >= rules.max_sentences or (len(summary) >= rules.min_sentences and words >= rules.word_budget):
            break
        if text not in base:
            summary.append(short(text))
    return summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", type=int, default=20)
    parser.add_argument("--stop", type=int, default=40)
    parser.add_argument("--embedder", default="muse")
    parser.add_argument("--model", action="store_true", help="also ask the local model for deletions")
    parser.add_argument("--keep-opening", type=int, default=0, help="the grammar requires the first N tokens whole")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    writer = None
    if args.model:
        from parallax.settings import load_settings
        from parallax.write.llm.local import build_local_writer

        writer = build_local_writer(load_settings().with_overrides(local_renderings=0))
    vectors, embedder = sentence_vectors(args.embedder)
    results, started = [], time.process_time()
    for row in list(read_stories(args.data))[args.start : args.stop]:
        results.append(story(row, vectors, embedder, writer, args.keep_opening))
        print(json.dumps({k: results[-1][k] for k in ("story", "cpu_seconds")}), file=sys.stderr, flush=True)
    variants = list(results[0]["summaries"]) if results else []
    rouge = {v: rouge_f1([(r["summaries"][v], r["reference"]) for r in results]) for v in variants}
    words = {v: round(sum(len(r["summaries"][v].split()) for r in results) / max(1, len(results)), 1) for v in variants}
    differ = {v: sum(r["summaries"][v] != r["summaries"]["extractive"] for r in results) for v in variants}
    print(json.dumps({"embedder": embedder, "stories": len(results), "rouge": rouge, "words": words, "differ": differ,
                      "reference_words": round(sum(len(r["reference"].split()) for r in results) / max(1, len(results)), 1),
                      "request_cpu_seconds": round(sum(r["cpu_seconds"] for r in results), 1),
                      "cpu_seconds": round(time.process_time() - started, 1), "per_story": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
