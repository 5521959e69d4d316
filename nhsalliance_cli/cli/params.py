"""The options several commands share, declared once, and the library behind a command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from nhsalliance_cli import defaults
from nhsalliance_cli.cli import completion
from nhsalliance_cli.cli.options import Invocation

if TYPE_CHECKING:
    from nhsalliance_cli.api import Corpus

DEFAULT_WINDOW = defaults.CONTEXT_WINDOW
STATS_LIMIT = 30

QueryArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="QUERY",
        help="Words or phrases; several are alternatives. '*' inside a word matches any letters.",
        show_default=False,
    ),
]
RegexOption = Annotated[
    list[str] | None,
    typer.Option(
        "--regex",
        "-e",
        metavar="PATTERN",
        help="A regular expression (RE2 syntax) over the raw text (repeatable).",
        show_default=False,
    ),
]
CaseOption = Annotated[
    bool, typer.Option("--case-sensitive", "-s", help="Match upper and lower case exactly.")
]
DocOption = Annotated[
    list[str] | None,
    typer.Option(
        "--doc",
        "-d",
        metavar="ID",
        help="Only this document (its id or any unique part of it; repeatable).",
        show_default=False,
        autocompletion=completion.document_ids,
    ),
]
TrendQueryArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="QUERY",
        help="Words or phrases; each is its own series. '*' inside a word matches any letters.",
        show_default=False,
    ),
]
# One name for "at most N" on every listing: --limit/-n (--top is the old name, hidden).
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", metavar="N", min=1, help="Show at most N.", show_default=False),
]
StatsLimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        min=1,
        help="Show the N first (default 30).",
        show_default=False,
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option("--top", metavar="N", min=1, hidden=True, help="Old name for --limit."),
]
MinCountOption = Annotated[
    int, typer.Option("--min-count", metavar="N", min=1, help="Leave out what occurs fewer times.")
]
VariantsOption = Annotated[
    bool,
    typer.Option(
        "--variants",
        help="A known name or acronym also matches its other forms (CCG: CCGs, clinical "
        "commissioning groups), from the names index.",
    ),
]
StopwordsOption = Annotated[
    bool,
    typer.Option("--no-stopwords", help="Leave out English function words (the, of, and, …)."),
]


def library(inv: Invocation) -> Corpus:
    """The command's corpus as the library sees it: loaded on first use (its warnings
    said), notes said on stderr, hints for a person only at a terminal."""
    from nhsalliance_cli.api import Corpus

    return Corpus(
        lambda: inv.whole,
        folder=inv.corpus_dir,
        on_note=inv.note,
        hints=inv.env.stdout_isatty,
    )


def filters(inv: Invocation) -> dict[str, Any]:
    """--since, --until and --where, as the library's keyword arguments."""
    return {"since": inv.since, "until": inv.until, "where": list(inv.where)}


def stats_limit(limit: int | None, top: int | None) -> int:
    """--limit, or its old name --top."""
    from nhsalliance_cli.errors import UsageProblem

    if limit is not None and top is not None:
        raise UsageProblem("--limit and --top are the same option; give one")
    return limit or top or STATS_LIMIT
