"""Answers kept on disk by the hash of their request, so an unchanged story costs nothing the second time."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from parallax.write.llm.client import Completion, Usage


def request_hash(text: str) -> str:
    """sha256 of a canonical request (``client.payload_text``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResponseCache:
    """One JSON file per answer under ``directory/ab/abcdef….json``; unreadable files count as missing."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        """The stored answer, marked as served from the cache (no tokens, no cost), or None."""
        try:
            stored = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Completion(str(stored["text"]), Usage(cached=1))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, completion: Completion) -> None:
        """Store an answer atomically (a half-written file is never read back)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"text": completion.text, "prompt_tokens": completion.usage.prompt_tokens,
                           "completion_tokens": completion.usage.completion_tokens}, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
        os.replace(temporary, path)
