"""Which fetch to start next: round robin over hosts, never more than a host's share at once.

The ``Fetcher``'s gate already paces each host; this keeps the worker pool from
filling with threads that all wait on one busy host while others sit idle.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from typing import Generic, TypeVar

T = TypeVar("T")


class HostQueues(Generic[T]):
    """Tasks queued per host; ``take`` hands out tasks of hosts below ``per_host`` in flight."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._queues: OrderedDict[str, deque[T]] = OrderedDict()
        self._running: dict[str, int] = {}

    def push(self, host: str, task: T) -> None:
        self._queues.setdefault(host, deque()).append(task)

    def take(self, room: int) -> list[tuple[str, T]]:
        """Up to ``room`` tasks, one host after another, each counted as running until ``done``."""
        taken: list[tuple[str, T]] = []
        progress = True
        while len(taken) < room and progress:
            progress = False
            for host in list(self._queues):
                if len(taken) >= room:
                    break
                if self._running.get(host, 0) < self.per_host:
                    taken.append((host, self._pop(host)))
                    progress = True
        return taken

    def done(self, host: str) -> None:
        """A task of ``host`` finished."""
        self._running[host] -= 1

    def __len__(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def _pop(self, host: str) -> T:
        queue = self._queues[host]
        task = queue.popleft()
        if queue:
            self._queues.move_to_end(host)  # the next task of this host waits for the other hosts' turns
        else:
            del self._queues[host]
        self._running[host] = self._running.get(host, 0) + 1
        return task
