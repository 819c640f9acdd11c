"""Where the work runs: serially (default), in local processes, or on a Dask cluster.

    get_executor("serial")            this process
    get_executor("processes[:N]")     N local processes (default: one per CPU)
    get_executor("dask-local[:N]")    a Dask LocalCluster of N workers on this machine
    get_executor("dask://HOST:PORT")  the workers of a running Dask scheduler
"""

from __future__ import annotations

from parallax.errors import ConfigError, UnknownBackendError
from parallax.execute.base import Executor, SerialExecutor
from parallax.execute.dask_executor import DaskExecutor
from parallax.execute.processes import ProcessExecutor

EXECUTOR_KINDS = ("serial", "processes[:N]", "dask-local[:N]", "dask://HOST:PORT")


def get_executor(spec: str) -> Executor:
    """The executor a spec names; UnknownBackendError lists the valid kinds."""
    kind, _, arg = spec.strip().partition(":")
    if kind == "serial" and not arg:
        return SerialExecutor()
    if kind == "processes":
        return ProcessExecutor(_workers(spec, arg))
    if kind == "dask-local":
        return DaskExecutor(workers=_workers(spec, arg))
    if kind == "dask" and arg.startswith("//") and len(arg) > 2:
        return DaskExecutor(address=f"tcp://{arg[2:]}")
    raise UnknownBackendError("executor", spec, EXECUTOR_KINDS)


def _workers(spec: str, arg: str) -> int | None:
    if not arg:
        return None
    if not arg.isdigit() or int(arg) < 1:
        raise ConfigError(f"executor {spec!r}: the worker count must be a whole number above 0, not {arg!r}")
    return int(arg)


__all__ = ["EXECUTOR_KINDS", "DaskExecutor", "Executor", "ProcessExecutor", "SerialExecutor", "get_executor"]
