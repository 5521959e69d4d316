"""The command line: thin Typer commands over the library modules."""

from __future__ import annotations

import itertools
import signal
import sys
from collections.abc import Iterable, Mapping, Sequence
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
    from nhsalliance_cli.corpus import Corpus, Document
    from nhsalliance_cli.names import Indexed
    from nhsalliance_cli.search import Query, Span

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
        help="Only this document (id or unique prefix; repeatable).",
        show_default=False,
        autocompletion=completion.document_ids,
    ),
]
TopOption = Annotated[int, typer.Option("--top", metavar="N", min=1, help="Show the N first.")]
MinCountOption = Annotated[
    int, typer.Option("--min-count", metavar="N", min=1, help="Leave out what occurs fewer times.")
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

    **Examples**

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
        str,
        typer.Argument(
            metavar="ID",
            help="A document id, or any unique prefix of one.",
            autocompletion=completion.document_ids,
        ),
    ],
    text_only: Annotated[
        bool, typer.Option("--text", help="Print only the document's text, exactly as stored.")
    ] = False,
) -> None:
    """Show one document: its metadata and full text.

    **Examples**

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
    query: QueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
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
) -> None:
    """Find words and phrases and show each in its context (keyword in context).

    Matching is by whole words, case-insensitive: 'Dixon' also finds "Dixon's",
    'GP' does not find 'GPs', and a phrase matches whatever punctuation, hyphens or
    line breaks stand between its words. Exits 1 when nothing matches.

    **Examples**

        nhsalliance search commissioning
        nhsalliance search "practice based commissioning" --window 10
        nhsalliance search "commission*" --sort R1,R2 --doc dixon-retire
        nhsalliance search --regex "CCGs?\\b" --json | jq -r '.[].doc' | sort | uniq -c
        nhsalliance search PBC CCG --count
        nhsalliance search CCG --plot
    """
    from nhsalliance_cli import concordance
    from nhsalliance_cli.search import compile_queries

    queries = compile_queries(query or [], regex or [], case_sensitive)
    keys = concordance.parse_sort(sort)
    concordance.check_window(window)  # every option checked before anything is printed
    corpus = inv.corpus.select(doc or [])
    if plot:
        _plot(inv, corpus, queries, count)
        return
    if count:
        rows, total = concordance.count_rows(corpus, queries)
        shown_total = total if inv.out.structured else {**total, "doc": "total"}
        inv.out.records(rows, COUNT_COLUMNS, footer=shown_total)
        if not total["count"]:
            raise NoResult("no matches")
        return
    concordance.check_window(window)
    sorting = any(k.side != "doc" for k in keys)
    labels = [q.text for q in queries]
    spans: Iterable[tuple[Document, Sequence[Span]]] = concordance.spans_by_document(
        corpus, queries
    )
    if inv.out.structured and not sorting and limit is None:
        from nhsalliance_cli.parallel import search_parts

        spans = list(spans)
        parts = search_parts(spans, labels, window, inv.format)
        if parts is not None:
            inv.out.parts(parts)
            return
    found = concordance.hits_from_spans(spans, labels, window)
    if sorting:
        found = iter(concordance.sort_hits(found, keys))
    listed = list(itertools.islice(found, limit))
    if inv.format is Format.AUTO:
        inv.out.kwic([KwicLine(f"{h.doc}:{h.line}", h.left, h.match, h.right) for h in listed])
    else:
        inv.out.records([h.record() for h in listed], ())
    if not listed:
        from nhsalliance_cli.vocabulary import search_hints

        raise NoResult("no matches", hints=tuple(search_hints(corpus, query or [])))


def _plot(inv: Invocation, corpus: Corpus, queries: list[Query], count: bool) -> None:
    from nhsalliance_cli.concordance import spans_by_document

    if inv.out.structured or count:
        raise UsageProblem(
            "--plot draws a chart; it does not go with --count, --json, --jsonl or --csv"
        )
    rows = [
        Plot(doc.id, tuple(s.start / max(len(doc.text), 1) for s in spans))
        for doc, spans in spans_by_document(corpus, queries)
    ]
    inv.out.dispersion(rows)
    if not any(r.positions for r in rows):
        raise NoResult("no matches")


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

    **Examples**

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
    from nhsalliance_cli.concordance import check_window

    check_window(window)
    index = names_lib.build_index(inv.corpus)
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
        _show_mentions(inv, scored[0][0], window)
        return
    rows = [entry.record(score) for entry, score in scored]
    if inv.format is Format.AUTO:
        rows = [{**r, "docs": len(r["docs"]), "aliases": ", ".join(r["aliases"])} for r in rows]
    inv.out.records(rows, NAME_COLUMNS if query is None else SCORED_NAME_COLUMNS)
    if not rows:
        hints: tuple[str, ...] = ()
        if query is not None:
            near = index.lookup(query, defaults.NAME_HINT_SCORE)[:3]
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

    concordance.check_window(window)  # before anything is printed
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


stats_app = typer.Typer(
    name="stats",
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(stats_app)


@stats_app.callback(invoke_without_command=True)
def _stats(ctx: typer.Context) -> None:
    """Word lists, n-grams and collocates: the corpus linguist's counts.

    Words are tokens folded to lower case, the same tokens 'search' matches, so a word's
    count here equals 'nhsalliance search WORD --count'.

    **Examples**

        nhsalliance stats words --top 30 --no-stopwords
        nhsalliance stats ngrams -n 3 --min-count 2
        nhsalliance stats collocates commissioning --window 5 --measure loglik
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
    top: TopOption = 30,
    no_stopwords: StopwordsOption = False,
    min_count: MinCountOption = 1,
    doc: DocOption = None,
) -> None:
    """The most frequent words, with their rate per 1,000 words and how many documents use them.

    **Examples**

        nhsalliance stats words --top 30 --no-stopwords
        nhsalliance stats words --doc new-year --csv > words.csv
    """
    from nhsalliance_cli import stats

    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    rows = stats.word_list(inv.corpus.select(doc or []), stopwords, min_count)[:top]
    inv.out.records([r.record() for r in rows], WORD_COLUMNS)
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
    n: Annotated[int, typer.Option("-n", metavar="N", help="Words per n-gram, 2 to 5.")] = 2,
    top: TopOption = 30,
    min_count: MinCountOption = 2,
    no_stopwords: StopwordsOption = False,
    doc: DocOption = None,
) -> None:
    """The most frequent sequences of N words, never across a paragraph break.

    With --no-stopwords, n-grams that begin or end with a function word are left out.

    **Examples**

        nhsalliance stats ngrams -n 3 --min-count 2
        nhsalliance stats ngrams -n 2 --no-stopwords --json
    """
    from nhsalliance_cli import stats

    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    rows = stats.ngram_list(inv.corpus.select(doc or []), n, min_count, stopwords)[:top]
    inv.out.records([r.record() for r in rows], NGRAM_COLUMNS)
    if not rows:
        raise NoResult(f"no {n}-grams occur {min_count} or more times")


