"""The command line: thin Typer commands over the library modules."""

from __future__ import annotations

import dataclasses
import itertools
import re
import signal
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from nhsalliance_cli import __version__, completion, defaults
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
from nhsalliance_cli.output import Bar, Column, Entry, Format, KwicLine, Plot

if TYPE_CHECKING:
    from nhsalliance_cli.corpus import Corpus
    from nhsalliance_cli.names import Indexed
    from nhsalliance_cli.search import Query
    from nhsalliance_cli.stats import TrendRow

# Library modules beyond these load inside the commands that use them, to keep start-up
# close to a bare Typer program's.
DEFAULT_WINDOW = defaults.CONTEXT_WINDOW

# Options several commands share, declared once.
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
STATS_LIMIT = 30
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
    no_index: Annotated[
        bool,
        typer.Option(
            "--no-index",
            envvar="NHSALLIANCE_NO_INDEX",
            help="Read and analyse the files directly instead of through the corpus index "
            "kept in the cache folder (same results, slower on large corpora).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help="Print the version and exit."
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never send long output on a terminal through a pager "
            "($NHSALLIANCE_PAGER, $PAGER or less).",
        ),
    ] = False,
) -> None:
    """Query the NHS Alliance texts (2009–2015) or your own folder of texts.

    Lists and reads documents and finds words and phrases in context, on a terminal
    or in a shell pipeline (--json, --jsonl, --csv; exit 1 when nothing matches).
    """
    state = state_of(ctx)
    env = dataclasses.replace(state.env, pager=None) if no_pager else state.env
    ctx.obj = AppState(env=env, corpus_dir=corpus, use_index=not no_index)
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


LIST_COLUMNS = (
    Column("id", "id", style="cyan"),
    Column("date", "date"),
    Column("kind", "kind", drop=1),
    Column("title", "title", wrap=True),
    Column("words", "words", justify="right", drop=2),
)


def _document_fields() -> tuple[str, ...]:
    from nhsalliance_cli.corpus import Document

    return tuple(Document(id="", file="", text="", title="").metadata())


def _fields(record_class: type) -> tuple[str, ...]:
    """A record class's JSON fields (for the header of an empty CSV listing)."""
    return tuple(f.name for f in dataclasses.fields(record_class) if f.metadata.get("public", True))


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
    rows = [doc.metadata() for doc in itertools.islice(inv.corpus, limit)]
    columns: tuple[Column, ...] = LIST_COLUMNS
    if inv.format is Format.AUTO:
        # The folder's own fields as columns after the kind, the first to go when narrow.
        own = sorted({name for row in rows for name in row["fields"]})
        extra = tuple(Column(f"field:{n}", n, drop=3) for n in own)
        columns = (*LIST_COLUMNS[:3], *extra, *LIST_COLUMNS[3:])
        rows = [
            {
                **row,
                "date": _shown_date(row),
                **{f"field:{n}": v for n, v in row["fields"].items()},
            }
            for row in rows
        ]
    inv.out.records(rows, columns, fields=_document_fields())
    if not rows:
        raise NoResult("no documents")


# ID:LINE, the form search prints ("dixon-retirement:34").
_ID_LINE_RE = re.compile(r"(?P<id>.+):(?P<line>\d+)")
# Lines shown either side of the line asked for by show ID:LINE.
SHOW_AROUND = 2


