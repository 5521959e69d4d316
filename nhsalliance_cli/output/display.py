"""What the renderer needs beside the records: dates as shown, clipped labels, the total
row's label, the fields of an empty CSV listing, and the trend's bar charts."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from nhsalliance_cli.output.render import Output
from nhsalliance_cli.output.shapes import Bar

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.stats import TrendRow


def shown_date(meta: Mapping[str, object]) -> str:
    """A date for people: ~ marks one inferred from the text."""
    date = meta.get("date")
    if not date:
        return "undated"
    return f"~{date}" if meta.get("date_inferred") else str(date)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def total_label(shown: int, documents: int) -> str:
    """The total row's label: 'total', or 'total (12 of 840 documents)' when documents
    without hits were left out."""
    if shown == documents:
        return "total"
    return f"total ({shown} of {documents} documents)"


def fields_of(record_class: type) -> tuple[str, ...]:
    """A record class's JSON fields (for the header of an empty CSV listing)."""
    return tuple(f.name for f in dataclasses.fields(record_class) if f.metadata.get("public", True))


def document_fields() -> tuple[str, ...]:
    from nhsalliance_cli.corpus.model import Document

    return tuple(Document(id="", file="", text="", title="").metadata())


def trend_bars(
    out: Output,
    titles: Mapping[str, str],
    labels: Sequence[str],
    rows: Sequence[TrendRow],
    by: str,
) -> None:
    """One bar chart per query, all on the scale of the largest value of any of them."""
    scale = max(r.per_1000 for r in rows) or 1.0

    def when(r: TrendRow) -> str:
        if by == "doc":
            return shown_date(r.record())
        if by not in ("year", "month"):
            return r.period or f"(no {by})"
        return r.period or "undated"

    date_w = max(len(when(r)) for r in rows)
    value_w = max(len(f"{r.per_1000:.2f}") for r in rows)
    # What the label may take and still leave a bar of 20 cells on the line.
    room = max(out.env.width - date_w - value_w - 2 - 4 - 20, 12)

    def label(r: TrendRow) -> str:
        if by == "doc":
            about = titles[r.doc] if r.doc else ""
        else:
            about = f"{r.docs} document{'s' * (r.docs != 1)}"
        return f"{when(r):<{date_w}}  {clip(about, min(room, 50))}"

    note = f" (one scale for all: a full bar is {scale:.2f})" if len(labels) > 1 else ""
    for text in labels:
        bars = [
            Bar(label(r), r.per_1000, dim=r.date_inferred or not r.period)
            for r in rows
            if r.query == text
        ]
        out.bars(f"{text}: per 1,000 words{note}", bars, scale=scale)
