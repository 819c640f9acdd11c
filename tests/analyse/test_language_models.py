"""Linear text models: hashing matches scikit-learn, weights round-trip, shipped files work offline."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer

import parallax
from parallax.analyse.language.linear import (
    TOKEN,
    fit_linear_text_model,
    hash_texts,
    hash_tokens,
    hashed_column,
    load_model,
    located_ngrams,
    save_model,
    text_tokens,
)
from parallax.analyse.language.trained import MODEL_NAMES, MODELS_DIR, shipped_model
from parallax.errors import ModelError

HAPPY = ["a lovely sunny day", "what a lovely garden", "sunny and lovely weather", "such a happy lovely dog"]
SAD = ["a grim rainy night", "what a grim cellar", "rainy and grim weather", "such a sad grim story"]


def toy_model():
    texts = HAPPY + SAD
    return fit_linear_text_model(
        "toy", hash_texts(texts, 2**12, 2), ["happy"] * 4 + ["sad"] * 4, ngram_max=2, min_df=1, C=10.0
    )


def test_located_ngrams_hash_to_the_same_columns_as_sklearn():
    text = "Stocks fell sharply, investors said."
    expected = set(
        HashingVectorizer(n_features=2**12, ngram_range=(1, 2), alternate_sign=False).transform([text]).indices
    )
    assert {hashed_column(g, 2**12) for g, _, _ in located_ngrams(text, 2)} == expected
    assert all(text[s:e].lower().replace(",", "") == g for g, s, e in located_ngrams(text, 2) if " " in g)


def test_model_learns_and_explains_and_round_trips(tmp_path):
    model = toy_model()
    proba = model.predict_proba(["a lovely afternoon", "a grim afternoon"])
    happy = model.classes.index("happy")
    assert proba[0, happy] > 0.5 > proba[1, happy]
    text = "A lovely afternoon"
    assert [text[s:e] for s, e in model.drivers(text, "happy", top=1)] == ["lovely"]
    save_model(model, tmp_path / "toy.npz")
    again = load_model(tmp_path / "toy.npz")
    assert again.classes == model.classes
    assert np.allclose(again.predict_proba(["a lovely afternoon"]), proba[:1], atol=1e-2)


def test_missing_model_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="nothing.npz"):
        load_model(tmp_path / "nothing.npz")


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_shipped_models_live_in_the_package_and_predict(name):
    assert MODELS_DIR.is_relative_to(__import__("pathlib").Path(parallax.__file__).parent)
    assert (MODELS_DIR / f"{name}.npz").stat().st_size < 4_000_000
    model = shipped_model(name)
    dense = np.zeros((1, len(model.dense_names))) if model.dense_names else None
    proba = model.predict_proba(["The senator said the bill would pass on Tuesday."], dense)
    assert proba.shape == (1, len(model.classes)) and abs(proba.sum() - 1) < 1e-6


def test_clickbait_model_separates_obvious_headlines():
    model = shipped_model("clickbait")
    bait = [
        "You Won't Believe What This Dog Did Next",
        "21 Photos That Will Make You Cry Laughing",
        "This Simple Trick Will Change How You Sleep Forever",
        "Which Pizza Topping Are You?",
    ]
    news = [
        "Parliament approves budget after lengthy debate",
        "Earthquake of magnitude 6.1 strikes off coast",
        "Central bank holds interest rates steady",
        "Court rejects appeal in fraud case",
    ]
    proba = model.predict_proba(bait + news)[:, model.classes.index("clickbait")]
    assert (proba[:4] > 0.5).all() and (proba[4:] < 0.5).all()


@pytest.mark.parametrize(
    "text", ["The Mayor's plan, she said, won't pass: a 3-vote margin.", "İstanbul's Café ÉCRIT: ǅemal won’t stay"]
)
def test_located_ngrams_are_every_run_of_one_to_n_tokens_in_order(text):
    tokens = [(m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    naive = [
        (" ".join(t for t, _, _ in tokens[i : i + n]), tokens[i][1], tokens[i + n - 1][2])
        for n in (1, 2, 3)
        for i in range(len(tokens) - n + 1)
    ]
    assert located_ngrams(text, 3) == naive
    assert located_ngrams(text, 1) == naive[: len(tokens)]
    assert located_ngrams("", 2) == [] and located_ngrams("a", 2) == []


def test_drivers_rank_grams_by_direction_times_idf_as_computed_per_gram():
    model = shipped_model("babe_bias")
    text = "The radical mob and its corrupt cronies pushed hysterical propaganda on decent people."
    grams = located_ngrams(text, model.ngram_max)
    direction = model.class_direction("Biased")
    weights = []
    for gram, _, _ in grams:
        column = hashed_column(gram, model.n_features)
        slot = min(int(np.searchsorted(model.columns, column)), len(model.columns) - 1)
        known = model.columns[slot] == column
        weights.append(direction[slot] * model.idf[slot] if known else np.float32(0.0))
    order = np.argsort(-np.array(weights, dtype=np.float32), kind="stable")[:8]
    expected = [(grams[i][1], grams[i][2]) for i in order if weights[i] > 0]
    assert model.drivers(text, "Biased", top=8) == expected and expected


def test_hashing_given_tokens_is_the_vectorizers_matrix():
    texts = [
        "The Mayor's plan, she said, won't pass: a 3-vote margin.",
        "Café owners in Zürich ÉCRIVENT à l'État — naïve façades!",
        "a b c",  # no token of two characters
        "",
        "x_y under_score 42 4242 the the the THE",
        "İstanbul and ǅemal: letters whose lower case grows",
    ]
    for ngram_max in (1, 2, 3):
        expected = hash_texts(texts, 2**18, ngram_max)
        given = hash_tokens([text_tokens(t) for t in texts], 2**18, ngram_max)
        assert (given != expected).nnz == 0 and given.has_canonical_format
        assert np.array_equal(given.indptr, expected.indptr) and np.array_equal(given.indices, expected.indices)
        assert np.array_equal(given.data, expected.data) and given.dtype == expected.dtype
