"""Hostile corpora and queries on the index's data path: wildcards that would backtrack,
huge tokens, old Mac line ends, an empty --corpus, and the progress bar's manners."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke, write_corpus


def _run(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhsalliance_cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,  # a hang fails the test instead of stalling the suite
    )


@pytest.mark.parametrize(
    "query", ["c********************x", "c*o*m*m*i*s*s*i*o*n*i*n*g*x", "*a*a*a*a*a*a*a*a*a*x"]
)
@pytest.mark.parametrize("index", [[], ["--no-index"]])
def test_wildcards_never_backtrack(tmp_path: Path, query: str, index: list[str]) -> None:
    folder = write_corpus(
        tmp_path / "c", {"long.txt": "a" * 1_000_000 + " caaaaaaaaaaaax commissioningx\n"}
    )
    result = _run([*index, "--corpus", str(folder), "search", query, "--json"])
    assert result.returncode in (0, 1), result.stderr
    hits = json.loads(result.stdout)
    for hit in hits:
        assert hit["match"].lower().startswith(query[0].replace("*", "")) or query[0] == "*"
        assert len(hit["left"]) < 200 and len(hit["right"]) < 200


def test_runs_of_stars_are_one_wildcard(invoke: Invoke) -> None:
    one = invoke(["search", "commission*", "--json"]).stdout
    many = invoke(["search", "commission*****", "--json"]).stdout
    assert json.loads(one) and [h["match"] for h in json.loads(one)] == [
        h["match"] for h in json.loads(many)
    ]


@pytest.mark.parametrize("index", [[], ["--no-index"]])
def test_old_mac_line_ends(tmp_path: Path, invoke: Invoke, index: list[str]) -> None:
    text = "Harbour news\rThe ferry is late.\r\rThe council met.\rFerry fares rise.\r"
    folder = write_corpus(tmp_path / "mac", {"mac.txt": text})
    listed = json.loads(invoke([*index, "--corpus", str(folder), "list", "--json"]).stdout)
    assert listed[0]["title"] == "Harbour news"
    assert listed[0]["paragraphs"] == 4
    hits = json.loads(invoke([*index, "--corpus", str(folder), "search", "ferry", "--json"]).stdout)
    assert [h["line"] for h in hits] == [2, 5]
    assert [text[h["start"] : h["end"]] for h in hits] == ["ferry", "Ferry"]


def test_mixed_line_ends_count_each_break_once(tmp_path: Path, invoke: Invoke) -> None:
    folder = write_corpus(tmp_path / "mixed", {"m.txt": "one\r\ntwo\rthree\nfour word\r\n"})
    hits = json.loads(invoke(["--corpus", str(folder), "search", "word", "--json"]).stdout)
    assert hits[0]["line"] == 4


@pytest.mark.parametrize("value", ["", " ", "\t"])
def test_an_empty_corpus_option_is_a_usage_error(invoke: Invoke, value: str) -> None:
    result = invoke(["--corpus", value, "list"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--corpus is empty" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_build_shows_progress_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nhsalliance_cli.corpus.folder import scan
    from nhsalliance_cli.index import open as index_open

    folder = write_corpus(tmp_path / "c", {f"f{i}.txt": f"Text number {i}." for i in range(40)})
    clock = iter(range(0, 10_000))
    monkeypatch.setattr("nhsalliance_cli.progress.time.monotonic", lambda: float(next(clock)))
    monkeypatch.setenv("TERM", "xterm")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert index_open.indexed(folder, "c", scan(folder, "c"), force=True) is not None
    assert "indexing" in terminal.getvalue()

    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert index_open.indexed(folder, "c", scan(folder, "c"), force=True) is not None
    assert pipe.getvalue() == ""