@app.command("show")
@common_options(formats=(Format.JSON, Format.JSONL), dates=False, where=True)
def show(
    inv: Invocation,
    doc_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A document id, or any unique part of one; ID:LINE (as search prints) "
            "marks that line.",
            autocompletion=completion.document_ids,
        ),
    ],
    text_only: Annotated[
        bool, typer.Option("--text", help="Print only the document's text, exactly as stored.")
    ] = False,
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
    line: int | None = None
    m = _ID_LINE_RE.fullmatch(doc_id.strip())
    if m is not None:
        doc_id, line = m["id"], int(m["line"])
    doc = inv.corpus.get(doc_id)
    from nhsalliance_cli.tokens import unify_line_breaks

    # Lines as search numbers them: \r\n, \n and a lone \r (old Mac files) each end one.
    lines = unify_line_breaks(doc.text).split("\n")
    if line is not None and not 1 <= line <= len(lines):
        raise UsageProblem(
            f"no line {line} in {doc.id}: it has {len(lines)} line{'s' * (len(lines) != 1)}"
        )
    if inv.format is not Format.AUTO:
        record = {**doc.metadata(), "text": doc.text}
        inv.out.record(record if line is None else {**record, "line": line})
        return
    if text_only:
        inv.out.text(doc.text if line is None else lines[line - 1] + "\n")
        return
    meta = doc.metadata()
    fields = [
        ("id", doc.id),
        ("date", _shown_date(meta) + (f" ({doc.date_evidence})" if doc.date_evidence else "")),
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
        from nhsalliance_cli.tokens import paragraph_spans

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


COUNT_COLUMNS = (
    Column("doc", "document", style="cyan"),
    Column("count", "hits", justify="right"),
    Column("words", "words", justify="right"),
    Column("per_1000", "per 1,000 words", justify="right"),
)


COUNT_FIELDS = ("doc", "count", "words", "per_1000")


@app.command("search")
@common_options()
def search(
    inv: Invocation,
    query: QueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    window: Annotated[
        int | None,
        typer.Option(
            "--window",
            "-w",
            metavar="N",
            help=f"Words of context on each side (default {DEFAULT_WINDOW}).",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="KEYS",
            help="Up to three keys: doc (document order, the default), L1-L9 / R1-R9 (the "
            "Nth word left or right of the match), match. E.g. R1,R2.",
            show_default=False,
        ),
    ] = None,
    doc: DocOption = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", metavar="N", help="Show at most N hits.", min=1),
    ] = None,
    count: Annotated[
        bool,
        typer.Option("--count", help="Count hits per document and in total, per 1,000 words."),
    ] = False,
    plot: Annotated[
        bool,
        typer.Option(
            "--plot", help="Draw where the hits fall in each document (a dispersion plot)."
        ),
    ] = False,
    variants: VariantsOption = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="FIELD",
            help="With --count: one row per value of a field (source, kind, folder, …) "
            "instead of per document.",
            show_default=False,
        ),
    ] = None,
    all_docs: Annotated[
        bool,
        typer.Option(
            "--all-docs",
            help="With --count or --plot: also the documents without a hit (left out by default).",
        ),
    ] = False,
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
    from nhsalliance_cli import concordance
    from nhsalliance_cli.search import compile_queries

    given = {
        "--window": window is not None,
        "--sort": sort is not None,
        "--limit": limit is not None,
    }
    for mode, on in (("--plot", plot), ("--count", count)):
        for option, used in given.items():
            if on and used:
                raise UsageProblem(
                    f"{mode} and {option} cannot be used together: {mode} "
                    f"{'draws' if mode == '--plot' else 'counts'} every hit"
                )
    if by is not None and not count:
        raise UsageProblem("--by goes with --count: it groups the counts by a field")
    if all_docs and (not (count or plot) or by is not None):
        raise UsageProblem("--all-docs goes with --count or --plot (per document)")
    queries = compile_queries(query or [], regex or [], case_sensitive)
    queries = _variants(inv, queries, variants, hint=True)
    keys = concordance.parse_sort(sort or "doc")
    window = DEFAULT_WINDOW if window is None else window
    concordance.check_window(window)  # every option checked before anything is printed
    corpus = inv.corpus.select(doc or [])
    several_words = len(words := query or []) > 1 and all(len(q.split()) == 1 for q in words)
    if several_words and inv.env.stdout_isatty and not inv.out.structured:
        say(f"searching {len(words)} words as alternatives; quote them for a phrase")
    if plot:
        _plot(inv, corpus, queries, count, all_docs)
        return
    if count and by is not None:
        _count_by(inv, corpus, queries, by, query)
        return
    if count:
        rows, total = concordance.count_rows(corpus, queries)
        if not total["count"]:  # nothing found: the empty listing, as everywhere
            inv.out.records([], COUNT_COLUMNS, fields=COUNT_FIELDS)
            raise NoResult("no matches", hints=_hints(corpus, query))
        # The total is for people; JSON and CSV records are the documents' rows only: those
        # with hits, unless --all-docs (the total counts the words of every document).
        listed = rows if all_docs else [r for r in rows if r["count"]]
        footer = {**total, "doc": _total_label(len(listed), len(rows))}
        inv.out.records(listed, COUNT_COLUMNS, footer=footer, fields=COUNT_FIELDS)
        return
    concordance.check_window(window)
    sorting = any(k.side != "doc" for k in keys)
    labels = [q.text for q in queries]
    found = concordance.hits_from_spans(
        concordance.spans_by_document(corpus, queries), labels, window
    )
    if sorting:
        found = iter(concordance.sort_hits(found, keys))
    matched: set[str] = set()  # which queries found something

    def noted(hits: Iterable[concordance.Hit]) -> Iterator[concordance.Hit]:
        for hit in hits:
            matched.add(hit.query)
            yield hit

    found = noted(itertools.islice(found, limit))
    if inv.format is Format.AUTO:
        shown = inv.out.kwic_stream(
            KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in found
        )
    else:
        shown = inv.out.stream((h.record() for h in found), fields=_fields(concordance.Hit))
    if not shown:
        raise NoResult("no matches", hints=_hints(corpus, query))
    if limit is None:
        _say_unmatched(corpus, query, matched)


GROUP_FIELDS = ("field", "value", "docs", "count", "words", "per_1000")


