"""Choice options (``--kind``, ``--measure``): any case, checked against their choices."""

from __future__ import annotations

from collections.abc import Sequence

from nhsalliance_cli.errors import UsageProblem


def choice(value: str | None, choices: Sequence[str], what: str) -> str | None:
    """A choice option's value, any case (--kind Person is person); None stays None."""
    if value is None:
        return None
    folded = value.strip().lower()
    if folded not in choices:
        raise UsageProblem(f"unknown {what} {value!r}: use one of {', '.join(choices)}")
    return folded
