"""The local summary goes on past the extractive summary's own sentences where the model's lead leaves it short."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.chat_server import ChatServer, Reply

from parallax.models import CitedSentence
from parallax.settings import Settings
from parallax.write import check_brief
from parallax.write.extractive import ExtractiveWriter
from parallax.write.llm.local import build_local_writer, continue_summary
from parallax.write.llm.local_prompt import central_lines
from parallax.write.pool import sentence_pool
from parallax.write.sections.summary import SummaryRules, build_summary, further_sentences

# met by words at four sentences: the extractive ferry summary (11 + 14 + 16 + 10 words) ends at 51 words, the budget
BY_WORDS = SummaryRules(word_budget=51)
LEAD = "A ferry capsized near the harbour of Meral on Tuesday."  # the extractive lead, one word left out
RESCUE = "Rescuers pulled 41 people from the water."


def test_the_ranking_goes_on_past_a_summary_in_the_order_a_longer_summary_holds(material):
    pool = sentence_pool(material)
    three = SummaryRules(max_sentences=3, word_budget=10**6, other_side=False)
    summary = build_summary(pool, three)
    more = further_sentences(pool, summary, three, count=2)
    longer = build_summary(pool, SummaryRules(max_sentences=5, word_budget=10**6, other_side=False))
    assert len(summary) == 3 and more == longer[3:]
    assert not set(more) & set(summary)


@pytest.mark.parametrize("most", [5, 7])  # 7: the rule, not the most sentences, ends the ranking's sentences
def test_a_shorter_model_lead_goes_on_with_the_next_ranked_sentence_to_the_length_rule(material, support, most):
    rules = replace(BY_WORDS, max_sentences=most)
    extractive = ExtractiveWriter(rules).write(material)
    assert len(extractive.summary) == 4 and sum(len(s.text.split()) for s in extractive.summary) == 51
    lines = central_lines(material, 700, 12)
    first, second = (next(n.number for n in lines if n.ref.text.startswith(s)) for s in ("A ferry", "Rescuers"))
    answer = f"SUMMARY:\n- {LEAD} [{first}]\n- {RESCUE} [{second}]\n"  # two verified sentences: the lead stands
    with ChatServer([Reply(answer)]) as server:
        writer = build_local_writer(Settings(local_base_url=server.base_url, local_renderings=0, llm_cache_dir=""))
        writer.support, writer.fallback = support, ExtractiveWriter(rules)
        brief = writer.write(material)
    texts = [s.text for s in brief.summary]
    assert texts[:4] == [LEAD, *(s.text for s in extractive.summary[1:])]  # one word fewer: 50 < 51
    assert len(texts) == 5 and texts[4] not in {s.text for s in extractive.summary}
    pool = sentence_pool(material)
    assert brief.summary[4] == further_sentences(pool, extractive.summary, rules)[0]  # the ranking's next
    assert dict(brief.provenance.sections)["summary[1:]"] == extractive.provenance.writer
    check_brief(brief, material.articles)


def test_every_sentence_the_extractive_writer_chose_follows_the_lead_though_they_pass_its_length_rule(material):
    extractive = ExtractiveWriter(BY_WORDS).write(material).summary
    # a reply to an accusation is added past the rule, so the extractive summary can hold more than the rule asks
    early = SummaryRules(min_sentences=2, word_budget=20)
    summary = continue_summary((CitedSentence(LEAD, extractive[0].citations),), extractive, material, early,
                               chosen=True)
    assert [s.text for s in summary] == [LEAD, *(s.text for s in extractive[1:])]
    assert len(continue_summary(summary[:1], extractive, material, replace(early, max_sentences=2), chosen=True)) == 2
    assert len(continue_summary(summary[:1], extractive, material, early)) == 2  # others: to the length rule
