"""The CLI as a process: pipes, Ctrl-C, python -m, and what start-up imports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import CORPUS

# A cache folder of the tests' own: an index left by another version would add a line.
ENV = {
    **os.environ,
    "PYTHONIOENCODING": "utf-8",
    "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="nhsalliance-cache-"),
}


def cli(*args: str, cwd: Path | None = None) -> list[str]:
    return [sys.executable, "-m", "nhsalliance_cli", *args]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 8 MB: the bundled texts copied 300 times."""
    folder = tmp_path_factory.mktemp("big")
    texts = sorted(CORPUS.glob("*.txt"))
    for i in range(300):
        for src in texts:
            (folder / f"{i:03d}-{src.name}").write_bytes(src.read_bytes())
    return folder


def test_python_dash_m_help() -> None:
    result = subprocess.run(cli("--help"), capture_output=True, text=True, env=ENV, check=False)
    assert result.returncode == 0
    assert "search" in result.stdout


def test_closed_pipe_is_quiet(big_corpus: Path) -> None:
    proc = subprocess.Popen(
        cli("--corpus", str(big_corpus), "search", "the", "--jsonl"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    assert first.startswith(b'{"doc":')
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert stderr == ""
    # Like grep: ended by SIGPIPE (or finished) without a word.
    assert code in (0, -signal.SIGPIPE)


def test_shell_pipe_into_head() -> None:
    command = " ".join(cli("list")) + " | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, env=ENV)
    assert result.stdout.split() == ["ID", "DATE", "KIND", "WORDS", "TITLE"]
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["search", "the", "--sort", "R1,R2,R3", "--json"],  # one process
        ["search", "the", "--json"],  # tens of thousands of hits: worker processes
    ],
)
def test_ctrl_c_exits_130_without_a_traceback(big_corpus: Path, args: list[str]) -> None:
    proc = subprocess.Popen(
        cli("--corpus", str(big_corpus), *args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    time.sleep(0.8)
    proc.send_signal(signal.SIGINT)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    if code == 0:
        pytest.skip("the search finished before the interrupt arrived")
    assert code == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["show", "dixon", "--json"],
        ["list"],
        ["search", "commissioning", "--json"],
        ["search", "CCG", "--count", "--csv"],
    ],
)
def test_piped_commands_import_neither_rich_nor_rapidfuzz(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "nhsalliance_cli", *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    heavy = sorted(m for m in imported if m.split(".")[0] in {"rich", "rapidfuzz"})
    assert heavy == []


@pytest.mark.parametrize("delay", [0.15, 0.25, 0.35])
def test_ctrl_c_during_start_up_is_quiet(delay: float) -> None:
    # From the console script's first line on; an interrupt in the interpreter's own first
    # few milliseconds, before any of the tool's code runs, is Python's to report.
    script = Path(sys.executable).parent / "nhsalliance"
    proc = subprocess.Popen(
        [str(script), "list", "--json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert code in (0, 130, -signal.SIGINT)
