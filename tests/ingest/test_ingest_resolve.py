"""The outlet resolver: catalog, mirrors, renames, country domains, editions, languages, bad input."""

from __future__ import annotations

import pytest

from parallax.ingest.outlets import Evidence, load_catalog, parse_host, resolve_outlet
from parallax.ingest.outlets.identify import identify_outlets, name_page
from parallax.models import Article, Page


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def resolved(catalog, url="", given="", languages=(), hints=()):
    return resolve_outlet(Evidence.of(url, ((("given", given),) if given else ()) + hints, languages), catalog)


@pytest.mark.parametrize("url, name", [
    ("https://arabic.rt.com/world/1", "RT"), ("https://de.rt.com/a", "RT"), ("https://rtde.site/x", "RT"),
    ("https://sputniknews.lat/x", "Sputnik"), ("https://sputnik-georgia.ru/x", "Sputnik"),
    ("https://sputniknews.uz/x", "Sputnik"),
    ("https://english.news.cn/x", "Xinhua"), ("https://www.presstv.ir/x", "Press TV"),
    ("https://www.aa.com.tr/en/x", "Anadolu Agency"), ("https://www.trtworld.com/x", "TRT World"),
    ("https://www.aljazeera.net/news", "Al Jazeera"), ("https://english.alarabiya.net/x", "Al Arabiya"),
    ("https://www.ukrinform.net/x", "Ukrinform"), ("http://kcna.kp/x", "KCNA"), ("https://tass.ru/x", "TASS"),
])
def test_state_outlets_are_flagged_in_every_edition_and_mirror(catalog, url, name):
    outlet = resolved(catalog, url)
    assert (outlet.name, outlet.ownership, outlet.fact("ownership").source) == (name, "state", "catalog")


@pytest.mark.parametrize("url, ownership", [
    ("https://www.bbc.com/mundo/x", "public"), ("https://www.dw.com/ru/x", "public"),
    ("https://www.france24.com/ar/x", "public"), ("https://www.voanews.com/x", "public"),
    ("https://www3.nhk.or.jp/x", "public"), ("https://www.svoboda.org/a", "public"), ("https://apnews.com/x", "wire"), ("https://www.reuters.com/x", "wire"),
])
def test_public_broadcasters_and_agencies(catalog, url, ownership):
    assert resolved(catalog, url).ownership == ownership


def test_a_renamed_outlet_resolves_to_its_current_identity_with_the_reason(catalog):
    by_domain = resolved(catalog, "https://sputniknews.com/world/1")
    by_name = resolved(catalog, given="Russia Today")
    assert (by_domain.name, by_name.name) == ("Sputnik", "RT")
    assert "former domain sputniknews.com" in by_domain.fact("name").note
    assert "formerly named 'Russia Today'" in by_name.fact("name").note


def test_families_count_once(catalog):
    ria, sputnik = resolved(catalog, "https://ria.ru/x"), resolved(catalog, "https://sputnikglobe.com/x")
    assert ria.family == sputnik.family == "Rossiya Segodnya" and ria.voice == sputnik.voice


def test_unknown_outlets_take_country_from_the_domain_and_ownership_from_a_prior(catalog):
    outlet = resolved(catalog, "https://www.example-zeitung.de/politik/1", languages=("de",))
    assert (outlet.name, outlet.country, outlet.fact("country").source) == ("example-zeitung.de", "DE", "url")
    assert (outlet.ownership, outlet.fact("ownership").source) == ("private", "inferred")
    assert outlet.fact("name").source == "url"  # a domain only as the last resort


def test_generic_domains_use_the_language_when_one_country_holds_most_speakers(catalog):
    german = resolved(catalog, "https://unbekannt.com/x", languages=("de",))
    arabic = resolved(catalog, "https://unknown-arabic.com/x", languages=("ar",))
    assert (german.country, german.fact("country").source) == ("DE", "inferred")
    assert arabic.country == "" and "is spoken in many countries" in arabic.fact("country").note
    assert "the domain .com is generic" in arabic.fact("country").note


