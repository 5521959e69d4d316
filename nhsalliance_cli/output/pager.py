"""Long output on a terminal goes through a pager, as git's does.

The pager is ``$NHSALLIANCE_PAGER``, else ``$PAGER``, else ``less`` (with ``LESS=FRX``
unless ``LESS`` is set: quit at once when the output fits on one screen, keep colours,
leave the text on the screen). An empty value or ``cat`` means no pager, and so does a
pager that cannot be found. Output that fits the terminal's height is written directly.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

PAGER_ENV = "NHSALLIANCE_PAGER"


def pager_command(environ: Mapping[str, str]) -> tuple[str, ...] | None:
    """The pager's command line from the environment, or None for no pager."""
    value = environ.get(PAGER_ENV, environ.get("PAGER", "less")).strip()
    if not value or value == "cat":
        return None
    try:
        argv = shlex.split(value)
    except ValueError:
        return None
    if not argv or shutil.which(argv[0]) is None:
        return None
    return tuple(argv)


@contextmanager
def paging(command: tuple[str, ...] | None, height: int) -> Iterator[None]:
    """Collect what is written to stdout inside the block; then write it directly when it
    fits in ``height`` lines, else through the pager ``command``."""
    if command is None:
        yield
        return
    real = sys.stdout
    buffer = io.StringIO()
    sys.stdout = buffer
    try:
        yield
    finally:
        sys.stdout = real
        text = buffer.getvalue()
        if text.count("\n") < max(height - 1, 1) or not _page(command, text):
            real.write(text)
            real.flush()


def _page(command: tuple[str, ...], text: str) -> bool:
    """Show ``text`` in the pager; False when the pager cannot be started."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8", "replace"))
        process.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit early (q in less): nothing more to show
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue
