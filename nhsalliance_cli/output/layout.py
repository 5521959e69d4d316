"""Fitting a table to the terminal: column widths, the columns dropped first when narrow,
cells on one line, plain-text tables and words clipped at their boundaries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from nhsalliance_cli.output import streams
from nhsalliance_cli.output.shapes import LONG_CELL, TABLE_OVERHEAD, Column, KwicLine, Record

if TYPE_CHECKING:
    pass


def fit_columns(
    columns: Sequence[Column], widths: Mapping[str, int], width: int
) -> list[Column] | None:
    """The columns a table of ``width`` characters can show readably, or None.

    Short columns keep their full width (ids and dates are never cut) and wrapping
    columns need their ``min_width``; while they do not fit, the column with the highest
    ``drop`` is left out. None when even the columns never dropped do not fit.
    """
    shown = list(columns)
    per_column, fixed = TABLE_OVERHEAD

    def need(cols: Sequence[Column]) -> int:
        content = sum(min(widths[c.key], c.min_width) if c.wrap else widths[c.key] for c in cols)
        return content + per_column * len(cols) + fixed

    while need(shown) > width:
        droppable = [c for c in shown if c.drop > 0]
        if not droppable:
            return None
        shown.remove(max(droppable, key=lambda c: c.drop))
    return shown


def natural_width(column: Column, rows: Sequence[Record]) -> int:
    return max([len(column.header), *(len(cell_text(row.get(column.key))) for row in rows)])


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return streams.one_line(", ".join(f"{k}={v}" for k, v in value.items()))
    return streams.one_line(" ".join(str(value).split()))


def one_line_kwic(line: KwicLine) -> KwicLine:
    """One hit, one line: a match across a line break is shown with a space (JSON keeps
    the exact text), and control characters are escaped."""

    def shown(part: str) -> str:
        if part.isprintable() and "  " not in part:  # the usual case, checked quickly
            return part
        return streams.one_line(" ".join(part.split()))

    return KwicLine(shown(line.label), shown(line.left), shown(line.match), shown(line.right))


def plain_table(rows: Sequence[Record], columns: Sequence[Column]) -> str:
    """Aligned columns for a pipe, each line ending with its content: a long free-text
    column (a title) goes last, so that no line is padded out to the longest of them."""
    long = [c for c in columns if c.wrap and natural_width(c, rows) > LONG_CELL]
    if long and long[-1] is not columns[-1]:
        columns = [*(c for c in columns if c not in long), *long]
    cells = [[col.header.upper() for col in columns]]
    cells += [[cell_text(row.get(col.key)) for col in columns] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    out = []
    for r in cells:
        parts = [
            c.rjust(w) if col.justify == "right" else c.ljust(w)
            for c, w, col in zip(r, widths, columns, strict=True)
        ]
        out.append("  ".join(parts).rstrip() + "\n")
    return "".join(out)


def fit_parts(parts: Sequence[str], width: int, gap: int = 2) -> list[list[str]]:
    """``parts`` in lines of at most ``width`` characters (``gap`` between two), never
    splitting one; a part longer than a line has a line of its own."""
    lines: list[list[str]] = []
    used = 0
    for part in parts:
        if lines and used + gap + len(part) <= width:
            lines[-1].append(part)
            used += gap + len(part)
        else:
            lines.append([part])
            used = len(part)
    return lines


def clip_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def clip_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
