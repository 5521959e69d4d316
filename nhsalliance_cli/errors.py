"""Exit codes and the two exceptions a command raises to end early."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NO_RESULT = 1  # ran fine, nothing matched (like grep)
    USAGE = 2  # the user asked for something the tool cannot do
    OUTPUT_FAILED = 2  # the output cannot be written (disk full, stdout closed), as grep
    INTERRUPTED = 130  # Ctrl-C


class UsageProblem(Exception):
    """A user mistake: printed as one line on stderr, exit 2."""


class NoResult(Exception):
    """Nothing matched: printed as one line on stderr, exit 1."""

    def __init__(self, message: str, hints: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.hints = hints


class EmptyResult(NoResult):
    """The analysis ran on the documents chosen and found nothing (no hit, no quotation,
    no name): a command then prints its empty listing, CSV header included."""
