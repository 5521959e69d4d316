"""Terminal layouts at 70, 80 and 120 columns: nothing cut that must stay whole, words
wrapped at their boundaries, less useful columns left out first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Invoke, write_corpus
from nhsalliance_cli.index.opening import load_bundled
from nhsalliance_cli.output.env import Environment
from nhsalliance_cli.output.layout import fit_columns
from nhsalliance_cli.output.shapes import Column

WIDTHS = (70, 80, 120)
DOCS = load_bundled()


def render(invoke: Invoke, args: list[str], width: int) -> list[str]:
    result = invoke(args, env=Environment.terminal(width=width, color=False))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines), args
    return lines


def words_of(lines: list[str]) -> set[str]:
    return {w for line in lines for w in line.split()}


def assert_words_whole(text: str, lines: list[str]) -> None:
    """Every word of ``text`` stands whole somewhere: nothing split mid-word."""
    shown = words_of(lines)
    for word in text.split():
        assert word in shown, word


# --- list --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_list_keeps_ids_dates_and_whole_words(invoke: Invoke, width: int) -> None:
    lines = render(invoke, ["list"], width)
    shown = words_of(lines)
    for doc in DOCS:
        assert doc.id in shown
        assert (f"~{doc.date}" if doc.date_inferred else doc.date) in shown
        assert_words_whole(doc.title, lines)
    # Five documents fit on a screen: titles wrap to a few lines each.
    assert len(lines) <= 25


def test_list_drops_words_then_kind_when_narrow(invoke: Invoke) -> None:
    wide = render(invoke, ["list"], 120)[1]
    assert wide.split() == ["id", "date", "kind", "title", "words"]
    for width in (70, 80):
        header = render(invoke, ["list"], width)[1].split()
        assert header == ["id", "date", "title"]


@pytest.mark.parametrize("width", WIDTHS)
def test_list_of_long_ids_stacks_rather_than_cuts(
    invoke: Invoke, tmp_path: Path, width: int
) -> None:
    long_name = "council-meeting-report-on-harbour-dredging-and-ferries-2019"
    folder = write_corpus(
        tmp_path / "long",
        {
            f"{long_name}.txt": "Harbour dredging report for the council meeting\n\nText.\n",
            "short.txt": "Short\n\nText.\n",
        },
    )
    lines = render(invoke, ["list", "--corpus", str(folder)], width)
    assert long_name in words_of(lines)
    assert_words_whole("Harbour dredging report for the council meeting", lines)


# --- quotes ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_quotes_show_date_and_readable_quotations(invoke: Invoke, width: int) -> None:
    import json

    records = json.loads(invoke(["quotes", "--doc", "nottingham", "--json"]).stdout)
    lines = render(invoke, ["quotes", "--doc", "nottingham"], width)
    assert "~2009-02" in words_of(lines)
    for record in records:
        assert_words_whole(record["text"], lines)
    # The quotation gets at least 30 columns: no more lines than that would take.
    budget = sum(len(r["text"]) // 30 + 3 for r in records)
    assert len(lines) <= budget


def test_quotes_table_on_a_wide_terminal(invoke: Invoke) -> None:
    header = render(invoke, ["quotes", "--all"], 120)[1].split()
    assert header == ["document", "date", "speaker", "kind", "quotation"]


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [["names"], ["names", "pbc"], ["names", "--kind", "person"]])
def test_names_fit_with_whole_words(invoke: Invoke, width: int, args: list[str]) -> None:
    import json

    records = json.loads(invoke([*args, "--json"]).stdout)
    lines = render(invoke, args, width)
    for record in records:
        assert_words_whole(record["name"], lines)
        assert_words_whole(", ".join(record["aliases"]), lines)


# --- trend -------------------------------------------------------------------------------


def bar_lengths(lines: list[str]) -> dict[str, list[int]]:
    charts: dict[str, list[int]] = {}
    current = ""
    for line in lines:
        if ": per 1,000 words" in line:
            current = line.split(":")[0]
            charts[current] = []
        elif current and line.strip():
            charts[current].append(line.count("█"))
    return charts


@pytest.mark.parametrize("width", WIDTHS)
def test_trend_bars_share_one_scale(invoke: Invoke, width: int) -> None:
    lines = render(invoke, ["trend", "PBC", "CCG"], width)
    charts = bar_lengths(lines)
    pbc, ccg = max(charts["PBC"]), max(charts["CCG"])
    # PBC peaks at 18.58 per 1,000 words, CCG at 2.20: bars in proportion, not both full.
    assert ccg < pbc / 4
    assert any("one scale for all" in line for line in lines)
    dates = [re.match(r"~?\d{4}", line) for line in lines if "█" in line]
    assert all(dates)


@pytest.mark.parametrize("width", WIDTHS)
def test_show_id_line_fits(invoke: Invoke, width: int) -> None:
    lines = render(invoke, ["show", "dixon-retirement:34"], width)
    assert any(line.startswith("> 34") for line in lines)
    assert not any(line.startswith("  30 ") or line.startswith("  38 ") for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_kwic_fits(invoke: Invoke, width: int) -> None:
    lines = render(invoke, ["search", "commissioning", "--limit", "5"], width)
    # Each hit on one line, or, where the ids leave under 25 characters of context each
    # side, its location on a line of its own.
    if len(lines) == 10:
        assert all(re.fullmatch(r"[a-z0-9-]+:\d+", line.strip()) for line in lines[::2])
        lines = lines[1::2]
    assert len(lines) == 5
    for line in lines:
        left, _, _ = re.split(r"  (commissioning)  ", line, maxsplit=1, flags=re.I)
        assert len(left.split(":", 1)[-1].lstrip()) >= 25 or width >= 120


# --- the fitting rule ----------------------------------------------------------------------

COLUMNS = (
    Column("id", "id"),
    Column("kind", "kind", drop=1),
    Column("title", "title", wrap=True),
    Column("words", "words", drop=2),
)
WIDTHS_OF = {"id": 20, "kind": 14, "title": 60, "words": 5}


def keys(columns: list[Column] | None) -> list[str] | None:
    return None if columns is None else [c.key for c in columns]


def test_fit_columns_drops_by_priority_and_gives_up_when_it_must() -> None:
    # The table needs 20 + 14 + 20 (title's least) + 5 + 3 per column + 1.
    assert keys(fit_columns(COLUMNS, WIDTHS_OF, 72)) == ["id", "kind", "title", "words"]
    assert keys(fit_columns(COLUMNS, WIDTHS_OF, 71)) == ["id", "kind", "title"]
    assert keys(fit_columns(COLUMNS, WIDTHS_OF, 64)) == ["id", "kind", "title"]
    assert keys(fit_columns(COLUMNS, WIDTHS_OF, 63)) == ["id", "title"]
    assert keys(fit_columns(COLUMNS, WIDTHS_OF, 47)) == ["id", "title"]
    assert fit_columns(COLUMNS, WIDTHS_OF, 46) is None


def test_a_short_wrapping_column_needs_only_its_own_width() -> None:
    short = {**WIDTHS_OF, "title": 8}
    assert keys(fit_columns(COLUMNS, short, 60)) == ["id", "kind", "title", "words"]
