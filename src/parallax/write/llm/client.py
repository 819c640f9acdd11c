"""A chat-completions client for any OpenAI-compatible endpoint: timeouts, retries, rate limit, accounting.

Nothing is sent anywhere unless ``llm_base_url`` is set; ``llm_config`` refuses
to build a configuration without it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from parallax.errors import ConfigError, FetchError

Clock = Callable[[], float]
Sleep = Callable[[float], None]
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
MAX_BACKOFF = 30.0

# (setting name, default) read with getattr so the writer works before the settings list carries them.
LLM_SETTINGS: tuple[tuple[str, Any], ...] = (
    ("llm_base_url", ""),
    ("llm_model", ""),
    ("llm_api_key_env", "PARALLAX_LLM_API_KEY"),
    ("llm_timeout", 60.0),
    ("llm_max_retries", 2),
    ("llm_requests_per_minute", 30.0),
    ("llm_cache_dir", "~/.cache/parallax/llm"),
    ("llm_price_per_1k_input", 0.0),
    ("llm_price_per_1k_output", 0.0),
)


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to ask; ``api_key`` is read from the environment variable the settings name."""

    base_url: str
    model: str
    api_key: str = field(default="", repr=False)
    timeout: float = 60.0
    max_retries: int = 2
    requests_per_minute: float = 30.0
    cache_dir: Path | None = None
    price_per_1k_input: float = 0.0
    price_per_1k_output: float = 0.0
    backoff: float = 0.5

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


def llm_config(settings: object | None = None, environ: Mapping[str, str] | None = None) -> LLMConfig:
    """The LLM configuration from settings; ``ConfigError`` saying what to set when no endpoint is configured."""
    value = {name: getattr(settings, name, default) for name, default in LLM_SETTINGS}
    if not value["llm_base_url"] or not value["llm_model"]:
        raise ConfigError("the llm writer needs an endpoint: set llm_base_url (e.g. https://api.openai.com/v1) and "
                          "llm_model in parallax.toml or as PARALLAX_LLM_BASE_URL / PARALLAX_LLM_MODEL, and put the "
                          f"API key in ${value['llm_api_key_env']}; nothing is sent anywhere until then")
    environ = os.environ if environ is None else environ
    cache = str(value["llm_cache_dir"])
    return LLMConfig(
        base_url=str(value["llm_base_url"]), model=str(value["llm_model"]),
        api_key=environ.get(str(value["llm_api_key_env"]), ""), timeout=float(value["llm_timeout"]),
        max_retries=int(value["llm_max_retries"]), requests_per_minute=float(value["llm_requests_per_minute"]),
        cache_dir=Path(cache).expanduser() if cache else None,
        price_per_1k_input=float(value["llm_price_per_1k_input"]),
        price_per_1k_output=float(value["llm_price_per_1k_output"]),
    )


@dataclass(frozen=True)
class Usage:
    """Requests sent, answers from the cache, tokens and cost (in the price settings' currency)."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.requests + other.requests, self.cached + other.cached,
                     self.prompt_tokens + other.prompt_tokens, self.completion_tokens + other.completion_tokens,
                     round(self.cost + other.cost, 8))


@dataclass(frozen=True)
class Completion:
    """The model's message text and what it cost."""

    text: str
    usage: Usage


class TokenBucket:
    """At most ``per_minute`` acquisitions a minute, ``burst`` at once; waits with the injected sleep."""

    def __init__(self, per_minute: float, burst: int = 1, clock: Clock = time.monotonic, sleep: Sleep = time.sleep):
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.clock, self.sleep = clock, sleep
        self.tokens = float(self.burst)
        self.last = clock()

    def acquire(self) -> float:
        """Take one token, sleeping until one is free; returns the seconds waited (0 when unlimited)."""
        if self.rate <= 0:
            return 0.0
        self._refill()
        wait = max(0.0, (1.0 - self.tokens) / self.rate)
        if wait:
            self.sleep(wait)
            self._refill()
        self.tokens = max(0.0, self.tokens - 1.0)
        return wait

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(float(self.burst), self.tokens + (now - self.last) * self.rate)
        self.last = now


class ChatClient:
    """POSTs chat-completions requests; ``FetchError`` when the endpoint times out or answers badly after retries."""

    def __init__(self, config: LLMConfig, clock: Clock = time.monotonic, sleep: Sleep = time.sleep,
                 transport: httpx.BaseTransport | None = None):
        self.config = config
        self.sleep = sleep
        self.bucket = TokenBucket(config.requests_per_minute, clock=clock, sleep=sleep)
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        self.http = httpx.Client(timeout=config.timeout, headers=headers, transport=transport)

    def complete(self, payload: dict) -> Completion:
        """Send ``payload`` (model and messages included) and return the first choice's text with its usage."""
        for attempt in range(self.config.max_retries + 1):
            self.bucket.acquire()
            outcome, reason = self._attempt(payload)
            if isinstance(outcome, Completion):
                return outcome
            if outcome is None or attempt == self.config.max_retries:
                break
            self.sleep(min(MAX_BACKOFF, outcome or self.config.backoff * 2**attempt))
        raise FetchError(f"llm endpoint {self.config.endpoint}", reason)

    def _attempt(self, payload: dict) -> tuple[Completion | float | None, str]:
        """(completion, "") on success; (seconds to wait or 0, reason) to retry; (None, reason) to give up."""
        try:
            response = self.http.post(self.config.endpoint, json=payload)
        except httpx.TimeoutException:
            return 0.0, f"no answer within {self.config.timeout:g} s"
        except httpx.TransportError as exc:
            return 0.0, f"connection failed: {exc}"
        if response.status_code in RETRY_STATUSES:
            return _retry_after(response), f"HTTP {response.status_code}"
        if response.status_code != 200:
            return None, f"HTTP {response.status_code}: {response.text[:200]}"
        try:
            return self._completion(response.json()), ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            return None, f"not a chat-completions answer: {exc}"

    def _completion(self, body: dict) -> Completion:
        usage = body.get("usage") or {}
        prompt, completion = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
        cost = (prompt * self.config.price_per_1k_input + completion * self.config.price_per_1k_output) / 1000
        text = body["choices"][0]["message"]["content"]
        if not isinstance(text, str):
            raise TypeError("message content is not text")
        return Completion(text, Usage(1, 0, prompt, completion, round(cost, 8)))

    def close(self) -> None:
        self.http.close()


def _retry_after(response: httpx.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "0")))
    except ValueError:
        return 0.0


def request_payload(config: LLMConfig, messages: list[dict], schema: dict) -> dict:
    """The chat-completions request: deterministic sampling, the answer constrained to ``schema``."""
    return {
        "model": config.model,
        "messages": messages,
        "temperature": 0,
        "response_format": {"type": "json_schema",
                            "json_schema": {"name": "parallax_brief", "strict": True, "schema": schema}},
    }


def payload_text(payload: dict) -> str:
    """Canonical JSON of a request: the cache key's input."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
