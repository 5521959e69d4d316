"""The command line: thin Typer commands over the library modules."""

from __future__ import annotations

import itertools
import shlex
import signal
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from nhsalliance_cli import __version__
from nhsalliance_cli.errors import NoResult, UsageProblem
from nhsalliance_cli.options import (
    CORPUS_ENV,
    AppState,
    Group,
    Invocation,
    common_options,
    say,
    state_of,
)
from nhsalliance_cli.output import Column, Format, KwicLine

if TYPE_CHECKING:
    from nhsalliance_cli.corpus import Corpus
    from nhsalliance_cli.names import Indexed

# Library modules beyond these load inside the commands that use them, to keep start-up
# close to a bare Typer program's.
DEFAULT_WINDOW = 8

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


COUNT_COLUMNS = (
    Column("doc", "document", style="cyan"),
    Column("count", "hits", justify="right"),
    Column("words", "words", justify="right"),
    Column("per_1000", "per 1,000 words", justify="right"),
)


@app.command("search")
@common_options()
def search(
    inv: Invocation,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUERY...",
            help="Words or phrases; several are alternatives. '*' inside a word matches "
            "any letters.",
            show_default=False,
        ),
    ] = None,
    regex: Annotated[
        list[str] | None,
        typer.Option(
            "--regex",
            "-e",
            metavar="PATTERN",
            help="A Python regular expression over the raw text (repeatable).",
            show_default=False,
        ),
    ] = None,
    case_sensitive: Annotated[
        bool, typer.Option("--case-sensitive", "-s", help="Match upper and lower case exactly.")
    ] = False,
    window: Annotated[
        int,
        typer.Option("--window", "-w", metavar="N", help="Words of context on each side."),
    ] = DEFAULT_WINDOW,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="KEYS",
            help="Up to three keys: doc (document order), L1-L9 / R1-R9 (the Nth word "
            "left or right of the match), match. E.g. R1,R2.",
        ),
    ] = "doc",
    doc: Annotated[
        list[str] | None,
        typer.Option(
            "--doc",
            "-d",
            metavar="ID",
            help="Search only this document (id or unique prefix; repeatable).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", metavar="N", help="Show at most N hits.", min=1),
    ] = None,
    count: Annotated[
        bool,
        typer.Option("--count", help="Count hits per document and in total, per 1,000 words."),
    ] = False,
) -> None:
    """Find words and phrases and show each in its context (keyword in context).

    Matching is by whole words, case-insensitive: 'Dixon' also finds "Dixon's",
    'GP' does not find 'GPs', and a phrase matches whatever punctuation, hyphens or
    line breaks stand between its words. Exits 1 when nothing matches.

    [b]Examples[/b]

      nhsalliance search commissioning
      nhsalliance search "practice based commissioning" --window 10
      nhsalliance search "commission*" --sort R1,R2 --doc dixon-retire
      nhsalliance search --regex "CCGs?\\b" --json | jq -r '.[].doc' | sort | uniq -c
      nhsalliance search PBC CCG --count
    """
    from nhsalliance_cli import concordance
    from nhsalliance_cli.search import compile_queries

    queries = compile_queries(query or [], regex or [], case_sensitive)
    keys = concordance.parse_sort(sort)
    corpus = inv.corpus.select(doc or [])
    if count:
        rows, total = concordance.count_rows(corpus, queries)
        shown_total = total if inv.out.structured else {**total, "doc": "total"}
        inv.out.records(rows, COUNT_COLUMNS, footer=shown_total)
        if not total["count"]:
            raise NoResult("no matches")
        return
    found = concordance.hits(corpus, queries, window)
    if keys and any(k.side != "doc" for k in keys):
        found = iter(concordance.sort_hits(found, keys))
    listed = list(itertools.islice(found, limit))
    if inv.format is Format.AUTO:
        inv.out.kwic([KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in listed])
    else:
        inv.out.records([h.record() for h in listed], ())
    if not listed:
        raise NoResult(
            "no matches", hints=tuple(_search_hints(corpus, query or [], case_sensitive))
        )


def _search_hints(corpus: Corpus, words: list[str], case_sensitive: bool) -> Iterator[str]:
    from nhsalliance_cli.names import build_index
    from nhsalliance_cli.vocabulary import suggest_query

    index = None
    for word in words:
        suggestion = suggest_query(corpus, word, case_sensitive)
        if suggestion is not None:
            alternative, hits = suggestion
            yield f"did you mean {alternative!r}? ({hits} {_plural(hits, 'hit')})"
            continue
        index = index or build_index(corpus)
        known = [(e, score) for e, score in index.lookup(word) if e.mentions]
        if known:
            entry, _ = known[0]
            n = len(entry.mentions)
            yield (
                f"did you mean {entry.entity.name!r}? ({entry.entity.kind}, "
                f"{n} {_plural(n, 'mention')}: nhsalliance names {shlex.quote(word)} --mentions)"
            )


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


