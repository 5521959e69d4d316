"""Long output on a terminal goes through a pager (NHSALLIANCE_PAGER, PAGER, less)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from nhsalliance_cli.output.env import Environment
from nhsalliance_cli.output.pager import pager_command, paging


def recording_pager(tmp_path: Path) -> tuple[tuple[str, ...], Path]:
    """A pager that saves what it is given to a file."""
    script = tmp_path / "pager.py"
    saved = tmp_path / "paged.txt"
    script.write_text(
        f"import sys\nopen({str(saved)!r}, 'w', encoding='utf-8').write(sys.stdin.read())\n",
        encoding="utf-8",
    )
    return (sys.executable, str(script)), saved


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"NHSALLIANCE_PAGER": ""}, None),
        ({"NHSALLIANCE_PAGER": "cat"}, None),
        ({"PAGER": "cat"}, None),
        ({"NHSALLIANCE_PAGER": "no-such-pager-anywhere -x"}, None),
        ({"NHSALLIANCE_PAGER": "'unbalanced"}, None),
        ({"NHSALLIANCE_PAGER": f"{sys.executable} -u", "PAGER": "cat"}, (sys.executable, "-u")),
        ({"PAGER": f"{sys.executable} -u"}, (sys.executable, "-u")),
    ],
)
def test_the_pager_comes_from_the_environment(
    environ: dict[str, str], expected: tuple[str, ...] | None
) -> None:
    assert pager_command(environ) == expected


def test_less_is_the_default_pager() -> None:
    if shutil.which("less") is None:
        assert pager_command({}) is None
    else:
        assert pager_command({}) == ("less",)


def test_short_output_is_written_directly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command, saved = recording_pager(tmp_path)
    with paging(command, height=10):
        sys.stdout.write("one\ntwo\n")
    assert capsys.readouterr().out == "one\ntwo\n"
    assert not saved.exists()


def test_long_output_goes_to_the_pager(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command, saved = recording_pager(tmp_path)
    text = "".join(f"line {i} ✓\n" for i in range(50))
    with paging(command, height=10):
        sys.stdout.write(text)
    assert capsys.readouterr().out == ""
    assert saved.read_text(encoding="utf-8") == text


def test_a_pager_that_quits_early_is_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with paging((sys.executable, "-c", "pass"), height=10):
        sys.stdout.write("x" * 100 + "\n" * 200_000)
    assert capsys.readouterr().out == ""


def test_output_written_before_an_error_still_reaches_the_reader(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(RuntimeError), paging((sys.executable, "-c", "pass"), height=10):
        sys.stdout.write("partial\n")
        raise RuntimeError
    assert capsys.readouterr().out == "partial\n"
    assert not isinstance(sys.stdout, io.StringIO)


def test_commands_page_long_output_unless_told_not_to(invoke: Invoke, tmp_path: Path) -> None:
    command, saved = recording_pager(tmp_path)
    terminal = Environment(stdout_isatty=True, color=False, width=80, pager=command, height=10)
    paged = invoke(["quotes"], env=terminal)
    assert paged.exit_code == 0 and paged.stdout == ""
    assert "Michael Dixon" in saved.read_text(encoding="utf-8")
    saved.unlink()
    for args in (["quotes", "--no-pager"], ["--no-pager", "quotes"]):
        direct = invoke(args, env=terminal)
        assert "Michael Dixon" in direct.stdout and not saved.exists()
    short = invoke(["list", "--limit", "1"], env=terminal)
    assert "nottingham" in short.stdout and not saved.exists()


def test_a_pipe_is_never_paged(tmp_path: Path) -> None:
    command, saved = recording_pager(tmp_path)
    env = {**os.environ, "NHSALLIANCE_PAGER": " ".join(command)}
    result = subprocess.run(
        [sys.executable, "-m", "nhsalliance_cli", "quotes"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and "Michael Dixon" in result.stdout
    assert not saved.exists()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_real_terminal_is_paged(tmp_path: Path) -> None:
    command, saved = recording_pager(tmp_path)
    env = {**os.environ, "NHSALLIANCE_PAGER": " ".join(command), "LINES": "10", "COLUMNS": "80"}
    master, slave = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "nhsalliance_cli", "quotes"],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 0, result.stderr
    assert "Michael Dixon" in saved.read_text(encoding="utf-8")
