"""Where an outlet's host name places it: names, demonyms and regions read out of its labels, and their doubts."""

from __future__ import annotations

import pytest

from parallax.ingest.outlets import Evidence, load_catalog, parse_host, resolve_outlet
from parallax.ingest.outlets.host_words import BARE, CLEAN, FRAMED, LOOSE, call_sign, place_in_domain, readings
from parallax.ingest.outlets.resolve import COUNTRY_BAR


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("host, country, word", [
    ("nigerianobserver.example.com", "NG", "nigerian"),  # a demonym, bounded by a news word
    ("theindianexpress.example.net", "IN", "indian"),  # after an article
    ("aljazayr.example.com", "DZ", "aljazayr"),  # a country's name in Arabic, in Latin letters
    ("morelos24.example.com", "MX", "morelos"),  # a first-level region (ISO 3166-2)
    ("kibrishaber.example.com", "CY", "kibris"),  # Kıbrıs, transliterated rather than dropped letter by letter
])
def test_a_word_of_the_host_names_its_country(host, country, word):
    clue = place_in_domain(parse_host(host))
    assert (clue.value, word in clue.note) == (country, True)


def test_a_word_bounded_on_both_sides_outranks_one_bounded_on_one():
    found = readings("nigeriannews")  # 'niger' and 'nigeria' start the label, only 'nigerian' ends at 'news'
    assert {r.word for r in found} >= {"niger", "nigeria", "nigerian"}
    assert [r.word for r in found if r.clean] == ["nigerian"]
    assert place_in_domain(parse_host("nigeriannews.example.com")).confidence == CLEAN > LOOSE >= COUNTRY_BAR


def test_words_naming_two_countries_give_no_country_but_say_why(catalog):
    clue = place_in_domain(parse_host("theindianawaaz.example.com"))
    assert clue.value == "" and "'indian' India" in clue.note and "'indiana' United States" in clue.note
    outlet = resolve_outlet(Evidence.of("https://theindianawaaz.example.com/x", languages=("en",)), catalog)
    assert outlet.country == "" and "name places in 2 countries" in outlet.fact("country").note


def test_the_hosts_words_come_before_the_language_prior(catalog):
    outlet = resolve_outlet(Evidence.of("https://www.havadiskibris.example.com/x", languages=("tr",)), catalog)
    assert (outlet.country, outlet.fact("country").source) == ("CY", "url")  # Turkish, but Cypriot


def test_an_edition_label_is_a_doubt_and_so_is_the_language_of_an_outlet_with_editions(catalog):
    spanish = resolve_outlet(Evidence.of("https://jp.example-empresa.com/x", languages=("es",)), catalog)
    japanese = resolve_outlet(Evidence.of("https://jp.example-empresa.com/x", languages=("ja",)), catalog)
    plain = resolve_outlet(Evidence.of("https://example-empresa.com/x", languages=("ja",)), catalog)
    assert spanish.country == "" and "edition for Japan" in spanish.fact("country").note
    assert japanese.country == "" and "more than one language" in japanese.fact("country").note
    assert (plain.country, plain.fact("country").source) == ("JP", "inferred")  # no edition: the prior answers
    assert spanish.language == "es"  # the articles' language, not the label's


def test_a_host_with_no_place_word_reads_nothing():
    assert place_in_domain(parse_host("pledgetimes.example.com")) is None
    assert place_in_domain(parse_host("192.0.2.1")) is None


@pytest.mark.parametrize("host, country, confidence", [
    ("kqed.org", "US", BARE),  # a call sign alone: K and W are the United States'
    ("news.wbfo.org", "US", BARE),  # under a subdomain
    ("wusa9.com", "US", FRAMED),  # a channel number after it
    ("wbaltv.com", "US", FRAMED),  # a broadcast word after it
    ("1340wgau.com", "US", FRAMED),  # a frequency before it
    ("am800cklw.com", "CA", FRAMED),  # C signs are Canada's, counted only when framed
    ("xhdftv.com", "MX", FRAMED),
])
def test_a_broadcasters_call_sign_names_its_country(host, country, confidence):
    clue = call_sign(parse_host(host))
    assert (clue.value, clue.confidence) == (country, confidence) and "call sign" in clue.note
    assert confidence >= COUNTRY_BAR


@pytest.mark.parametrize("host", [
    "cklw.com",  # a Canadian sign alone is too often a word (the table says which prefixes stand alone)
    "newsweek.com", "wionews.com", "knoxnews.com",  # 'news' before or after four letters is no frame
    "kqed.example.com",  # only the registrable label is read
    "wonderful.com", "kq3d.com", "abcd.com",
])
def test_what_is_not_a_call_sign(host):
    assert call_sign(parse_host(host)) is None


def test_a_call_sign_answers_only_after_the_country_domain(catalog):
    assert resolve_outlet(Evidence.of("https://wkyc.de/x", languages=("de",)), catalog).country == "DE"
    outlet = resolve_outlet(Evidence.of("https://www.wmar2news.com/local/x", languages=("en",)), catalog)
    assert outlet.country == "US" and outlet.fact("country").source == "url"
