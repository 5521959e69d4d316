"""The command line: thin Typer commands over the library (:mod:`nhsalliance_cli.api`).

Each module holds one group of commands; importing it registers them on ``app``. ``app``
from here has every command, in the order ``--help`` lists them. The console script
(:func:`main`) imports only the group of the command it runs when the command line names
one, so a command pays neither the import nor Typer's set-up of the others; help, an
unknown command and shell completion get them all.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nhsalliance_cli.cli.root import app as app

GROUPS = ("documents", "search", "names", "statistics", "quotations", "index")  # help's order
COMMANDS = {
    "list": "documents",
    "show": "documents",
    "search": "search",
    "names": "names",
    "stats": "statistics",
    "trend": "statistics",
    "quotes": "quotations",
    "quote": "quotations",
    "index": "index",
}
# The global options (see cli/root.py) that take a value, and those that take none.
_VALUED = frozenset({"--corpus"})
_FLAGS = frozenset({"--no-index", "--no-pager", "--quiet", "-q"})


def load(groups: Sequence[str] = GROUPS) -> Any:
    """The app with the commands of ``groups`` registered."""
    for group in groups:
        importlib.import_module(f"nhsalliance_cli.cli.{group}")
    from nhsalliance_cli.cli.root import app

    return app


def groups_for(args: Sequence[str]) -> tuple[str, ...]:
    """The groups a command line needs: the named command's, or all of them when no
    command is named, the name is unknown, or anything before it is not a plain global
    option (help, version, completion)."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return GROUPS
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _FLAGS or any(arg.startswith(f"{v}=") for v in _VALUED):
            i += 1
        elif arg in _VALUED:
            i += 2
        elif arg.startswith("-"):
            return GROUPS
        else:
            return (COMMANDS[arg],) if arg in COMMANDS else GROUPS
    return GROUPS


def main() -> None:
    """The console script."""
    import signal
    import sys

    load(groups_for(sys.argv[1:]))
    from nhsalliance_cli.cli.root import main as run

    # Ready: from here Ctrl-C is a KeyboardInterrupt the command handles (exit 130, its
    # output flushed or dropped, its workers stopped).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(f"module 'nhsalliance_cli.cli' has no attribute {name!r}")
