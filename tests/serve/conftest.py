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


@pytest.fixture(scope="module")
def browser():
    """A real Chromium shared by a module's tests (the module marks itself with NEEDS_CHROMIUM)."""
    from support.browser import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
