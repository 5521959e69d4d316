"""--where FIELD=VALUE on every command that reads a corpus, trend --by FIELD and
search --count --by FIELD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke, command_paths
from nhsalliance_cli.corpus.where import Condition, matches, parse
from nhsalliance_cli.errors import UsageProblem

STORIES = {
    "nyt/nyt_2016-01-04_trump-attacks.txt": "Trump attacks Clinton\n\nTrump said: “We will "
    "win.” Clinton replied later. Trump again.\n",
    "nyt/nyt_2016-02-01_iowa.txt": "Iowa votes\n\nTrump lost Iowa. Cruz won.\n",
    "wapo/wapo_20160105_clinton-emails.txt": "Clinton emails\n\nThe private email server "
    "was Clinton’s, said Jane Roe.\n",
    "wapo/wapo_20160301_super-tuesday.txt": "Super Tuesday\n\nTrump and Clinton won.\n",
    "guardian/guardian_2016_03_02_uk-view.txt": "A UK view\n\nTrump puzzles Britain.\n",
}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for name, text in STORIES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "manifest.toml").write_text(
        'file_pattern = "{source}_{date}_{slug}"\n', encoding="utf-8"
    )
    (folder / "metadata.csv").write_text(
        "file,desk\nnyt/nyt_2016-01-04_trump-attacks.txt,politics\n"
        "wapo/wapo_20160105_clinton-emails.txt,national\n",
        encoding="utf-8",
    )
    return folder


def run_json(invoke: Invoke, args: list[str]) -> list[dict[str, object]]:
    result = invoke([*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# --- the conditions -----------------------------------------------------------------------


def test_parse() -> None:
    assert parse("source=nyt") == Condition("source", ("nyt",))
    assert parse(" source != nyt , wapo ") == Condition("source", ("nyt", "wapo"), True)
    assert parse("title=a=b") == Condition("title", ("a=b",))
    for bad in ("source", "=nyt", "source=", "source=nyt,", "!=x"):
        with pytest.raises(UsageProblem, match="use FIELD=VALUE"):
            parse(bad)


def test_matches() -> None:
    assert matches("NYT", parse("source=nyt"))
    assert matches("washington post", parse("source=wash*"))
    assert not matches("nyt", parse("source=ny"))
    assert matches(None, parse("source!=nyt"))
    assert not matches(None, parse("source=nyt"))
    assert matches("2016-01-04", parse("date=2016"))
    assert matches("2016-01-04", parse("date=2016-01"))
    assert matches("2016", parse("date=2016-06"))  # at the coarser precision
    assert not matches("2016-01-04", parse("date=2016-02"))
    assert matches("2016-01-04", parse("date=2015,2016-01-*"))


# --- through the command line --------------------------------------------------------------

ARGUMENTS = {
    "list": [],
    "show": ["trump-attacks"],
    "search": ["Trump"],
    "quotes": [],
    "quote": ["we will win"],
    "names": [],
    "trend": ["Trump"],
    "stats words": [],
    "stats ngrams": ["--min-count", "1"],
    "stats collocates": ["Trump", "--min-count", "1"],
    "stats keywords": ["--max-p", "1", "--min-count", "1"],
}
READS_NO_CORPUS = {"stats", "index", "index status", "index build", "index clear"}


def options_of(path: list[str]) -> list[str]:
    from typer.main import get_command

    from nhsalliance_cli.cli import app

    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return [o for p in command.params for o in getattr(p, "opts", [])]


def test_every_command_that_reads_a_corpus_takes_where() -> None:
    for path in command_paths():
        name = " ".join(path)
        if name in READS_NO_CORPUS:
            continue
        assert "--where" in options_of(path), name
        assert name in ARGUMENTS, name


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_where_on_every_command(invoke: Invoke, news: Path, name: str) -> None:
    path = name.split()
    args = ["--corpus", str(news), *path, *ARGUMENTS[name]]
    kept = invoke([*args, "--where", "source=nyt", "--json"])
    assert kept.exit_code == 0, kept.stderr
    text = kept.stdout
    assert "wapo" not in text and "guardian" not in text
    none = invoke([*args, "--where", "source=nytimes"])
    assert none.exit_code == 1
    assert "did you mean nyt?" in none.stderr
    unknown = invoke([*args, "--where", "sorce=nyt"])
    assert unknown.exit_code == 2
    assert "did you mean source?" in unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1


def test_where_is_and_across_options_or_within(invoke: Invoke, news: Path) -> None:
    base = ["--corpus", str(news), "list"]

    def ids(*where: str) -> set[str]:
        args = [*base, *(a for w in where for a in ("--where", w))]
        return {str(d["file"]).split("/")[0] for d in run_json(invoke, args)}

    assert ids("source=nyt,wapo") == {"nyt", "wapo"}
    assert ids("source=nyt,wapo", "date=2016-01") == {"nyt", "wapo"}
    assert (
        len(run_json(invoke, [*base, "--where", "source=nyt,wapo", "--where", "date=2016-01"])) == 2
    )
    assert ids("source!=nyt") == {"wapo", "guardian"}
    assert ids("folder=g*") == {"guardian"}
    assert ids("DESK=Politics") == {"nyt"}  # names and values in any case
    # no desk at all is not politics either
    assert len(run_json(invoke, [*base, "--where", "desk!=politics"])) == 4


def test_where_narrows_an_ambiguous_id(invoke: Invoke, news: Path) -> None:
    base = ["--corpus", str(news), "show", "2016-0"]
    assert invoke(base).exit_code == 2  # three ids hold it
    result = invoke([*base, "--where", "desk=politics", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["fields"]["slug"] == "trump-attacks"


def test_counts_by_field_agree_with_search(invoke: Invoke, news: Path) -> None:
    """trend --by source, search --count --by source and search --where source=… count
    exactly the same hits."""
    base = ["--corpus", str(news)]
    trend = {
        r["period"]: r["count"]
        for r in run_json(invoke, [*base, "trend", "Trump", "--by", "source"])
    }
    grouped = run_json(invoke, [*base, "search", "Trump", "--count", "--by", "Source"])
    assert {r["value"]: r["count"] for r in grouped} == trend
    assert [r["value"] for r in grouped] == ["guardian", "nyt", "wapo"]
    assert {r["field"] for r in grouped} == {"source"}
    for source, count in trend.items():
        hits = invoke([*base, "search", "Trump", "--where", f"source={source}", "--json"])
        found = json.loads(hits.stdout) if hits.exit_code == 0 else []
        assert len(found) == count
    assert trend == {"guardian": 1, "nyt": 4, "wapo": 1}


def test_by_field_mistakes(invoke: Invoke, news: Path) -> None:
    base = ["--corpus", str(news)]
    bad = invoke([*base, "trend", "Trump", "--by", "sorce"])
    assert bad.exit_code == 2 and "did you mean source" in bad.stderr
    bad = invoke([*base, "search", "Trump", "--count", "--by", "desks"])
    assert bad.exit_code == 2 and "did you mean desk?" in bad.stderr
    bad = invoke([*base, "search", "Trump", "--by", "source"])
    assert bad.exit_code == 2 and "--by goes with --count" in bad.stderr


def test_documents_without_the_field_come_last(invoke: Invoke, news: Path) -> None:
    rows = run_json(invoke, ["--corpus", str(news), "trend", "Trump", "--by", "desk"])
    assert [r["period"] for r in rows] == ["national", "politics", None]
    plain = invoke(["--corpus", str(news), "trend", "Trump", "--by", "desk"]).stdout
    assert "(no desk)" in plain
