"""Steps with nothing to count say what they do, on a terminal only."""

from __future__ import annotations

import sys
import time

import pytest


def test_a_long_merge_says_so_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from nhsalliance_cli import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setenv("TERM", "xterm")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress.Working("merging things") as working:
        for _ in range(1000):  # the line comes from a timer thread
            if working.shown:
                break
            time.sleep(0.01)
    assert terminal.getvalue() == "nhsalliance: merging things…\r\x1b[K"
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress.Working("merging things"):
        pass
    assert pipe.getvalue() == ""
