"""The parse's attribute ruler matched by lookup gives spaCy's own matches and parses, token for token."""

from __future__ import annotations

import spacy

from parallax.analyse.parses import quick_ruler
from parallax.analyse.who.entities import MODEL

SENTENCES = (
    "\"We ain't gonna stop,\" said Sen. Lindsey Graham, who's been the committee's chairman since 2019.",
    "The mayor of Tolven said 41 bodies were pulled from the river on Monday; gotta wait, officials added.",
    "Rescuers   worked through the night .\n She gets up at 5 a.m. and got there before the U.S. team did.",
    "Ms. Dale's lawyers didn't comment, and neither did the Ministry of the Interior in Paris.",
)


def _tokens(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in doc]


def test_the_ruler_by_lookup_matches_and_parses_as_spacy_does():
    plain, quick = spacy.load(MODEL), quick_ruler(spacy.load(MODEL))
    assert quick_ruler(quick) is quick and "match" in vars(quick.get_pipe("attribute_ruler"))  # once per pipeline
    assert [_tokens(d) for d in quick.pipe(SENTENCES)] == [_tokens(d) for d in plain.pipe(SENTENCES)]
    ruler, looked_up = plain.get_pipe("attribute_ruler"), quick.get_pipe("attribute_ruler")
    for text in SENTENCES:
        doc = plain.make_doc(text)
        for _, step in plain.pipeline[:3]:  # tok2vec, tagger, parser: what the ruler reads
            doc = step(doc)
        assert looked_up.match(doc) == ruler.match(doc) and ruler.match(doc)


def test_the_parse_version_names_the_running_spacy_without_importing_it():
    import subprocess
    import sys

    import spacy

    from parallax.analyse.parses import parse_version

    assert parse_version().endswith(f"+spacy-{spacy.__version__}")
    code = "import sys; from parallax.analyse.parses import parse_version; parse_version(); print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
