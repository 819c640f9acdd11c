"""Fixtures for the web tests: the corpus of serve_corpus.py in a real SQLiteStore."""

from __future__ import annotations

import pytest
from serve_corpus import populate, store_scores

from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("serve") / "serve.db")
    facts = populate(store)
    store_scores(store, list(facts["articles"].values()))
    yield store, facts
    store.close()


@pytest.fixture(scope="module")
def client(corpus):
    from fastapi.testclient import TestClient

    from parallax.serve import create_app

    store, _ = corpus
    with TestClient(create_app(store, Settings(port=8123))) as c:
        yield c
