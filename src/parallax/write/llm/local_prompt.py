"""What the local model reads and how its answer is read: few central sentences in, compact lines out.

A small model on a CPU pays for every token: the prompt holds only the story's
most central sentences (the extractive summary's ranking, redundancy removed,
within a token budget), numbered; the answer is a few plain lines instead of
JSON (no grammar to enforce, a third of the tokens)::

    SUMMARY:
    - A ferry capsized near Meral on Tuesday. [1][3]
    TAKEAWAY: Six people remain missing. [2]
    Q: What caused the accident?
    A: Strong winds pushed the ferry onto rocks. [4]

``read_compact`` turns it into the answer shape the checks read
(``review.review_answer``); ``recite`` gives a sentence whose own citations
fail the fact checks the source lines that do hold its numbers and names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from parallax.write.llm.prompt import SourceLine, is_english
from parallax.write.llm.verify import check_sentence
from parallax.write.material import StoryMaterial
from parallax.write.pool import sentence_pool
from parallax.write.sections.summary import SummaryRules, pick_sentences

BYTES_PER_TOKEN = 4  # UTF-8 bytes per token of Qwen's tokenizer, roughly, across scripts (English ~4.5, Cyrillic ~4)
MIN_ENGLISH = 6  # with this many English candidate sentences, the prompt holds English sentences only
_CITE = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_HEAD = re.compile(r"^\s*(?:\*\*)?(SUMMARY|TAKEAWAY|Q|A)(?:\*\*)?\s*:\s*(.*)$", re.IGNORECASE)
_ENDS = re.compile(r"[.!?][\"'”’»)]*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


# The answer's shape as a llama.cpp grammar (GBNF): three summary sentences, a takeaway, one question and its
# answer, each sentence ending in [n] markers. The model cannot ramble on, copy every source line or drop a marker.
GRAMMAR = r"""
root ::= "SUMMARY:\n" item item item "TAKEAWAY: " said "Q: " ask "A: " said
item ::= "- " said
said ::= [^\n\[\]] [^\n\[\]]+ cite cite? cite? "\n"
cite ::= " "? "[" [1-9] [0-9]? "]"
ask ::= [^\n\[\]?] [^\n\[\]?]+ "?\n"
"""


def estimate_tokens(text: str) -> int:
    return 1 + len(text.encode("utf-8")) // BYTES_PER_TOKEN


def central_lines(material: StoryMaterial, budget: int, most: int = 12) -> tuple[SourceLine, ...]:
    """The story's most central sentences (``pick_sentences``' order), numbered, within ``budget`` tokens.

    English sentences only when there are enough of them: the model writes
    English, and a name it copies from an English sentence passes the name check.
    """
    english = tuple(a for a in material.articles if is_english(a))
    if english and len(english) < len(material.articles):
        narrowed = replace(material, articles=english)
        if sum(1 for r in sentence_pool(narrowed).refs if not r.reprint) >= MIN_ENGLISH:
            material = narrowed
    pool = sentence_pool(material)
    rules = SummaryRules(min_sentences=2 * most, max_sentences=2 * most, word_budget=10**6, other_side=False)
    picked = pick_sentences(pool, rules)
    whole = [i for i in picked if _ENDS.search(pool.refs[i].text)]  # a headline or a caption is no sentence
    lines, used = [], 0
    for i in (whole if len(whole) >= 3 else picked)[:most]:
        cost = estimate_tokens(pool.refs[i].text) + 3
        if lines and used + cost > budget:
            continue
        lines.append(SourceLine(len(lines) + 1, pool.refs[i]))
        used += cost
    return tuple(lines)


def shown(lines: Sequence[SourceLine]) -> str:
    """One line per source sentence: ``[n] text`` (no outlet or date: tokens the answer rarely needs)."""
    return "\n".join(f"[{line.number}] {line.ref.text}" for line in lines)


def _cited(text: str) -> dict:
    """``{"text", "cite"}`` of one written sentence: the ``[n]`` markers taken out of the text."""
    cite = [int(n) for m in _CITE.finditer(text) for n in m[1].split(",")]
    words = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(_CITE.sub("", text).split()))
    if words and words[-1].isalnum():
        words += "."  # the markers took the place of the full stop
    return {"text": words, "cite": list(dict.fromkeys(cite))}


def read_compact(text: str) -> dict:
    """The answer's sections in the checks' shape; ``ValueError`` when no section can be read."""
    answer: dict = {}
    section = ""
    for raw in text.splitlines():
        head = _HEAD.match(raw)
        if head:
            section, rest = head[1].upper(), head[2].strip()
        else:
            rest = _BULLET.sub("", raw).strip() if section == "SUMMARY" else ""
        if rest:
            _put(answer, section, rest)
    if not answer:
        raise ValueError("the answer has none of the SUMMARY, TAKEAWAY, Q and A lines")
    return answer


def _put(answer: dict, section: str, rest: str) -> None:
    if section == "SUMMARY":
        answer.setdefault("summary", []).append(_cited(rest))
    elif section == "TAKEAWAY":
        answer.setdefault("takeaway", _cited(rest))
    elif section == "Q":
        answer.setdefault("questions", []).append({"question": _CITE.sub("", rest).strip(), "answer": None})
    elif section == "A" and answer.get("questions") and answer["questions"][-1]["answer"] is None:
        answer["questions"][-1]["answer"] = _cited(rest)


def entries(answer: Mapping) -> list[dict]:
    """Every ``{"text", "cite"}`` entry of an answer, in place (so citations can be replaced)."""
    found = list(answer.get("summary") or ())
    found += [answer["takeaway"]] if isinstance(answer.get("takeaway"), dict) else []
    found += [q["answer"] for q in answer.get("questions") or () if isinstance(q.get("answer"), dict)]
    return [e for e in found if isinstance(e, dict) and isinstance(e.get("text"), str)]


Similar = Callable[[str, Sequence[str]], list[float]]


def recite(answer: dict, lines: Sequence[SourceLine], common: frozenset[str], similar: Similar) -> int:
    """Give each sentence whose citations fail the fact checks the lines that pass them; how many were re-cited.

    Candidates: the sentence's own citations plus the lines most similar to it,
    one at a time, then the best two together; the first set the checks accept
    wins. A sentence no set supports keeps its citations (and is dropped later).
    """
    texts = {line.number: line.ref.text for line in lines}
    changed = 0
    for entry in entries(answer):
        cite = [n for n in entry.get("cite") or () if isinstance(n, int) and not isinstance(n, bool)]
        if cite and not check_sentence(entry["text"], cite, texts, common):
            continue
        numbers = list(texts)
        scores = similar(entry["text"], [texts[n] for n in numbers])
        ranked = [n for _, n in sorted(zip(scores, numbers), key=lambda pair: -pair[0])]
        options = [[n] for n in ranked[:3]] + [ranked[:2]] + ([[*cite, ranked[0]]] if cite else [])
        for option in options:
            option = list(dict.fromkeys(option))
            if not check_sentence(entry["text"], option, texts, common):
                entry["cite"], changed = option, changed + 1
                break
    return changed