def _count_by(
    inv: Invocation, corpus: Corpus, queries: list[Query], by: str, words: Sequence[str] | None
) -> None:
    """search --count --by FIELD: the hits in the documents of each value of the field."""
    from nhsalliance_cli.concordance import per_1000
    from nhsalliance_cli.stats import count_by
    from nhsalliance_cli.where import field_names, resolve

    field = resolve(by, field_names(corpus), "--by")
    groups = count_by(corpus, queries, field)
    columns = (
        Column("value", field, style="cyan"),
        Column("docs", "docs", justify="right"),
        Column("count", "hits", justify="right"),
        Column("words", "words", justify="right"),
        Column("per_1000", "per 1,000 words", justify="right"),
    )
    total_hits = sum(g.count for g in groups)
    if not total_hits:
        inv.out.records([], columns, fields=GROUP_FIELDS)
        raise NoResult("no matches", hints=_hints(corpus, words))
    rows = [g.record() for g in groups]
    if not inv.out.structured:
        rows = [
            {**r, "value": r["value"] if r["value"] is not None else f"(no {field})"} for r in rows
        ]
    total_words = sum(g.words for g in groups)
    footer = {
        "value": "total",
        "docs": sum(g.docs for g in groups),
        "count": total_hits,
        "words": total_words,
        "per_1000": per_1000(total_hits, total_words),
    }
    inv.out.records(rows, columns, footer=footer, fields=GROUP_FIELDS)


def _say_unmatched(corpus: Corpus, words: Sequence[str] | None, matched: set[str]) -> None:
    """Beside queries that found something, a word query that found nothing is likely a
    typo: say so on stderr, with 'did you mean' when a corpus word is close."""
    for word in dict.fromkeys(words or []):
        if word not in matched:
            say(f"no matches for {word!r}")
            for hint in _hints(corpus, [word]):
                say(hint)


def _hints(corpus: Corpus, words: Sequence[str] | None) -> tuple[str, ...]:
    """'Did you mean' lines for word queries that found nothing."""
    if not words or not len(corpus):
        return ()
    from nhsalliance_cli.vocabulary import search_hints

    return tuple(search_hints(corpus, words))


def _variants(inv: Invocation, queries: list[Query], variants: bool, hint: bool) -> list[Query]:
    """With --variants, each known name also matches its other forms; without it, on a
    terminal, a hint names those forms."""
    if not variants and not (hint and inv.env.stdout_isatty):
        return queries
    from nhsalliance_cli import variants as forms
    from nhsalliance_cli.analyses import names_index

    index = names_index(inv.corpus)
    if variants:
        return forms.with_variants(queries, index)
    for line in forms.hints(queries, index):
        say(line)
    return queries


def _total_label(shown: int, documents: int) -> str:
    """The total row's label: 'total', or 'total (12 of 840 documents)' when documents
    without hits were left out."""
    if shown == documents:
        return "total"
    return f"total ({shown} of {documents} documents)"


def _plot(
    inv: Invocation, corpus: Corpus, queries: list[Query], count: bool, all_docs: bool
) -> None:
    from nhsalliance_cli.concordance import spans_by_document

    if inv.out.structured or count:
        raise UsageProblem(
            "--plot draws a chart; it does not go with --count, --json, --jsonl or --csv"
        )
    rows = [
        Plot(doc.id, tuple(s.start / max(len(doc.text), 1) for s in spans))
        for doc, spans in spans_by_document(corpus, queries)
    ]
    if not any(r.positions for r in rows):
        raise NoResult("no matches")
    shown = rows if all_docs else [r for r in rows if r.positions]
    inv.out.dispersion(shown)
    hits = sum(len(r.positions) for r in rows)
    inv.out.text(f"{_total_label(len(shown), len(rows))}: {hits} hit{'s' * (hits != 1)}\n")


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
            autocompletion=completion.names,
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
    limit: LimitOption = None,
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
    ] = defaults.NAME_MIN_SCORE,
    all_names: Annotated[
        bool, typer.Option("--all", help="Also list glossary names the texts never mention.")
    ] = False,
    window: Annotated[
        int | None,
        typer.Option(
            "--window",
            "-w",
            metavar="N",
            help=f"With --mentions: words of context (default {DEFAULT_WINDOW}).",
            show_default=False,
        ),
    ] = None,
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
    from nhsalliance_cli import names as names_lib

    kind = _choice(kind, names_lib.KINDS, "kind")
    if show_mentions and query is None:
        raise UsageProblem("--mentions needs a NAME to look up")
    if window is not None and not show_mentions:
        raise UsageProblem("--window goes with --mentions: it is the context of each mention")
    from nhsalliance_cli.analyses import names_index
    from nhsalliance_cli.concordance import check_window

    check_window(DEFAULT_WINDOW if window is None else window)
    index = names_index(inv.corpus)
    scored: list[tuple[Indexed, float | None]]
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
        _show_mentions(inv, scored[0][0], DEFAULT_WINDOW if window is None else window, limit)
        return
    rows = [entry.record(score) for entry, score in scored[:limit]]
    if inv.format is Format.AUTO:
        rows = [{**r, "docs": len(r["docs"]), "aliases": ", ".join(r["aliases"])} for r in rows]
    inv.out.records(
        rows, NAME_COLUMNS if query is None else SCORED_NAME_COLUMNS, fields=NAME_FIELDS
    )
    if not rows:
        hints: tuple[str, ...] = ()
        if query is not None:
            near = index.suggestions(query)
            if near:
                hints = (
                    "closest: "
                    + "; ".join(
                        f"{e.entity.name} ({e.entity.kind}, score {score:g})" for e, score in near
                    ),
                )
        raise NoResult("no name matches" + (f" {query!r}" if query else ""), hints=hints)


