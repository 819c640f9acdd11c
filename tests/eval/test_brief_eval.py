"""The brief audit's scoring on a brief and labels written here (no dataset text)."""

from datetime import datetime

from parallax.eval.audit import AuditStory, Tally, best_label, name_stems, score_brief
from parallax.models import Page, Story
from parallax.text.article import build_article
from parallax.write import brief_to_dict, get_writer
from parallax.write.material import StoryMaterial


def test_names_match_by_their_content_words():
    assert name_stems("President Donald Trump") == name_stems("Donald_Trump")
    assert best_label("Russia", [["Russia's National Anti-Terrorism Committee"], ["Russian authorities", "Russia"]]) == 1
    assert best_label("Kherson", [["Oleksandr Prokudin"]]) is None


def test_a_brief_is_scored_against_labels_by_offset():
    text = ("The flood in the river town of Marlow killed 12 people on Tuesday. "
            "Mayor Anna Berg said the town would rebuild its bridge by spring.")
    article = build_article(Page(url="https://a.example/x", body=text, title="Flood", outlet="a.example"))
    brief = brief_to_dict(get_writer().write(StoryMaterial(Story("s", (article.id,)), (article,))))
    labels = {"stakeholders": [["Anna Berg"]], "speakers": [{"id": article.id, "at": 70, "who": ["Anna Berg"]}],
              "claims": [{"id": article.id, "at": 0}], "takeaways": [{"id": article.id, "at": 0}], "figures": []}
    tally = Tally()
    score_brief(AuditStory("real_news_dev", "s", "tune", (article,), labels=labels), brief, tally)
    figures = tally.figures()
    assert figures["citations_exact"] == figures["citations"] > 0 and figures["nonverbatim_quotes"] == 0
    assert figures["takeaway_precision"] == 1.0
    assert figures["counts"]["claim_precision"]["judged"] >= 1


def test_a_claim_no_label_judged_is_left_unjudged_and_one_judged_not_a_claim_is_wrong():
    text = ("The flood in the river town of Marlow killed 12 people on Tuesday. "
            "Mayor Anna Berg said the town would rebuild its bridge by spring.")
    article = build_article(Page(url="https://a.example/x", body=text, title="Flood", outlet="a.example"))
    brief = brief_to_dict(get_writer().write(StoryMaterial(Story("s", (article.id,)), (article,))))
    shown = [c["citations"][0]["start"] for c in brief["sections"].get("key_claims", [])]
    assert shown
    counts = {}
    for key in ("claims", "not_claims", "neither"):
        labels = {key: [{"id": article.id, "at": at} for at in shown], "takeaways": [], "not_takeaways": []}
        tally = Tally()
        score_brief(AuditStory("real_news_dev", "s", "tune", (article,), labels={"claims": [], **labels}), brief, tally)
        counts[key] = tally.figures()["counts"]
    assert counts["claims"]["claim_precision"] == {"right": len(shown), "judged": len(shown), "unjudged": 0}
    assert counts["not_claims"]["claim_precision"] == {"right": 0, "judged": len(shown), "unjudged": 0}
    assert counts["neither"]["claim_precision"] == {"right": 0, "judged": 0, "unjudged": len(shown)}
    assert counts["neither"]["takeaway_precision"]["judged"] == 0


def test_a_story_not_labelled_for_figures_leaves_its_conflicts_unjudged():
    from parallax.eval.brief import _with_ids

    ours = {"page1": "a1"}
    assert "figures" not in _with_ids({"claims": [{"id": "page1", "at": 0}]}, ours)
    labelled = _with_ids({"figures": [{"members": [{"id": "page1", "at": 5, "value": 3.0}]}]}, ours)
    assert labelled["figures"][0]["members"][0]["id"] == "a1"
    day = datetime(2023, 9, 9)
    articles = [build_article(Page(url=f"https://{o}.example/x", title="Quake", outlet=o, published=day,
                                   body=f"The earthquake in Al Haouz killed at least {n} people, the ministry said."))
                for o, n in (("a", 296), ("b", 320))]
    brief = brief_to_dict(get_writer().write(StoryMaterial(Story("s", tuple(a.id for a in articles)), tuple(articles))))
    assert brief["sections"].get("conflicting_figures")
    counts = {}
    for labels in ({"claims": []}, {"claims": [], "figures": []}):
        tally = Tally()
        score_brief(AuditStory("real_news_dev", "s", "tune", tuple(articles), labels=labels), brief, tally)
        counts[len(labels)] = tally.figures()["counts"]["conflict_precision"]
    assert counts[1]["judged"] == 0 and counts[1]["unjudged"] >= 1  # no figure labels: not judged
    assert counts[2]["judged"] >= 1 and counts[2]["right"] == 0  # labelled, and no set holds these values


def test_a_group_gold_accepts_the_member_named_as_saying_it_and_a_generic_name_keeps_its_words():
    from parallax.eval.audit import overlap

    assert overlap("Zoe Lofgren", "House_Democrats|Zoe_Lofgren") and overlap("Democrats", "House_Democrats|Zoe_Lofgren")
    assert not overlap("Kevin McCarthy", "House_Democrats|Zoe_Lofgren")
    assert overlap("State Department", "State_Department_officials")


def test_the_committed_member_labels_name_a_group_gold_and_hash_their_span():
    import json

    from parallax.eval.brief import AUDIT_DIR, basil_members

    found = json.loads((AUDIT_DIR / "basil_members.json").read_text(encoding="utf-8"))
    assert all(len(m["sha"]) == 10 and "txt" not in m for m in found["spans"] + found["corrections"])
    assert all(v.count("|") <= 1 for v in basil_members().values())


def test_names_in_other_scripts_match_their_labels():
    assert name_stems("Владимир Путин") == {"влади", "путин"}
    assert best_label("Путин", [["Vladimir Putin", "Путин"], ["Alexander Lukashenko", "Лукашенко"]]) == 0
    assert best_label("Путин", [["Alexander Lukashenko", "Лукашенко"]]) is None


def test_a_tokenized_pac_sentence_is_read_as_its_page_wrote_it():
    from parallax.eval.brief import detokenized

    assert detokenized("The mayor does n't give the $ 25 billion ( yes ) for family - planning , Valdor 's journey :") \
        == "The mayor doesn't give the $25 billion (yes) for family-planning, Valdor's journey:"


def test_the_committed_pac_split_is_by_story_and_an_unknown_half_is_named():
    import json

    import pytest

    from parallax.errors import InputError
    from parallax.eval.brief import AUDIT_DIR, evaluate_brief

    stories = json.loads((AUDIT_DIR / "pac.json").read_text(encoding="utf-8"))["stories"]
    halves = [s["split"] for s in stories.values()]
    # session 15: the first four drawn to tune, the last four to report; session 17: twelve more, alternately
    assert halves == ["fresh_tune"] * 4 + ["fresh_report"] * 4 + ["fresh_tune", "fresh_report"] * 6
    assert len({p for s in stories.values() for p in s["pages"]}) == 2 * len(stories)  # no page in two stories
    with pytest.raises(InputError, match="fresh"):
        evaluate_brief(AUDIT_DIR, halves=("fresh",))


def test_an_audit_set_without_every_half_still_loads(tmp_path):
    """BASIL is split into tune and report only; the fresh halves belong to another set."""
    from parallax.eval.brief import basil_stories

    assert list(basil_stories(tmp_path, {"tune": [], "report": []})) == []
