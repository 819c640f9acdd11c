"""Dask distributed: a scheduler's workers on many machines, or a LocalCluster on this one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Self, TypeVar

from parallax.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(f"the Dask executor needs dask.distributed: pip install 'dask[distributed]' ({exc})") from exc
    return distributed


class DaskExecutor:
    """Tasks on a Dask cluster: ``address`` of a running scheduler, or ``None`` to start a LocalCluster.

    The client connects on the first ``map``. A LocalCluster runs ``workers`` single-threaded
    worker processes (``processes=False`` keeps them as threads of this process, for tests).
    """

    def __init__(self, address: str | None = None, workers: int | None = None, processes: bool = True,
                 connect_timeout: str = "15s"):
        self.address, self.workers, self.processes = address, workers, processes
        self.connect_timeout = connect_timeout
        self.name = f"dask://{address.removeprefix('tcp://')}" if address else f"dask-local:{workers or 'auto'}"
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        distributed = _distributed()
        if self.address is None:
            self._cluster = distributed.LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=self.processes, dashboard_address=None
            )
            return distributed.Client(self._cluster)
        try:
            return distributed.Client(self.address, timeout=self.connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from exc

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        if self._client is None:
            self._client = self._connect()
        futures = self._client.map(fn, list(items), pure=False)
        return self._client.gather(futures)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
