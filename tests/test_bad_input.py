"""The docs' bad-input table (docs/errors.md), row by row, against the installed command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write_corpus

# The README and every page of docs/, each ending in a blank line: the table is on one.
DOCS = "".join(
    f"{path.read_text(encoding='utf-8')}\n"
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
)


def rows() -> list[tuple[str, str, str, int]]:
    assert DOCS.count("<!-- bad input -->\n") == 1
    table = DOCS.split("<!-- bad input -->\n", 1)[1].split("\n\n", 1)[0]
    found = []
    for line in table.splitlines()[2:]:
        what, command, says, code = (c.strip() for c in line.strip("|").split(" | "))
        found.append((what, command.strip("`"), says.strip("`"), int(code)))
    return found


ROWS = rows()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    (root / "empty").mkdir()
    write_corpus(root / "latin1", {"menu.txt": "caf\xe9\n".encode("latin-1")})
    write_corpus(root / "badtoml", {"a.txt": "text"}, manifest='[[documents]\nfile = "a.txt"\n')
    write_corpus(root / "orphan", {"a.txt": "text"}, manifest='[[documents]]\nfile = "gone.txt"\n')
    write_corpus(root / "dupes", {"A b.txt": "one", "a-b.txt": "two"})
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    write_corpus(root / "deep", {"a.txt": "text"}, manifest=deep)
    entry = '[[documents]]\nfile = "a.txt"\n'
    write_corpus(root / "badvalue", {"a.txt": "text"}, manifest=entry + "title = 5\n")
    write_corpus(root / "baddate", {"a.txt": "text"}, manifest=entry + 'date = "2013-02-30"\n')
    write_corpus(
        root / "badtable", {"a.txt": "text", "metadata.csv": "file,date\na.txt,2016-13-01\n"}
    )
    write_corpus(
        root / "badpattern", {"a.txt": "text"}, manifest='file_pattern = "{source}{date}"\n'
    )
    return root


def installed_bin() -> Path:
    """The folder of the installed console script (beside this interpreter)."""
    folder = Path(sys.executable).parent
    assert (folder / "nhsalliance").exists(), "install the project: pip install -e '.[test]'"
    return folder


def test_the_table_covers_the_catalogue() -> None:
    assert len(ROWS) >= 20
    assert {code for *_, code in ROWS} == {1, 2}


@pytest.mark.parametrize(("what", "command", "says", "code"), ROWS, ids=[r[0] for r in ROWS])
def test_bad_input_row(workdir: Path, what: str, command: str, says: str, code: int) -> None:
    if "/dev/full" in command and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    env = {**os.environ, "PATH": f"{installed_bin()}{os.pathsep}{os.environ['PATH']}"}
    env.pop("NHSALLIANCE_CORPUS", None)
    result = subprocess.run(
        ["bash", "-c", command], cwd=workdir, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(says), result.stderr
    assert "Traceback" not in result.stderr
    if code == 2:
        assert result.stderr.count("\n") == 1
    assert re.match(r"nhsalliance: \S", result.stderr)
