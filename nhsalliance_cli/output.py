"""The one renderer: records to a rich table, plain aligned text, JSON, JSON lines or CSV.

Commands build plain records (dicts whose keys are the documented JSON fields) and
say which columns a person should see; this module decides how they reach stdout.
rich is imported only inside the branches that draw on a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from nhsalliance_cli import streams
from nhsalliance_cli.env import Environment

if TYPE_CHECKING:
    from rich.console import Console

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


@dataclass(frozen=True)
class Output:
    env: Environment
    format: Format = Format.AUTO

    @property
    def structured(self) -> bool:
        return self.format is not Format.AUTO

    # --- listings --------------------------------------------------------------------

    def records(
        self,
        rows: Sequence[Record],
        columns: Sequence[Column],
        *,
        title: str | None = None,
        footer: Record | None = None,
    ) -> None:
        """A listing. ``footer`` (a total, say) is the last record in JSON/CSV too."""
        everything = [*rows, footer] if footer is not None else list(rows)
        if self.structured:
            self.parts([encode_part(everything, self.format)])
        elif not everything:
            return  # nothing to show; the caller says so on stderr
        elif self.env.stdout_isatty:
            self._rich_table(rows, columns, title, footer)
        else:
            _write(_plain_table(everything, columns))

    def parts(self, parts: Sequence[str]) -> None:
        """A listing encoded in parts (by worker processes, say): see :func:`encode_part`."""
        _write(join_parts(parts, self.format), utf8=True)

    def record(self, row: Record) -> None:
        """A single object (``show --json``): one JSON document, or one JSON line."""
        if self.format is Format.JSONL:
            _write(_json(row) + "\n", utf8=True)
        else:
            _write(json.dumps(row, ensure_ascii=False, indent=2) + "\n", utf8=True)

    def _rich_table(
        self,
        rows: Sequence[Record],
        columns: Sequence[Column],
        title: str | None,
        footer: Record | None,
    ) -> None:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, box=box.SIMPLE_HEAD, show_footer=footer is not None)
        for col in columns:
            table.add_column(
                col.header,
                justify=col.justify,
                style=col.style,
                no_wrap=not col.wrap,
                overflow="fold" if col.wrap else "ellipsis",
                footer=Text(_cell(footer.get(col.key))) if footer is not None else "",
            )
        for row in rows:
            # Text, not str: a cell holding "[PBC]" is the text's, not rich markup.
            table.add_row(*(Text(_cell(row.get(col.key))) for col in columns))
        self.console().print(table)

    # --- documents -------------------------------------------------------------------

    def document(self, heading: Sequence[tuple[str, str]], title: str, text: str) -> None:
        """A title, ``key: value`` lines and the full text (wrapped on a terminal)."""
        # A file name holding a line break or an escape stays on its own line, escaped.
        title = streams.one_line(title)
        heading = [(key, streams.one_line(value)) for key, value in heading]
        if not self.env.stdout_isatty:
            lines = [title, *(f"{k}: {v}" for k, v in heading), "", text]
            _write("\n".join(lines).rstrip("\n") + "\n")
            return
        from rich.rule import Rule
        from rich.text import Text

        console = self.console()
        console.print(Text(title, style="bold"))
        for key, value in heading:
            console.print(Text.assemble((f"{key}: ", "dim"), value))
        console.print(Rule(style="dim"))
        console.print(Text(text), soft_wrap=False)

    def text(self, text: str) -> None:
        _write(text)

    # --- concordance -----------------------------------------------------------------

    def kwic(self, lines: Sequence[KwicLine]) -> None:
        """Keyword in context: the match in a fixed column between its contexts."""
        if not lines:
            return
        lines = [_one_line_kwic(x) for x in lines]
        label_w = max(len(x.label) for x in lines)
        if not self.env.stdout_isatty:
            left_w = max(len(x.left) for x in lines)
            match_w = max(len(x.match) for x in lines)
            rows = (
                f"{x.label:<{label_w}}  {x.left:>{left_w}}  {x.match:<{match_w}}  {x.right}"
                for x in lines
            )
            _write("".join(row.rstrip() + "\n" for row in rows))
            return
        from rich.text import Text

        match_w = min(max(len(x.match) for x in lines), 40)
        side = max((self.env.width - label_w - match_w - 6) // 2, 10)
        console = self.console()
        for x in lines:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{x.label:<{label_w}}  ", style="cyan")
            line.append(f"{_clip_left(x.left, side):>{side}}  ")
            line.append(f"{_clip_right(x.match, match_w):<{match_w}}", style="bold red")
            line.append("  " + _clip_right(x.right, side))
            console.print(line, crop=True)

    def entries(self, items: Sequence[Entry]) -> None:
        """Records one after another: a heading, then indented labelled lines.

        Word diffs ([-removed-] {+added+}) are coloured on a terminal.
        """
        if not self.env.stdout_isatty:
            out = []
            for item in items:
                out.append(item.heading)
                out += [f"  {label + ': ' if label else ''}{text}" for label, text in item.lines]
                out.append("")
            _write("\n".join(out) + ("\n" if out else ""))
            return
        import re

        from rich.padding import Padding
        from rich.text import Text

        console = self.console()
        for item in items:
            console.print(Text(item.heading, style="bold cyan"))
            for label, text in item.lines:
                line = Text()
                if label:
                    line.append(f"{label}: ", style="dim")
                for part in re.split(r"(\[-.*?-\]|\{\+.*?\+\})", text):
                    style = "red strike" if part.startswith("[-") else ""
                    style = "green" if part.startswith("{+") else style
                    line.append(part, style=style)
                console.print(Padding(line, (0, 0, 0, 2)))
            console.print()

    # --- charts ----------------------------------------------------------------------

    def bars(self, title: str, rows: Sequence[Bar]) -> None:
        """A horizontal bar chart on a terminal: one bar per row, scaled to the largest."""
        label_w = max((len(r.label) for r in rows), default=0)
        value_w = max((len(f"{r.value:.2f}") for r in rows), default=0)
        room = max(self.env.width - label_w - value_w - 4, 10)
        top = max((r.value for r in rows), default=0.0) or 1.0
        if not self.env.stdout_isatty:
            lines = [title]
            for r in rows:
                bar = "#" * round(r.value / top * room)
                lines.append(f"{r.label:<{label_w}}  {r.value:>{value_w}.2f}  {bar}".rstrip())
            _write("\n".join(lines) + "\n\n")
            return
        from rich.text import Text

        console = self.console()
        console.print(Text(title, style="bold"))
        for r in rows:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{r.label:<{label_w}}  ", style="dim" if r.dim else "cyan")
            line.append(f"{r.value:>{value_w}.2f}  ")
            line.append("█" * round(r.value / top * room), style="magenta")
            console.print(line)
        console.print()

    def dispersion(self, rows: Sequence[Plot]) -> None:
        """One bar per document with a mark where each hit falls (a concordance plot)."""
        label_w = max(len(r.label) for r in rows)
        count_w = max(len(str(len(r.positions))) for r in rows)
        width = max(self.env.width - label_w - count_w - 6, 10)
        lines = []
        for r in rows:
            cells = ["-"] * width
            for position in r.positions:
                cells[min(int(position * width), width - 1)] = "|"
            lines.append((r, "".join(cells)))
        if not self.env.stdout_isatty:
            _write(
                "".join(
                    f"{r.label:<{label_w}}  {len(r.positions):>{count_w}}  [{bar}]\n"
                    for r, bar in lines
                )
            )
            return
        from rich.text import Text

        console = self.console()
        for r, bar in lines:
            line = Text(no_wrap=True)
            line.append(f"{r.label:<{label_w}}  ", style="cyan")
            line.append(f"{len(r.positions):>{count_w}}  ")
            for cell in bar:
                line.append("│" if cell == "|" else "─", style="bold red" if cell == "|" else "dim")
            console.print(line)

    # --- plumbing --------------------------------------------------------------------

    def console(self) -> Console:
        from rich.console import Console

        return Console(
            file=sys.stdout,
            force_terminal=self.env.stdout_isatty,
            no_color=not self.env.color,
            color_system="auto" if self.env.color else None,
            width=self.env.width,
            highlight=False,
        )


def _write(text: str, utf8: bool = False) -> None:
    """To stdout: ``utf8`` (JSON, CSV) as UTF-8 bytes whatever the locale, else text in
    the terminal's encoding (see :mod:`streams`)."""
    if utf8:
        streams.write_utf8(text)
    else:
        streams.write_text(text)


