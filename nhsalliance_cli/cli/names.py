"""names: people, organisations, places, terms and publications, and their mentions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from nhsalliance_cli import defaults
from nhsalliance_cli.cli import completion
from nhsalliance_cli.cli.options import Invocation, common_options
from nhsalliance_cli.cli.params import DEFAULT_WINDOW, LimitOption, filters, library
from nhsalliance_cli.cli.root import app
from nhsalliance_cli.errors import EmptyResult, UsageProblem
from nhsalliance_cli.output.display import fields_of
from nhsalliance_cli.output.shapes import Column, Format, KwicLine

if TYPE_CHECKING:
    from nhsalliance_cli.api import Corpus

NAME_COLUMNS = (
    Column("name", "name", style="cyan", wrap=True, min_width=16),
    Column("kind", "kind", drop=1),
    Column("mentions", "mentions", justify="right", drop=2),
    Column("docs", "docs", justify="right", drop=3),
    Column("aliases", "aliases", wrap=True),
)
NAME_FIELDS = (
    "name",
    "kind",
    "aliases",
    "score",
    "mentions",
    "docs",
    "first_seen",
    "last_seen",
    "origin",
    "note",
)
SCORED_NAME_COLUMNS = (
    NAME_COLUMNS[0],
    NAME_COLUMNS[1],
    Column("score", "score", justify="right"),
    *NAME_COLUMNS[2:],
)


NamesQuery = Annotated[
    str | None,
    typer.Argument(
        metavar="[NAME]",
        help="A name, acronym or term as you remember it; omit to list every name.",
        show_default=False,
        autocompletion=completion.names,
    ),
]
NamesKind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help="Only this kind: person, organisation, place, term or publication.",
        show_default=False,
    ),
]
NamesShowMentions = Annotated[
    bool,
    typer.Option(
        "--mentions",
        help="Show every mention of the best match, as concordance lines (search's fields).",
    ),
]
NamesMinScore = Annotated[
    float,
    typer.Option(
        "--min-score",
        metavar="SCORE",
        min=0,
        max=100,
        help="Lowest match score (0-100) that counts as a match.",
    ),
]
NamesAllNames = Annotated[
    bool, typer.Option("--all", help="Also list glossary names the texts never mention.")
]
NamesWindow = Annotated[
    int | None,
    typer.Option(
        "--window",
        "-w",
        metavar="N",
        help=f"With --mentions: words of context (default {DEFAULT_WINDOW}).",
        show_default=False,
    ),
]


@app.command("names")
@common_options()
def names(
    inv: Invocation,
    query: NamesQuery = None,
    kind: NamesKind = None,
    limit: LimitOption = None,
    show_mentions: NamesShowMentions = False,
    min_score: NamesMinScore = defaults.NAME_MIN_SCORE,
    all_names: NamesAllNames = False,
    window: NamesWindow = None,
) -> None:
    """Look up people, organisations, places, terms and publications, fuzzily.

    Names come from a curated glossary of the NHS (acronyms such as CCG and PBC, people,
    organisations, places, publications) merged with names found in the texts: acronym
    definitions like 'practice-based commissioning (PBC)', people with titles or quoted by
    name, capitalised names of organisations. The score (0-100) is rapidfuzz's WRatio
    between what you typed and the closest name or alias, after folding case, apostrophes,
    hyphens, '&' and plurals. Exits 1 when no name scores --min-score or more.

    **Examples**

    ```
    nhsalliance names
    nhsalliance names darzy
    nhsalliance names pbc
    nhsalliance names --kind person --limit 5
    nhsalliance names "nhs confed" --mentions
    nhsalliance names ccg --json | jq '.[0].aliases'
    ```
    """
    _check(query, kind, show_mentions, window)
    lib = library(inv).within(**filters(inv))
    columns = NAME_COLUMNS if query is None else SCORED_NAME_COLUMNS
    try:
        if show_mentions and query is not None:
            best = lib.best_name(query, kind=kind, min_score=min_score)
        else:
            found = lib.names(
                query, kind=kind, limit=limit, min_score=min_score, all_names=all_names
            )
    except EmptyResult:
        inv.out.records([], columns, fields=NAME_FIELDS)
        raise
    if show_mentions and query is not None:
        if not inv.out.structured:
            inv.note(f"mentions of {best.name} ({best.kind})")
        _mentions(inv, lib, query, kind, min_score, window, limit)
        return
    rows = [r.as_dict() for r in found]
    if inv.format is Format.AUTO:
        rows = [{**r, "docs": len(r["docs"]), "aliases": ", ".join(r["aliases"])} for r in rows]
    inv.out.records(rows, columns, fields=NAME_FIELDS)


def _check(query: str | None, kind: str | None, show_mentions: bool, window: int | None) -> None:
    """Mistakes in the options, caught before any work."""
    from nhsalliance_cli.analyses.concordance import check_window
    from nhsalliance_cli.analyses.names.entity import KINDS
    from nhsalliance_cli.api.choices import choice

    choice(kind, KINDS, "kind")
    if show_mentions and query is None:
        raise UsageProblem("--mentions needs a NAME to look up")
    if window is not None and not show_mentions:
        raise UsageProblem("--window goes with --mentions: it is the context of each mention")
    check_window(DEFAULT_WINDOW if window is None else window)


def _mentions(
    inv: Invocation,
    lib: Corpus,
    query: str,
    kind: str | None,
    min_score: float,
    window: int | None,
    limit: int | None,
) -> None:
    from nhsalliance_cli.analyses.concordance import Hit

    try:
        found = lib.mentions(query, kind=kind, min_score=min_score, window=window, limit=limit)
    except EmptyResult:
        if inv.format is not Format.AUTO:
            inv.out.records([], (), fields=fields_of(Hit))
        raise
    if inv.format is Format.AUTO:
        inv.out.kwic([KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in found])
    else:
        inv.out.records([h.record() for h in found], (), fields=fields_of(Hit))