@pytest.mark.parametrize("url, country, why", [
    ("https://www.gov.uk/news", "GB", "uk"), ("https://whatever.co/x", "", ""),
    ("https://uk.news.example.com/x", "", "an edition for United Kingdom"),  # its readers', not its seat: a doubt
    ("https://libyaupdate.example.com/x", "LY", "place"), ("https://www.libyaherald-daily.com/x", "LY", "place"),
    ("http://portal.example.com/portal/ar-LB/x", "LB", "locale"),
])
def test_country_clues_in_the_url(catalog, url, country, why):
    outlet = resolved(catalog, url)
    assert outlet.country == country and why in outlet.fact("country").note


def test_a_press_system_rule_needs_a_firm_country_not_a_guess(catalog):
    listed = resolved(catalog, "https://news.unknown-city-tv.cn/x", languages=("zh",))
    by_place = resolved(catalog, "https://timesofchina.example.org/x", languages=("zh",))
    by_language = resolved(catalog, "https://zhongwen-daily.example.com/x", languages=("zh",))
    assert (listed.country, listed.ownership, listed.fact("ownership").source) == ("CN", "state", "inferred")
    assert by_place.country == "CN" and by_place.fact("country").source == "url" and by_place.ownership == "private"
    assert by_language.fact("country").source == "inferred" and by_language.ownership == "private"


def test_government_domains_are_state(catalog):
    assert resolved(catalog, "https://www.gouv.fr/x").ownership == "state"
    assert resolved(catalog, "https://mhlw.go.jp/x").ownership == "state"


def test_page_metadata_names_an_unknown_outlet_and_records_disagreement(catalog):
    hints = (("og:site_name", "Valley Courier"), ("publisher", "Valley Media Group"), ("locale", "en_IN"))
    outlet = resolved(catalog, "https://valleycourier.example.com/a", hints=hints)
    assert (outlet.name, outlet.fact("name").source) == ("Valley Courier", "page")
    assert "also called 'Valley Media Group'" in outlet.fact("name").note
    assert (outlet.country, outlet.fact("country").source) == ("IN", "page")


def test_a_page_claiming_a_catalog_name_on_another_domain_is_told_apart(catalog):
    outlet = resolved(catalog, "https://reuters-news.example.net/x", hints=(("og:site_name", "Reuters"),))
    assert outlet.name == "Reuters (reuters-news.example.net)" and outlet.ownership != "wire"


def test_the_given_name_overrides_the_catalogs_name_and_the_host_says_who_published(catalog):
    outlet = resolved(catalog, "https://www.bbc.co.uk/news/1", given="My Reading List")
    assert (outlet.name, outlet.fact("name").source) == ("My Reading List", "given")
    assert (outlet.country, outlet.ownership, outlet.fact("ownership").source) == ("GB", "public", "catalog")
    assert "published on bbc" in outlet.fact("country").note and outlet.fact("country").confidence < 0.95
    columnist, paper = resolved(catalog, "https://www.cnn.com/x", given="Guest Writer - Left"), resolved(
        catalog, "https://edition.cnn.com/y")
    assert columnist.name != paper.name and columnist.voice == paper.voice  # one voice in "independent outlets"


def test_the_given_name_without_a_catalog_host_keeps_the_rules(catalog):
    outlet = resolved(catalog, "https://www.example-zeitung.de/1", given="Example Zeitung")
    assert (outlet.name, outlet.country, outlet.fact("country").source) == ("Example Zeitung", "DE", "url")


@pytest.mark.parametrize("url", ["http://[::1", "javascript:alert(1)", "urn:sha1:abc", "not a url at all", "", "http://"])
def test_malformed_urls_give_a_reason_not_a_crash(catalog, url):
    outlet = resolved(catalog, url)
    assert outlet.name.startswith("unnamed source") and outlet.fact("name").note
    assert outlet.country == "" and outlet.fact("country").note