COLLOCATE_COLUMNS = (
    Column("word", "collocate", style="cyan"),
    Column("observed", "observed", justify="right"),
    Column("expected", "expected", justify="right"),
    Column("score", "score", justify="right"),
)


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
        typer.Option("--measure", "-m", metavar="MEASURE", help="loglik (log-likelihood) or mi."),
    ] = "loglik",
    min_count: MinCountOption = 2,
    top: TopOption = 30,
    no_stopwords: StopwordsOption = False,
    doc: DocOption = None,
) -> None:
    """Words that occur near a word or phrase more often than chance predicts.

    For a collocate w: observed O is how often w stands within --window words of the
    node, expected E = R x C / N (R window positions, C the frequency of w, N corpus
    words). mi is log2(O/E); loglik is Dunning's log-likelihood G2. Only O > E is listed.

    **Examples**

        nhsalliance stats collocates commissioning --window 5 --measure loglik
        nhsalliance stats collocates "primary care" --measure mi --no-stopwords
    """
    from nhsalliance_cli import stats
    from nhsalliance_cli.search import compile_queries

    queries = compile_queries(query or [], regex or [], case_sensitive)
    stopwords = stats.load_stopwords() if no_stopwords else frozenset()
    corpus = inv.corpus.select(doc or [])
    rows = stats.collocates(corpus, queries, window, measure, min_count, stopwords)[:top]
    inv.out.records([r.record() for r in rows], COLLOCATE_COLUMNS)
    if not rows:
        raise NoResult("no collocates (try a lower --min-count or a wider --window)")


TREND_COLUMNS = (
    Column("query", "query", style="cyan"),
    Column("doc", "document"),
    Column("date", "date"),
    Column("count", "count", justify="right"),
    Column("per_1000", "per 1,000", justify="right"),
)


