import json

import pycrfsuite
import pytest

from parallax.analyse.who.attribution import extract_attributions
from parallax.analyse.who.tagger import MODEL_DIR, load_tagger, tag_sentence, token_features, tokenize
from parallax.errors import ModelError
from parallax.models import Article
from parallax.text.sentences import split_sentences

SENTENCES = [
    ("Mayor Ada Lind said the bridge would reopen .", "SSSCQQQQO"),
    ("Officials said the road was closed .", "SCQQQQO"),
    ("The minister said taxes would rise .", "SSCQQQO"),
    ("Rain fell on the town all night .", "OOOOOOOO"),
]


def _train(path):
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, tags in SENTENCES:
        tokens = tokenize(text)
        assert len(tokens) == len(tags)
        trainer.append(token_features(tokens), list(tags))
    trainer.set_params({"c2": 0.01, "max_iterations": 60, "feature.possible_transitions": True})
    trainer.train(str(path / "model.crfsuite"))


def _write_card(path):
    import hashlib

    digest = hashlib.sha256((path / "model.crfsuite").read_bytes()).hexdigest()
    (path / "model.json").write_text(json.dumps({"sha256": digest}), encoding="utf-8")


def test_tokens_keep_offsets_and_split_quotes():
    text = "“We won’t stop,” said Sen. Ada Lind-Morr."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[0].text == "“" and "won’t" in [t.text for t in tokens]


def test_features_mark_cue_distance_and_quotes():
    tokens = tokenize("“Stop,” Lind said.")
    features = token_features(tokens)
    assert len(features) == len(tokens)
    lind = features[4]
    assert lind["w"] == "lind" and lind["cueR"] == "1" and lind["sh"] == "Xx"
    assert features[1]["quoted"] == 1.0 and lind["quoted"] == 0.0


def test_trained_tagger_finds_roles(tmp_path):
    _train(tmp_path)
    _write_card(tmp_path)
    tagger = load_tagger.__wrapped__(tmp_path)
    runs = tag_sentence("Mayor Ada Lind said the bridge would reopen .", tagger)
    assert [r[0] for r in runs] == ["S", "C", "Q"]
    assert tag_sentence("Rain fell on the town all night .", tagger) == []


def test_checksum_guards_the_tagger(tmp_path):
    with pytest.raises(ModelError):
        load_tagger.__wrapped__(tmp_path)
    _train(tmp_path)
    _write_card(tmp_path)
    (tmp_path / "model.crfsuite").write_bytes(b"tampered")
    with pytest.raises(ModelError):
        load_tagger.__wrapped__(tmp_path)


@pytest.mark.skipif(not (MODEL_DIR / "model.crfsuite").exists(), reason="attribution tagger not trained")
def test_shipped_tagger_adds_a_cue_the_lexicon_lacks():
    text = "Rubio touted his record on immigration reform during the debate."
    article = Article("a", "urn:a", "t", text, "Ledger", None, "en", "h", split_sentences(text))
    assert extract_attributions(article, learned=False) == ()
    found = extract_attributions(article)
    assert [(a.source.text, a.cue.text) for a in found] == [("Rubio", "touted")]
