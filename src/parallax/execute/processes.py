"""Local processes through concurrent.futures, started with 'spawn' (safe with threads and torch)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Self, TypeVar

T = TypeVar("T")
R = TypeVar("R")


THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def default_workers() -> int:
    """One worker per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def share_cores(threads: int) -> None:
    """Run first in each worker: its numeric libraries (torch, BLAS) use ``threads`` threads, unless the
    environment names a count already (then that one, for every library). Each library would otherwise start a
    thread per CPU in every worker, and two workers on two cores would run four threads that wait on each other:
    e5's batch of 1,000 took 81 CPU s a worker that way against 44 with one thread each (BENCHMARKS.md, session 20)."""
    named = [os.environ[name] for name in THREAD_VARIABLES if os.environ.get(name, "").isdigit()]
    threads = int(named[0]) if named else threads
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(threads))
    from threadpoolctl import threadpool_limits

    threadpool_limits(threads)  # the libraries this process has loaded already


class ProcessExecutor:
    """``workers`` local processes; the pool starts on the first ``map`` and lives until ``close``."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        self.name = f"processes:{self.workers}"
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=share_cores, initargs=(max(1, default_workers() // self.workers),))
        return list(self._pool.map(fn, items))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
