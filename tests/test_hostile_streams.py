"""Hostile surroundings (issue #14): stdout or stderr closed or full, narrow locales, bytes
that are not UTF-8 in arguments and file names. Each runs the real command in a
subprocess with a hard timeout."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hostile import assert_one_clean_line, run, run_shell

from conftest import write_corpus

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")

OUTPUTS = [
    "list",
    "list --json",
    "list --csv",
    "search NHS",
    "search NHS --json",
    "search NHS --jsonl",
    "search NHS --count --csv",
    "show new-year --text",
    "show new-year --json",
    "names",
    "quotes --json",
    "stats words",
    "trend CCG --json",
    "search --regex 'CCGs?' --json",
    "--help",
    "--version",
]


# --- 5. writing the output fails -----------------------------------------------------


@needs_dev_full
@pytest.mark.parametrize("command", OUTPUTS)
def test_a_full_disk_is_one_line_and_exit_2(command: str) -> None:
    result = run_shell(f"$NHS {command} >/dev/full")
    message = result.stderr.decode("utf-8")
    assert result.returncode == 2, message
    assert_one_clean_line(message)
    assert "cannot write the output: No space left on device" in message


@pytest.mark.parametrize("command", OUTPUTS)
def test_a_closed_stdout_is_one_line_and_exit_2(command: str) -> None:
    result = run_shell(f"$NHS {command} >&-")
    message = result.stderr.decode("utf-8")
    assert result.returncode == 2, message
    assert_one_clean_line(message)
    assert "cannot write the output: standard output is closed" in message


@needs_dev_full
@pytest.mark.parametrize("command", ["list >/dev/full", "list >&-", "search NHS --json >&-"])
@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_output_failure_with_stderr_gone_still_exits_2(command: str, stderr: str) -> None:
    result = run_shell(f"$NHS {command} {stderr}")
    assert result.returncode == 2
    assert result.stderr == b""


@needs_dev_full
@pytest.mark.parametrize(
    ("command", "code"),
    [
        ("search ''", 2),
        ("search --regex '('", 2),
        ("show nosuchdoc", 2),
        ("lsit", 2),
        ("list --jsn", 2),
        ("--corpus /no/such list", 2),
        ("search zyxwvu", 1),
        ("names 'zebra crossing'", 1),
        ("list", 0),
    ],
)
@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_a_closed_or_full_stderr_keeps_the_exit_code(command: str, code: int, stderr: str) -> None:
    result = run_shell(f"$NHS {command} >/dev/null {stderr}")
    assert result.returncode == code
    assert result.stderr == b""


def test_a_reader_that_goes_away_is_quiet() -> None:
    result = run_shell("$NHS search the --jsonl | head -c 10 >/dev/null")
    assert result.returncode == 0
    assert result.stderr == b""


# --- 6. locales ----------------------------------------------------------------------

NARROW = [
    {"PYTHONIOENCODING": "latin-1"},
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
]


def _latin1_locale() -> str | None:
    try:
        listed = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return next((x for x in listed if x.lower().replace("-", "") == "en_us.iso88591"), None)


LATIN1 = _latin1_locale()
if LATIN1 is not None:
    NARROW.append({"LANG": LATIN1, "LC_ALL": LATIN1, "PYTHONUTF8": "0"})
NARROW_IDS = [" ".join(f"{k}={v}" for k, v in env.items()) for env in NARROW]


@pytest.mark.parametrize("env", NARROW, ids=NARROW_IDS)
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["search", "NHS", "--json"],
        ["search", "it's", "--jsonl"],
        ["show", "ccgs", "--json"],
        ["quotes", "--json"],
        ["names", "--json"],
        ["trend", "CCG", "--json"],
    ],
)
def test_json_is_utf8_whatever_the_locale(env: dict[str, str], args: list[str]) -> None:
    result = run(args, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert data
    if args[0] in ("list", "show"):
        assert "’" in result.stdout.decode("utf-8")  # curly quotes in the titles, intact


@pytest.mark.parametrize("env", NARROW, ids=NARROW_IDS)
def test_csv_is_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    result = run(["list", "--csv"], env=env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert any("’" in row["title"] for row in rows)


@pytest.mark.parametrize("env", NARROW, ids=NARROW_IDS)
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["search", "it's"],
        ["show", "ccgs"],
        ["quotes"],
        ["quote", "we will only survive if we keep our old friends"],
        ["search", "--help"],
    ],
)
def test_text_output_falls_back_never_crashes(env: dict[str, str], args: list[str]) -> None:
    result = run(args, env=env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stdout


@pytest.mark.parametrize("env", NARROW, ids=NARROW_IDS)
def test_messages_survive_a_narrow_locale(env: dict[str, str]) -> None:
    result = run(["show", "dixon’s"], env=env)
    assert result.returncode == 2
    assert result.stderr.count(b"\n") == 1
    assert b"Traceback" not in result.stderr


# --- 9. bytes that are not UTF-8 -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [b"search", b"NHS\xff", b"--json"],
        [b"search", b"NHS\xff\xfe", b"--jsonl"],
        [b"search", b"\xe9NHS", b"NHS", b"--csv"],
        [b"trend", b"NHS\xff", b"--json"],
        [b"search", b"NHS\xff", b"--count", b"--json"],
    ],
)
def test_undecodable_arguments_give_valid_utf8(args: list[bytes]) -> None:
    result = run(args)
    assert result.returncode in (0, 1), result.stderr
    text = result.stdout.decode("utf-8")  # raises on a raw 0xFF
    if b"--count" not in args:
        assert "\ufffd" in text  # the query, in every hit
    if b"--json" in args:
        json.loads(text)
    result.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        [b"search", b"--regex", b"NHS\xff"],
        [b"show", b"dix\xffon"],
        [b"search", b"NHS", b"--doc", b"\xff"],
        [b"--corpus", b"/no/such/\xff", b"list"],
        [b"names", b"x", b"--kind", b"\xff"],
    ],
)
def test_undecodable_arguments_in_messages_are_escaped(args: list[bytes]) -> None:
    result = run(args)
    message = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert_one_clean_line(message)
    assert "\\udcff" in message or "\\xff" in message


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "plain.txt").write_text("Plain text about the NHS.\n", encoding="utf-8")
    for raw in (b"bad\xffname.txt", b"\xe9t\xe9 report.txt"):
        with open(os.path.join(os.fsencode(folder), raw), "wb") as f:
            f.write(b"The NHS and its report.\n")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--jsonl"],
        ["list", "--csv"],
        ["list"],
        ["search", "NHS", "--json"],
        ["search", "NHS"],
        ["show", "bad-name", "--json"],
        ["show", "bad-name"],
    ],
)
def test_undecodable_file_names_give_valid_utf8(odd_names: Path, args: list[str]) -> None:
    result = run(["--corpus", str(odd_names), *args])
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    if "--json" in args:
        json.loads(text)
    if args[0] == "search":
        # A hit names its document by the id made from the file name.
        assert "bad-name" in text
    elif args[0] == "show" or args[-1] in ("--json", "--jsonl", "--csv"):
        # Replaced in data, escaped in a heading line for a person: either way valid UTF-8.
        assert "bad\ufffdname.txt" in text or "bad\\udcffname.txt" in text
    else:
        assert "bad-name" in text


def test_undecodable_file_name_in_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(b"caf\xe9\n")
    result = run(["--corpus", str(folder), "list", "--strict"])
    message = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert_one_clean_line(message)
    assert "caf\\udce9.txt" in message
    # Without --strict the file is read as Windows-1252, and the line names it the same way.
    result = run(["--corpus", str(folder), "list"])
    message = result.stderr.decode("utf-8")
    assert result.returncode == 0
    assert_one_clean_line(message)
    assert "caf\\udce9.txt: not UTF-8; read as windows-1252" in message


def test_an_undecodable_corpus_folder_name_works(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"d\xffir")
    write_corpus(Path(os.fsdecode(folder)), {"a.txt": "The NHS text."})
    result = run([b"--corpus", folder, b"search", b"NHS", b"--json"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))[0]["match"] == "NHS"


# --- a terminal in a narrow locale (rich draws the tables) ----------------------------


def run_on_tty(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """The command with stdout on a pseudo-terminal; (exit code, what the terminal got,
    stderr)."""
    import select
    import sys
    import time

    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nhsalliance_cli", *args],
        stdout=slave,
        stderr=subprocess.PIPE,
        env={**os.environ, **env, "COLUMNS": "120"},
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child has closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    return proc.wait(timeout=30), b"".join(chunks), err


@pytest.mark.parametrize("env", NARROW, ids=NARROW_IDS)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list"], b"?emasculated?"),  # curly quotes in a title
        (["search", "it's"], b"It?s"),  # a curly apostrophe in a hit
        (["trend", "CCG"], b"commissi?"),  # a title cut short with an ellipsis
        (["show", "ccgs"], b"?emasculated?"),
        # All ASCII: nothing to replace, and the answer is there in full.
        (["quote", "we will only survive if we keep our old friends"], b"keep our old friends"),
    ],
)
def test_a_terminal_in_a_narrow_locale_gets_replacement_characters(
    env: dict[str, str], args: list[str], expected: bytes
) -> None:
    code, shown, err = run_on_tty(args, env)
    assert code == 0, err
    assert b"Traceback" not in err
    plain = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", shown)  # colours and highlights
    assert expected in plain
    # What the terminal gets is in its encoding: characters it cannot show became '?'.
    plain.decode("latin-1" if env.get("PYTHONIOENCODING") == "latin-1" else "ascii")
