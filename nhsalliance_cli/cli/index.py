"""index status, build and clear: the corpus index."""

from __future__ import annotations

from typing import Annotated

import typer

from nhsalliance_cli.cli.options import Invocation, common_options, say
from nhsalliance_cli.cli.params import library
from nhsalliance_cli.cli.root import help_without_command, sub_app
from nhsalliance_cli.output.shapes import Format

index_app = sub_app("index")


@index_app.callback(invoke_without_command=True)
def _index(ctx: typer.Context) -> None:
    """The corpus index: a cache of each corpus's words and analyses, kept up to date.

    Every command builds the index of its corpus on first use and brings it up to date
    whenever a file is added, changed, renamed or removed; these commands show it, build
    it afresh or remove it. It lives in $XDG_CACHE_HOME/nhsalliance (by default
    ~/.cache/nhsalliance). --no-index reads the files instead: the results are the same.

    **Examples**

    ```
    nhsalliance --corpus ~/texts index status
    nhsalliance --corpus ~/texts index build
    nhsalliance index clear --all
    ```
    """
    help_without_command(ctx)


INDEX_FIELDS = (
    ("files", "files"),
    ("corpus_bytes", "corpus bytes"),
    ("fresh", "fresh"),
    ("built", "built"),
    ("index_bytes", "index bytes"),
    ("corpus", "corpus"),
    ("index", "index file"),
)


@index_app.command("status")
@common_options(formats=(Format.JSON,), dates=False)
def index_status(inv: Invocation) -> None:
    """Where the corpus's index is, how big, and whether it is up to date.

    **Examples**

    ```
    nhsalliance --corpus ~/texts index status
    nhsalliance index status --json | jq .fresh
    ```
    """
    record = library(inv).index_status().as_dict()
    if inv.out.structured:
        inv.out.record(record)
        return
    shown = {**record, "fresh": "yes" if record["fresh"] else "no (updated on next use)"}
    if not record["exists"]:
        shown["fresh"] = "not built yet (built on first use)"
    inv.out.text(
        "".join(f"{label}: {shown[key]}\n" for key, label in INDEX_FIELDS if shown[key] is not None)
    )


@index_app.command("build")
@common_options(formats=(), dates=False)
def index_build(inv: Invocation) -> None:
    """Build the corpus's index from scratch now (a progress bar shows on a terminal).

    **Examples**

    ```
    nhsalliance --corpus ~/texts index build
    ```
    """
    record = library(inv).index_build()
    say(f"indexed {record['indexed_files']} files into {record['index']}")


@index_app.command("clear")
@common_options(formats=(), dates=False)
def index_clear(
    inv: Invocation,
    everything: Annotated[
        bool, typer.Option("--all", help="Remove the index of every corpus.")
    ] = False,
) -> None:
    """Remove the corpus's index (or every index with --all); it is rebuilt when needed.

    **Examples**

    ```
    nhsalliance --corpus ~/texts index clear
    nhsalliance index clear --all
    ```
    """
    removed = library(inv).index_clear(everything=everything)
    if not removed:
        say("no index to remove")
    else:
        say("removed the index" if len(removed) == 1 else f"removed {len(removed)} indexes")
