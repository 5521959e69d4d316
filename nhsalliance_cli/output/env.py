"""What the process runs in: whether stdout is a terminal, colour, width.

Commands never ask ``sys`` directly, so tests can inject a terminal or a pipe.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Environment:
    stdout_isatty: bool
    color: bool
    width: int
    # The pager for long output (see pager.py): only on a real terminal, never in tests
    # unless they ask for one.
    pager: tuple[str, ...] | None = None
    height: int = 24

    @classmethod
    def from_system(cls) -> Environment:
        from nhsalliance_cli.output.pager import pager_command

        isatty = _isatty(sys.stdout)
        no_color = "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""
        size = shutil.get_terminal_size((100, 24))
        return cls(
            stdout_isatty=isatty,
            color=isatty and not no_color and os.environ.get("TERM") != "dumb",
            width=size.columns,
            pager=pager_command(os.environ) if isatty and _isatty(sys.stdin) else None,
            height=size.lines,
        )

    @classmethod
    def terminal(cls, width: int = 100, color: bool = True) -> Environment:
        return cls(stdout_isatty=True, color=color, width=width)

    @classmethod
    def pipe(cls) -> Environment:
        return cls(stdout_isatty=False, color=False, width=100)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty else False
    except ValueError:  # closed stream
        return False
