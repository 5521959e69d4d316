from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import CORPUS, Invoke, command_paths, write_corpus
from nhsalliance_cli import __version__
from nhsalliance_cli.output.env import Environment

DOC_FIELDS = [
    "id",
    "title",
    "title_supplied",
    "date",
    "date_inferred",
    "date_evidence",
    "kind",
    "author",
    "publisher",
    "source",
    "fields",
    "file",
    "words",
    "paragraphs",
]


def test_list_json_fields_and_order(invoke: Invoke) -> None:
    result = invoke(["list", "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [list(r) for r in rows] == [DOC_FIELDS] * 5
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[0]["id"] == "nottingham-address-2009"
    assert "’" in result.stdout  # UTF-8, not \u escapes
    assert result.stderr == ""


def test_list_jsonl_and_csv_agree_with_json(invoke: Invoke) -> None:
    rows = json.loads(invoke(["list", "--json"]).stdout)
    lines = invoke(["list", "--jsonl"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(invoke(["list", "--csv"]).stdout)))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    assert list(table[0]) == DOC_FIELDS
    assert table[0]["date_inferred"] == "true"
    assert table[0]["author"] == ""


def test_list_of_a_folder_without_kinds_has_no_empty_kind_column(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha beta.", "b.txt": "Gamma delta."})
    lines = invoke(["--corpus", str(folder), "list"]).stdout.splitlines()
    assert sorted(lines[0].split()) == ["DATE", "ID", "TITLE", "WORDS"]  # no KIND
    rows = json.loads(invoke(["--corpus", str(folder), "list", "--json"]).stdout)
    assert [r["kind"] for r in rows] == [None, None]  # the field stays in JSON


def test_list_piped_is_plain_aligned_text(invoke: Invoke) -> None:
    out = invoke(["list"]).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "KIND", "WORDS", "TITLE"]
    assert "\x1b[" not in out
    assert lines[1].startswith("nottingham-address-2009")
    assert "~2009-02" in lines[1]  # inferred dates are marked
    assert "2013-01-02 " in out and "~2013-01-02" not in out
    # The title goes last, so that no line is padded past its content.
    assert all(not line.endswith(" ") for line in lines)
    titles = [line[lines[0].index("TITLE") :] for line in lines[1:]]
    assert titles == [d["title"] for d in json.loads(invoke(["list", "--json"]).stdout)]


def test_list_on_a_terminal_is_a_rich_table(invoke: Invoke) -> None:
    result = invoke(["list"], env=Environment.terminal(width=120))
    assert "\x1b[" in result.stdout
    assert "nottingham-address-2009" in result.stdout
    plain = invoke(["list"], env=Environment.terminal(width=120, color=False)).stdout
    assert "\x1b[" not in plain and "─" in plain


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    env = Environment.from_system()
    assert env.stdout_isatty and not env.color


def test_show_by_unique_prefix(invoke: Invoke) -> None:
    result = invoke(["show", "dixon-retire"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Dr Michael Dixon to retire as chairman of NHS Alliance after 18 years"
    assert "id: dixon-retirement" in lines
    text = (CORPUS / "000_2da2f77dabe59c18.txt").read_text(encoding="utf-8")
    assert result.stdout.endswith(text.rstrip("\n") + "\n")


def test_show_json_text_is_exactly_the_file(invoke: Invoke) -> None:
    record = json.loads(invoke(["show", "new-year", "--json"]).stdout)
    assert list(record) == [*DOC_FIELDS, "text"]
    assert record["text"] == (CORPUS / record["file"]).read_bytes().decode("utf-8")
    assert record["author"] == "Michael Dixon"
    assert json.loads(invoke(["show", "new-year", "--jsonl"]).stdout) == record


def test_show_text_only(invoke: Invoke) -> None:
    out = invoke(["show", "westminster", "--text"]).stdout
    assert out == (CORPUS / "003_0e5e4bf45c5eb8fd.txt").read_text(encoding="utf-8")


def test_show_on_a_terminal_wraps_to_the_width(invoke: Invoke) -> None:
    out = invoke(["show", "nottingham"], env=Environment.terminal(width=60, color=False)).stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "Nottingham Medico Chirurgical Society" in " ".join(out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "n"], "ambiguous document id 'n': could be"),
        (["show", "dixom"], "did you mean dixon-retirement?"),
        (["show", "westminster-forum"], "did you mean westminster-health-forum-2013?"),
        (["show"], "Missing argument 'ID'"),
        (["list", "--jsn"], "No such option: --jsn"),
        (["list", "--json", "--csv"], "--json and --csv cannot be used together"),
        (["show", "new-year", "--csv"], "No such option: --csv"),
        (["lst"], "No such command 'lst'"),
        (["--corpus", "/nonexistent/texts", "list"], "corpus folder /nonexistent/texts does not"),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("nhsalliance: ")
    assert "Traceback" not in result.stderr


def test_version(invoke: Invoke) -> None:
    result = invoke(["--version"])
    assert result.stdout == f"nhsalliance {__version__}\n"


def test_no_command_prints_help(invoke: Invoke) -> None:
    result = invoke([])
    assert result.exit_code == 0
    assert "list" in result.stdout and "search" in result.stdout


def test_corpus_option_and_environment_variable(
    invoke: Invoke, press_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_option = json.loads(invoke(["--corpus", str(press_folder), "list", "--json"]).stdout)
    assert [r["id"] for r in by_option] == ["2019-budget-release", "news-item"]
    assert by_option[0]["title"] == "Budget Release 2019"
    after_command = json.loads(invoke(["list", "--corpus", str(press_folder), "--json"]).stdout)
    assert after_command == by_option
    monkeypatch.setenv("NHSALLIANCE_CORPUS", str(press_folder))
    assert json.loads(invoke(["list", "--json"]).stdout) == by_option


def test_bad_user_corpus_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"latin1.txt": "caf\xe9".encode("latin-1")})
    result = invoke(["--corpus", str(folder), "list", "--strict"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"nhsalliance: {folder}/latin1.txt: not UTF-8 text (byte 0xe9 at offset 3); "
        "convert it, e.g. from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8\n"
    )


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(invoke: Invoke, path: list[str]) -> None:
    result = invoke([*path, "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout
    assert f"nhsalliance {' '.join(path)}" in result.stdout


def test_table_cells_are_text_not_markup(invoke: Invoke, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "[bold]Not markup[/bold] title\nbody"})
    out = invoke(["--corpus", str(folder), "list"], env=Environment.terminal(color=False)).stdout
    assert "[bold]Not markup[/bold]" in out