def _json(row: Record) -> str:
    return json.dumps(row, ensure_ascii=False)


def encode_part(rows: Sequence[Record], fmt: Format) -> str:
    """Records encoded as one part of a JSON, JSON lines or CSV listing.

    Parts made separately (one per worker process) and put together by
    :func:`join_parts` read exactly as if all the records had been encoded at once.
    """
    if not rows:
        return ""
    if fmt is Format.JSON:
        # One call to json's C encoder does the work (indent= would switch to the much
        # slower pure-Python encoder); a line break then goes after each record's comma.
        # '}, {"' can only stand between two objects: inside a JSON string '"' is escaped.
        body = json.dumps(list(rows), ensure_ascii=False)
        return body[1:-1].replace('}, {"', '},\n{"')
    if fmt is Format.JSONL:
        return "".join(_json(r) + "\n" for r in rows)
    if fmt is Format.CSV:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = list(rows[0])
        writer.writerow(keys)
        writer.writerows([_csv_cell(row.get(k)) for k in keys] for row in rows)
        return buffer.getvalue()
    raise ValueError(f"{fmt} is not a structured format")


def join_parts(parts: Sequence[str], fmt: Format) -> str:
    """One listing from parts made by :func:`encode_part`, in order."""
    filled = [p for p in parts if p]
    if fmt is Format.JSON:
        return "[\n" + ",\n".join(filled) + "\n]\n" if filled else "[]\n"
    if fmt is Format.CSV:
        # Each part has the header row; keep the first.
        return "".join(p if i == 0 else p.split("\n", 1)[1] for i, p in enumerate(filled))
    return "".join(filled)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return streams.one_line(" ".join(str(value).split()))


def _one_line_kwic(line: KwicLine) -> KwicLine:
    """One hit, one line: a match across a line break is shown with a space (JSON keeps
    the exact text), and control characters are escaped."""

    def shown(part: str) -> str:
        if part.isprintable() and "  " not in part:  # the usual case, checked quickly
            return part
        return streams.one_line(" ".join(part.split()))

    return KwicLine(shown(line.label), shown(line.left), shown(line.match), shown(line.right))


def _plain_table(rows: Sequence[Record], columns: Sequence[Column]) -> str:
    cells = [[col.header.upper() for col in columns]]
    cells += [[_cell(row.get(col.key)) for col in columns] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    out = []
    for r in cells:
        parts = [
            c.rjust(w) if col.justify == "right" else c.ljust(w)
            for c, w, col in zip(r, widths, columns, strict=True)
        ]
        out.append("  ".join(parts).rstrip() + "\n")
    return "".join(out)


def _clip_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def _clip_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
