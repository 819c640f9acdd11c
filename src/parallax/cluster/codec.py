"""Assignment state as plain data: JSON for the structure, a NumPy archive for the arrays.

The walk is generic over the objects it meets, so a new field of the story index (a signal,
a density structure) persists without a change here: numbers, strings, times, containers, NumPy
arrays and instances of parallax classes (rebuilt field by field, no constructor run).
A method of the root object (a scoring callback held by a density structure) is stored by
name and bound again on load. Mostly-zero float arrays (hashed TF-IDF vectors, sums of them,
spare capacity) are stored as their non-zero entries; every value round-trips exactly.
"""

from __future__ import annotations

import importlib
import io
import json
from collections import Counter, OrderedDict, deque
from datetime import datetime
from types import MethodType

import numpy as np

from parallax.errors import StoreError

_SPARSE = 0.25  # store an array by its non-zero entries when fewer than this share are non-zero


def dumps(state: dict, root: object = None) -> bytes:
    """``state`` (a dict of plain values, arrays and parallax objects) as bytes."""
    arrays: list[np.ndarray] = []
    tree = _plain(state, root, arrays)
    buffer = io.BytesIO()
    np.savez(buffer, tree=np.frombuffer(json.dumps(tree).encode(), np.uint8), **_packed(arrays))
    return buffer.getvalue()


def loads(blob: bytes, root: object = None) -> dict:
    """The state ``dumps`` wrote; methods named there are bound to ``root``."""
    with np.load(io.BytesIO(blob)) as archive:
        tree = json.loads(archive["tree"].tobytes())
        arrays = _unpacked(archive)
    return _value(tree, root, arrays)


def _plain(value, root, arrays: list):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, np.ndarray):
        arrays.append(value)
        return {"~a": len(arrays) - 1}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, datetime):
        return {"~w": value.isoformat()}
    if isinstance(value, MethodType) and value.__self__ is root:
        return {"~m": value.__func__.__name__}
    kind = _CONTAINERS.get(type(value))
    if kind and _flat(value, kind):  # scalars only: no walk (most of a large state is word counts and id lists)
        return {kind + "=": [list(value), list(value.values())] if kind in _MAPS else list(value)}
    if kind == "~l":
        return [_plain(v, root, arrays) for v in value]
    if kind in _MAPS:
        return {kind: [[_plain(k, root, arrays), _plain(v, root, arrays)] for k, v in value.items()]}
    if kind:
        return {kind: [_plain(v, root, arrays) for v in value]}
    if type(value).__module__.startswith("parallax.") and hasattr(value, "__dict__"):
        name = f"{type(value).__module__}:{type(value).__qualname__}"
        if hasattr(value, "to_state"):  # a class that knows its own plain form (it holds foreign objects)
            return {"~x": name, "s": _plain(value.to_state(), root, arrays)}
        return {"~x": name, "v": {k: _plain(v, root, arrays) for k, v in vars(value).items()}}
    raise StoreError(f"cannot persist a {type(value).__name__} in the clustering state")


_CONTAINERS = {Counter: "~c", OrderedDict: "~o", dict: "~d", list: "~l", tuple: "~t", set: "~s",
               frozenset: "~f", deque: "~q"}
_BUILD = {"~t": tuple, "~s": set, "~f": frozenset, "~q": deque, "~l": list}
_MAPS = {"~c": Counter, "~o": OrderedDict, "~d": dict}
_SCALARS = frozenset({str, int, float, bool})
_STRINGS = frozenset({str})


def _flat(value, kind: str) -> bool:
    """Whether a container holds only strings and numbers (map keys: strings only)."""
    if kind in _MAPS:
        return {type(k) for k in value} <= _STRINGS and {type(v) for v in value.values()} <= _SCALARS
    return {type(v) for v in value} <= _SCALARS


def _value(tree, root, arrays: list[np.ndarray]):
    if isinstance(tree, list):
        return [_value(v, root, arrays) for v in tree]
    if not isinstance(tree, dict):
        return tree
    (tag, body), *_ = tree.items()
    if tag.endswith("="):  # a flat container
        tag = tag[:-1]
        return _MAPS[tag](dict(zip(*body))) if tag in _MAPS else _BUILD[tag](body)
    if tag == "~a":
        return arrays[body]
    if tag == "~m":
        return getattr(root, body)
    if tag == "~w":
        return datetime.fromisoformat(body)
    if tag in _MAPS:
        return _MAPS[tag]({_key(_value(k, root, arrays)): _value(v, root, arrays) for k, v in body})
    if tag in _BUILD:
        return _BUILD[tag](_value(v, root, arrays) for v in body)
    if "s" in tree:
        return _class(body).from_state(_value(tree["s"], root, arrays))
    return _instance(_class(body), {k: _value(v, root, arrays) for k, v in tree["v"].items()})


def _key(key):
    return tuple(key) if isinstance(key, list) else key


def _class(name: str):
    module, _, qualname = name.partition(":")
    if not module.startswith("parallax."):
        raise StoreError(f"the clustering state names a class outside parallax: {name}")
    cls = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    return cls


def _instance(cls, fields: dict) -> object:
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def _packed(arrays: list[np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for i, array in enumerate(arrays):
        nonzero = np.flatnonzero(array) if array.dtype.kind == "f" and array.size else None
        if nonzero is not None and len(nonzero) < _SPARSE * array.size:
            out[f"s{i}"] = np.array(array.shape, np.int64)
            out[f"i{i}"], out[f"v{i}"] = nonzero.astype(np.int64), array.ravel()[nonzero]
        else:
            out[f"d{i}"] = array
    return out


def _unpacked(archive) -> list[np.ndarray]:
    arrays: dict[int, np.ndarray] = {}
    for name in archive.files:
        if name.startswith("d"):
            arrays[int(name[1:])] = archive[name]
        elif name.startswith("s"):
            i = int(name[1:])
            values = archive[f"v{i}"]
            dense = np.zeros(int(np.prod(archive[name])), values.dtype)
            dense[archive[f"i{i}"]] = values
            arrays[i] = dense.reshape(tuple(archive[name]))
    return [arrays[i] for i in range(len(arrays))]
