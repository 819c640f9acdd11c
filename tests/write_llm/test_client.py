"""The chat-completions client against a real loopback server: retries, timeouts, rate limit, accounting."""

from __future__ import annotations

import pytest
from support.chat_server import ChatServer, Reply
from support.ferry import config_for

from parallax.errors import ConfigError, FetchError
from parallax.settings import Settings
from parallax.write.llm.client import ChatClient, TokenBucket, Usage, llm_config

PAYLOAD = {"model": "scripted-model", "messages": [{"role": "user", "content": "hello"}]}


class FakeTime:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_token_bucket_spaces_requests_to_the_rate():
    time = FakeTime()
    bucket = TokenBucket(per_minute=30, clock=time.clock, sleep=time.sleep)  # one every 2 s
    waits = [bucket.acquire() for _ in range(3)]
    assert waits == [0.0, pytest.approx(2.0), pytest.approx(2.0)]
    time.now += 10  # idle time refills only up to the burst
    assert [bucket.acquire(), bucket.acquire()] == [0.0, pytest.approx(2.0)]


def test_token_bucket_allows_a_burst_and_zero_means_unlimited():
    time = FakeTime()
    bucket = TokenBucket(per_minute=60, burst=3, clock=time.clock, sleep=time.sleep)
    assert [bucket.acquire() for _ in range(4)] == [0.0, 0.0, 0.0, pytest.approx(1.0)]
    assert TokenBucket(per_minute=0, clock=time.clock, sleep=time.sleep).acquire() == 0.0


def test_usage_is_counted_and_priced_from_the_answer():
    with ChatServer([Reply("{}", prompt_tokens=2000, completion_tokens=500)]) as server:
        client = ChatClient(config_for(server.base_url, price_per_1k_input=0.5, price_per_1k_output=2.0,
                                       api_key="k-123"))
        completion = client.complete(PAYLOAD)
    assert completion.text == "{}"
    assert completion.usage == Usage(requests=1, prompt_tokens=2000, completion_tokens=500, cost=2.0)
    assert server.headers[0]["Authorization"] == "Bearer k-123"


def test_a_passing_failure_is_retried_with_backoff():
    time = FakeTime()
    with ChatServer([Reply(status=503), Reply(status=429), Reply("ok")]) as server:
        client = ChatClient(config_for(server.base_url, max_retries=2), clock=time.clock, sleep=time.sleep)
        assert client.complete(PAYLOAD).text == "ok"
    assert len(server.requests) == 3
    assert time.slept == [pytest.approx(0.01), pytest.approx(0.02)]


def test_a_client_error_is_not_retried():
    with ChatServer([Reply(status=400, raw=b'{"error": "bad model"}')]) as server:
        client = ChatClient(config_for(server.base_url, max_retries=3))
        with pytest.raises(FetchError, match="HTTP 400"):
            client.complete(PAYLOAD)
    assert len(server.requests) == 1


def test_a_slow_endpoint_times_out():
    with ChatServer([Reply("late", delay=1.0)]) as server:
        client = ChatClient(config_for(server.base_url, timeout=0.2, max_retries=1), sleep=lambda s: None)
        with pytest.raises(FetchError, match="no answer within 0.2 s"):
            client.complete(PAYLOAD)
    assert len(server.requests) == 2


def test_an_answer_that_is_not_chat_completions_fails():
    with ChatServer([Reply(raw=b'{"unexpected": true}')]) as server, \
            pytest.raises(FetchError, match="not a chat-completions answer"):
        ChatClient(config_for(server.base_url)).complete(PAYLOAD)


def test_no_endpoint_configured_is_a_config_error_naming_what_to_set():
    with pytest.raises(ConfigError, match="llm_base_url"):
        llm_config(Settings())


def test_config_reads_the_key_from_the_named_variable():
    class WithLLM:
        llm_base_url, llm_model, llm_api_key_env, llm_cache_dir = "http://127.0.0.1:9/v1", "m", "MY_KEY", ""

    config = llm_config(WithLLM(), environ={"MY_KEY": "secret"})
    assert (config.api_key, config.cache_dir, config.endpoint) == ("secret", None, "http://127.0.0.1:9/v1/chat/completions")
    assert "secret" not in repr(config)