def _show_mentions(inv: Invocation, entry: Indexed, window: int, limit: int | None) -> None:
    from nhsalliance_cli import concordance
    from nhsalliance_cli.names import mention_spans

    concordance.check_window(window)  # before anything is printed
    if not inv.out.structured:
        say(f"mentions of {entry.entity.name} ({entry.entity.kind})")
    found = list(
        itertools.islice(
            concordance.hits_from_spans(
                mention_spans(inv.corpus, entry), entry.entity.forms, window
            ),
            limit,
        )
    )
    if inv.format is Format.AUTO:
        inv.out.kwic([KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in found])
    else:
        inv.out.records([h.record() for h in found], (), fields=_fields(concordance.Hit))
    if not found:
        raise NoResult(f"{entry.entity.name} is not mentioned in the {inv.corpus.name} corpus")


stats_app = typer.Typer(
    name="stats",
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(stats_app)


@stats_app.callback(invoke_without_command=True)
def _stats(ctx: typer.Context) -> None:
    """Word lists, n-grams, collocates and keywords: the corpus linguist's counts.

    Words are tokens folded to lower case, the same tokens 'search' matches, so a word's
    count here equals 'nhsalliance search WORD --count'.

    **Examples**

    ```
    nhsalliance stats words --limit 30 --no-stopwords
    nhsalliance stats ngrams --size 3 --min-count 2
    nhsalliance stats collocates commissioning --window 5 --measure loglik
    nhsalliance stats keywords --where kind=news* --against kind=press*
    ```
    """
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


WORD_COLUMNS = (
    Column("word", "word", style="cyan"),
    Column("count", "count", justify="right"),
    Column("per_1000", "per 1,000", justify="right"),
    Column("docs", "docs", justify="right"),
)


@stats_app.command("words")
@common_options()
def stats_words(
    inv: Invocation,
    limit: StatsLimitOption = None,
    no_stopwords: StopwordsOption = False,
    min_count: MinCountOption = 1,
    doc: DocOption = None,
    top: TopOption = None,
) -> None:
    """The most frequent words, with their rate per 1,000 words and how many documents use them.

    **Examples**

    ```
    nhsalliance stats words --limit 30 --no-stopwords
    nhsalliance stats words --doc new-year --csv > words.csv
    nhsalliance stats words --since 2013 -n 10
    ```
    """
    from nhsalliance_cli import stats

    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    from nhsalliance_cli.analyses import word_list

    rows = word_list(inv.corpus.select(doc or []), stopwords, min_count, _stats_limit(limit, top))
    inv.out.records([r.record() for r in rows], WORD_COLUMNS, fields=_fields(stats.WordRow))
    if not rows:
        raise NoResult("no words")


NGRAM_COLUMNS = (
    Column("ngram", "n-gram", style="cyan"),
    Column("count", "count", justify="right"),
    Column("docs", "docs", justify="right"),
)


@stats_app.command("ngrams")
@common_options()
def stats_ngrams(
    inv: Invocation,
    size: Annotated[
        int, typer.Option("--size", "-k", metavar="K", help="Words per n-gram, 2 to 5.")
    ] = 2,
    limit: StatsLimitOption = None,
    min_count: MinCountOption = 2,
    no_stopwords: StopwordsOption = False,
    doc: DocOption = None,
    top: TopOption = None,
) -> None:
    """The most frequent sequences of K words (--size), never across a paragraph break.

    With --no-stopwords, n-grams that begin or end with a function word are left out.

    **Examples**

    ```
    nhsalliance stats ngrams --size 3 --min-count 2
    nhsalliance stats ngrams -k 2 --no-stopwords --limit 10 --json
    ```
    """
    from nhsalliance_cli import stats

    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    from nhsalliance_cli.analyses import ngram_list

    rows = ngram_list(inv.corpus.select(doc or []), size, min_count, stopwords)
    rows = rows[: _stats_limit(limit, top)]
    inv.out.records([r.record() for r in rows], NGRAM_COLUMNS, fields=_fields(stats.NgramRow))
    if not rows:
        raise NoResult(f"no {size}-grams occur {min_count} or more times")


COLLOCATE_COLUMNS = (
    Column("word", "collocate", style="cyan"),
    Column("observed", "observed", justify="right"),
    Column("expected", "expected", justify="right"),
)


def _stats_limit(limit: int | None, top: int | None) -> int:
    if limit is not None and top is not None:
        raise UsageProblem("--limit and --top are the same option; give one")
    return limit or top or STATS_LIMIT


@stats_app.command("collocates")
@common_options()
def stats_collocates(
    inv: Invocation,
    query: QueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    window: Annotated[
        int, typer.Option("--window", "-w", metavar="N", help="Words each side of the node.")
    ] = 5,
    measure: Annotated[
        str,
        typer.Option(
            "--measure", "-m", metavar="MEASURE", help="loglik (log-likelihood) or mi, any case."
        ),
    ] = "loglik",
    min_count: MinCountOption = 2,
    limit: StatsLimitOption = None,
    no_stopwords: StopwordsOption = False,
    doc: DocOption = None,
    top: TopOption = None,
    variants: VariantsOption = False,
) -> None:
    """Words that occur near a word or phrase more often than chance predicts.

    For a collocate w: observed O is how often w stands within --window words of the
    node, expected E = R x C / N (R window positions, C the frequency of w, N corpus
    words). mi is log2(O/E); loglik is Dunning's log-likelihood G2. Only O > E is listed.

    **Examples**

    ```
    nhsalliance stats collocates commissioning --window 5 --measure loglik
    nhsalliance stats collocates "primary care" --measure MI --no-stopwords
    ```
    """
    from nhsalliance_cli import stats
    from nhsalliance_cli.concordance import spans_by_document
    from nhsalliance_cli.search import compile_queries

    queries = compile_queries(query or [], regex or [], case_sensitive)
    measure = _choice(measure, stats.MEASURES, "measure") or "loglik"
    queries = _variants(inv, queries, variants, hint=False)
    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    corpus = inv.corpus.select(doc or [])
    rows = stats.collocates(corpus, queries, window, measure, min_count, stopwords)
    rows = rows[: _stats_limit(limit, top)]
    # The score column is named for its measure: LOGLIK or MI.
    columns = (*COLLOCATE_COLUMNS, Column("score", measure, justify="right"))
    inv.out.records([r.record() for r in rows], columns, fields=_fields(stats.CollocateRow))
    if rows:
        return
    if not any(spans for _, spans in spans_by_document(corpus, queries)):
        raise NoResult("no matches for the node", hints=_hints(corpus, query))
    raise NoResult("no collocates (try a lower --min-count or a wider --window)")


KEYWORD_COLUMNS = (
    Column("word", "word", style="cyan"),
    Column("count", "count", justify="right"),
    Column("per_1000", "per 1,000", justify="right"),
    Column("ref_count", "ref count", justify="right"),
    Column("ref_per_1000", "ref per 1,000", justify="right", drop=2),
    Column("loglik", "loglik", justify="right"),
    Column("log_ratio", "log ratio", justify="right"),
    Column("p", "p", justify="right", drop=1),
)


@stats_app.command("keywords")
@common_options()
def stats_keywords(
    inv: Invocation,
    against: Annotated[
        list[str] | None,
        typer.Option(
            "--against",
            metavar="FIELD=VALUE",
            help="The reference corpus: the documents whose FIELD is VALUE (as --where; "
            "repeatable). By default every document outside the sub-corpus.",
            show_default=False,
        ),
    ] = None,
    size: Annotated[
        int, typer.Option("--size", "-k", metavar="K", help="Words per item, 1 to 5.")
    ] = 1,
    negative: Annotated[
        bool,
        typer.Option("--negative", help="What the sub-corpus says less often than the reference."),
    ] = False,
    max_p: Annotated[
        float,
        typer.Option(
            "--max-p",
            metavar="P",
            min=0,
            max=1,
            help="Keep items whose Bonferroni-corrected p-value is under P; 1 keeps every one.",
        ),
    ] = 0.01,
    min_count: MinCountOption = 3,
    limit: StatsLimitOption = None,
    no_stopwords: StopwordsOption = False,
    doc: DocOption = None,
) -> None:
    """Keywords: what a sub-corpus (--where, --doc, --since, --until) says more often than
    the rest of the corpus, or than the documents of --against.

    For each word (or --size K n-gram): its count and rate in both corpora, the
    log-likelihood G2 with its p-value (chi-square, 1 degree of freedom, Bonferroni-corrected
    for the number of items compared), and the log ratio, log2 of the ratio of the two
    relative frequencies (Hardie 2014; a zero counts as 0.5): 1 is twice as frequent. Items
    with p under --max-p (default 0.01) are ranked by G2. --min-count applies to the
    sub-corpus (to the reference with --negative).

    **Examples**

    ```
    nhsalliance stats keywords --where kind=press*
    nhsalliance stats keywords --since 2013 --negative --limit 10
    nhsalliance stats keywords --where source=nyt --against source=wapo
    nhsalliance stats keywords --doc dixon-retire --size 2 --json
    ```
    """
    from nhsalliance_cli import stats
    from nhsalliance_cli.where import narrow, parse

    if size not in stats.KEYWORD_SIZES:
        raise UsageProblem(f"--size must be from 1 to 5, got {size}")
    conditions = [parse(a, "--against") for a in against or []]
    target = inv.corpus.select(doc or [])
    chosen = {d.id for d in target}
    pool = narrow(inv.whole, conditions, "--against") if conditions else inv.whole
    reference = dataclasses.replace(
        pool, documents=tuple(d for d in pool if d.id not in chosen), results=None
    )
    if len(target) == len(inv.whole) and not conditions:
        raise UsageProblem(
            "stats keywords compares a sub-corpus with the rest: choose it with --where "
            "FIELD=VALUE, --doc, --since or --until"
        )
    if not len(reference):
        raise UsageProblem(
            "the reference corpus is empty: every document of --against is in the sub-corpus"
        )
    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    rows = stats.keywords(
        stats.frequencies(target, size, stopwords),
        stats.frequencies(reference, size, stopwords),
        negative,
        max_p,
        min_count,
    )[: limit or STATS_LIMIT]
    say_about = f"{len(target)} against {len(reference)} documents"
    if not inv.out.structured and inv.env.stdout_isatty:
        say(f"keywords of {say_about}")
    shown = [r.record() for r in rows]
    if not inv.out.structured:  # p-values span orders of magnitude: 3.2e-09, not 0.00
        shown = [{**r, "p": f"{r['p']:.2g}"} for r in shown]
    inv.out.records(shown, KEYWORD_COLUMNS, fields=_fields(stats.KeywordRow))
    if not rows:
        raise NoResult(
            f"no {'negative ' if negative else ''}keywords at p < {max_p:g} ({say_about}; "
            "try --max-p 1 or a lower --min-count)"
        )


TREND_COLUMNS = (
    Column("query", "query", style="cyan"),
    Column("doc", "document"),
    Column("date", "date"),
    Column("count", "count", justify="right"),
    Column("per_1000", "per 1,000", justify="right"),
)
PERIOD_COLUMNS = (
    Column("query", "query", style="cyan"),
    Column("period", "period"),
    Column("docs", "docs", justify="right"),
    Column("count", "count", justify="right"),
    Column("words", "words", justify="right"),
    Column("per_1000", "per 1,000", justify="right"),
)


@app.command("trend")
@common_options()
def trend(
    inv: Invocation,
    query: TrendQueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    doc: DocOption = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="PERIOD|FIELD",
            help="One row per doc (document), year or month, or per value of a field "
            "(source, kind, folder, a metadata column…).",
        ),
    ] = "doc",
    variants: VariantsOption = False,
) -> None:
    """How often each query occurs in each document, year or month, in date order
    (per 1,000 words).

    Each query (and each --regex) is its own series. On a terminal, a bar chart per
    query, all on one scale, with each document's date and title (~ marks a date inferred
    from the text); on a pipe or with --json/--csv, the numbers. Documents without a date
    come last. Counts agree with 'search QUERY --count'.

    **Examples**

    ```
    nhsalliance trend PBC CCG "practice based commissioning"
    nhsalliance trend PBC CCG --csv > trend.csv
    nhsalliance trend CCG --by year --since 2010
    ```
    """
    from nhsalliance_cli import stats
    from nhsalliance_cli.search import compile_queries

    queries = compile_queries(query or [], regex or [], case_sensitive)
    by = _period_or_field(inv.corpus, by)
    queries = _variants(inv, queries, variants, hint=True)
    corpus = inv.corpus.select(doc or [])
    rows = stats.trend(corpus, queries, by)
    undated = [d.id for d in corpus if not d.date]
    if undated and by in stats.TREND_PERIODS:
        verb = "has" if len(undated) == 1 else "have"
        say(f"{len(undated)} of {len(corpus)} documents {verb} no date; they are listed last")
    columns: tuple[Column, ...] = TREND_COLUMNS if by == "doc" else PERIOD_COLUMNS
    if by not in stats.TREND_PERIODS:
        columns = tuple(
            dataclasses.replace(c, header=by) if c.key == "period" else c for c in columns
        )
    none = "undated" if by in stats.TREND_PERIODS else f"(no {by})"
    if not any(r.count for r in rows):  # nothing found: the empty listing, as everywhere
        inv.out.records([], columns, fields=_fields(stats.TrendRow))
        raise NoResult("no matches", hints=_hints(corpus, query))
    if inv.out.structured or not inv.env.stdout_isatty:
        shown = [r.record() for r in rows]
        if not inv.out.structured:
            shown = [{**r, "date": _shown_date(r), "period": r["period"] or none} for r in shown]
        inv.out.records(shown, columns, fields=_fields(stats.TrendRow))
    elif rows:
        _trend_bars(inv, corpus, [q.text for q in queries], rows, by)
    _say_unmatched(corpus, query, {r.query for r in rows if r.count})