NAME_COLUMNS = (
    Column("name", "name", style="cyan", wrap=True),
    Column("kind", "kind"),
    Column("mentions", "mentions", justify="right"),
    Column("docs", "docs", justify="right"),
    Column("aliases", "aliases", wrap=True),
)
SCORED_NAME_COLUMNS = (
    NAME_COLUMNS[0],
    NAME_COLUMNS[1],
    Column("score", "score", justify="right"),
    *NAME_COLUMNS[2:],
)


@app.command("names")
@common_options()
def names(
    inv: Invocation,
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="A name, acronym or term as you remember it; omit to list every name.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind: person, organisation, place, term or publication.",
            show_default=False,
        ),
    ] = None,
    show_mentions: Annotated[
        bool,
        typer.Option(
            "--mentions",
            help="Show every mention of the best match, as concordance lines (search's fields).",
        ),
    ] = False,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            metavar="SCORE",
            min=0,
            max=100,
            help="Lowest match score (0-100) that counts as a match.",
        ),
    ] = 80.0,
    all_names: Annotated[
        bool, typer.Option("--all", help="Also list glossary names the texts never mention.")
    ] = False,
    window: Annotated[
        int,
        typer.Option("--window", "-w", metavar="N", help="With --mentions: words of context."),
    ] = DEFAULT_WINDOW,
) -> None:
    """Look up people, organisations, places, terms and publications, fuzzily.

    Names come from a curated glossary of the NHS (acronyms such as CCG and PBC, people,
    organisations, places, publications) merged with names found in the texts: acronym
    definitions like 'practice-based commissioning (PBC)', people with titles or quoted by
    name, capitalised names of organisations. The score (0-100) is rapidfuzz's WRatio
    between what you typed and the closest name or alias, after folding case, apostrophes,
    hyphens, '&' and plurals. Exits 1 when no name scores --min-score or more.

    [b]Examples[/b]

      nhsalliance names
      nhsalliance names darzy
      nhsalliance names pbc
      nhsalliance names "nhs confed" --mentions
      nhsalliance names ccg --json | jq '.[0].aliases'
    """
    from nhsalliance_cli import names as names_lib

    if kind is not None and kind not in names_lib.KINDS:
        raise UsageProblem(f"unknown kind {kind!r}: use one of {', '.join(names_lib.KINDS)}")
    if show_mentions and query is None:
        raise UsageProblem("--mentions needs a NAME to look up")
    index = names_lib.build_index(inv.corpus)
    if query is None:
        order = {k: i for i, k in enumerate(names_lib.KINDS)}
        entries = [e for e in index.entries if (all_names or e.mentions)]
        entries.sort(key=lambda e: (order[e.entity.kind], -len(e.mentions), e.entity.name))
        scored = [(e, None) for e in entries]
    else:
        scored = list(index.lookup(query, min_score))
    if kind is not None:
        scored = [(e, score) for e, score in scored if e.entity.kind == kind]
    if show_mentions and scored:
        _show_mentions(inv, scored[0][0], window)
        return
    rows = [entry.record(score) for entry, score in scored]
    if inv.format is Format.AUTO:
        rows = [{**r, "docs": len(r["docs"]), "aliases": ", ".join(r["aliases"])} for r in rows]
    inv.out.records(rows, NAME_COLUMNS if query is None else SCORED_NAME_COLUMNS)
    if not rows:
        hints = ()
        if query is not None:
            near = index.lookup(query, names_lib.HINT_SCORE)[:3]
            if near:
                hints = (
                    "closest: "
                    + "; ".join(
                        f"{e.entity.name} ({e.entity.kind}, score {score:g})" for e, score in near
                    ),
                )
        raise NoResult("no name matches" + (f" {query!r}" if query else ""), hints=hints)


def _show_mentions(inv: Invocation, entry: Indexed, window: int) -> None:
    from nhsalliance_cli import concordance
    from nhsalliance_cli.names import mention_spans

    if not inv.out.structured:
        say(f"mentions of {entry.entity.name} ({entry.entity.kind})")
    found = list(
        concordance.hits_from_spans(mention_spans(inv.corpus, entry), entry.entity.forms, window)
    )
    if inv.format is Format.AUTO:
        inv.out.kwic([KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in found])
    else:
        inv.out.records([h.record() for h in found], ())
    if not found:
        raise NoResult(f"{entry.entity.name} is not mentioned in the {inv.corpus.name} corpus")


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
