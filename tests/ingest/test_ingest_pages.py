"""HTML head metadata, body decoding, dates, and main-text extraction."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.articles import article_html

from parallax.errors import ExtractionError
from parallax.ingest.dates import read_date
from parallax.ingest.pages import decode_html, html_meta, html_page, same_site
from parallax.text.article import build_article
from parallax.text.extract import extract_html


def test_json_ld_date_and_og_url():
    html = ('<html><head><meta property="og:url" content="/news/1">'
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
            ' "datePublished": "2023-11-05T22:15:00-05:00"}]}</script></head><body></body></html>')
    meta = html_meta(html, "https://paper.example/x")
    assert meta.url == "https://paper.example/news/1"
    assert meta.published == datetime(2023, 11, 6, 3, 15)


def test_pages_without_metadata_or_with_an_xml_declaration():
    assert html_meta("") == html_meta("<html></html>")
    assert html_meta('<?xml version="1.0" encoding="utf-8"?><html><head>'
                     '<link rel="canonical" href="https://a.example/x"></head></html>').url == "https://a.example/x"
    assert html_page("<p>x</p>", "https://a.example/1").url == "https://a.example/1"


@pytest.mark.parametrize("body, content_type, text", [
    ("café".encode(), "text/html; charset=utf-8", "café"),
    ("café".encode("latin-1"), "text/html; charset=ISO-8859-1", "café"),
    (b'<meta charset="windows-1252">caf\xe9', "text/html", '<meta charset="windows-1252">café'),
    ("café".encode("cp1252"), "", "café"),
    ("café".encode(), "text/html; charset=no-such-codec", "café"),
])
def test_decode_html(body, content_type, text):
    assert decode_html(body, content_type) == text


def test_same_site():
    assert same_site("https://www.a.example/x", "http://news.a.example/y")
    assert not same_site("https://a.example/x", "https://ba.example/x")
    assert not same_site("", "https://a.example/")


@pytest.mark.parametrize("value, expected", [
    ("2024-03-27", datetime(2024, 3, 27)), ("2024-03-27T10:00:00Z", datetime(2024, 3, 27, 10)),
    ("Wed, 27 Mar 2024 10:00:00 +0100", datetime(2024, 3, 27, 9)), (None, None), ("", None),
    ("7/23/17", datetime(2017, 7, 23)), ("23/7/2017", datetime(2017, 7, 23)), ("5/5/99", datetime(1999, 5, 5)),
])
def test_read_date(value, expected):
    assert read_date(value).when == expected


@pytest.mark.parametrize("value", ["soon", "3/4/2017", "13/14/2017", "2/30/2017"])
def test_nonsense_and_ambiguous_dates_are_unknown_with_the_reason(value):
    reading = read_date(value)
    assert reading.when is None and repr(value) in reading.warning


def test_extraction_drops_the_repeated_headline_and_separates_paragraphs():
    extracted = extract_html(article_html("Bridge to be rebuilt"))
    assert extracted.title == "Bridge to be rebuilt"
    assert extracted.text.startswith("The city council of Northhaven")
    assert extracted.text.count("\n\n") == 3 and "Home" not in extracted.text


def test_a_page_without_an_article_is_an_extraction_error():
    assert extract_html("<html><body></body></html>") is None
    page = html_page("<html><body><nav><a href='/'>Home</a></nav></body></html>", "https://a.example/n")
    with pytest.raises(ExtractionError) as caught:
        build_article(page)
    assert caught.value.item == "https://a.example/n"


def test_a_pages_publisher_address_and_one_countrys_hreflang_are_read():
    ld = ('{"@type": "NewsArticle", "publisher": {"@type": "NewsMediaOrganization", "name": "Akhbar",'
          ' "address": {"@type": "PostalAddress", "addressCountry": "EG"}}}')
    html = (f"<html><head><script type='application/ld+json'>{ld}</script>"
            "<link rel='alternate' hreflang='ar-EG' href='/ar'><link rel='alternate' hreflang='en-EG' href='/en'>"
            "<link rel='alternate' hreflang='x-default' href='/'></head><body></body></html>")
    names = html_meta(html).names
    assert ("address", "EG") in names and ("publisher", "Akhbar") in names and ("locale", "ar-EG") in names
    assert ("locale", "en-EG") in names  # every tag of the one region: en-EG is no tool's default
    several = "<html><head><link rel='alternate' hreflang='en-GB'><link rel='alternate' hreflang='en-US'></head></html>"
    assert not [v for k, v in html_meta(several).names if k == "locale"]
    assert html_meta("<html><head><script type='application/ld+json'>{\"publisher\": [1, {</script></head></html>")


def test_international_phone_numbers_in_the_footer_are_read():
    html = ("<html><body><p>Call the ministry on +33 1 23 45 67 89 for details.</p>"
            "<footer><p>Redacción: <b>+52-55-5538-5518</b> · fax +52 55 5530 8671 · ext. 12 · +1 800</p>"
            "<a href='tel:+5255553855'>llámenos</a><script>var x = '+44 20 7946 0000';</script></footer>"
            "<div role='contentinfo'>+36 1 877 0800</div></body></html>")
    phones = [v for k, v in html_meta(html).names if k == "phone"]
    assert phones == ["+52-55-5538-5518", "+52 55 5530 8671", "+36 1 877 0800"]  # three at most, body and script not
    assert not [k for k, _ in html_meta("<html><body><footer>+7 12</footer></body></html>").names if k == "phone"]


def test_the_sites_own_organization_gives_its_address_and_another_organization_does_not():
    own = ('{"@graph": [{"@type": ["Organization", "NewsMediaOrganization"], "url": "https://www.akhbar.example/",'
           ' "address": [{"@type": "PostalAddress", "addressCountry": "IND"}]},'
           ' {"@type": "Organization", "url": "https://sponsor.example/", "address": {"addressCountry": "FR"}},'
           ' {"@type": "Organization", "address": {"addressCountry": "DE"}}]}')
    html = ("<html><head><link rel='canonical' href='https://akhbar.example/news/1'>"
            f"<script type='application/ld+json'>{own}</script></head></html>")
    assert [v for k, v in html_meta(html).names if k == "address"] == ["IND"]
    assert not [k for k, _ in html_meta(html.replace("<link rel='canonical' href='https://akhbar.example/news/1'>",
                                                     "")).names if k == "address"]  # no URL: whose site is unknown