def _trend_bars(
    inv: Invocation, corpus: Corpus, labels: Sequence[str], rows: Sequence[TrendRow], by: str
) -> None:
    """One bar chart per query, all on the scale of the largest value of any of them."""
    titles = {d.id: d.title for d in corpus}
    scale = max(r.per_1000 for r in rows) or 1.0

    def when(r: TrendRow) -> str:
        if by == "doc":
            return _shown_date(r.record())
        if by not in ("year", "month"):
            return r.period or f"(no {by})"
        return r.period or "undated"

    date_w = max(len(when(r)) for r in rows)
    value_w = max(len(f"{r.per_1000:.2f}") for r in rows)
    # What the label may take and still leave a bar of 20 cells on the line.
    room = max(inv.env.width - date_w - value_w - 2 - 4 - 20, 12)

    def label(r: TrendRow) -> str:
        if by == "doc":
            about = titles[r.doc] if r.doc else ""
        else:
            about = f"{r.docs} document{'s' * (r.docs != 1)}"
        return f"{when(r):<{date_w}}  {_clip(about, min(room, 50))}"

    note = f" (one scale for all: a full bar is {scale:.2f})" if len(labels) > 1 else ""
    for text in labels:
        bars = [
            Bar(label(r), r.per_1000, dim=r.date_inferred or not r.period)
            for r in rows
            if r.query == text
        ]
        inv.out.bars(f"{text}: per 1,000 words{note}", bars, scale=scale)


