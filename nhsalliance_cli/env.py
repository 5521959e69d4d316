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

    @classmethod
    def from_system(cls) -> Environment:
        isatty = _isatty(sys.stdout)
        no_color = "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""
        return cls(
            stdout_isatty=isatty,
            color=isatty and not no_color and os.environ.get("TERM") != "dumb",
            width=shutil.get_terminal_size((100, 24)).columns,
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
