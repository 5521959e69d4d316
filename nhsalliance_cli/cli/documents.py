"""list and show: the documents."""

from __future__ import annotations

from typing import Annotated

import typer

from nhsalliance_cli.cli import completion
from nhsalliance_cli.cli.options import Invocation, common_options
from nhsalliance_cli.cli.params import LimitOption, filters, library
from nhsalliance_cli.cli.root import app
from nhsalliance_cli.errors import EmptyResult, UsageProblem
from nhsalliance_cli.output.display import document_fields, shown_date
from nhsalliance_cli.output.shapes import Column, Format

LIST_COLUMNS = (
    Column("id", "id", style="cyan"),
    Column("date", "date"),
    Column("kind", "kind", drop=1),
    Column("title", "title", wrap=True),
    Column("words", "words", justify="right", drop=2),
)
# Lines shown either side of the line asked for by show ID:LINE.
SHOW_AROUND = 2


@app.command("list")
@common_options()
def list_documents(inv: Invocation, limit: LimitOption = None) -> None:
    """List the documents, oldest first.

    Dates marked ~ are inferred from the text rather than printed in it.

    **Examples**

    ```
    nhsalliance list
    nhsalliance list --since 2013 --json | jq -r '.[] | "\\(.date)\\t\\(.title)"'
    nhsalliance --corpus ~/my-press-releases list --limit 10
    ```
    """
    try:
        rows = [doc.as_dict() for doc in library(inv).documents(limit=limit, **filters(inv))]
    except EmptyResult:
        inv.out.records([], LIST_COLUMNS, fields=document_fields())
        raise
    columns: tuple[Column, ...] = LIST_COLUMNS
    if inv.format is Format.AUTO:
        # The folder's own fields as columns after the kind, the first to go when narrow.
        own = sorted({name for row in rows for name in row["fields"]})
        extra = tuple(Column(f"field:{n}", n, drop=3) for n in own)
        columns = (*LIST_COLUMNS[:3], *extra, *LIST_COLUMNS[3:])
        if not any(row["kind"] for row in rows):  # a folder with no kinds: no empty column
            columns = tuple(c for c in columns if c.key != "kind")
        sources = [row["source"] or "" for row in rows]
        if any(sources) and max(map(len, sources)) <= 24:  # an outlet's name, not a note
            columns = (*columns[:2], Column("source", "source", drop=3), *columns[2:])
        rows = [
            {
                **row,
                "date": shown_date(row),
                **{f"field:{n}": v for n, v in row["fields"].items()},
            }
            for row in rows
        ]
    inv.out.records(rows, columns, fields=document_fields())


ShowDocId = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="A document id, or any unique part of one; ID:LINE (as search prints) "
        "marks that line.",
        autocompletion=completion.document_ids,
    ),
]
ShowTextOnly = Annotated[
    bool, typer.Option("--text", help="Print only the document's text, exactly as stored.")
]


@app.command("show")
@common_options(formats=(Format.JSON, Format.JSONL), dates=False, where=True)
def show(
    inv: Invocation,
    doc_id: ShowDocId,
    text_only: ShowTextOnly = False,
) -> None:
    """Show one document: its metadata and full text, or the lines around one line.

    With ID:LINE (the form search prints) it shows that line marked, with the lines
    around it; --text then prints the line alone, exactly as stored.

    **Examples**

    ```
    nhsalliance show dixon-retire
    nhsalliance show retire
    nhsalliance show dixon-retirement:34
    nhsalliance show nottingham --json | jq -r .text
    nhsalliance show new-year --text | wc -w
    ```
    """
    if text_only and inv.out.structured:
        raise UsageProblem(f"--text and --{inv.format.value} cannot be used together")
    shown = library(inv).show(doc_id, where=list(inv.where))
    doc, line, lines = shown.document, shown.line, shown.lines
    if inv.format is not Format.AUTO:
        inv.out.record(shown.as_dict())
        return
    if text_only:
        inv.out.text(doc.text if line is None else lines[line - 1] + "\n")
        return
    meta = doc.metadata()
    fields = [
        ("id", doc.id),
        ("date", shown_date(meta) + (f" ({doc.date_evidence})" if doc.date_evidence else "")),
        ("kind", doc.kind),
        ("author", doc.author),
        ("publisher", doc.publisher),
        ("source", doc.source),
        *doc.extra,  # the folder's own fields
        ("file", doc.file),
        ("length", f"{doc.words} words, {doc.paragraphs} paragraphs"),
    ]
    heading = [(k, v) for k, v in fields if v]
    if line is None:
        from nhsalliance_cli.text.tokens import paragraph_spans

        paragraphs = [doc.text[a:b] for a, b in paragraph_spans(doc.text)]
        inv.out.document(heading, doc.title, doc.text, paragraphs)
        return
    first, last = max(1, line - SHOW_AROUND), min(len(lines), line + SHOW_AROUND)
    inv.out.excerpt(
        heading,
        doc.title,
        [(n, lines[n - 1].rstrip("\r")) for n in range(first, last + 1)],
        mark=line,
        note=f"line {line} of {len(lines)}; the whole text: nhsalliance show {doc.id}",
    )
