"""Every executor maps in input order; specs name them, and a bad spec lists the valid kinds."""

from __future__ import annotations

import os
import time

import pytest

from parallax.errors import ConfigError, UnknownBackendError
from parallax.execute import (
    EXECUTOR_KINDS,
    DaskExecutor,
    ProcessExecutor,
    SerialExecutor,
    get_executor,
)


def slow_square(n: int) -> int:
    """Early items take longest, so finishing order is the reverse of input order."""
    time.sleep(0.02 * (10 - n % 10))
    return n * n


def test_specs_name_their_executors():
    assert isinstance(get_executor("serial"), SerialExecutor)
    assert get_executor("processes:3").workers == 3
    assert isinstance(get_executor("processes"), ProcessExecutor)
    assert get_executor("dask-local:2").name == "dask-local:2"
    remote = get_executor("dask://10.0.0.5:8786")
    assert isinstance(remote, DaskExecutor) and remote.address == "tcp://10.0.0.5:8786"


@pytest.mark.parametrize("spec", ["threads", "dask", "dask://", "serial:2", "ray://h:1"])
def test_an_unknown_spec_lists_the_valid_kinds(spec):
    with pytest.raises(UnknownBackendError) as caught:
        get_executor(spec)
    assert caught.value.available == EXECUTOR_KINDS and "dask://HOST:PORT" in str(caught.value)


@pytest.mark.parametrize("spec", ["processes:0", "dask-local:two"])
def test_a_bad_worker_count_is_a_config_error(spec):
    with pytest.raises(ConfigError, match="worker count"):
        get_executor(spec)


@pytest.mark.parametrize("make", [SerialExecutor, lambda: ProcessExecutor(2),
                                  lambda: DaskExecutor(workers=2, processes=False)],
                         ids=["serial", "processes", "dask-threads"])
def test_results_come_back_in_input_order(make):
    with make() as executor:
        assert executor.map(slow_square, range(20)) == [n * n for n in range(20)]
        assert executor.map(slow_square, []) == []


def test_dask_address_spec_uses_a_running_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        spec = cluster.scheduler_address.replace("tcp://", "dask://")
        with get_executor(spec) as executor:
            assert executor.map(slow_square, range(12)) == [n * n for n in range(12)]


def test_an_unreachable_scheduler_is_a_config_error():
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskExecutor("tcp://127.0.0.1:9", connect_timeout="1s").map(slow_square, [1])


def waits_for(path: str) -> bool:
    """True once ``path`` exists (within ten seconds): a worker that can only finish if this process goes on."""
    from pathlib import Path

    deadline = time.monotonic() + 10
    while not Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return Path(path).exists()


def test_this_process_works_alongside_the_workers_and_serially_after_them(tmp_path):
    from parallax.execute.base import map_alongside

    signal = tmp_path / "placed"
    with ProcessExecutor(2) as executor:
        results, other = map_alongside(executor, waits_for, [str(signal)] * 3, lambda: signal.touch() or "placed")
    assert results == [True, True, True] and other == "placed"  # the workers saw what this process did meanwhile
    order = []
    results, other = map_alongside(SerialExecutor(), lambda n: order.append(n) or n * n, [1, 2], lambda: order.append("m"))
    assert results == [1, 4] and order == [1, 2, "m"]
    with ProcessExecutor(2) as executor, pytest.raises(ValueError, match="bad batch"):
        map_alongside(executor, slow_square, range(4), lambda: (_ for _ in ()).throw(ValueError("bad batch")))


def worker_threads(_: int) -> tuple[str, int]:
    import torch

    return os.environ.get("OMP_NUM_THREADS", ""), torch.get_num_threads()


@pytest.mark.parametrize("share", [1, 2])
def test_workers_share_the_cores(monkeypatch, share):
    from parallax.execute.processes import THREAD_VARIABLES, default_workers

    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    workers = max(1, default_workers() // share)
    with ProcessExecutor(workers) as pool:
        seen = set(pool.map(worker_threads, range(workers * 2)))
    threads = max(1, default_workers() // workers)
    assert seen == {(str(threads), threads)}


def test_a_thread_count_the_environment_names_is_kept(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # one worker alone would take every core
    with ProcessExecutor(1) as pool:
        assert pool.map(worker_threads, [0]) == [("1", 1)]
