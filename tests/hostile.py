"""Helpers for the hostile-input suites: run the real command in a subprocess, with a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

# A hard limit on every run: a hang fails the test instead of stalling the suite.
TIMEOUT = 60


def run(
    args: Sequence[str | bytes],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m nhsalliance_cli ARGS``, output captured as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "nhsalliance_cli", *args],
        cwd=cwd,
        env=clean_env(env),
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def run_shell(
    script: str,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    """A bash script where ``$NHS`` runs the command (for redirections such as ``>&-``)."""
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env={**clean_env(env), "NHS": f"{sys.executable} -m nhsalliance_cli"},
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NHSALLIANCE_CORPUS"}
    env.pop("PYTHONIOENCODING", None)
    return {**env, **(extra or {})}


def assert_usage_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """Exit 2, nothing on stdout, one valid UTF-8 line on stderr holding ``needles``."""
    message = result.stderr.decode("utf-8")
    assert result.returncode == 2, message
    assert result.stdout == b""
    assert_one_clean_line(message)
    for needle in needles:
        assert needle in message
    return message


def assert_one_clean_line(message: str) -> None:
    assert message.startswith("nhsalliance: "), message
    assert message.endswith("\n") and message.count("\n") == 1, message
    assert "Traceback" not in message
    assert all(c >= " " or c == "\n" for c in message), message
    assert "\x7f" not in message and "\x1b" not in message
