"""Spreading per-document work over worker processes, for large corpora.

Workers are forked, so they inherit the loaded corpus instead of receiving it: only an
index goes to each worker and only its result comes back. Small corpora, and systems
that cannot fork, run the work in this process.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
X = TypeVar("X")

_job: tuple[Callable[[Sequence[Any]], Any], list[Sequence[Any]]] | None = None


def workers_for(amount: int, threshold: int) -> int:
    """How many processes to use for ``amount`` of work: one below ``threshold``, where
    forking would cost more than it saves."""
    if amount < threshold:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8))


def map_slices(
    items: Sequence[X],
    work: Callable[[Sequence[X]], T],
    workers: int,
    size: Callable[[X], int] = lambda _: 1,
) -> list[T]:
    """``work`` over contiguous slices of ``items`` of about equal ``size``, in order."""
    slices = _slices(items, workers, size)
    if len(slices) < 2:
        return [work(items)]
    import multiprocessing

    global _job
    _job = (work, slices)
    try:
        with multiprocessing.get_context("fork").Pool(
            len(slices), initializer=_ignore_interrupts
        ) as pool:
            return pool.map(_run, range(len(slices)))
    finally:
        _job = None


def _slices(items: Sequence[X], n: int, size: Callable[[X], int]) -> list[Sequence[X]]:
    total = sum(size(x) for x in items)
    if n < 2 or len(items) < 2 or not total:
        return [items]
    slices: list[Sequence[X]] = []
    start = done = 0
    for i, item in enumerate(items):
        done += size(item)
        if done * n >= total * (len(slices) + 1) and len(slices) < n - 1:
            slices.append(items[start : i + 1])
            start = i + 1
    slices.append(items[start:])
    return [s for s in slices if s]


def _run(index: int) -> Any:
    assert _job is not None
    work, slices = _job
    return work(slices[index])


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; the parent alone answers it (exit 130).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
