"""The /api page: the operations of the app's own OpenAPI document, grouped for reading."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TAG_ORDER = ("JSON API", "Pages", "Exports", "Writes", "Meta")
_SHOWN_METHODS = ("get", "post", "put", "patch", "delete")  # HEAD twins every GET; not listed twice


def api_operations(openapi: Mapping[str, Any]) -> list[tuple[str, list[dict]]]:
    """(tag, operations) in TAG_ORDER; each operation with its method, path, text and parameters."""
    groups: dict[str, list[dict]] = {}
    for path, item in (openapi.get("paths") or {}).items():
        for method in _SHOWN_METHODS:
            if method in item:
                op = _operation(path, method, item[method])
                groups.setdefault(op["tag"], []).append(op)
    rank = {tag: i for i, tag in enumerate(TAG_ORDER)}
    return sorted(groups.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))


def _operation(path: str, method: str, op: Mapping[str, Any]) -> dict:
    params = [_parameter(p) for p in op.get("parameters") or []]
    text = str(op.get("description") or op.get("summary") or "").strip()
    needs_input = any(p["required"] for p in params) or method != "get" or "{" in path
    return {
        "tag": (op.get("tags") or ["Meta"])[0], "method": method.upper(), "path": path,
        "text": text.split("\n\n")[0].replace("``", ""), "parameters": params, "try_url": None if needs_input else path,
        "secured": bool(op.get("security")), "body": "requestBody" in op,
    }


def _parameter(p: Mapping[str, Any]) -> dict:
    schema = p.get("schema") or {}
    kind = schema.get("type") or "/".join(s.get("type", "") for s in schema.get("anyOf", []) if s.get("type"))
    return {"name": p.get("name", ""), "in": p.get("in", ""), "required": bool(p.get("required")),
            "type": kind or "any", "default": schema.get("default"), "description": p.get("description", "")}
