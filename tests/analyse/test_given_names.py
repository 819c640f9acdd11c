"""A speaker's gender from the first name, where the article shows none (the census table of the names package)."""

from parallax.analyse.who.entities import article_actors
from parallax.analyse.who.given_names import gender_of
from parallax.models import Article
from parallax.text.sentences import split_sentences


def test_names_one_gender_bears_tell_it_and_shared_or_unlisted_ones_do_not():
    assert gender_of("Cynthia") == "f" and gender_of("JOHN") == "m"
    assert gender_of("Leslie") is None  # borne by both
    assert gender_of("Barack") is None and gender_of("") is None  # not in the table


def test_the_articles_own_evidence_comes_before_the_name():
    text = "Mr. Leslie Tran spoke first. Cynthia Ward spoke next."
    actors = article_actors(Article("a", "urn:a", "t", text, "a", None, "en", "h", split_sentences(text)))
    assert actors.gender[("leslie", "tran")] == "m" and actors.gender[("cynthia", "ward")] == "f"
