"""The one list of settings.

Precedence: defaults < ``parallax.toml`` < ``PARALLAX_*`` environment < CLI flags.
Every setting is declared once in ``SETTINGS``; the CLI, the docs and
``/-/settings.json`` read that list.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from parallax.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    secret: str = ""  # "token": never shown; "url": shown without its password and credential parameters


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "parallax.db", "database: a SQLite path or sqlite:///path (postgresql://... at scale)", "url"),
    Setting("embedder", "muse", "sentence embedding backend for briefs: muse (multilingual USE, 16 languages: one claim said in two languages is one claim), minilm (all-MiniLM-L6-v2, English only, 5x slower) or tfidf"),
    Setting("story_embedder", "e5", "story embedder: e5 (multilingual-e5-small), e5-headline+muse (4x cheaper), muse, minilm or tfidf"),
    Setting("writer", "extractive", "brief writer backend: extractive, llm (an endpoint) or local (a packaged model)"),
    Setting("executor", "serial", "where per-article work runs: serial, processes[:N], dask-local[:N], dask://HOST:PORT"),
    Setting("llm_base_url", "", "OpenAI-compatible endpoint for the llm writer, e.g. http://127.0.0.1:8080/v1; empty sends nothing", "url"),
    Setting("llm_model", "", "model name sent to the llm endpoint"),
    Setting("llm_api_key_env", "PARALLAX_LLM_API_KEY", "name of the environment variable holding the llm API key"),
    Setting("llm_timeout", 60.0, "seconds before an llm request gives up"),
    Setting("llm_max_retries", 2, "extra attempts after a failed llm request"),
    Setting("llm_requests_per_minute", 30.0, "llm request rate limit"),
    Setting("llm_cache_dir", "~/.cache/parallax/llm", "where llm answers are cached by request hash; empty turns caching off"),
    Setting("llm_price_per_1k_input", 0.0, "cost per 1,000 input tokens, for accounting"),
    Setting("llm_price_per_1k_output", 0.0, "cost per 1,000 output tokens, for accounting"),
    Setting("local_model", "qwen2.5-coder-0.5b", "packaged GGUF the local writer runs: qwen2.5-coder-0.5b, qwen2.5-coder-1.5b (2.4x slower) or gemma3-270m"),
    Setting("local_model_dir", "~/.cache/parallax/models", "where the local model's packaged chunks are assembled into one GGUF"),
    Setting("local_base_url", "", "a llama.cpp server (OpenAI protocol) for the local writer, e.g. http://127.0.0.1:8080/v1; empty runs the model in-process"),
    Setting("local_threads", 0, "CPU threads of the local model; 0 uses every core (on a machine busy with other work, 1 is several times faster)"),
    Setting("local_source_lines", 12, "most source sentences the local model reads per story (the most central first)"),
    Setting("local_prompt_tokens", 700, "token budget of those sentences: the local model's time per brief grows with it"),
    Setting("local_max_tokens", 240, "most tokens the local model writes per brief"),
    Setting("local_renderings", 2, "most non-English claims and quotes the local model renders in English per writing of a brief (the ones the page shows; a sentence rendered before is read back free, so a brief written again renders the next ones; a second try counts as one more); 0 turns renderings off (BENCHMARKS #28: 4 made a 20-article brief 58-74 CPU s)"),
    Setting("local_rendering_tries", 1, "2: a refused English rendering is asked again with its places, names and numbers pinned (with the 0.5B model this shows more renderings but lets through names the check cannot see; BENCHMARKS #28)"),
    Setting("local_summary_lead", 1, "the local model's verified summary sentences that lead the summary; the extractive summary's other sentences that they neither cite nor restate follow (labelled extractive in provenance), then, where that falls short of the extractive length rule, the sentences its ranking picks next; 0 keeps all of the model's (BENCHMARKS #28)"),
    Setting("brief_budget", 0.0, "estimated CPU seconds a run spends on full briefs (0: no limit); past it a story's full brief is queued for the next run, widest story first, a story with no brief meanwhile shows its first article's lead, marked as queued, and the rest of the budget works out queued stories' articles ahead (write.budget)"),
    Setting("outlets_csv", "", "extra outlet catalog CSV (domain,name,country,language,ownership,leaning)"),
    Setting("cluster_threshold", 0.2, "event-vector score (centred multilingual embedding and anchors) needed to join a story"),
    Setting("cluster_window_days", 10.0, "days after its last article that a story stays open"),
    Setting("cluster_merge_model", "", "learned model that decides which stories join (\"story_merge\"); empty: the average-link threshold"),
    Setting("cluster_warmup", 2000, "articles the clustering state must have seen before a run resumes it; below, a run re-clusters the whole archive"),
    Setting("user_agent", "parallax/0.1 (+https://github.com/parallax-news/parallax)", "HTTP User-Agent"),
    Setting("fetch_timeout", 20.0, "seconds before an HTTP request gives up"),
    Setting("max_page_bytes", 5_000_000, "largest page or feed body read, in bytes"),
    Setting("max_file_bytes", 20_000_000, "largest .json file or JSONL line read, in bytes; a longer .txt or .html file is read this far"),
    Setting("max_article_chars", 200_000, "longest article text stored, in characters; longer text is cut at a sentence end and the cut recorded"),
    Setting("host_delay", 1.0, "minimum seconds between request starts on one host"),
    Setting("host_concurrency", 2, "requests in flight per host"),
    Setting("fetch_concurrency", 8, "requests in flight over all hosts"),
    Setting("fetch_retries", 2, "extra attempts after a passing failure (timeouts, 5xx, 429)"),
    Setting("fetch_backoff", 1.0, "seconds before the first retry, doubled each time"),
    Setting("respect_robots", True, "obey robots.txt"),
    Setting("allow_loopback", False, "allow fetching from loopback addresses (local test feeds); link-local, private and metadata addresses stay refused"),
    Setting("api_token", "", "token that write endpoints require; empty keeps the server read-only", "token"),
    Setting("host", "127.0.0.1", "web server address"),
    Setting("port", 8000, "web server port"),
    Setting("base_url", "", "the server's public address for absolute links (feeds, digests); empty: http://HOST:PORT", "url"),
    Setting("max_request_bytes", 1_000_000, "largest request body the web server reads; a longer one is refused with 413"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    db: str = "parallax.db"
    embedder: str = "muse"
    story_embedder: str = "e5"
    writer: str = "extractive"
    executor: str = "serial"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key_env: str = "PARALLAX_LLM_API_KEY"
    llm_timeout: float = 60.0
    llm_max_retries: int = 2
    llm_requests_per_minute: float = 30.0
    llm_cache_dir: str = "~/.cache/parallax/llm"
    llm_price_per_1k_input: float = 0.0
    llm_price_per_1k_output: float = 0.0
    local_model: str = "qwen2.5-coder-0.5b"
    local_model_dir: str = "~/.cache/parallax/models"
    local_base_url: str = ""
    local_threads: int = 0
    local_source_lines: int = 12
    local_prompt_tokens: int = 700
    local_max_tokens: int = 240
    local_renderings: int = 2
    local_rendering_tries: int = 1
    local_summary_lead: int = 1
    brief_budget: float = 0.0
    outlets_csv: str = ""
    cluster_threshold: float = 0.2
    cluster_window_days: float = 10.0
    cluster_merge_model: str = ""
    cluster_warmup: int = 2000
    user_agent: str = "parallax/0.1 (+https://github.com/parallax-news/parallax)"
    fetch_timeout: float = 20.0
    max_page_bytes: int = 5_000_000
    max_file_bytes: int = 20_000_000
    max_article_chars: int = 200_000
    host_delay: float = 1.0
    host_concurrency: int = 2
    fetch_concurrency: int = 8
    fetch_retries: int = 2
    fetch_backoff: float = 1.0
    respect_robots: bool = True
    allow_loopback: bool = False
    api_token: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = ""
    max_request_bytes: int = 1_000_000

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with the non-None values applied (CLI flags)."""
        given = {k: _coerce(k, v) for k, v in values.items() if v is not None}
        return replace(self, **given)

    def as_dict(self) -> dict[str, Any]:
        """Every setting as it may be shown: tokens only as whether they are set, URLs without credentials."""
        return {f.name: shown(f.name, getattr(self, f.name)) for f in fields(self)}


