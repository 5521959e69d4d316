"""The command line: thin Typer commands over the library modules."""

from __future__ import annotations

import signal
import sys
from typing import Annotated

import typer

from nhsalliance_cli import __version__
from nhsalliance_cli.options import (
    CORPUS_ENV,
    AppState,
    Group,
    Invocation,
    common_options,
    state_of,
)
from nhsalliance_cli.output import Column, Format

app = typer.Typer(
    cls=Group,
    name="nhsalliance",
    epilog="Run 'nhsalliance COMMAND --help' for a command's options and examples.",
    add_completion=True,
    no_args_is_help=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"nhsalliance {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    corpus: Annotated[
        str | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            envvar=CORPUS_ENV,
            help="Folder of UTF-8 .txt files (and an optional manifest.toml) to query "
            "instead of the bundled texts.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Query the NHS Alliance texts (2009–2015) or your own folder of texts.

    Lists and reads documents and finds words and phrases in context, on a terminal
    or in a shell pipeline (--json, --jsonl, --csv; exit 1 when nothing matches).
    """
    state = state_of(ctx)
    ctx.obj = AppState(env=state.env, corpus_dir=corpus)
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


LIST_COLUMNS = (
    Column("id", "id", style="cyan"),
    Column("date", "date"),
    Column("kind", "kind"),
    Column("title", "title", wrap=True),
    Column("words", "words", justify="right"),
)


@app.command("list")
@common_options()
def list_documents(inv: Invocation) -> None:
    """List the documents, oldest first.

    Dates marked ~ are inferred from the text rather than printed in it.

    [b]Examples[/b]

      nhsalliance list
      nhsalliance list --json | jq -r '.[] | "\\(.date)\\t\\(.title)"'
      nhsalliance --corpus ~/my-press-releases list
    """
    rows = [doc.metadata() for doc in inv.corpus]
    if inv.format is Format.AUTO:
        rows = [{**row, "date": _shown_date(row)} for row in rows]
    inv.out.records(rows, LIST_COLUMNS)


@app.command("show")
@common_options(formats=(Format.JSON, Format.JSONL))
def show(
    inv: Invocation,
    doc_id: Annotated[
        str, typer.Argument(metavar="ID", help="A document id, or any unique prefix of one.")
    ],
    text_only: Annotated[
        bool, typer.Option("--text", help="Print only the document's text, exactly as stored.")
    ] = False,
) -> None:
    """Show one document: its metadata and full text.

    [b]Examples[/b]

      nhsalliance show dixon-retire
      nhsalliance show nottingham --json | jq -r .text
      nhsalliance show new-year --text | wc -w
    """
    doc = inv.corpus.get(doc_id)
    if inv.format is not Format.AUTO:
        inv.out.record({**doc.metadata(), "text": doc.text})
    elif text_only:
        inv.out.text(doc.text)
    else:
        meta = doc.metadata()
        fields = [
            ("id", doc.id),
            ("date", _shown_date(meta) + (f" ({doc.date_evidence})" if doc.date_evidence else "")),
            ("kind", doc.kind),
            ("author", doc.author),
            ("publisher", doc.publisher),
            ("source", doc.source),
            ("file", doc.file),
            ("length", f"{doc.words} words, {doc.paragraphs} paragraphs"),
        ]
        inv.out.document([(k, v) for k, v in fields if v], doc.title, doc.text)


def _shown_date(meta: dict[str, object]) -> str:
    date = meta.get("date")
    if not date:
        return "undated"
    return f"~{date}" if meta.get("date_inferred") else str(date)


def main() -> None:
    """The console script: quiet on a closed pipe (like grep) and on Ctrl-C."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app(prog_name="nhsalliance")
    except KeyboardInterrupt:
        sys.exit(130)
