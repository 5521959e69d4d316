"""Worker processes for index work: both cores, and nothing left behind.

Workers are forked (they share the parent's loaded code), ignore Ctrl-C (the parent alone
answers it, with exit 130), die with their parent even when it is killed with SIGKILL, and
close the lock files they inherit: a worker left behind would hold the lock (an ``flock``
lives as long as any process keeps the file open) and every later command on the folder
would wait for it for ever.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

A = TypeVar("A")
R = TypeVar("R")


def cores() -> int:
    """How many worker processes are worth starting here (1: do the work in-process)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    found = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(found, 8))


def mapped(
    func: Callable[[A], R], items: Iterable[A], workers: int, held: Sequence[int] = ()
) -> Iterator[R]:
    """``func`` over ``items``, in order, in ``workers`` processes (here, if fewer than 2).
    ``held`` are the parent's file descriptors the workers must close."""
    if workers < 2:
        yield from map(func, items)
        return
    import multiprocessing

    # Ctrl-C is held back while the workers start, so none of them can be interrupted
    # before it ignores Ctrl-C.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_worker_start, initargs=(os.getpid(), tuple(held))
        )
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    with pool:
        # At most two tasks a worker in flight: results wait for the parent (the one
        # writer) in a bounded queue, not all at once in memory.
        pending: deque[AsyncResult[R]] = deque()
        for item in items:
            pending.append(pool.apply_async(func, (item,)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _worker_start(parent: int, held: Sequence[int]) -> None:
    for fd in held:
        with contextlib.suppress(OSError):
            os.close(fd)
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), and, anywhere, a
    watcher thread that ends it when it is handed to another parent."""
    import sys
    import threading

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
