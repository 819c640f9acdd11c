"""The local writer's gate on the model's lead: a shortening leaves words out and turns nothing it says."""

from __future__ import annotations

from parallax.write.llm.shortening import shortens


def test_a_shortening_keeps_the_same_words_in_order_and_every_negation():
    source = "The son of Judge Esther Salas was fatally shot when a gunman dressed as a courier entered her home."
    assert shortens("The son of Judge Salas was fatally shot when a gunman entered her home.", source)
    assert not shortens("The gunman was fatally shot when a courier entered her home.", source)
    assert shortens("Officials didn't confirm it.", "Officials didn't confirm it on Monday.")
    assert not shortens("Officials confirm it.", "Officials didn't confirm it on Monday.")


def test_a_shortening_keeps_the_words_that_qualify_a_kept_number():
    source = "About 4.7 million people applied last month, more than 300 of them twice, according to the agency."
    assert shortens("About 4.7 million people applied last month.", source)
    assert shortens("About 4.7 million people applied.", source)  # the other number and its qualifier left out whole
    assert not shortens("4.7 million people applied last month.", source)
    assert not shortens("About 4.7 million people applied, 300 of them twice.", source)
    assert not shortens("About 4.7 million people applied, than 300 of them twice.", source)
    assert shortens("Talks went on over the weekend.", "Talks went on over the long weekend in Vienna.")
    assert shortens("Talks went on.", "Talks went on over the weekend.")  # "over" qualifies no number here