def _period_or_field(corpus: Corpus, by: str) -> str:
    """--by: a period (any case) or a field of the documents (as they spell it)."""
    from nhsalliance_cli import stats
    from nhsalliance_cli.where import field_names, listing

    if by.strip().lower() in stats.TREND_PERIODS:
        return by.strip().lower()
    names = field_names(corpus)
    folded = {n.casefold(): n for n in names}
    if by.strip().casefold() in folded:
        return folded[by.strip().casefold()]
    from nhsalliance_cli.suggest import closest

    near = closest(by, [*stats.TREND_PERIODS, *names], limit=3, cutoff=70)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    raise UsageProblem(
        f"unknown period {by!r}: use {', '.join(stats.TREND_PERIODS)} or a field{hint} "
        f"({listing('fields', names)})"
    )


def _choice(value: str | None, choices: Sequence[str], what: str) -> str | None:
    """A choice option's value, any case (--kind Person is person); None stays None."""
    if value is None:
        return None
    folded = value.strip().lower()
    if folded not in choices:
        raise UsageProblem(f"unknown {what} {value!r}: use one of {', '.join(choices)}")
    return folded


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


QUOTE_COLUMNS = (
    Column("doc", "document", style="cyan"),
    Column("date", "date"),
    Column("speaker", "speaker"),
    Column("kind", "kind", drop=1),
    Column("text", "quotation", wrap=True, min_width=30),
)


