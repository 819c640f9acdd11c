"""The fetcher against a real loopback server: limits, redirects, statuses, SSRF guard."""

from __future__ import annotations

from dataclasses import replace

import pytest

from parallax.errors import FetchError
from parallax.ingest.fetch import MAX_REDIRECTS, Fetcher, is_public_address
from parallax.settings import Settings


def test_fetch_sends_the_user_agent_and_returns_the_body(loopback, loopback_settings):
    url = loopback.add("/page", "<p>hello</p>")
    with Fetcher(loopback_settings) as fetcher:
        fetched = fetcher.fetch(url)
    assert (fetched.status, fetched.body, fetched.final_url) == (200, b"<p>hello</p>", url)
    assert fetched.content_type.startswith("text/html")
    assert loopback.requests[-1][1]["User-Agent"] == loopback_settings.user_agent


def test_redirects_are_followed_and_limited(loopback, loopback_settings):
    target = loopback.add("/final", "done")
    loopback.add("/hop", "", status=302, headers={"Location": "/final"})
    for n in range(MAX_REDIRECTS + 1):
        loopback.add(f"/loop{n}", "", status=301, headers={"Location": f"/loop{n + 1}"})
    with Fetcher(loopback_settings) as fetcher:
        fetched = fetcher.fetch(loopback.url("/hop"))
        assert (fetched.url, fetched.final_url, fetched.body) == (loopback.url("/hop"), target, b"done")
        with pytest.raises(FetchError, match="redirects"):
            fetcher.fetch(loopback.url("/loop0"))


def test_a_redirect_to_a_non_http_scheme_is_refused(loopback, loopback_settings):
    loopback.add("/sneaky", "", status=302, headers={"Location": "file:///etc/passwd"})
    with Fetcher(loopback_settings) as fetcher, pytest.raises(FetchError, match="only http"):
        fetcher.fetch(loopback.url("/sneaky"))


def test_malformed_urls_and_redirects_are_fetch_errors_naming_the_url(loopback, loopback_settings):
    start = loopback.add("/odd", "", status=302, headers={"Location": "http://[::1/elsewhere"})
    with Fetcher(loopback_settings) as fetcher:
        with pytest.raises(FetchError, match="Invalid URL in location") as caught:
            fetcher.fetch(start)
        assert caught.value.item == start
        with pytest.raises(FetchError, match="not a well-formed URL"):
            fetcher.fetch("http://[::1/feed")


def test_non_2xx_names_the_url_and_status(loopback, loopback_settings):
    url = loopback.url("/missing")
    with Fetcher(loopback_settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.item == url and "404" in caught.value.reason


@pytest.mark.parametrize("declared", [True, False])
def test_oversize_bodies_are_refused(loopback, loopback_settings, declared):
    settings = replace(loopback_settings, max_page_bytes=1000)
    headers = {} if declared else {"Content-Length": None}
    big = loopback.add("/big", b"x" * 5000, headers=headers)
    small = loopback.add("/small", b"y" * 1000)
    with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError, match="1000-byte limit"):
            fetcher.fetch(big)
        assert len(fetcher.fetch(small).body) == 1000


def test_loopback_hosts_are_refused_unless_allowed(loopback):
    url = loopback.add("/page", "secret")
    with Fetcher(Settings(allow_loopback=False)) as fetcher:
        for refused in (url, url.replace("127.0.0.1", "localhost")):
            with pytest.raises(FetchError, match="non-public address"):
                fetcher.fetch(refused)
    assert loopback.requests == []  # refused before any request left


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("127.0.0.1", False), ("10.1.2.3", False),
    ("192.168.0.1", False), ("172.16.5.4", False), ("169.254.169.254", False), ("100.64.0.1", False),
    ("0.0.0.0", False), ("::1", False), ("fe80::1%eth0", False), ("::ffff:127.0.0.1", False), ("fc00::1", False),
])
def test_public_addresses(address, public):
    assert is_public_address(address) is public


def test_unresolvable_host_is_a_fetch_error():
    with Fetcher(Settings()) as fetcher, pytest.raises(FetchError, match="cannot resolve"):
        fetcher.fetch("http://no-such-host.invalid/")


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/feed",
                                    "http://224.0.0.1/x", "http://0.0.0.0/x", "http://[fe80::1]/x"])
def test_allow_loopback_admits_loopback_only_at_every_hop(target):
    from support.loopback import LoopbackServer

    from parallax.errors import FetchError
    from parallax.ingest.fetch import Fetcher

    with LoopbackServer() as server:
        start = server.add("/hop", "", status=302, headers={"Location": target})
        page = server.add("/page", "<p>local test page</p>")
        with Fetcher(Settings(allow_loopback=True, respect_robots=False, fetch_retries=0)) as fetcher:
            assert fetcher.fetch(page).status == 200
            with pytest.raises(FetchError, match="non-public address"):
                fetcher.fetch(start)
            with pytest.raises(FetchError, match="non-public address"):
                fetcher.fetch(target)
