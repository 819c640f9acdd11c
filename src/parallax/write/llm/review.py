"""Reading a model's answer section by section: each sentence checked, the failures dropped with reasons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from parallax.models import CitedSentence
from parallax.write.llm.prompt import SourceLine
from parallax.write.llm.verify import SupportCheck, check_sentence, common_words

# section -> (shape, fewest usable sentences, most kept)
SECTION_RULES: dict[str, tuple[str, int, int]] = {
    "title": ("one", 1, 1),
    "summary": ("list", 3, 5),
    "takeaway": ("one", 1, 1),
    "context": ("list", 1, 3),
    "questions": ("questions", 1, 3),
}
LLM_SECTIONS = tuple(SECTION_RULES)


@dataclass(frozen=True)
class Item:
    """One generated sentence: where it sits, its text, the numbers it cites, and its question if any."""

    section: str
    where: str
    text: str
    cite: tuple[int, ...]
    question: str = ""


@dataclass(frozen=True)
class Dropped:
    """A generated sentence that failed its checks, and why."""

    where: str
    text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """Sections that passed (brief values), sentences dropped, and sections unusable with the reason."""

    sections: dict[str, object] = field(default_factory=dict)
    dropped: tuple[Dropped, ...] = ()
    failed: dict[str, str] = field(default_factory=dict)
    written: int = 0  # sentences the model wrote, malformed ones included

    def reasons(self) -> list[str]:
        """Every problem, one line each: what the retry message tells the model."""
        lines = [f"{d.where} {d.text[:100]!r}: {'; '.join(d.reasons)}" for d in self.dropped]
        return lines + [f"{section}: {why}" for section, why in self.failed.items()]


Rules = Mapping[str, tuple[str, int, int]]


def unusable(reason: str, rules: Rules = SECTION_RULES) -> Review:
    """A review in which every section failed for one reason (invalid JSON, no answer)."""
    return Review(failed={name: reason for name in rules})


def review_answer(answer: Mapping, lines: tuple[SourceLine, ...], support: SupportCheck,
                  rules: Rules = SECTION_RULES) -> Review:
    """Check every sentence of ``answer`` (the sections ``rules`` asks for); keep a section only when enough pass."""
    texts = {line.number: line.ref.text for line in lines}
    common = common_words(texts.values())
    items, dropped, failed = [], [], {}
    for name, (shape, _, _) in rules.items():
        found = _items(name, shape, answer.get(name))
        if isinstance(found, str):
            failed[name] = found
            continue
        items += [i for i in found if isinstance(i, Item)]
        dropped += [d for d in found if isinstance(d, Dropped)]
    reasons = [check_sentence(i.text, i.cite, texts, common) for i in items]
    passed = [i for i, why in zip(items, reasons) if not why]
    dropped += [Dropped(i.where, i.text, tuple(why)) for i, why in zip(items, reasons) if why]
    semantic = support.reasons([(i.text, [texts[n] for n in i.cite]) for i in passed])
    dropped += [Dropped(i.where, i.text, tuple(why)) for i, why in zip(passed, semantic) if why]
    kept = [i for i, why in zip(passed, semantic) if not why]
    return Review(_assemble(kept, lines, failed, rules), tuple(dropped), failed, len(items) + _malformed(dropped, items))


def _malformed(dropped: list[Dropped], items: list[Item]) -> int:
    """Entries dropped before any check ran (no text, no cite list): not among the checked items."""
    checked = {i.where for i in items}
    return sum(1 for d in dropped if d.where not in checked)


def _items(name: str, shape: str, value: object) -> list[Item | Dropped] | str:
    """The section's sentences (malformed entries become drops); a reason string when the section is missing."""
    if value is None:
        return "missing from the answer"
    if shape == "one":
        entries = [(name, value, "")]
    elif not isinstance(value, list):
        return "is not a list"
    else:
        entries = [(f"{name}[{k}]", *_entry(shape, v)) for k, v in enumerate(value)]
    return [_item(name, where, entry, question) for where, entry, question in entries]


def _entry(shape: str, value: object) -> tuple[object, str]:
    if shape == "questions":
        question = value.get("question") if isinstance(value, dict) else None
        return (value.get("answer") if isinstance(value, dict) else None), str(question or "")
    return value, ""


def _item(section: str, where: str, entry: object, question: str) -> Item | Dropped:
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
        return Dropped(where, str(entry)[:100], ("not an object with a text and its cite list",))
    cite = entry.get("cite")
    if not isinstance(cite, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in cite):
        return Dropped(where, entry["text"], ("cite is not a list of sentence numbers",))
    if section == "questions" and not question.strip():
        return Dropped(where, entry["text"], ("the answer has no question",))
    return Item(section, where, " ".join(entry["text"].split()), tuple(dict.fromkeys(cite)), question.strip())


def _assemble(kept: list[Item], lines: tuple[SourceLine, ...], failed: dict[str, str],
              rules: Rules) -> dict[str, object]:
    """Brief values of the sections with enough passing sentences; the others are marked failed."""
    by_number = {line.number: line.ref for line in lines}
    sections: dict[str, object] = {}
    for name, (shape, fewest, most) in rules.items():
        mine = [i for i in kept if i.section == name][:most]
        if name in failed:
            continue
        if len(mine) < fewest:
            failed[name] = f"{len(mine)} sentence(s) passed the checks; it needs {fewest}"
            continue
        cited = [CitedSentence(i.text, tuple(by_number[n].citation for n in i.cite)) for i in mine]
        if shape == "one":
            sections[name] = cited[0]
        elif shape == "questions":
            sections[name] = [{"question": i.question, "answer": c} for i, c in zip(mine, cited)]
        else:
            sections[name] = tuple(cited) if name == "summary" else cited
    return sections
