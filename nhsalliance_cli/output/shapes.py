"""What the renderer is handed: the output formats, a table's columns, keyword-in-context
lines, bars and plots, and the widths they are fitted to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    pass


Record = Mapping[str, Any]


class Format(StrEnum):
    AUTO = "auto"  # a table on a terminal, plain aligned text on a pipe
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: Literal["left", "right"] = "left"
    style: str | None = None
    wrap: bool = False  # may wrap on a terminal (long free text such as titles)
    # On a narrow terminal columns with a higher ``drop`` are left out first; 0 never is.
    drop: int = 0
    min_width: int = 20  # a wrapping column's narrowest useful width


# At least this many characters of context each side of a KWIC match on a terminal.
MIN_CONTEXT = 25


# A wrapping column wider than this goes last in plain (piped) tables.
LONG_CELL = 40


# Wrapping columns narrower than their min_width make a table unreadable: below that the
# rows are printed one after another instead (see Output._stacked).
TABLE_OVERHEAD = (3, 1)  # rich's SIMPLE_HEAD box: 3 characters per column, plus 1


@dataclass(frozen=True)
class KwicLine:
    label: str  # where: "doc:line"
    left: str
    match: str
    right: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    dim: bool = False  # drawn fainter: an inferred date, say


@dataclass(frozen=True)
class Plot:
    label: str
    positions: tuple[float, ...]  # each hit's place in the document, from 0 to 1


@dataclass(frozen=True)
class Entry:
    """A record shown as a heading and labelled lines (a quotation's source, say)."""

    heading: str
    lines: tuple[tuple[str, str], ...]
