"""stdout and stderr that never crash the tool: closed, full, or in a narrow locale.

- Structured output (JSON, JSON lines, CSV) is written as UTF-8 bytes whatever the
  locale; text for a person goes in the stream's own encoding, with a replacement
  character for what it cannot encode.
- Lone surrogates (bytes of a file name or an argument that were not UTF-8, which
  Python decodes as U+DC80-U+DCFF) become U+FFFD: every byte written is valid UTF-8.
- A message is one line: control characters and line separators in it are escaped.
- A stream that is closed (``>&-``) or fails (``>/dev/full``) raises OSError at the
  write, which the top-level group reports; afterwards the stream points at the null
  device so that the interpreter's own flush at exit cannot fail again.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from typing import TextIO

# C0 and C1 controls, line and paragraph separators, bidirectional overrides and
# isolates, and lone surrogates: each would break a line or rewrite what a terminal shows.
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class ClosedStream(io.TextIOBase):
    """Stands in for a standard stream the process was started without (``>&-``)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def write(self, text: str) -> int:
        what = "output" if self.name == "stdout" else "error"
        raise OSError(errno.EBADF, f"standard {what} is closed")

    def isatty(self) -> bool:
        return False


def prepare() -> None:
    """Make the process's standard streams safe to write; called once, at start-up."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, ClosedStream(name))
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        # A character the locale's encoding lacks becomes '?', not a UnicodeEncodeError.
        # (stderr already has errors='backslashreplace'.)
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")


def one_line(text: str) -> str:
    """``text`` with every character that could break a line or drive a terminal escaped."""
    if text.isprintable():
        return text
    return _UNSAFE_RE.sub(lambda m: repr(m[0])[1:-1], text)


def for_terminal(text: str) -> str:
    """``text`` for a terminal: line breaks and tabs kept, every other character that
    could drive the terminal (an escape sequence in a text, a NUL, a bell) escaped."""
    if text.isprintable():
        return text
    return _UNSAFE_RE.sub(lambda m: m[0] if m[0] in "\n\t" else repr(m[0])[1:-1], text)


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so that it encodes as UTF-8."""
    return _SURROGATE_RE.sub("\ufffd", text)


def write_text(text: str) -> None:
    """Text for a person, in stdout's own encoding."""
    stream = sys.stdout
    stream.write(text if text.isascii() else valid_unicode(text))
    stream.flush()


def write_utf8(text: str) -> None:
    """Structured output: UTF-8 bytes whatever the locale's encoding."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = valid_unicode(text).encode("utf-8")
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream, such as a test's StringIO
        stream.write(data.decode("utf-8"))
        stream.flush()
        return
    stream.flush()  # whatever went before, in order
    buffer.write(data)
    buffer.flush()


def say(line: str) -> None:
    """One line on stderr; a closed or full stderr is given up on quietly.

    The exit code still tells what happened.
    """
    stream = sys.stderr
    try:
        stream.write(one_line(line) + "\n")
        stream.flush()
    except (OSError, ValueError):
        silence(stream)


def silence(stream: TextIO | None) -> None:
    """Point a failed stream's file descriptor at the null device.

    What the stream still holds is then flushed there at exit, instead of failing
    again and turning the exit code into 120 with an 'Exception ignored' message.
    """
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.dup2(null, fd)
    os.close(null)
