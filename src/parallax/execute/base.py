"""The Executor interface: ``map(fn, items) -> list`` in the order of ``items``, and the serial default."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, Self, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs one function over many items somewhere (here, other processes, other machines).

    ``fn`` must be a module-level function and items and results picklable, so every
    executor can ship them; results come back in the order of ``items``.
    """

    name: str

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]: ...
    def close(self) -> None: ...


class SerialExecutor:
    """Everything in this process, one item after another: the default and the reference."""

    name = "serial"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        return [fn(item) for item in items]

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def map_alongside(executor: Executor, fn: Callable[[T], R], items: Iterable[T], meanwhile: Callable[[], object]):
    """(``executor.map(fn, items)``, ``meanwhile()``): with an executor of other processes or machines, ``meanwhile``
    runs in this process while they work (a thread here only waits for them), so this process's own stage overlaps
    theirs; with the serial executor one runs after the other, in that order."""
    if isinstance(executor, SerialExecutor):
        return executor.map(fn, items), meanwhile()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="parallax-wait") as waiting:
        mapped = waiting.submit(executor.map, fn, list(items))
        try:
            other = meanwhile()
        except BaseException:
            mapped.cancel() or mapped.exception()  # the workers' batch ends before the error goes on
            raise
        return mapped.result(), other
