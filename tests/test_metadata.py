"""The folder's own metadata: a table at its root, a file-name pattern, dates and folders
in paths, and their precedence over each other and over the date found in the text."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from conftest import Invoke
from nhsalliance_cli.corpus.metadata import (
    check_date,
    date_in_name,
    date_in_path,
    fit,
    found_for,
    parse_pattern,
    read_table,
)
from nhsalliance_cli.errors import UsageProblem


def make(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    return folder


def listed(invoke: Invoke, folder: Path, *args: str) -> dict[str, dict[str, object]]:
    result = invoke(["--corpus", str(folder), "list", "--json", *args])
    assert result.exit_code == 0, result.stderr
    return {d["file"]: d for d in json.loads(result.stdout)}


@pytest.fixture(params=[True, False], ids=["index", "no-index"])
def indexed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if not request.param:
        monkeypatch.setenv("NHSALLIANCE_NO_INDEX", "1")
    return bool(request.param)


# --- dates in names and paths ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("nyt_2016-01-04_trump-turns-attacks", "2016-01-04"),
        ("20160104-clinton", "2016-01-04"),
        ("wapo_2016_01_04_slug", "2016-01-04"),
        ("report-2016-01", "2016-01"),
        ("2016-02-30-not-a-day", None),  # no such day, and 2016-02 follows a digit run
        ("id-123456789", None),  # nine digits are no date
        ("2da2f77dabe59c18", None),
        ("20161304", None),  # month 13
        ("issue-1850-03-02", None),  # years before 1900 are more likely numbers
        ("draft_2016-0104", None),  # mixed separators
    ],
)
def test_dates_in_file_names(name: str, date: str | None) -> None:
    assert date_in_name(name) == date


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("2016/01/04/story.txt", ("2016-01-04", "folder name")),
        ("2016/01/story.txt", ("2016-01", "folder name")),
        ("2016/story.txt", ("2016", "folder name")),
        ("archive/2016-03-05/story.txt", ("2016-03-05", "folder name")),
        ("2015/nyt_2016-01-04_x.txt", ("2016-01-04", "file name")),  # the name wins
        ("2016/13/story.txt", ("2016", "folder name")),
        ("nyt/story.txt", None),
    ],
)
def test_dates_in_paths(rel: str, expected: tuple[str, str] | None) -> None:
    assert date_in_path(rel) == expected


def test_check_date_reads_the_forms_people_write() -> None:
    assert check_date("2016_01_04", "x") == "2016-01-04"
    assert check_date("20160104", "x") == "2016-01-04"
    assert check_date(" 2016 ", "x") == "2016"
    for bad in ("2016-02-30", "16-01-04", "January 2016", "2016-1-4"):
        with pytest.raises(UsageProblem, match="is not a date"):
            check_date(bad, "x")


# --- the pattern ---------------------------------------------------------------------------


def test_a_pattern_splits_the_name() -> None:
    pattern = parse_pattern("{source}_{date}_{slug}", "m")
    assert fit(pattern, "nyt/nyt_2016-01-04_trump-turns-attacks.txt") == {
        "source": "nyt",
        "date": "2016-01-04",
        "slug": "trump-turns-attacks",
    }
    # A part may hold the separator when the date fixes where it ends.
    assert fit(pattern, "new_york_times_20160104_a_b.txt") == {
        "source": "new_york_times",
        "date": "2016-01-04",
        "slug": "a_b",
    }
    assert fit(pattern, "nyt_undated_slug.txt") is None
    assert fit(pattern, "nyt_2016-02-30_slug.txt") is None


def test_a_pattern_can_skip_parts() -> None:
    pattern = parse_pattern("{_}-{outlet}-{date}", "m")
    assert pattern.names == ("outlet", "date")
    assert fit(pattern, "0042-guardian-2015-06.txt") == {"outlet": "guardian", "date": "2015-06"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{source_{date}", "unbalanced .{. at character 1"),
        ("{source}_{date", "unbalanced '{'"),
        ("source}_{date}", "unbalanced '}'"),
        ("{source}{date}", "follows another part directly"),
        ("{a}_{a}", "is there twice"),
        ("{}_x", "not a field name"),
        ("{1st}_x", "not a field name"),
        ("plain", "names no field"),
    ],
)
def test_malformed_patterns_are_one_line(text: str, message: str) -> None:
    with pytest.raises(UsageProblem, match=message) as caught:
        parse_pattern(text, "news/manifest.toml")
    assert str(caught.value).startswith("news/manifest.toml: file_pattern ")
    assert "\n" not in str(caught.value)


# --- the table ---------------------------------------------------------------------------


def test_a_table_gives_fields_and_attributes() -> None:
    data = (
        "\ufefffile,outlet,date,Section,kind\n"
        "a.txt,NYT,2016-01-04,Politics,\n"
        '"b/c.txt",Post,20160105,"World\nNews",news report\n'
    ).encode()
    table = read_table(data, "metadata.csv", "x/metadata.csv", ["a.txt", "b/c.txt", "d.txt"])
    assert table.rows["a.txt"] == {"outlet": "NYT", "date": "2016-01-04", "Section": "Politics"}
    assert table.rows["b/c.txt"]["Section"] == "World News"  # no line break in a field
    found = found_for("b/c.txt", table, None)
    assert found.date == "2016-01-05"
    assert found.evidence == "metadata.csv"
    assert found.attributes == (("kind", "news report"),)
    assert dict(found.fields) == {"outlet": "Post", "Section": "World News", "folder": "b"}


def test_a_tsv_table() -> None:
    table = read_table(b"file\tdesk\na.txt\tmetro\n", "metadata.tsv", "t", ["a.txt"])
    assert table.rows == {"a.txt": {"desk": "metro"}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,date\na.txt,2016\n", "metadata.csv: no 'file' column"),
        (b"file,date\na.txt,2016-02-30\n", "row 2, column date: '2016-02-30' is not a date"),
        (b"file,date\na.txt,2016\nmissing.txt,2016\n", "row 3, column file: no file 'missing"),
        (b"file,x\na.txt,1\na.txt,2\n", "row 3, column file: 'a.txt' is there twice"),
        (b"file,x,x\na.txt,1,2\n", "row 1, column 3: 'x' is there twice"),
        (b"file,,x\na.txt,1,2\n", "row 1, column 2: empty column name"),
        (b"file,x\na.txt,1,2\n", "row 2: 3 cells, the header has 2"),
        (b"file,x\n,1\n", "row 2, column file: empty"),
        (b"file,id\na.txt,no spaces please\n", "row 2, column id: id 'no spaces"),
        (b"file,x\na.txt,\xe9\n", "not UTF-8"),
        (b"\n\n", "empty table"),
    ],
)
def test_bad_tables_are_one_line(data: bytes, message: str) -> None:
    with pytest.raises(UsageProblem, match=message) as caught:
        read_table(data, "metadata.csv", "news/metadata.csv", ["a.txt"])
    assert str(caught.value).startswith("news/metadata.csv: ")


# --- precedence, through the command line -----------------------------------------------------

NEWS = {
    "nyt/nyt_2016-01-04_trump-turns-attacks.txt": "Trump turns\n\nIn 17 May 2001 he said.\n",
    "wapo/wapo_20160105_clinton-emails.txt": "Clinton emails\n\nThe private email server.\n",
    "wapo/wapo_2016_01_06_debate.txt": "Debate night\n\nTrump and Clinton.\n",
    "2015/03/budget.txt": "Budget\n\n12 March 2014: an older date in the text.\n",
    "undated/notes.txt": "Notes\n\nWritten on 3 April 2012.\n",
}


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("nyt_2016-01-04_trump.txt", "nyt"),
        ("bbc_20110119_bill.txt", "bbc"),
        ("the-guardian_2014-06.txt", "the-guardian"),
        ("ft.com_2015_02_03_x.txt", "ft.com"),
        ("2016-01-04_nyt_trump.txt", None),  # the date first: no outlet before it
        ("report-2016-01-04.txt", None),  # no underscore: a name, not an outlet
        ("notes_for_2016-01-04.txt", None),  # more than one part before the date
        ("nyt_trump.txt", None),  # no date
        ("a/nyt_2016-01-04_x.txt", "nyt"),  # folders aside
    ],
)
def test_an_outlet_before_the_date_is_the_source(name: str, source: str | None) -> None:
    assert dict(found_for(name, None, None).attributes).get("source") == source


def test_a_pattern_or_table_decides_the_source_instead() -> None:
    pattern = parse_pattern("{outlet}_{date}_{slug}", "manifest.toml")
    assert "source" not in dict(found_for("nyt_2016-01-04_x.txt", None, pattern).attributes)
    table = read_table(b"file,source\nnyt_2016-01-04_x.txt,New York Times\n", "metadata.csv",
                       "metadata.csv", ["nyt_2016-01-04_x.txt"])  # fmt: skip
    found = found_for("nyt_2016-01-04_x.txt", table, None)
    assert dict(found.attributes)["source"] == "New York Times"


def test_dates_and_folders_from_paths(invoke: Invoke, tmp_path: Path, indexed: bool) -> None:
    docs = listed(invoke, make(tmp_path / "news", NEWS))
    nyt = docs["nyt/nyt_2016-01-04_trump-turns-attacks.txt"]
    assert (nyt["date"], nyt["date_inferred"], nyt["date_evidence"]) == (
        "2016-01-04",
        False,
        "file name",
    )
    assert nyt["fields"] == {"folder": "nyt"}
    assert nyt["source"] == "nyt"  # the outlet before the date in the name
    assert docs["wapo/wapo_20160105_clinton-emails.txt"]["source"] == "wapo"
    assert docs["wapo/wapo_2016_01_06_debate.txt"]["date"] == "2016-01-06"
    assert docs["2015/03/budget.txt"]["source"] is None
    budget = docs["2015/03/budget.txt"]
    assert (budget["date"], budget["date_evidence"]) == ("2015-03", "folder name")
    notes = docs["undated/notes.txt"]  # last, the text's date, inferred as before
    assert (notes["date"], notes["date_inferred"]) == ("2012-04-03", True)
    assert notes["fields"] == {"folder": "undated"}


def test_pattern_table_and_manifest_in_order(invoke: Invoke, tmp_path: Path, indexed: bool) -> None:
    folder = make(
        tmp_path / "news",
        {
            **NEWS,
            "manifest.toml": 'file_pattern = "{source}_{date}_{slug}"\n\n[[documents]]\n'
            'file = "wapo/wapo_20160105_clinton-emails.txt"\ndate = "2016-01"\n',
            "metadata.csv": "file,date,source,desk\n"
            "nyt/nyt_2016-01-04_trump-turns-attacks.txt,2016-01-09,New York Times,politics\n"
            "wapo/wapo_20160105_clinton-emails.txt,2016-01-02,,national\n",
        },
    )
    result = invoke(["--corpus", str(folder), "list", "--json"])
    assert result.exit_code == 0
    docs = {d["file"]: d for d in json.loads(result.stdout)}
    nyt = docs["nyt/nyt_2016-01-04_trump-turns-attacks.txt"]
    # the table beats the pattern (date, source); the pattern's other parts are fields
    assert (nyt["date"], nyt["date_evidence"], nyt["source"]) == (
        "2016-01-09",
        "metadata.csv",
        "New York Times",
    )
    assert nyt["fields"] == {"desk": "politics", "folder": "nyt", "slug": "trump-turns-attacks"}
    wapo = docs["wapo/wapo_20160105_clinton-emails.txt"]
    assert (wapo["date"], wapo["date_evidence"], wapo["source"]) == (
        "2016-01",
        "manifest.toml",
        "wapo",
    )
    debate = docs["wapo/wapo_2016_01_06_debate.txt"]
    assert (debate["date"], debate["date_evidence"], debate["source"]) == (
        "2016-01-06",
        "file name",
        "wapo",
    )
    # names that do not fit: one line each, their pattern fields empty, the rest served
    assert docs["undated/notes.txt"]["source"] is None
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert all("does not fit file_pattern" in line for line in lines)
    assert any("undated/notes.txt" in line for line in lines)


def test_many_unfit_names_are_counted(invoke: Invoke, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"story{i}.txt": "Story\n\ntext\n" for i in range(12)}
    files["manifest.toml"] = 'file_pattern = "{source}_{date}"\n'
    result = invoke(["--corpus", str(make(tmp_path / "f", files)), "list"])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 6
    assert lines[-1].endswith("and 7 more files do not fit file_pattern")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"metadata.csv": "file,date\na.txt,2016-13-01\n"},
            "metadata.csv: row 2, column date: '2016-13-01' is not a date",
        ),
        (
            {"metadata.csv": "file,date\nb.txt,2016\n"},
            "metadata.csv: row 2, column file: no file 'b.txt' in the folder",
        ),
        ({"manifest.toml": 'file_pattern = "{a}{b}"\n'}, "manifest.toml: file_pattern '{a}{b}'"),
        ({"manifest.toml": "file_pattern = 3\n"}, "'file_pattern' must be a string"),
        (
            {"metadata.csv": "file\na.txt\n", "metadata.tsv": "file\na.txt\n"},
            "metadata.csv and metadata.tsv are both in the folder",
        ),
    ],
)
def test_bad_user_data_is_exit_2(
    invoke: Invoke, tmp_path: Path, files: dict[str, str | bytes], message: str, indexed: bool
) -> None:
    folder = make(tmp_path / "f", {"a.txt": "A\n\ntext\n", **files})
    result = invoke(["--corpus", str(folder), "list"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr
    assert len(result.stderr) < 300


def test_the_index_notices_a_changed_table(invoke: Invoke, tmp_path: Path) -> None:
    folder = make(tmp_path / "f", {"a.txt": "A\n\ntext\n", "metadata.csv": "file,desk\na.txt,x\n"})
    assert listed(invoke, folder)["a.txt"]["fields"] == {"desk": "x"}
    table = folder / "metadata.csv"
    table.write_text("file,desk\na.txt,metro\n", encoding="utf-8")
    os.utime(table, ns=(1, 1))  # a time stamp alone cannot hide the change
    assert listed(invoke, folder)["a.txt"]["fields"] == {"desk": "metro"}
    table.unlink()
    assert listed(invoke, folder)["a.txt"]["fields"] == {}
    (folder / "manifest.toml").write_text('file_pattern = "{desk}"\n', encoding="utf-8")
    assert listed(invoke, folder)["a.txt"]["fields"] == {"desk": "a"}


def test_the_bundled_texts_keep_their_metadata(invoke: Invoke) -> None:
    docs = json.loads(invoke(["list", "--json"]).stdout)
    assert all(d["fields"] == {} for d in docs)
    assert all(d["date_evidence"] and d["date_evidence"] != "file name" for d in docs)