def test_idn_hosts_are_read_in_both_forms(catalog):
    host = parse_host("https://пример.рф/путь")
    assert (host.name, host.display) == ("xn--e1afmkfd.xn--p1ai", "пример.рф")
    outlet = resolved(catalog, "https://xn--e1afmkfd.xn--p1ai/x", languages=("ru",))
    assert (outlet.name, outlet.country) == ("пример.рф", "RU")
    assert "in ASCII xn--e1afmkfd.xn--p1ai" in outlet.fact("name").note
    look_alike = resolved(catalog, "https://xn--80ak6aa92e.com/news")  # Cyrillic letters that read "apple"
    assert look_alike.name == "аррӏе.com" and "xn--80ak6aa92e.com" in look_alike.fact("name").note


@pytest.mark.parametrize("url, language, country", [
    ("https://xn--e1afmkfd.xn--p1ai/x", "", "RU"), ("https://example.xn--wgbh1c/x", "ar", "EG"),
    ("https://example.xn--mgberp4a5d4ar/x", "ar", "SA"), ("https://example.xn--j1amh/x", "uk", "UA"),
    ("https://example.xn--fiqs8s/x", "zh", "CN"), ("https://diari.example.cat/x", "ca", "ES"),
    ("https://example.berlin/x", "de", "DE"), ("https://example.nyc/x", "en", "US"),
])
def test_internationalised_and_geographic_top_level_domains_name_their_country(catalog, url, language, country):
    outlet = resolved(catalog, url, languages=(language,) if language else ())
    assert (outlet.country, outlet.fact("country").source) == (country, "url")


def test_a_country_domain_sold_as_a_word_needs_the_countrys_language(catalog):
    german = resolved(catalog, "https://nachrichten.example.ag/x", languages=("de",))
    english = resolved(catalog, "https://news.example.ag/x", languages=("en",))
    assert (german.country, german.fact("country").source) == ("DE", "inferred")
    assert (english.country, english.fact("country").source) == ("AG", "url")
    assert resolved(catalog, "https://x.example.africa/").country == ""


def test_a_file_without_outlet_or_url_is_named_by_the_file_not_an_id(catalog):
    page = name_page(Page(url="", body="x", source="/data/in/story.txt"), catalog)
    assert page.outlet == "unnamed source (story.txt)"


def test_outlets_are_resolved_with_every_article_pooled(catalog):
    articles = [Article(str(i), f"https://nachrichten-unbekannt.com/{i}", "", "", "nachrichten-unbekannt.com", None,
                        "de", "") for i in range(3)]
    (outlet,) = identify_outlets(articles, catalog)
    assert (outlet.country, outlet.languages) == ("DE", ("de",))
    assert "3 article" in outlet.fact("languages").note


def test_a_domain_country_list_imports_and_answers_before_the_rules(tmp_path):
    from parallax.ingest.outlets import OutletCatalog
    from parallax.ingest.outlets.catalog import load_domain_countries
    from parallax.ingest.outlets.imports import write_domain_countries

    gdelt = tmp_path / "domains.txt"
    gdelt.write_text("0-50.ru\tRS\tRussia\nlongtail-news.com\tEG\tEgypt\nnot a domain\tUK\tUnited Kingdom\n"
                     "x.example\tZZ\tNowhere\n", encoding="utf-8")
    out = tmp_path / "domain_countries.csv"
    assert write_domain_countries(gdelt, out) == 2
    catalog = OutletCatalog(countries=load_domain_countries(out.read_text(encoding="utf-8")))
    outlet = resolved(catalog, "https://www.longtail-news.com/a", languages=("ar",))
    assert (outlet.country, outlet.fact("country").source) == ("EG", "dataset")
    assert resolved(catalog, "https://0-50.ru/x").country == "RU"  # FIPS RS is Russia


