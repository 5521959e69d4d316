"""stats words, ngrams, collocates and keywords, and trend: the corpus linguist's counts."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from nhsalliance_cli.cli.options import Invocation, common_options
from nhsalliance_cli.cli.params import (
    CaseOption,
    DocOption,
    MinCountOption,
    QueryArgument,
    RegexOption,
    StatsLimitOption,
    StopwordsOption,
    TopOption,
    TrendQueryArgument,
    VariantsOption,
    filters,
    library,
    stats_limit,
)
from nhsalliance_cli.cli.root import app, help_without_command, sub_app
from nhsalliance_cli.errors import EmptyResult
from nhsalliance_cli.output.display import fields_of, shown_date, trend_bars
from nhsalliance_cli.output.shapes import Column

stats_app = sub_app("stats")


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
    help_without_command(ctx)


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
    from nhsalliance_cli.analyses.stats import WordRow

    limit = stats_limit(limit, top)
    try:
        rows = library(inv).words(
            limit=limit, no_stopwords=no_stopwords, min_count=min_count, doc=doc, **filters(inv)
        )
    except EmptyResult:
        inv.out.records([], WORD_COLUMNS, fields=fields_of(WordRow))
        raise
    inv.out.records([r.record() for r in rows], WORD_COLUMNS, fields=fields_of(WordRow))


NGRAM_COLUMNS = (
    Column("ngram", "n-gram", style="cyan"),
    Column("count", "count", justify="right"),
    Column("docs", "docs", justify="right"),
)


NgramsSize = Annotated[
    int, typer.Option("--size", "-k", metavar="K", help="Words per n-gram, 2 to 5.")
]


@stats_app.command("ngrams")
@common_options()
def stats_ngrams(
    inv: Invocation,
    size: NgramsSize = 2,
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
    from nhsalliance_cli.analyses.stats import NgramRow

    try:
        rows = library(inv).ngrams(
            size=size,
            min_count=min_count,
            no_stopwords=no_stopwords,
            doc=doc,
            limit=stats_limit(limit, top),
            **filters(inv),
        )
    except EmptyResult:
        inv.out.records([], NGRAM_COLUMNS, fields=fields_of(NgramRow))
        raise
    inv.out.records([r.record() for r in rows], NGRAM_COLUMNS, fields=fields_of(NgramRow))


COLLOCATE_COLUMNS = (
    Column("word", "collocate", style="cyan"),
    Column("observed", "observed", justify="right"),
    Column("expected", "expected", justify="right"),
)


CollocatesWindow = Annotated[
    int, typer.Option("--window", "-w", metavar="N", help="Words each side of the node.")
]
CollocatesMeasure = Annotated[
    str,
    typer.Option(
        "--measure", "-m", metavar="MEASURE", help="loglik (log-likelihood) or mi, any case."
    ),
]


@stats_app.command("collocates")
@common_options()
def stats_collocates(
    inv: Invocation,
    query: QueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    window: CollocatesWindow = 5,
    measure: CollocatesMeasure = "loglik",
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
    from nhsalliance_cli.analyses import stats
    from nhsalliance_cli.api.choices import choice

    def columns() -> tuple[Column, ...]:
        # The score column is named for its measure (checked by then): LOGLIK or MI.
        named = choice(measure, stats.MEASURES, "measure") or "loglik"
        return (*COLLOCATE_COLUMNS, Column("score", named, justify="right"))

    try:
        rows = library(inv).collocates(
            query,
            regex=regex,
            case_sensitive=case_sensitive,
            window=window,
            measure=measure,
            min_count=min_count,
            limit=stats_limit(limit, top),
            no_stopwords=no_stopwords,
            doc=doc,
            variants=variants,
            **filters(inv),
        )
    except EmptyResult:
        inv.out.records([], columns(), fields=fields_of(stats.CollocateRow))
        raise
    inv.out.records([r.record() for r in rows], columns(), fields=fields_of(stats.CollocateRow))


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


KeywordsAgainst = Annotated[
    list[str] | None,
    typer.Option(
        "--against",
        metavar="FIELD=VALUE",
        help="The reference corpus: the documents whose FIELD is VALUE (as --where; "
        "repeatable). By default every document outside the sub-corpus.",
        show_default=False,
    ),
]
KeywordsSize = Annotated[
    int, typer.Option("--size", "-k", metavar="K", help="Words per item, 1 to 5.")
]
KeywordsNegative = Annotated[
    bool,
    typer.Option("--negative", help="What the sub-corpus says less often than the reference."),
]
KeywordsMaxP = Annotated[
    float,
    typer.Option(
        "--max-p",
        metavar="P",
        min=0,
        max=1,
        help="Keep items whose Bonferroni-corrected p-value is under P; 1 keeps every one.",
    ),
]


@stats_app.command("keywords")
@common_options()
def stats_keywords(
    inv: Invocation,
    against: KeywordsAgainst = None,
    size: KeywordsSize = 1,
    negative: KeywordsNegative = False,
    max_p: KeywordsMaxP = 0.01,
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
    from nhsalliance_cli.analyses.stats import KeywordRow
    from nhsalliance_cli.api import no_keywords

    rows, about = library(inv).keywords_of(
        against=against or [],
        size=size,
        negative=negative,
        max_p=max_p,
        min_count=min_count,
        limit=limit,
        no_stopwords=no_stopwords,
        doc=doc,
        **filters(inv),
    )
    if not inv.out.structured and inv.env.stdout_isatty:
        inv.note(f"keywords of {about}")
    shown = [r.record() for r in rows]
    if not inv.out.structured:  # p-values span orders of magnitude: 3.2e-09, not 0.00
        shown = [{**r, "p": f"{r['p']:.2g}"} for r in shown]
    inv.out.records(shown, KEYWORD_COLUMNS, fields=fields_of(KeywordRow))
    if not rows:
        raise no_keywords(negative, max_p, about)


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


TrendBy = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="PERIOD|FIELD",
        help="One row per doc (document), year or month, or per value of a field "
        "(source, kind, folder, a metadata column…).",
    ),
]


@app.command("trend")
@common_options()
def trend(
    inv: Invocation,
    query: TrendQueryArgument = None,
    regex: RegexOption = None,
    case_sensitive: CaseOption = False,
    doc: DocOption = None,
    by: TrendBy = "doc",
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
    from nhsalliance_cli.analyses.stats import TREND_PERIODS, TrendRow

    lib = library(inv)
    common = {"regex": regex, "case_sensitive": case_sensitive, "doc": doc, **filters(inv)}
    try:
        rows = lib.trend(query, by=by, variants=variants, **common)
    except EmptyResult:
        inv.out.records([], (), fields=fields_of(TrendRow))
        raise
    by = lib.period_or_field(by)
    columns: tuple[Column, ...] = TREND_COLUMNS if by == "doc" else PERIOD_COLUMNS
    if by not in TREND_PERIODS:
        columns = tuple(
            dataclasses.replace(c, header=by) if c.key == "period" else c for c in columns
        )
    none = "undated" if by in TREND_PERIODS else f"(no {by})"
    if inv.out.structured or not inv.env.stdout_isatty:
        shown = [r.record() for r in rows]
        if not inv.out.structured:
            shown = [{**r, "date": shown_date(r), "period": r["period"] or none} for r in shown]
        inv.out.records(shown, columns, fields=fields_of(TrendRow))
    else:
        titles = {d.id: d.title for d in lib.model}
        queries = lib.queries(query, regex, case_sensitive, variants, hint=False)
        trend_bars(inv.out, titles, [q.text for q in queries], rows, by)
