from parallax.analyse.who.claims import map_claims
from parallax.models import Article
from parallax.text.sentences import split_sentences

STORY = {
    "North Wire": "Officials in Tarsk blamed the neighbouring republic of Velm for the dam explosion on Sunday. "
                  "Heavy rain slowed the rescue teams across the region.",
    "South Post": "The government in Tarsk blamed Velm for the explosion at the dam on Sunday. "
                  "Velm's foreign minister called the accusation absurd and said Velm had no role in the dam explosion.",
    "East Daily": "Tarsk officials blamed Velm for Sunday's dam explosion, without offering proof. "
                  "Velm denied any role in the dam explosion.",
    "West Courier": "Farmers downstream counted their losses as fields flooded. Heavy rain slowed the rescue teams.",
}


def _articles():
    return [Article(f"id{i}", f"urn:{i}", "t", text, outlet, None, "en", "h", split_sentences(text))
            for i, (outlet, text) in enumerate(STORY.items())]


def test_same_statement_from_several_outlets_is_one_claim():
    articles = _articles()
    claims = map_claims(articles, {a.id: a.outlet for a in articles})
    blame = next(c for c in claims if "blamed" in c.text)
    assert set(blame.asserted_by) == {"North Wire", "South Post", "East Daily"}
    assert set(blame.disputed_by) == {"South Post", "East Daily"}
    assert blame.omitted_by == ("West Courier",)
    for citation in blame.citations + blame.disputes:
        article = next(a for a in articles if a.id == citation.article_id)
        assert article.sentences[citation.sentence_index].start == citation.start


def test_passed_vectors_decide_grouping():
    import numpy as np

    articles = _articles()
    # Every sentence gets an orthogonal vector: nothing is the same claim.
    vectors, k = {}, 0
    for a in articles:
        rows = np.zeros((len(a.sentences), 20))
        for i in range(len(a.sentences)):
            rows[i, k] = 1.0
            k += 1
        vectors[a.id] = rows
    assert map_claims(articles, {a.id: a.outlet for a in articles}, vectors=vectors) == ()


def test_empty_story():
    assert map_claims([], {}) == ()
