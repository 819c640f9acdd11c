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


def test_an_allsides_roundup_is_read_as_its_pages_with_our_article_ids_and_a_short_page_skipped(tmp_path, capsys):
    import json

    from parallax.eval.brief import allsides_stories

    def side(source: str, link: str, paragraphs: list[str]) -> dict:
        return {"newsSource": source, "newsTitle": f"{source} on the dam", "newsLink": link, "newBody": paragraphs}
    row = {"id": 7, "topic": "Disaster", "date": "2021-05-04T10:00:00-07:00",
           "news": {"right": side("R", "https://r.example/dam", ["The Kessel dam failed on Monday.", "Two towns flooded."]),
                    "left": side("L", "https://l.example/dam", ["Officials said the Kessel dam failed Monday."]),
                    "center": side("C", "https://c.example/dam", ["The dam failed.", "Roads closed..."])}}
    path = tmp_path / "roundups.jsonl"
    path.write_text(json.dumps(row) + "\n\n" + json.dumps({**row, "id": 8}) + "\n", encoding="utf-8")
    labels = {"stories": {"AS_7": {"split": "fresh_report", "claims": [{"id": "AS_7_right", "at": 34}],
                                   "takeaways": [{"id": "AS_7_left", "at": 0}]}}}
    (story,) = allsides_stories(path, labels)
    assert story.corpus == "allsides" and story.half == "fresh_report"
    assert [a.external_id for a in story.articles] == ["AS_7_left", "AS_7_right"]
    assert "AS_7_center" in capsys.readouterr().err  # too short to be an article: named, and the rest kept
    right = story.articles[1]
    assert right.text == "The Kessel dam failed on Monday.\n\nTwo towns flooded." and right.outlet == "r.example"
    assert right.published == datetime(2021, 5, 4, 17)  # naive UTC, as the pipeline keeps dates
    assert story.labels["claims"][0]["id"] == right.id and right.text[34:].startswith("Two towns")
    assert story.labels["takeaways"][0]["id"] == story.articles[0].id


def test_the_committed_allsides_labels_alternate_halves_and_hold_no_page_text():
    import json

    from parallax.eval.brief import AUDIT_DIR

    stories = json.loads((AUDIT_DIR / "allsides.json").read_text(encoding="utf-8"))["stories"]
    assert [s["split"] for s in stories.values()] == ["fresh_tune", "fresh_report"] * (len(stories) // 2)
    for name, story in stories.items():
        assert sorted(story["pages"]) == [f"{name}_{side}" for side in ("center", "left", "right")]
        marks = story["claims"] + story["not_claims"] + story["takeaways"] + story["not_takeaways"]
        assert {m["id"] for m in marks} <= set(story["pages"]) and all(set(m) <= {"id", "at", "note"} for m in marks)
        assert all(len(m["note"]) < 100 for m in story["claims"] + story["not_claims"])


def test_the_allsides_labels_point_at_sentence_starts_of_unchanged_pages(shared_dir):
    """A label's offset is the start of a sentence of our text of the page, and the text is the one labelled."""
    import hashlib
    import json

    from parallax.eval.brief import AUDIT_DIR, allsides_stories

    labels = json.loads((AUDIT_DIR / "allsides.json").read_text(encoding="utf-8"))
    path = shared_dir / "datasets" / "allsides_neus" / "allsides_roundups_2021.jsonl"
    for story in allsides_stories(path, labels):
        pages = labels["stories"][story.name]["pages"]
        by_id = {a.id: a for a in story.articles}
        assert {a.external_id: hashlib.sha1(a.text.encode()).hexdigest()[:12] for a in story.articles} \
            == {k: v["sha"] for k, v in pages.items()}
        for mark in story.labels["claims"] + story.labels["not_claims"]:
            assert mark["at"] in {s.start for s in by_id[mark["id"]].sentences}, (story.name, mark)
