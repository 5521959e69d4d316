"""Lists that stay readable on a real folder: 120 news stories whose ids are 40-60
characters long, at 80 columns and on a pipe."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Invoke
from nhsalliance_cli.output.env import Environment

SLUGS = ["trump-attacks-clinton-emails", "clinton-answers-on-foundation", "sanders-wins-primary"]


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long") / "news"
    for n in range(120):
        outlet = ("nyt", "wapo", "guardian")[n % 3]
        name = f"{outlet}/{outlet}_2016-{1 + n % 12:02d}-{1 + n % 28:02d}_{SLUGS[n % 3]}-{n}.txt"
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Story {n} on the campaign trail\n\nDonald Trump attacked Hillary Clinton on "
            "Monday over the private email server. “We are going to win so much,” Donald "
            f"Trump said. Hillary Clinton said: “Love trumps hate.” Story number {n}.\n",
            encoding="utf-8",
        )
    (folder / "manifest.toml").write_text(
        'file_pattern = "{source}_{date}_{slug}"\n', encoding="utf-8"
    )
    return folder


def terminal(invoke: Invoke, news: Path, *args: str) -> list[str]:
    result = invoke(["--corpus", str(news), *args], env=Environment.terminal(width=80, color=False))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    return [line.rstrip() for line in lines]


def test_ids_are_long(invoke: Invoke, news: Path) -> None:
    docs = json.loads(invoke(["--corpus", str(news), "list", "--json"]).stdout)
    assert all(40 <= len(d["id"]) <= 60 for d in docs)


def test_kwic_keeps_25_characters_each_side(invoke: Invoke, news: Path) -> None:
    lines = terminal(invoke, news, "search", "email", "--limit", "20")
    kwic = [line for line in lines if "  email  " in line]
    assert len(kwic) == 20
    for line in kwic:
        left, right = line.split("  email  ")
        assert len(left.strip()) >= 25 and len(right.strip()) >= 25
    labels = [line for line in lines if line not in kwic]
    assert all(re.fullmatch(r"[a-z0-9-]+:\d+", label) for label in labels)


@pytest.mark.parametrize(
    "args",
    [["list"], ["quotes"], ["quote", "love trumps hate", "--limit", "5"], ["names"]],
    ids=" ".join,
)
def test_nothing_splits_at_80_columns(invoke: Invoke, news: Path, args: list[str]) -> None:
    text = "\n".join(terminal(invoke, news, *args))
    # A name never splits across lines, nor does an id.
    assert "Hillary\n" not in text and "Donald\n" not in text
    for match in re.finditer(r"(nyt|wapo|guardian)-2016-[\w-]+", text):
        assert match.group().rstrip("-").split("-")[-1].isdigit() or args[0] == "names"
    headers = [line for line in text.splitlines() if line.strip().isupper()]
    for line in headers:  # a table header, when there is one, is whole on its line
        assert len(line.split()) >= 2


def test_piped_list_is_not_padded(invoke: Invoke, news: Path) -> None:
    lines = invoke(["--corpus", str(news), "list"]).stdout.splitlines()
    assert all(not line.endswith(" ") for line in lines)
    header = lines[0]
    # every row ends where its last cell does: the words, right-aligned under WORDS
    assert all(len(line) == len(header) for line in lines)


def test_an_ambiguous_id_lists_five_and_a_count(invoke: Invoke, news: Path) -> None:
    result = invoke(["--corpus", str(news), "show", "nyt"])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(line) <= 300
    assert re.search(r"and 3\d more", line)
    assert 2 <= line.count("nyt-2016") <= 5
    assert re.search(r"narrow it with --where \w+=", line)


def test_an_unknown_speaker_lists_five_and_a_count(invoke: Invoke, news: Path) -> None:
    result = invoke(["--corpus", str(news), "quotes", "--speaker", "Nobody Atall"])
    assert result.exit_code == 1
    assert all(len(line) <= 300 for line in result.stderr.splitlines())


def test_count_lists_documents_with_hits(invoke: Invoke, news: Path) -> None:
    lines = invoke(["--corpus", str(news), "search", "Sanders", "--count"]).stdout.splitlines()
    assert lines == ["no matches"] or len(lines) <= 3
    hits = invoke(["--corpus", str(news), "search", "story", "number", "0", "--count"])
    assert hits.exit_code == 0


def test_no_stderr_line_is_over_300_characters(invoke: Invoke, news: Path) -> None:
    for args in (
        ["show", "2016"],
        ["list", "--where", "source=" + "x" * 400],
        ["list", "--where", "sorce=nyt"],
        ["search", "x" * 900],
        ["trend", "Trump", "--by", "nothing-like-a-field"],
    ):
        result = invoke(["--corpus", str(news), *args])
        assert result.exit_code in (1, 2)
        assert all(len(line) <= 300 for line in result.stderr.splitlines()), args
