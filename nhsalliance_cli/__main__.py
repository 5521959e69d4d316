"""Entry point of ``nhsalliance`` and ``python -m nhsalliance_cli``.

Kept tiny so that Ctrl-C while the CLI is still importing exits 130 quietly too: until the
command is ready to run, an interrupt leaves at once (nothing is open or written yet), never
unwinding through a half-imported module. After that, a compiled extension imported on
first use (orjson, re2, rapidfuzz, sqlite3) is imported with Ctrl-C held off until its
initialisation is done: an interrupt raised inside one can crash the interpreter (orjson's
does), where held it arrives a moment later as the KeyboardInterrupt the command handles.
"""

import os
import signal
from collections.abc import Callable
from importlib import machinery
from typing import Any


def _leave(signum: int, frame: object) -> None:
    os._exit(130)


def _held(step: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return step(*args)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    return run


def run() -> None:
    signal.signal(signal.SIGINT, _leave)
    if hasattr(signal, "pthread_sigmask"):
        loader = machinery.ExtensionFileLoader
        loader.create_module = _held(loader.create_module)  # type: ignore[method-assign]
        loader.exec_module = _held(loader.exec_module)  # type: ignore[method-assign]
    from nhsalliance_cli.cli import main

    main()


if __name__ == "__main__":
    run()
