"""A progress bar on stderr for index work longer than about half a second, on a terminal
only: files, megabytes and the time left. Nothing is drawn on a pipe."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

DELAY = 0.5  # seconds of work before anything is drawn


class Progress:
    def __init__(self, label: str, files: int, size: int) -> None:
        self.label = label
        self.total_files = files
        self.total_bytes = size
        self.began = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.show = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"

    def __enter__(self) -> Progress:
        return self

    def __call__(self, files: int, done: int) -> None:
        """``files`` files and ``done`` bytes of the work are done."""
        if not self.show:
            return
        if self.bar is None:
            if time.monotonic() - self.began < DELAY:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                TextColumn("{task.fields[files]}/{task.fields[of]} files"),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            self.task = bar.add_task(
                self.label, total=self.total_bytes, files=0, of=self.total_files
            )
            self.bar = bar
        self.bar.update(self.task, completed=done, files=files)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


class Working:
    """One line on stderr (a terminal only) for a step with no files to count, such as a
    merge of per-document results, once it has taken half a second; wiped when it ends."""

    def __init__(self, label: str) -> None:
        import threading

        self.label = label
        self.shown = False
        self.done = False
        self.timer: Any = None
        self.lock = threading.Lock()  # the timer's line and the wiping never cross

    def __enter__(self) -> Working:
        if sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
            import threading

            self.timer = threading.Timer(DELAY, self._show)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _show(self) -> None:
        with self.lock:
            if self.done:
                return
            try:
                sys.stderr.write(f"nhsalliance: {self.label}…")
                sys.stderr.flush()
                self.shown = True
            except (OSError, ValueError):
                pass

    def __exit__(self, *exc: object) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            self.done = True
        if self.shown:
            try:
                sys.stderr.write("\r\x1b[K")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