def test_a_list_of_sites_imports_generic_domains_its_rows_agree_on(tmp_path):
    """A news-feed package's list (url, cca): country domains are left to the rules, a site given two countries out."""
    from parallax.ingest.outlets import OutletCatalog
    from parallax.ingest.outlets.catalog import load_domain_countries
    from parallax.ingest.outlets.imports import write_domain_countries

    listed = tmp_path / "websources.csv"
    listed.write_text("source_id,name,language,cca,url\n1,Long Tail,en,ng,https://www.longtail-daily.com/\n"
                      "2,Two Homes,en,US,http://twohomes.net/\n3,Two Homes,en,CA,http://twohomes.net/news\n"
                      "4,Daily,en,UK,https://uk-daily.org\n5,Le Site,fr,FR,https://lesite.fr/\n"
                      "6,Nowhere,en,ZZ,https://nowhere.com\n7,,en,US,not a url\n", encoding="utf-8")
    out = tmp_path / "domain_countries.csv"
    assert write_domain_countries([listed], out, "a list (MIT)") == 2
    countries = load_domain_countries(out.read_text(encoding="utf-8"))
    assert countries == {"longtail-daily.com": ("NG", "a list (MIT), websources.csv"),
                         "uk-daily.org": ("GB", "a list (MIT), websources.csv")}
    outlet = resolved(OutletCatalog(countries=countries), "https://longtail-daily.com/a", languages=("en",))
    assert (outlet.country, outlet.fact("country").source) == ("NG", "dataset")
    assert "a list (MIT)" in outlet.fact("country").note


def test_the_publishers_address_on_the_page_names_the_country_before_the_domain(catalog):
    outlet = resolved(catalog, "https://akhbar-example.com/a", hints=(("address", "Egypt"), ("locale", "ar")))
    assert (outlet.country, outlet.fact("country").source) == ("EG", "page")
    assert "address" in outlet.fact("country").note and outlet.name == "akhbar-example.com"  # an address names none
    assert resolved(catalog, "https://x-example.de/a", hints=(("address", "Atlantis"),)).country == "DE"
    assert resolved(catalog, "https://akhbar-example.com/a", hints=(("address", "EGY"),)).country == "EG"  # alpha-3


def test_a_tools_default_locale_is_a_doubt_where_the_language_has_no_home(catalog):
    """es_ES is what publishing tools declare for Spanish (a Venezuelan daily's pages carry it); ru_RU agrees with
    the language's own country, and the site's own region outranks the default."""
    default = resolved(catalog, "https://diario-example.com/a", hints=(("locale", "es"), ("locale", "es_ES")))
    assert default.country == "" and "the region tools fill in for 'es'" in default.fact("country").note
    own = resolved(catalog, "https://diario-example.com/a", hints=(("locale", "es_ES"), ("locale", "es_VE")))
    assert (own.country, own.fact("country").source) == ("VE", "page")
    assert resolved(catalog, "https://novosti-example.com/a", hints=(("locale", "ru_RU"),)).country == "RU"
    edition = resolved(catalog, "https://akhbar-example.com/a", hints=(("locale", "ar-EG"), ("locale", "en-EG")))
    assert edition.country == "EG"  # one country's editions in two languages: en-EG is no tool's default


def test_a_phone_number_in_the_footer_names_the_country_of_its_calling_code(catalog):
    mexico = resolved(catalog, "https://noticias-example.com/a", hints=(("phone", "+52-55-5538-5518"),))
    assert (mexico.country, mexico.fact("country").source) == ("MX", "page") and "+52" in mexico.fact("country").note
    assert resolved(catalog, "https://gleaner-example.com/a", hints=(("phone", "+1 876 922 3400"),)).country == "JM"
    shared = resolved(catalog, "https://novosti-example.com/a", hints=(("phone", "+7 (343) 288-44-48"),))
    assert shared.country == "" and "shared by Russia, Kazakhstan" in shared.fact("country").note
    assert resolved(catalog, "https://paper-example.com/a", hints=(("phone", "+44 20 7946 0000"),)).country == "GB"
    assert resolved(catalog, "https://example.de/a", hints=(("phone", "+52 1 234 5678"),)).country == "DE"


def test_a_qualified_name_stands_only_on_its_own_host(catalog):
    """'The Week (India)' is qualified because others share the name: 'The Week' on theweek.com is not it."""
    elsewhere = resolved(catalog, "https://theweek.com/articles/1", given="The Week - News")
    own = resolved(catalog, "https://www.theweek.in/news/1", given="The Week")
    bare = resolved(catalog, given="The Week (India)")
    assert (elsewhere.name, elsewhere.country, elsewhere.fact("name").source) == ("The Week - News", "", "given")
    assert (own.name, own.country, bare.country) == ("The Week (India)", "IN", "IN")