@app.command("trend")
@common_options()
def trend(
    inv: Invocation,
    query: QueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    doc: DocOption = None,
) -> None:
    """How often each query occurs in each document, in date order (per 1,000 words).

    On a terminal, a bar chart per query with each document's date and title (~ marks a
    date inferred from the text); on a pipe or with --json/--csv, the numbers. Documents
    without a date come last. Counts agree with 'search QUERY --count'.

    **Examples**

        nhsalliance trend PBC CCG "practice based commissioning"
        nhsalliance trend PBC CCG --csv > trend.csv
    """
    from nhsalliance_cli import stats
    from nhsalliance_cli.search import compile_queries

    queries = compile_queries(query or [], regex or [], case_sensitive)
    corpus = inv.corpus.select(doc or [])
    rows = stats.trend(corpus, queries)
    undated = [d.id for d in corpus if not d.date]
    if undated:
        say(f"{len(undated)} of {len(corpus)} documents have no date; they are listed last")
    if inv.out.structured or not inv.env.stdout_isatty:
        shown = [r.record() for r in rows]
        if not inv.out.structured:
            shown = [{**r, "date": _shown_date(r)} for r in shown]
        inv.out.records(shown, TREND_COLUMNS)
    else:
        titles = {d.id: d.title for d in corpus}
        for q in queries:
            mine = [r for r in rows if r.query == q.text]
            label_w = max(len(_shown_date(r.record())) for r in mine)
            bars = [
                Bar(
                    f"{_shown_date(r.record()):<{label_w}}  {_clip(titles[r.doc], 50)}",
                    r.per_1000,
                    dim=r.date_inferred or not r.date,
                )
                for r in mine
            ]
            inv.out.bars(f"{q.text}: per 1,000 words", bars)
    if not any(r.count for r in rows):
        raise NoResult("no matches")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


QUOTE_COLUMNS = (
    Column("doc", "document", style="cyan"),
    Column("speaker", "speaker"),
    Column("kind", "kind"),
    Column("text", "quotation", wrap=True),
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
) -> None:
    """Every quotation, with its speaker, document and date.

    Quotations are found in the text by where their quote marks stand (curly or straight,
    right or wrong glyph), followed over several paragraphs, and attributed from their cue:
    'X said:', '“…,” he said', 'X, chief executive, Y said:', a partial quotation in
    reported speech. Speech is listed by default; --all adds titles, names and scare quotes.

    **Examples**

        nhsalliance quotes
        nhsalliance quotes --speaker dixon --contains CCG
        nhsalliance quotes --speaker "rick stern" --json
        nhsalliance quotes --all
    """
    from nhsalliance_cli.names import build_index
    from nhsalliance_cli.quotes import KINDS, corpus_quotations
    from nhsalliance_cli.search import compile_words, find

    if kind is not None and kind not in KINDS:
        raise UsageProblem(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    corpus = inv.corpus.select(doc or [])
    index = build_index(inv.corpus)
    found = list(corpus_quotations(corpus, index))
    if kind is not None:
        found = [q for q in found if q.kind == kind]
    elif not all_kinds:
        found = [q for q in found if q.kind == "speech"]
    if speaker is not None:
        known = {q.speaker for q in found if q.speaker}
        wanted = index.people_matching(speaker, known)
        if not wanted:
            listed = ", ".join(sorted(known)) or "none"
            raise NoResult(f"no speaker matches {speaker!r}", hints=(f"speakers: {listed}",))
        found = [q for q in found if q.speaker in wanted]
    if contains is not None:
        patterns = [compile_words(form) for form in index.forms_of(contains)]
        found = [q for q in found if find(q.text, patterns)]
    dates = {d.id: d.date for d in corpus}
    rows = [{**q.record(), "date": dates[q.doc]} for q in found]
    if inv.format is Format.AUTO:
        rows = [
            {**r, "speaker": r["speaker"] or "", "text": " ".join(r["text"].split())} for r in rows
        ]
    inv.out.records(rows, QUOTE_COLUMNS)
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

        nhsalliance quote "the new CCGs risk becoming bureaucratic"
        nhsalliance quote "we will only survive if we keep our old friends" --cite
        nhsalliance quote "18 years is as long as any chair should serve" --json
    """
    from nhsalliance_cli.lookup import citation, find_quote
    from nhsalliance_cli.quotes import corpus_quotations
    from nhsalliance_cli.search import check_text
    from nhsalliance_cli.stats import load_stopwords

    check_text(text, what="quotation")
    corpus = inv.corpus.select(doc or [])
    matches = find_quote(
        corpus, text, corpus_quotations(corpus), load_stopwords(), min_score, limit
    )
    docs = {d.id: d for d in corpus}
    if cite and not inv.out.structured:
        inv.out.text("".join(citation(docs[m.doc], m.speaker) + "\n" for m in matches))
    elif inv.out.structured:
        inv.out.records([m.record() for m in matches], ())
    else:
        inv.out.entries(
            [
                Entry(
                    heading=f"{m.score:g}  {m.doc}  {_shown_date(docs[m.doc].metadata())}  "
                    f"{m.speaker or 'unattributed'}{' (quoted)' if m.quoted else ''}",
                    lines=(("", " ".join(m.passage.split())), ("diff", m.diff)),
                )
                for m in matches
            ]
        )
    if not matches:
        raise NoResult("no source found")


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
