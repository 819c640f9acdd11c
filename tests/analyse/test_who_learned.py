from parallax.analyse.who.learned import assemble, combine, confirmed, merge_relations
from parallax.analyse.who.tagger import tokenize


class TableTagger:
    """A tagger that returns fixed per-token probabilities (same interface as pycrfsuite.Tagger)."""

    def __init__(self, odds):
        self.odds = odds

    def set(self, features):
        self.length = len(features)

    def marginal(self, tag, index):
        return self.odds[index][tag]


def _odds(tags, sure=0.99):
    rest = (1 - sure) / 3
    return [{t: (sure if t == tag else rest) for t in ("S", "C", "Q", "O")} for tag in tags]


def test_assemble_takes_nearest_source_and_content():
    runs = [("S", 0, 5), ("C", 6, 10), ("Q", 11, 30), ("S", 40, 45), ("C", 46, 50), ("Q", 51, 60)]
    assert assemble(runs) == [((0, 5), (6, 10), (11, 30)), ((40, 45), (46, 50), (51, 60))]
    assert assemble([("C", 0, 4), ("Q", 5, 9)]) == []  # no source


def test_confirmed_drops_rules_the_tagger_rejects():
    rules = [((0, 5), (6, 10), (11, 30)), ((31, 35), (36, 40), (41, 50))]
    assert confirmed(rules, [("C", 6, 10)]) == rules[:1]
    assert confirmed(rules, [("S", 31, 35)]) == rules[1:]


def test_merge_keeps_rule_speaker_span_and_skips_known_cues():
    rules = [((0, 12), (13, 17), (18, 40))]
    learned = [((4, 12), (13, 17), (18, 30)), ((6, 12), (41, 46), (47, 60))]
    assert merge_relations(rules, learned) == rules + [((0, 12), (41, 46), (47, 60))]


def test_combine_with_a_table_tagger():
    text = "Lind touted the plan"
    tokens = tokenize(text)
    tagger = TableTagger(_odds(["S", "C", "Q", "Q"]))
    assert len(tokens) == 4
    assert combine(text, [], tagger) == [((0, 4), (5, 11), (12, 20))]
    unsure_rule = [((0, 4), (5, 11), (12, 20))]
    assert combine(text, unsure_rule, TableTagger(_odds(["O", "O", "O", "O"]))) == []


def test_assemble_falls_back_to_looser_spans():
    runs = [("C", 6, 10), ("Q", 11, 30)]
    loose = [("S", 0, 5), ("C", 6, 10), ("Q", 11, 30)]
    assert assemble(runs, loose) == [((0, 5), (6, 10), (11, 30))]
    assert assemble(runs, [("Q", 31, 40)]) == []
