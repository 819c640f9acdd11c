"""Politeness on a real loopback server: robots.txt, per-host spacing and concurrency, retries."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from itertools import pairwise

import pytest

from parallax.errors import FetchError
from parallax.ingest import Fetcher, Politeness
from parallax.ingest.polite import HostGate, agent_token
from parallax.ingest.schedule import HostQueues
from parallax.settings import Settings


def test_robots_txt_is_fetched_once_per_host_and_obeyed(loopback, loopback_settings):
    loopback.add("/robots.txt", "User-agent: parallax\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n",
                 "text/plain")
    allowed = loopback.add("/news/1", "ok")
    private = loopback.add("/private/1", "secret")
    with Fetcher(loopback_settings) as fetcher:
        assert fetcher.fetch(allowed).body == b"ok"
        with pytest.raises(FetchError, match="robots.txt .* disallows"):
            fetcher.fetch(private)
        fetcher.fetch(allowed)
    assert loopback.hits("/robots.txt") == 1 and loopback.hits("/private/1") == 0
    with Fetcher(replace(loopback_settings, respect_robots=False)) as rude:
        assert rude.fetch(private).body == b"secret"


@pytest.mark.parametrize("status, allowed", [(404, True), (403, True), (500, False)])
def test_robots_txt_answers_by_rfc_9309(loopback, loopback_settings, status, allowed):
    loopback.add("/robots.txt", "", status=status)
    url = loopback.add("/page", "ok")
    with Fetcher(replace(loopback_settings, fetch_retries=0)) as fetcher:
        if allowed:
            assert fetcher.fetch(url).body == b"ok"
        else:
            with pytest.raises(FetchError, match="robots.txt"):
                fetcher.fetch(url)


def test_requests_to_one_host_are_spaced_and_crawl_delay_is_honoured(loopback, loopback_settings):
    urls = [loopback.add(f"/p{n}", "ok") for n in range(3)]
    with Fetcher(replace(loopback_settings, host_delay=0.15, host_concurrency=4)) as fetcher:
        started = time.monotonic()
        threads = [threading.Thread(target=fetcher.fetch, args=(u,)) for u in urls]
        [t.start() for t in threads]
        [t.join() for t in threads]
    assert time.monotonic() - started >= 3 * 0.15  # robots.txt, then three pages, each 0.15 s apart
    loopback.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", "text/plain")
    with Fetcher(loopback_settings) as fetcher:
        started = time.monotonic()
        fetcher.fetch(urls[0])  # robots.txt first, then the page a Crawl-delay later
    assert time.monotonic() - started >= 1.0  # robotparser reads whole seconds only


def test_per_host_concurrency_is_limited(loopback, loopback_settings):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(path, headers):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.1)
        with lock:
            in_flight[0] -= 1
        return (200, "text/plain", "ok")

    url = loopback.add_handler("/slow", slow)
    with Fetcher(replace(loopback_settings, host_concurrency=2, respect_robots=False)) as fetcher:
        threads = [threading.Thread(target=fetcher.fetch, args=(url,)) for _ in range(6)]
        [t.start() for t in threads]
        [t.join() for t in threads]
    assert loopback.hits("/slow") == 6 and peak[0] == 2


def test_transient_failures_are_retried_with_backoff(loopback, loopback_settings):
    answers = iter([(503, "text/plain", "busy", {"Retry-After": "0"}), (429, "text/plain", "slow down"),
                    (200, "text/plain", "finally")])
    url = loopback.add_handler("/flaky", lambda path, headers: next(answers))
    gone = loopback.add("/gone", "", status=404)
    settings = replace(loopback_settings, fetch_retries=2, fetch_backoff=0.05)
    with Fetcher(settings) as fetcher:
        started = time.monotonic()
        assert fetcher.fetch(url).body == b"finally"
        assert time.monotonic() - started >= 0.05 + 0.1  # backoff doubles
        with pytest.raises(FetchError, match="404"):
            fetcher.fetch(gone)
    assert loopback.hits("/flaky") == 3 and loopback.hits("/gone") == 1  # a 404 is not retried


def test_politeness_reads_the_settings_and_shares_their_defaults(loopback_settings):
    assert Politeness.from_settings(Settings()) == Politeness()
    assert Politeness.from_settings(Settings(host_delay=-3, host_concurrency=0)).host_concurrency == 1
    read = Politeness.from_settings(replace(loopback_settings, host_delay=2.5, fetch_retries=0))
    assert (read.host_delay, read.retries, read.backoff) == (2.5, 0, 0.01)
    assert Politeness(backoff=1.0).retry_wait(2) == 4.0 and Politeness().retry_wait(0, "7") == 7.0
    assert agent_token("parallax/0.1 (+https://x)") == "parallax"


def test_host_gate_spaces_starts():
    gate, starts = HostGate(delay=0.05, concurrency=3), []
    for _ in range(3):
        with gate.slot("https://a.example"):
            starts.append(time.monotonic())
    assert all(b - a >= 0.045 for a, b in pairwise(starts))


def test_host_gate_does_not_hold_up_another_host():
    gate = HostGate(delay=10.0, concurrency=3)
    with gate.slot("https://a.example"):
        started = time.monotonic()
    with gate.slot("https://b.example"):  # a's next start is 10 s away; b's is now
        assert time.monotonic() - started < 5.0  # a bound a loaded machine keeps (it was 0.05, flaky under load)


def test_host_queues_take_round_robin_within_per_host_limits():
    queues = HostQueues(per_host=2)
    for n in range(3):
        queues.push("a", f"a{n}")
    queues.push("b", "b0")
    assert queues.take(10) == [("a", "a0"), ("b", "b0"), ("a", "a1")]
    assert queues.take(10) == [] and len(queues) == 1
    queues.done("a")
    assert queues.take(10) == [("a", "a2")] and len(queues) == 0