@app.command("quotes")
@common_options()
def quotes(
    inv: Invocation,
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            metavar="NAME",
            help="Only this speaker's words (fuzzy: 'dixon', 'rick stern').",
            show_default=False,
            autocompletion=completion.speakers,
        ),
    ] = None,
    contains: Annotated[
        str | None,
        typer.Option(
            "--contains",
            metavar="QUERY",
            help="Only quotations holding this word or phrase (search's query language; "
            "a known name or acronym also matches its other forms).",
            show_default=False,
        ),
    ] = None,
    all_kinds: Annotated[
        bool,
        typer.Option("--all", help="Also titles, names and scare quotes, with their kind."),
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind: speech, title, name or scare.",
            show_default=False,
        ),
    ] = None,
    doc: DocOption = None,
    limit: LimitOption = None,
) -> None:
    """Every quotation, with its speaker, document and date.

    Quotations are found in the text by where their quote marks stand (curly or straight,
    right or wrong glyph), followed over several paragraphs, and attributed from their cue:
    'X said:', '“…,” he said', '“…,” said X', 'according to X', 'X, chief executive, Y
    said:', a partial quotation in reported speech. Speakers are read from the text itself
    (any name, or an organisation), titles and roles kept apart; a surname or pronoun is the
    person the document named. Speech is listed by default; --all adds titles, names and
    scare quotes.

    **Examples**

    ```
    nhsalliance quotes
    nhsalliance quotes --speaker dixon --contains CCG
    nhsalliance quotes --speaker "rick stern" --json
    nhsalliance quotes --all --until 2012
    ```
    """
    from nhsalliance_cli.analyses import names_index, quotations
    from nhsalliance_cli.quotation import KINDS, Quotation
    from nhsalliance_cli.search import compile_words, find

    fields = (*_fields(Quotation), "date", "date_inferred")
    kind = _choice(kind, KINDS, "kind")
    if kind is not None and all_kinds:
        raise UsageProblem("--kind and --all cannot be used together: --kind keeps one kind")
    corpus = inv.corpus.select(doc or [])
    found = quotations(corpus, inv.corpus)
    if kind is not None:
        found = [q for q in found if q.kind == kind]
    elif not all_kinds:
        found = [q for q in found if q.kind == "speech"]
    if speaker is not None:
        known = {q.speaker for q in found if q.speaker}
        wanted = names_index(inv.corpus).people_matching(speaker, known)
        if not wanted:
            from nhsalliance_cli.suggest import closest
            from nhsalliance_cli.where import listing

            near = closest(speaker, sorted(known), limit=5)
            others = sorted(known - set(near), key=str.casefold)
            listed = listing("speakers", [*near, *others]) if known else "no speakers at all"
            inv.out.records([], QUOTE_COLUMNS, fields=fields)
            raise NoResult(f"no speaker matches {speaker!r}", hints=(listed,))
        found = [q for q in found if q.speaker in wanted]
    if contains is not None:
        patterns = [compile_words(form) for form in names_index(inv.corpus).forms_of(contains)]
        found = [q for q in found if find(q.text, patterns)]
    dates = {d.id: d.date for d in corpus}
    meta = {d.id: d.metadata() for d in corpus} if inv.format is Format.AUTO else {}
    inferred = {d.id: d.date_inferred for d in corpus}
    rows = [
        {**q.record(), "date": dates[q.doc], "date_inferred": inferred[q.doc]}
        for q in found[:limit]
    ]
    if inv.format is Format.AUTO:
        rows = [
            {
                **r,
                "speaker": r["speaker"] or "",
                "text": " ".join(r["text"].split()),
                "date": _shown_date(meta[r["doc"]]),
            }
            for r in rows
        ]
    inv.out.records(rows, QUOTE_COLUMNS, fields=fields)
    if not rows:
        raise NoResult("no quotations match")


