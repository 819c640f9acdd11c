import json
from dataclasses import replace

import pytest

from parallax.errors import InputError
from parallax.models import CitedSentence
from parallax.write import get_writer
from parallax.write.render import brief_from_dict, brief_to_dict, render_markdown, validate_brief_dict


@pytest.fixture
def brief_dict(material) -> dict:
    return brief_to_dict(get_writer().write(material))


def test_brief_dict_follows_the_schema_and_survives_json(brief_dict):
    validate_brief_dict(brief_dict)
    assert json.loads(json.dumps(brief_dict)) == brief_dict
    assert brief_dict["schema"] == "parallax.brief/1"
    assert brief_dict["story_version"] == 2


def test_brief_round_trips_through_its_dict(brief_dict):
    again = brief_to_dict(brief_from_dict(brief_dict))
    assert again == brief_dict


def test_schema_rejects_an_empty_citation_list(brief_dict):
    broken = json.loads(json.dumps(brief_dict))
    broken["summary"][0]["citations"] = []
    with pytest.raises(InputError, match="summary/0/citations"):
        validate_brief_dict(broken)


def test_markdown_marks_each_sentence_with_its_outlets(brief_dict):
    page = render_markdown(brief_dict)
    first = brief_dict["summary"][0]
    outlets = dict.fromkeys(c["outlet"] for c in first["citations"])
    assert "".join(f"[{o}]" for o in outlets) in page
    for heading in ("## Sources", "## Provenance", "## Potential outcomes", "## Conflicting figures"):
        assert heading in page
    assert "reprint of" in page


def test_markdown_escapes_html_and_markdown_from_sources(material, brief_dict):
    brief = get_writer().write(material)
    c = brief.summary[0].citations[0]
    hostile = replace(brief, summary=(CitedSentence("<script>alert(1)</script> [click](javascript:x)", (c,)),))
    page = render_markdown(brief_to_dict(hostile))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "](javascript:" not in page


def test_a_source_without_a_country_says_why_and_keeps_it_through_a_round_trip(brief_dict):
    why = "the domain .com is generic, and 'ar' is spoken in many countries (EG holds 28%)"
    d = json.loads(json.dumps(brief_dict))
    d["sources"][0]["outlet"] |= {"country": "country not known", "country_code": "", "country_not_known_because": why}
    validate_brief_dict(d)
    again = brief_to_dict(brief_from_dict(d))
    assert again["sources"][0]["outlet"]["country_not_known_because"] == why


def test_a_source_line_names_the_outlet_language():
    from parallax.write.markdown import _source_line

    source = {"outlet": {"name": "Tagesblatt", "country": "DE", "language": "de", "ownership": "private",
                         "leaning": ""}, "title": "Beben", "article_id": "a1", "url": "https://t.example/a",
              "published": "2023-02-06"}
    assert "(Germany, German, private)" in _source_line(source)


def test_markdown_folds_the_conflicts_past_the_cap_and_marks_a_day_read_from_the_page():
    from parallax.write.markdown import _figures

    def value(n, outlet, **extra):
        return {"value": n, "unit": "people", "text": f"{n} died in Valdor.", "citations": [{"outlet": outlet}], **extra}

    shown = {"subject": "dead", "date": "2026-09-14", "values": [value(34, "Times"), value(31, "Herald",
                                                                                         date_read="dateline")]}
    folded = {"subject": "injured", "values": [value(80, "Times"), value(95, "Herald")], "folded": True}
    lines = _figures([shown, folded])
    text = "\n".join(lines)
    assert "date read from the page's dateline" in text
    assert text.index("**dead**") < text.index("<details>") < text.index("1 more conflicting figures") < \
        text.index("**injured**")