def default(name: str) -> Any:
    """The declared default of setting ``name`` (what a caller given no value uses, so no default is repeated)."""
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}; valid: {', '.join(sorted(_BY_NAME))}")
    return _BY_NAME[name].default


def shown(name: str, value: Any) -> Any:
    """A setting's value as it may be shown (web, CLI, logs)."""
    kind = _BY_NAME[name].secret if name in _BY_NAME else ""
    if kind == "token":
        return "(set)" if value else ""
    return mask_url(value) if kind == "url" and isinstance(value, str) else value


_CREDENTIAL_PARAM = re.compile(r"(key|token|secret|passw|pwd|auth|sig|credential|session)", re.IGNORECASE)


def mask_url(url: str) -> str:
    """``url`` with its password and the values of credential-like query parameters replaced by ***."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return url if "@" not in url else "***"
    netloc = parts.netloc
    if password is not None:
        netloc = netloc.replace(f":{password}@", ":***@", 1)
    elif parts.username and parts.scheme in ("http", "https"):  # a bare user part of a web URL is a key
        netloc = "***@" + netloc.rpartition("@")[2]
    query = "&".join(_masked_pair(pair) for pair in parts.query.split("&")) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _masked_pair(pair: str) -> str:
    key, sep, value = pair.partition("=")
    return f"{key}=***" if sep and value and _CREDENTIAL_PARAM.search(key) else pair


def _coerce(name: str, value: Any) -> Any:
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}; valid: {', '.join(sorted(_BY_NAME))}")
    kind = type(_BY_NAME[name].default)
    if kind is bool and isinstance(value, str):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"setting {name!r}: {value!r} is not a boolean (true/false)")
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: {value!r} is not a {kind.__name__}") from exc


def load_settings(config: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then parallax.toml (or ``config``), then PARALLAX_* variables."""
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, Any] = {}
    path = config or Path(environ.get("PARALLAX_CONFIG", "parallax.toml"))
    if path.exists():
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    for name in _BY_NAME:
        env_value = environ.get(f"PARALLAX_{name.upper()}")
        if env_value is not None:
            values[name] = env_value
    return Settings().with_overrides(**values)
