"""docs/index.md describes the index's tables as they are: every table, every column, and
the layout number."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from nhsalliance_cli.index.store import _SCHEMA, LAYOUT

DOC = Path(__file__).resolve().parent.parent / "docs" / "index.md"


def _documented() -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    tables: dict[str, set[str]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"`\w+`", cells[0]):
            tables[cells[0].strip("`")] = set(re.findall(r"`(\w+)`", cells[2]))
    return tables


def test_every_table_and_column_is_documented() -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    actual = {
        name: {row[1] for row in db.execute(f"PRAGMA table_info({name})")}
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    documented = _documented()
    assert sorted(documented) == sorted(actual)
    for table, columns in actual.items():
        assert columns <= documented[table], (table, columns - documented[table])


def test_the_layout_number_is_the_documented_one() -> None:
    assert f"## Tables (layout {LAYOUT})" in DOC.read_text(encoding="utf-8")