@app.command("quote")
@common_options(formats=(Format.JSON, Format.JSONL, Format.CSV))
def quote(
    inv: Invocation,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The quotation as you remember it.")],
    cite: Annotated[
        bool, typer.Option("--cite", help="Print a one-line citation for each source found.")
    ] = False,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            metavar="SCORE",
            min=0,
            max=100,
            help="Lowest score (0-100) that counts as a source.",
        ),
    ] = defaults.QUOTE_MIN_SCORE,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="Show at most N sources.")
    ] = 3,
    doc: DocOption = None,
) -> None:
    """Find where a half-remembered quotation comes from, and what it really says.

    Prints the exact wording, the document and its date, the speaker (or the document's
    author), a score from 0 to 100 and a word-level diff: [-what you typed-] {+what the
    source says+}. Tolerates changed, dropped and reordered words and digits for number
    words; a quotation scoring under --min-score is 'no source found' (exit 1).

    **Examples**

    ```
    nhsalliance quote "the new CCGs risk becoming bureaucratic"
    nhsalliance quote "we will only survive if we keep our old friends" --cite
    nhsalliance quote "18 years is as long as any chair should serve" --json
    ```
    """
    from nhsalliance_cli.analyses import quotations
    from nhsalliance_cli.candidates import candidates, distinct, once_per_text
    from nhsalliance_cli.lookup import Match, citation, closest, find_quote
    from nhsalliance_cli.search import check_text
    from nhsalliance_cli.stats import load_stopwords

    if cite and inv.out.structured:
        raise UsageProblem(f"--cite and --{inv.format.value} cannot be used together")
    check_text(text, what="quotation")
    corpus = inv.corpus.select(doc or [])
    stopwords = load_stopwords()
    narrowed = candidates(corpus, text, stopwords)

    def score(unique: Corpus) -> list[Match]:
        quotes = quotations(unique, whole=inv.corpus)
        return find_quote(unique, text, quotes, stopwords, min_score, len(unique) * 1000)

    matches = once_per_text(narrowed, score, limit)
    docs = {d.id: d for d in corpus}
    if cite:
        inv.out.text("".join(citation(docs[m.doc], m.speaker, m.quoted) + "\n" for m in matches))
        for m in matches:  # a citation must not hide that the source says otherwise
            if m.note:
                say(f"{m.doc}: {m.note}")
    elif inv.out.structured:
        inv.out.records([m.record() for m in matches], (), fields=_fields(Match))
    else:
        inv.out.entries(
            [
                Entry(
                    heading=f"{m.score:g}  {m.doc}  {_shown_date(docs[m.doc].metadata())}  "
                    f"{m.speaker or 'unattributed'}{' (quoted)' if m.quoted else ''}",
                    lines=(
                        ("", " ".join(m.passage.split())),
                        ("diff", m.diff),
                        *((("note", m.note),) if m.note else ()),
                    ),
                )
                for m in matches
            ]
        )
    if not matches:
        unique, _ = distinct(narrowed)  # a copy of the closest passage is no rival to it
        near = closest(unique, text, quotations(unique, whole=inv.corpus), stopwords, min_score)
        hints = (
            (
                f"closest: {near.score:g} (under --min-score {min_score:g}) in {near.doc}: "
                f"{_clipped(' '.join(near.passage.split()), 120)}",
            )
            if near is not None
            else ()
        )
        raise NoResult("no source found", hints=hints)


def _clipped(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


index_app = typer.Typer(
    name="index",
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(index_app)


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
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


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
    from nhsalliance_cli.index.manage import status

    record = status(inv.corpus_dir)
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
    from nhsalliance_cli.index.manage import build, status

    build(inv.corpus_dir)
    record = status(inv.corpus_dir)
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
    from nhsalliance_cli.index.manage import clear

    removed = [p for p in clear(inv.corpus_dir, everything) if p.endswith(".sqlite3")]
    if not removed:
        say("no index to remove")
    else:
        say("removed the index" if len(removed) == 1 else f"removed {len(removed)} indexes")


def _shown_date(meta: Mapping[str, object]) -> str:
    date = meta.get("date")
    if not date:
        return "undated"
    return f"~{date}" if meta.get("date_inferred") else str(date)


def main() -> None:
    """The console script: quiet on a closed pipe (like grep) and on Ctrl-C."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from nhsalliance_cli import streams

    streams.prepare()
    try:
        app(prog_name="nhsalliance")
    except KeyboardInterrupt:
        sys.exit(130)
