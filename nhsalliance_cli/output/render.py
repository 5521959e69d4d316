"""The one renderer: records to a rich table, plain aligned text, JSON, JSON lines or CSV.

Commands build plain records (dicts whose keys are the documented JSON fields) and
say which columns a person should see; this module decides how they reach stdout.
rich is imported only inside the branches that draw on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nhsalliance_cli.output import streams
from nhsalliance_cli.output.encode import csv_line, json_text, stream_part
from nhsalliance_cli.output.env import Environment
from nhsalliance_cli.output.layout import (
    cell_text,
    clip_left,
    clip_right,
    fit_columns,
    fit_parts,
    natural_width,
    one_line_kwic,
    plain_table,
)
from nhsalliance_cli.output.shapes import (
    MIN_CONTEXT,
    Bar,
    Column,
    Entry,
    Format,
    KwicLine,
    Plot,
    Record,
)

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Output:
    env: Environment
    format: Format = Format.AUTO
    # Whether a listing has been written: the empty listing is written once at most.
    _written: list[bool] = field(default_factory=list, compare=False, repr=False)

    @property
    def structured(self) -> bool:
        return self.format is not Format.AUTO

    @property
    def written(self) -> bool:
        return bool(self._written)

    def empty(self, fields: Sequence[str] = ()) -> None:
        """What a structured listing with no records prints, unless something was written:
        ``[]`` for JSON, nothing for JSON lines, the header row for CSV."""
        if self.structured and not self.written:
            self.records([], (), fields=fields)

    # --- listings --------------------------------------------------------------------

    def records(
        self,
        rows: Sequence[Record],
        columns: Sequence[Column],
        *,
        title: str | None = None,
        footer: Record | None = None,
        fields: Sequence[str] = (),
    ) -> None:
        """A listing. ``footer`` (a total, say) is for people: the last row on a terminal or
        a pipe, never a record in JSON or CSV. ``fields`` are the records' keys, for the
        header row of an empty CSV listing."""
        everything = [*rows, footer] if footer is not None else list(rows)
        if self.structured:
            self.stream(rows, fields)
        elif not rows:
            return  # nothing to show; the caller says so on stderr
        elif self.env.stdout_isatty:
            self._rich_table(rows, columns, title, footer)
        else:
            _write(plain_table(everything, columns))

    def record(self, row: Record) -> None:
        """A single object (``show --json``): one JSON document, or one JSON line."""
        self._written.append(True)
        if self.format is Format.JSONL:
            _write(json_text(row) + "\n", utf8=True)
        else:
            _write(json_text(row, indent=True) + "\n", utf8=True)

    def stream(self, rows: Iterable[Record], fields: Sequence[str] = ()) -> int:
        """A structured listing written as its records come, in chunks: the first lines
        of a long search reach the pipe at once, and memory stays flat. Returns how many
        records were written. ``fields`` are the CSV header when there is no record."""
        fmt = self.format
        self._written.append(True)
        written = 0
        chunk: list[Record] = []
        size = 64  # small at first, so the first records are not held back
        for row in rows:
            chunk.append(row)
            if len(chunk) >= size:
                _write(stream_part(chunk, fmt, written), utf8=True)
                written += len(chunk)
                chunk = []
                size = 4096
        if chunk:
            _write(stream_part(chunk, fmt, written), utf8=True)
            written += len(chunk)
        if fmt is Format.JSON:
            _write("\n]\n" if written else "[]\n", utf8=True)
        elif fmt is Format.CSV and not written and fields:
            _write(csv_line(fields), utf8=True)
        return written

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

        everything = [*rows, footer] if footer is not None else list(rows)
        widths = {c.key: natural_width(c, everything) for c in columns}
        fitted = fit_columns(columns, widths, self.env.width)
        if fitted is None:
            self._stacked(everything, columns)
            return
        columns = fitted
        table = Table(title=title, box=box.SIMPLE_HEAD, show_footer=footer is not None)
        for col in columns:
            table.add_column(
                col.header,
                justify=col.justify,
                style=col.style,
                no_wrap=not col.wrap,
                min_width=len(col.header),  # a header never wraps
                # Words wrap whole; only a word wider than the column is folded.
                overflow="fold" if col.wrap else "ellipsis",
                footer=Text(cell_text(footer.get(col.key))) if footer is not None else "",
            )
        for row in rows:
            # Text, not str: a cell holding "[PBC]" is the text's, not rich markup.
            table.add_row(*(Text(cell_text(row.get(col.key))) for col in columns))
        self.console().print(table)

    def _stacked(self, rows: Sequence[Record], columns: Sequence[Column]) -> None:
        """Records one after another, for a terminal too narrow for a readable table:
        the short cells on one line, each after the first labelled with its column, then
        each long (wrapping) cell indented under it."""
        from rich.padding import Padding
        from rich.text import Text

        console = self.console()
        for i, row in enumerate(rows):
            if i:
                console.print()
            # The first cell names the record; the others say what they are (hits 5).
            cells = [
                (cell if not k else f"{col.header.lower()} {cell}", col.style or "")
                for k, col in enumerate(c for c in columns if not c.wrap)
                if (cell := cell_text(row.get(col.key)))
            ]
            wrapped = [c for c in columns if c.wrap]
            if not cells and wrapped:  # the first long cell heads the record instead
                cells = [(cell_text(row.get(wrapped[0].key)), wrapped[0].style or "")]
                wrapped = wrapped[1:]
            # The short cells on as few lines as fit, none of them split (a name stays whole).
            for line in fit_parts([c for c, _ in cells], self.env.width):
                heading = Text(no_wrap=True, overflow="fold")
                for part in line:
                    style = next(s for c, s in cells if c == part)
                    heading.append(("  " if heading else "") + part, style=style)
                console.print(heading)
            for col in wrapped:
                cell = cell_text(row.get(col.key))
                if cell:
                    console.print(Padding(Text(cell), (0, 0, 0, 4)))

    # --- documents -------------------------------------------------------------------

    def document(
        self,
        heading: Sequence[tuple[str, str]],
        title: str,
        text: str,
        paragraphs: Sequence[str] = (),
    ) -> None:
        """A title, ``key: value`` lines and the full text (wrapped on a terminal, with a
        blank line between ``paragraphs`` when given)."""
        # A file name holding a line break or an escape stays on its own line, escaped.
        title = streams.one_line(title)
        heading = [(key, streams.one_line(value)) for key, value in heading]
        if not self.env.stdout_isatty:
            lines = [title, *(f"{k}: {v}" for k, v in heading), "", text]
            _write("\n".join(lines).rstrip("\n") + "\n")
            return
        from rich.text import Text

        from nhsalliance_cli.text.tokens import unify_line_breaks

        console = self._document_heading(heading, title)
        # On a terminal a carriage return would send the line back over itself: every
        # kind of line end is shown as one.
        for i, paragraph in enumerate(paragraphs or [text]):
            if i:
                console.print()
            shown = unify_line_breaks(paragraph).replace("\r\n", "\n")
            console.print(Text(streams.for_terminal(shown)), soft_wrap=False)

    def excerpt(
        self,
        heading: Sequence[tuple[str, str]],
        title: str,
        lines: Sequence[tuple[int, str]],
        mark: int,
        note: str = "",
    ) -> None:
        """Numbered lines of a document with line ``mark`` marked (highlighted on a
        terminal, '>' on a pipe), under the document's title and metadata."""
        number_w = max((len(str(n)) for n, _ in lines), default=1)
        if not self.env.stdout_isatty:
            out = [title, *(f"{k}: {v}" for k, v in heading), ""]
            out += [
                f"{'>' if n == mark else ' '} {n:>{number_w}}  {line}".rstrip() for n, line in lines
            ]
            _write("\n".join(out) + "\n" + (f"\n{note}\n" if note else ""))
            return
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        console = self._document_heading(heading, title)
        # A grid, so that a long line wraps under itself, clear of the line numbers.
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(overflow="fold")
        for n, line in lines:
            marked = n == mark
            grid.add_row(
                Text(
                    f"{'>' if marked else ' '} {n:>{number_w}}", style="bold" if marked else "dim"
                ),
                Text(streams.one_line(line), style="reverse" if marked else ""),
            )
        console.print(grid)
        if note:
            console.print(Padding(Text(note, style="dim"), (1, 0, 0, 0)))

    def _document_heading(self, heading: Sequence[tuple[str, str]], title: str) -> Console:
        from rich.rule import Rule
        from rich.text import Text

        console = self.console()
        console.print(Text(title, style="bold"))
        for key, value in heading:
            console.print(Text.assemble((f"{key}: ", "dim"), value))
        console.print(Rule(style="dim"))
        return console

    def text(self, text: str) -> None:
        _write(text)

    # --- concordance -----------------------------------------------------------------

    def kwic_stream(self, lines: Iterable[KwicLine]) -> int:
        """Keyword-in-context lines written as they come, in chunks (the match in a fixed
        column within each: the first 256 lines, then 4,096 at a time). Returns how many
        lines were written."""
        written = 0
        chunk: list[KwicLine] = []
        size = 256  # smaller at first, so the first hits are not held back long
        for line in lines:
            chunk.append(line)
            if len(chunk) >= size:
                self.kwic(chunk)
                written += len(chunk)
                chunk, size = [], 4096
        if chunk:
            self.kwic(chunk)
            written += len(chunk)
        return written

    def kwic(self, lines: Sequence[KwicLine]) -> None:
        """Keyword in context: the match in a fixed column between its contexts."""
        if not lines:
            return
        lines = [one_line_kwic(x) for x in lines]
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
        side = (self.env.width - label_w - match_w - 6) // 2
        # Long ids (news file names) on a narrow terminal: each location on its own line,
        # so that the contexts keep their width.
        apart = side < MIN_CONTEXT
        if apart:
            side = max((self.env.width - match_w - 4) // 2, 10)
        console = self.console()
        for x in lines:
            line = Text(no_wrap=True, overflow="ellipsis")
            if apart:
                console.print(Text(x.label, style="cyan", no_wrap=True, overflow="fold"))
            else:
                line.append(f"{x.label:<{label_w}}  ", style="cyan")
            line.append(f"{clip_left(x.left, side):>{side}}  ")
            line.append(f"{clip_right(x.match, match_w):<{match_w}}", style="bold red")
            line.append("  " + clip_right(x.right, side))
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
            # A heading's parts are two spaces apart: a line breaks between them, never
            # inside one (a name stays whole).
            for cells in fit_parts(item.heading.split("  "), self.env.width):
                console.print(Text("  ".join(cells), style="bold cyan", overflow="fold"))
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

    def bars(self, title: str, rows: Sequence[Bar], scale: float | None = None) -> None:
        """A horizontal bar chart: one bar per row, a full bar being ``scale`` (by default
        the largest value; charts drawn side by side share a scale by passing it)."""
        label_w = max((len(r.label) for r in rows), default=0)
        value_w = max((len(f"{r.value:.2f}") for r in rows), default=0)
        room = max(self.env.width - label_w - value_w - 4, 10)
        top = scale or max((r.value for r in rows), default=0.0) or 1.0
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
