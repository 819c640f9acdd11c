"""Event vectors: a language's offset removed, anchors beside the embedding; consolidation of a running story."""

from __future__ import annotations

import zlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.cluster.event import LEXICAL_DIMENSIONS, EventSpace, crowding, foreign_offsets
from parallax.cluster.signals import language_terms


def _unit(v):
    v = np.asarray(v, np.float32)
    return v / np.linalg.norm(v)


def test_centring_removes_a_language_offset():
    rng = np.random.default_rng(3)
    events = [_unit(rng.normal(size=16)) for _ in range(400)]
    offsets = {"de": 3 * _unit(rng.normal(size=16)), "ar": 3 * _unit(rng.normal(size=16))}
    space = EventSpace(anchor_weight=0.0)
    raw = {(lang, k): _unit(events[k] + offsets[lang]) for lang in offsets for k in range(400)}
    for (lang, _), vector in raw.items():
        space.observe(lang, vector, frozenset())

    def cosine(a, b):
        return float(a @ b)

    same_event = cosine(raw["de", 0], raw["ar", 0])
    same_language = cosine(raw["de", 0], raw["de", 1])
    assert same_language > same_event  # raw vectors: the language wins
    centred = {key: space.vector(key[0], v, frozenset()) for key, v in raw.items()}
    assert cosine(centred["de", 0], centred["ar", 0]) > cosine(centred["de", 0], centred["de", 1])


def test_anchors_shared_by_others_raise_the_cosine():
    space = EventSpace(anchor_weight=0.5)
    rng = np.random.default_rng(5)
    vector = _unit(rng.normal(size=8))
    shared, alone = frozenset({"C:TR", "#15383"}), frozenset({"C:MA"})
    for anchors in (shared, shared, alone, frozenset()):
        space.observe("en", _unit(rng.normal(size=8)), anchors)
    a, b, c = (space.vector("en", vector, x) for x in (shared, shared, alone))
    assert a.shape == (8 + LEXICAL_DIMENSIONS,)
    assert np.isclose(np.linalg.norm(a), 1.0)
    assert float(a @ b) > float(a @ c)
    assert not space.anchor_block(alone).any()  # named by one article only: links nothing


def test_a_language_whose_pages_are_all_one_event_keeps_its_event():
    rng = np.random.default_rng(11)
    quake, other = _unit(rng.normal(size=32)), [_unit(rng.normal(size=32)) for _ in range(6)]
    offsets = {lang: 2 * _unit(rng.normal(size=32)) for lang in ("tr", "fr", "ar")}
    rows, languages = [], []
    for _ in range(8):  # every Turkish page is about the earthquake
        rows.append(_unit(quake + offsets["tr"] + 0.2 * rng.normal(size=32)))
        languages.append("tr")
    for lang in ("fr", "ar"):
        for event in [quake, *other]:
            rows.append(_unit(event + offsets[lang] + 0.2 * rng.normal(size=32)))
            languages.append(lang)
    found = foreign_offsets(languages, np.stack(rows))
    assert set(found) == {"tr", "fr", "ar"}
    space = EventSpace(anchor_weight=0.0)
    for lang, row in zip(languages, rows):
        space.observe(lang, row, frozenset())
    plain_mean = space.language_mean("tr")
    space.offsets = found
    turkish, french = space.vector("tr", rows[0], frozenset()), space.vector("fr", rows[8], frozenset())
    assert float(turkish @ french) > 0.5  # the Turkish page still meets the French report of its earthquake
    assert float(_unit(rows[0] - plain_mean) @ _unit(rows[8] - space.language_mean("fr"))) < float(turkish @ french)


def test_words_count_between_pages_of_one_language_only():
    space = EventSpace(anchor_weight=0.0, term_weight=0.5)
    texts = {"en": "flood river town flood", "de": "flood river town flood", "fr": "crue rivière ville"}
    words = {lang: language_terms(text, lang) for lang, text in texts.items()}
    vector = _unit([1.0, 0.0, 0.0, 0.0])
    for lang in ("en", "en", "de", "de", "fr"):
        space.observe(lang, vector, frozenset(), words[lang])
    space.observe("en", vector, frozenset(), language_terms("election vote count", "en"))
    english, german = (space.vector(lang, vector, frozenset(), words[lang]) for lang in ("en", "de"))
    block = slice(4, None)
    assert float(english[block] @ english[block]) > 0.4  # one language: the words weigh in
    assert float(english[block] @ german[block]) == 0.0  # the same spelling in another language links nothing


def test_language_terms_tag_words_and_cut_spaceless_scripts_into_pairs():
    assert language_terms("The floods of Derna", "en") == {"en:flood": 1, "en:derna": 1}
    assert set(language_terms("土耳其地震", "zh")) == {"zh:土耳", "zh:耳其", "zh:其地", "zh:地震"}
    assert language_terms("Die Flut in Derna", "de")["de:flut"] == 1


def test_crowding_is_read_among_the_articles_of_one_language():
    rng = np.random.default_rng(3)
    topic = _unit(rng.normal(size=16))
    close = [_unit(topic + 0.15 * rng.normal(size=16)) for _ in range(4)]  # four English reports on one topic
    lone = _unit(rng.normal(size=16))  # one English report on something else
    german = [_unit(topic + 0.15 * rng.normal(size=16))]  # near the topic, but in another language
    rows = np.stack([*close, lone, *german])
    found = crowding(["en"] * 5 + ["de"], rows, offset=0.1, neighbours=3, floor=0.2)
    assert found.shape == (6,)
    assert (found[:4] > 0.2).all() and found[4] == 0.0  # the topic's reports sit in a crowd, the lone one does not
    assert found[5] == 0.0  # alone in its language: nothing to be crowded by
    expected = np.sort(rows[0] @ rows[1:4].T)[-3:].mean() - 0.1 - 0.2
    assert np.isclose(found[0], max(expected, 0.0), atol=1e-5)


def test_a_hashed_block_adds_colliding_weights_in_order_as_float32_additions_do():
    from parallax.cluster.event import _hashed

    tokens = [f"en:word{i}" for i in range(6000)]  # more tokens than slots: many share one
    weights = [1.0 / (i + 3) for i in range(6000)]
    expected = np.zeros(LEXICAL_DIMENSIONS, np.float32)
    for token, weight in zip(tokens, weights):
        expected[zlib.crc32(token.encode("utf-8")) % LEXICAL_DIMENSIONS] += weight
    assert np.array_equal(_hashed(tokens, weights), expected)
    assert not _hashed([], []).any()


def _terms_word_by_word(text, language):
    from collections import Counter

    from parallax.cluster.anchors import SPACELESS
    from parallax.cluster.signals import _LETTERS, _STOP, _singular

    found = Counter()
    for word in _LETTERS.findall(text.lower()):
        if SPACELESS.fullmatch(word):
            found.update(f"{language}:{word[i : i + 2]}" for i in range(len(word) - 1))
        elif len(word) > 2 and word not in _STOP:
            found[f"{language}:{_singular(word) if language == 'en' else word}"] += 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abs Ab地震救援ÄöThe the ", max_size=30), st.sampled_from(["en", "de", "zh"]))
def test_language_terms_count_what_the_word_by_word_count_gives_in_its_order(text, language):
    assert list(language_terms(text, language).items()) == list(_terms_word_by_word(text, language).items())
