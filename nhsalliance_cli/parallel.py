"""Spreading per-document work over worker processes, for large corpora.

Workers are forked, so they inherit the loaded corpus instead of receiving it: only an
index goes to each worker and only its result comes back. Small corpora, and systems
that cannot fork, run the work in this process.
"""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from nhsalliance_cli.corpus import Document
    from nhsalliance_cli.output import Format
    from nhsalliance_cli.search import Span

T = TypeVar("T")
X = TypeVar("X")

# Hits above which a structured search builds contexts and JSON in worker processes.
PARALLEL_HITS = 20_000

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


def search_parts(
    spans: Sequence[tuple[Document, Sequence[Span]]],
    labels: Sequence[str],
    window: int,
    fmt: Format,
) -> list[str] | None:
    """A large search's hits, with context, encoded by worker processes, in order.

    None when there are too few hits for workers to pay.
    """
    workers = workers_for(sum(len(found) for _, found in spans), PARALLEL_HITS)
    if workers < 2:
        return None
    work = functools.partial(_encoded_hits, labels=labels, window=window, fmt=fmt)
    return map_slices(spans, work, workers, size=_hit_count)


def _encoded_hits(
    spans: Sequence[tuple[Document, Sequence[Span]]],
    labels: Sequence[str],
    window: int,
    fmt: Format,
) -> str:
    from nhsalliance_cli.concordance import hits_from_spans
    from nhsalliance_cli.output import encode_part

    return encode_part([h.record() for h in hits_from_spans(spans, labels, window)], fmt)


def _hit_count(item: tuple[Document, Sequence[Span]]) -> int:
    return len(item[1])
