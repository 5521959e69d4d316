"""The Typer app, its global options, and the console script."""

from __future__ import annotations

import dataclasses
import signal
import sys
from typing import Annotated

import typer

from nhsalliance_cli import __version__
from nhsalliance_cli.cli.options import CORPUS_ENV, AppState, Group, state_of

app = typer.Typer(
    cls=Group,
    name="nhsalliance",
    epilog="Run 'nhsalliance COMMAND --help' for a command's options and examples.",
    add_completion=True,
    no_args_is_help=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"nhsalliance {__version__}\n")
        raise typer.Exit()


RootCorpus = Annotated[
    str | None,
    typer.Option(
        "--corpus",
        metavar="DIR",
        envvar=CORPUS_ENV,
        help="Folder of UTF-8 .txt files (and an optional manifest.toml) to query "
        "instead of the bundled texts.",
        show_default=False,
    ),
]

RootNoIndex = Annotated[
    bool,
    typer.Option(
        "--no-index",
        envvar="NHSALLIANCE_NO_INDEX",
        help="Read and analyse the files directly instead of through the corpus index "
        "kept in the cache folder (same results, slower on large corpora).",
    ),
]

RootVersion = Annotated[
    bool,
    typer.Option("--version", is_eager=True, callback=_version, help="Print the version and exit."),
]

RootQuiet = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        envvar="NHSALLIANCE_QUIET",
        help="No warnings or notes on stderr (files read in another encoding, documents "
        "a filter left out, index builds); errors still are.",
    ),
]

RootNoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never send long output on a terminal through a pager "
        "($NHSALLIANCE_PAGER, $PAGER or less).",
    ),
]


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    corpus: RootCorpus = None,
    no_index: RootNoIndex = False,
    version: RootVersion = False,
    quiet: RootQuiet = False,
    no_pager: RootNoPager = False,
) -> None:
    """Query the NHS Alliance texts (2009–2015) or your own folder of texts.

    Lists and reads documents and finds words and phrases in context, on a terminal
    or in a shell pipeline (--json, --jsonl, --csv; exit 1 when nothing matches).
    """
    state = state_of(ctx)
    env = dataclasses.replace(state.env, pager=None) if no_pager else state.env
    ctx.obj = AppState(env=env, corpus_dir=corpus, use_index=not no_index, quiet=quiet)
    if ctx.invoked_subcommand is None:
        if corpus is not None and corpus in ctx.command.commands:  # type: ignore[attr-defined]
            # nhsalliance --corpus list: the folder forgotten, the command taken for it
            from nhsalliance_cli.errors import UsageProblem

            raise UsageProblem(f"--corpus needs a folder before the command: --corpus DIR {corpus}")
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


def sub_app(name: str) -> typer.Typer:
    """A group of commands under ``app`` (stats, index)."""
    group = typer.Typer(
        name=name,
        rich_markup_mode="markdown",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.add_typer(group)
    return group


def help_without_command(ctx: typer.Context) -> None:
    """A group run alone prints its help."""
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


def main() -> None:
    """The console script: quiet on a closed pipe (like grep) and on Ctrl-C."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from nhsalliance_cli.output import streams

    streams.prepare()
    try:
        app(prog_name="nhsalliance")
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        # The command is done: an interrupt now would only break the interpreter's exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
