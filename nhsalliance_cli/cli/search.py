"""search, and its --count, --count --by and --plot."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer

from nhsalliance_cli.cli.options import Invocation, common_options
from nhsalliance_cli.cli.params import (
    DEFAULT_WINDOW,
    CaseOption,
    DocOption,
    QueryArgument,
    RegexOption,
    VariantsOption,
    filters,
    library,
)
from nhsalliance_cli.cli.root import app
from nhsalliance_cli.errors import EmptyResult, UsageProblem
from nhsalliance_cli.output.display import fields_of, total_label
from nhsalliance_cli.output.shapes import Column, Format, KwicLine, Plot

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.concordance import Hit
    from nhsalliance_cli.api import Corpus

COUNT_COLUMNS = (
    Column("doc", "document", style="cyan"),
    Column("count", "hits", justify="right"),
    Column("words", "words", justify="right"),
    Column("per_1000", "per 1,000 words", justify="right"),
)
COUNT_FIELDS = ("doc", "count", "words", "per_1000")
GROUP_FIELDS = ("field", "value", "docs", "count", "words", "per_1000")


SearchWindow = Annotated[
    int | None,
    typer.Option(
        "--window",
        "-w",
        metavar="N",
        help=f"Words of context on each side (default {DEFAULT_WINDOW}).",
        show_default=False,
    ),
]
SearchSort = Annotated[
    str | None,
    typer.Option(
        "--sort",
        metavar="KEYS",
        help="Up to three keys: doc (document order, the default), L1-L9 / R1-R9 (the "
        "Nth word left or right of the match), match. E.g. R1,R2.",
        show_default=False,
    ),
]
SearchLimit = Annotated[
    int | None,
    typer.Option("--limit", "-n", metavar="N", help="Show at most N hits.", min=1),
]
SearchCount = Annotated[
    bool,
    typer.Option("--count", help="Count hits per document and in total, per 1,000 words."),
]
SearchPlot = Annotated[
    bool,
    typer.Option("--plot", help="Draw where the hits fall in each document (a dispersion plot)."),
]
SearchBy = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="FIELD",
        help="With --count: one row per value of a field (source, kind, folder, …) "
        "instead of per document.",
        show_default=False,
    ),
]
SearchAllDocs = Annotated[
    bool,
    typer.Option(
        "--all-docs",
        help="With --count or --plot: also the documents without a hit (left out by default).",
    ),
]


@app.command("search")
@common_options()
def search(
    inv: Invocation,
    query: QueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    window: SearchWindow = None,
    sort: SearchSort = None,
    doc: DocOption = None,
    limit: SearchLimit = None,
    count: SearchCount = False,
    plot: SearchPlot = False,
    variants: VariantsOption = False,
    by: SearchBy = None,
    all_docs: SearchAllDocs = False,
) -> None:
    """Find words and phrases and show each in its context (keyword in context).

    Matching is by whole words, case-insensitive: 'Dixon' also finds "Dixon's",
    'GP' does not find 'GPs', and a phrase matches whatever punctuation, hyphens or
    line breaks stand between its words. Several queries are alternatives: quote a
    phrase. Exits 1 when nothing matches.

    **Examples**

    ```
    nhsalliance search commissioning
    nhsalliance search "practice based commissioning" --window 10
    nhsalliance search "commission*" --sort R1,R2 --doc dixon-retire
    nhsalliance search --regex "CCGs?\\b" --json | jq -r '.[].doc' | uniq -c
    nhsalliance search PBC CCG --count
    nhsalliance search CCG --plot --since 2012
    ```
    """
    _check_modes(count, plot, by, all_docs, window=window, sort=sort, limit=limit)
    lib = library(inv)
    common: dict[str, Any] = {
        "regex": regex,
        "case_sensitive": case_sensitive,
        "doc": doc,
        "variants": variants,
        **filters(inv),
    }
    if count or plot:  # the whole result comes at once: the note before it
        _alternatives(inv, query)
    if plot:
        if inv.out.structured or count:
            raise UsageProblem(
                "--plot draws a chart; it does not go with --count, --json, --jsonl or --csv"
            )
        _plot(inv, lib, query, common, all_docs)
    elif count and by is not None:
        _count_by(inv, lib, query, common, by)
    elif count:
        _count(inv, lib, query, common, all_docs)
    else:
        found = lib.search(query, window=window, sort=sort, limit=limit, **common)
        _alternatives(inv, query)  # once the options are checked, before the first hit
        _hits(inv, found)


def _check_modes(count: bool, plot: bool, by: str | None, all_docs: bool, **given: Any) -> None:
    """--count and --plot take every hit: no --window, --sort or --limit with them."""
    for mode, on in (("--plot", plot), ("--count", count)):
        for option, value in given.items():
            if on and value is not None:
                raise UsageProblem(
                    f"{mode} and --{option} cannot be used together: {mode} "
                    f"{'draws' if mode == '--plot' else 'counts'} every hit"
                )
    if by is not None and not count:
        raise UsageProblem("--by goes with --count: it groups the counts by a field")
    if all_docs and (not (count or plot) or by is not None):
        raise UsageProblem("--all-docs goes with --count or --plot (per document)")


def _alternatives(inv: Invocation, query: list[str] | None) -> None:
    """At a terminal, several single words are alternatives: say so (a phrase is quoted)."""
    words = query or []
    several_words = len(words) > 1 and all(len(q.split()) == 1 for q in words)
    if several_words and inv.env.stdout_isatty and not inv.out.structured:
        inv.note(f"searching {len(words)} words as alternatives; quote them for a phrase")


def _hits(inv: Invocation, found: Iterator[Hit]) -> None:
    """The hits as they come; the library's EmptyResult (raised at the end of an empty
    search) is raised once the output is complete."""
    from nhsalliance_cli.analyses.concordance import Hit

    failed: list[EmptyResult] = []

    def kept() -> Iterator[Hit]:
        try:
            yield from found
        except EmptyResult as e:
            failed.append(e)

    if inv.format is Format.AUTO:
        inv.out.kwic_stream(KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in kept())
    else:
        inv.out.stream((h.record() for h in kept()), fields=fields_of(Hit))
    if failed:
        raise failed[0]


def _count(
    inv: Invocation, lib: Corpus, query: list[str] | None, common: dict[str, Any], all_docs: bool
) -> None:
    try:
        counts = lib.count(query, all_docs=all_docs, **common)
    except EmptyResult:  # nothing found: the empty listing, as everywhere
        inv.out.records([], COUNT_COLUMNS, fields=COUNT_FIELDS)
        raise
    # The total is for people; JSON and CSV records are the documents' rows only: those
    # with hits, unless --all-docs (the total counts the words of every document).
    footer = {**counts.total.as_dict(), "doc": total_label(len(counts), counts.documents)}
    rows = [r.as_dict() for r in counts]
    inv.out.records(rows, COUNT_COLUMNS, footer=footer, fields=COUNT_FIELDS)


def _count_by(
    inv: Invocation, lib: Corpus, query: list[str] | None, common: dict[str, Any], by: str
) -> None:
    """search --count --by FIELD: the hits in the documents of each value of the field."""
    try:
        groups = lib.count_by(query, by=by, **common)
    except EmptyResult:
        inv.out.records([], (), fields=GROUP_FIELDS)
        raise
    field = groups.field
    columns = (
        Column("value", field, style="cyan"),
        Column("docs", "docs", justify="right"),
        Column("count", "hits", justify="right"),
        Column("words", "words", justify="right"),
        Column("per_1000", "per 1,000 words", justify="right"),
    )
    rows = [g.record() for g in groups]
    if not inv.out.structured:
        rows = [
            {**r, "value": r["value"] if r["value"] is not None else f"(no {field})"} for r in rows
        ]
    total = groups.total
    footer = {
        "value": "total",
        "docs": sum(g.docs for g in groups),
        "count": total.count,
        "words": total.words,
        "per_1000": total.per_1000,
    }
    inv.out.records(rows, columns, footer=footer, fields=GROUP_FIELDS)


def _plot(
    inv: Invocation, lib: Corpus, query: list[str] | None, common: dict[str, Any], all_docs: bool
) -> None:
    rows = [Plot(r.doc, r.positions) for r in lib.dispersion(query, **common)]
    shown = rows if all_docs else [r for r in rows if r.positions]
    inv.out.dispersion(shown)
    hits = sum(len(r.positions) for r in rows)
    inv.out.text(f"{total_label(len(shown), len(rows))}: {hits} hit{'s' * (hits != 1)}\n")
