"""Every state outlet of the catalog is flagged state wherever it appears: its main host, every other host and
mirror pattern its row lists, its language editions (subdomain or path), and the names its editions go by."""

from __future__ import annotations

import pytest

from parallax.ingest.outlets import Evidence, load_catalog, resolve_outlet

CATALOG = load_catalog()
STATE_ROWS = [row for row in CATALOG.rows() if row.outlet.ownership == "state" and row.outlet.domain]


def _hosts(row) -> list[str]:
    """The row's hosts with every '*' of a mirror pattern filled in ('sputnik-*.*' -> 'sputnik-abc.abc')."""
    return [row.outlet.domain, *(pattern.replace("*", "abc") for pattern in row.domains)]


def _state(url: str = "", given: str = ""):
    outlet = resolve_outlet(Evidence.of(url, (("given", given),) if given else ()), CATALOG)
    return outlet.name, outlet.ownership, outlet.fact("ownership").source


def test_the_catalog_lists_state_outlets_of_many_countries():
    assert len(STATE_ROWS) >= 150 and len({row.outlet.country for row in STATE_ROWS}) >= 40


@pytest.mark.parametrize("row", STATE_ROWS, ids=lambda row: row.outlet.domain)
def test_every_host_and_edition_of_a_state_outlet_is_flagged_state(row):
    name = row.outlet.name
    for host in _hosts(row):
        for url in (f"https://{host}/x", f"https://arabic.{host}/x", f"https://{host}/ru/x", f"http://www.{host}"):
            assert _state(url) == (name, "state", "catalog"), url


@pytest.mark.parametrize("url, name", [
    ("https://arabic.rt.com/news/1", "RT"), ("https://actualidad.rt.com/x", "RT"), ("https://rtarabic.tv/x", "RT"),
    ("https://sputniknews.cn/x", "Sputnik"), ("https://sputnik.by/x", "Sputnik"), ("https://sputnik-abkhazia.ru/x", "Sputnik"),
    ("https://sputnikarabic.ae/x", "Sputnik"), ("https://radiosputnik.ru/x", "Sputnik"), ("https://mundo.sputniknews.com/x", "Sputnik"),
    ("https://ria.ru/x", "RIA Novosti"), ("https://tass.com/x", "TASS"), ("https://tass.ru/x", "TASS"),
    ("https://itar-tass.com/x", "TASS"), ("https://arabic.cgtn.com/x", "CGTN"), ("https://espanol.cgtn.com/x", "CGTN"),
    ("https://arabic.news.cn/x", "Xinhua"), ("https://french.news.cn/x", "Xinhua"), ("https://xinhuanet.com/x", "Xinhua"),
    ("https://www.presstv.ir/x", "Press TV"), ("https://www.hispantv.com/x", "HispanTV"), ("https://trt.global/x", "TRT"),
    ("https://www.trtarabi.com/x", "TRT"), ("https://ajmubasher.net/x", "Al Jazeera"), ("https://redfish.media/x", "Redfish"),
    ("https://www.redstar.ru/x", "Krasnaya Zvezda"), ("https://iranpress.com/x", "Iran Press"), ("https://kcna.co.jp/x", "KCNA"),
])
def test_named_editions_and_mirrors(url, name):
    assert _state(url) == (name, "state", "catalog")


@pytest.mark.parametrize("given, name", [("RT Arabic", "RT"), ("Russia Today", "RT"), ("Sputnik News", "Sputnik"),
                                         ("ITAR-TASS", "TASS"), ("TRT Haber", "TRT"), ("Al Jazeera Mubasher", "Al Jazeera")])
def test_edition_names_resolve_to_the_state_outlet(given, name):
    assert _state(given=given) == (name, "state", "catalog")
