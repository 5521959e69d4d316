"""quotes and quote: the quotations of the texts, and the source of a remembered one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from nhsalliance_cli import defaults
from nhsalliance_cli.cli import completion
from nhsalliance_cli.cli.options import Invocation, common_options, say
from nhsalliance_cli.cli.params import DocOption, LimitOption, filters, library
from nhsalliance_cli.cli.root import app
from nhsalliance_cli.errors import EmptyResult, UsageProblem
from nhsalliance_cli.output.display import fields_of, shown_date
from nhsalliance_cli.output.shapes import Column, Entry, Format

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.lookup.find import Match

QUOTE_COLUMNS = (
    Column("doc", "document", style="cyan"),
    Column("date", "date"),
    Column("speaker", "speaker"),
    Column("kind", "kind", drop=1),
    Column("text", "quotation", wrap=True, min_width=30),
)


QuotesSpeaker = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        metavar="NAME",
        help="Only this speaker's words (fuzzy: 'dixon', 'rick stern').",
        show_default=False,
        autocompletion=completion.speakers,
    ),
]
QuotesContains = Annotated[
    str | None,
    typer.Option(
        "--contains",
        metavar="QUERY",
        help="Only quotations holding this word or phrase (search's query language; "
        "a known name or acronym also matches its other forms).",
        show_default=False,
    ),
]
QuotesAllKinds = Annotated[
    bool,
    typer.Option("--all", help="Also titles, names and scare quotes, with their kind."),
]
QuotesKind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help="Only this kind: speech, title, name or scare.",
        show_default=False,
    ),
]


@app.command("quotes")
@common_options()
def quotes(
    inv: Invocation,
    speaker: QuotesSpeaker = None,
    contains: QuotesContains = None,
    all_kinds: QuotesAllKinds = False,
    kind: QuotesKind = None,
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
    from nhsalliance_cli.records.quotation import Quotation

    fields = (*fields_of(Quotation), "date", "date_inferred")
    try:
        found = library(inv).quotes(
            speaker=speaker,
            contains=contains,
            all_kinds=all_kinds,
            kind=kind,
            doc=doc,
            limit=limit,
            **filters(inv),
        )
    except EmptyResult:
        inv.out.records([], QUOTE_COLUMNS, fields=fields)
        raise
    rows = [q.as_dict() for q in found]
    if inv.format is Format.AUTO:
        rows = [
            {
                **r,
                "speaker": r["speaker"] or "",
                "text": " ".join(r["text"].split()),
                "date": shown_date(r),
            }
            for r in rows
        ]
    inv.out.records(rows, QUOTE_COLUMNS, fields=fields)


QuoteText = Annotated[str, typer.Argument(metavar="TEXT", help="The quotation as you remember it.")]
QuoteCite = Annotated[
    bool, typer.Option("--cite", help="Print a one-line citation for each source found.")
]
QuoteMinScore = Annotated[
    float,
    typer.Option(
        "--min-score",
        metavar="SCORE",
        min=0,
        max=100,
        help="Lowest score (0-100) that counts as a source.",
    ),
]
QuoteLimit = Annotated[
    int, typer.Option("--limit", "-n", metavar="N", min=1, help="Show at most N sources.")
]


@app.command("quote")
@common_options(formats=(Format.JSON, Format.JSONL, Format.CSV))
def quote(
    inv: Invocation,
    text: QuoteText,
    cite: QuoteCite = False,
    min_score: QuoteMinScore = defaults.QUOTE_MIN_SCORE,
    limit: QuoteLimit = 3,
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
    from nhsalliance_cli.analyses.lookup.find import Match, citation

    if cite and inv.out.structured:
        raise UsageProblem(f"--cite and --{inv.format.value} cannot be used together")
    lib = library(inv)
    try:
        matches = lib.quote(text, min_score=min_score, limit=limit, doc=doc, **filters(inv))
    except EmptyResult:
        if inv.out.structured:
            inv.out.records([], (), fields=fields_of(Match))
        raise
    docs = {d.id: d for d in lib.model}
    if cite:
        inv.out.text("".join(citation(docs[m.doc], m.speaker, m.quoted) + "\n" for m in matches))
        for m in matches:  # a citation must not hide that the source says otherwise
            if m.note:
                say(f"{m.doc}: {m.note}")
    elif inv.out.structured:
        inv.out.records([m.record() for m in matches], (), fields=fields_of(Match))
    else:
        inv.out.entries([_entry(m, shown_date(docs[m.doc].metadata())) for m in matches])


def _entry(m: Match, date: str) -> Entry:
    """One source found, for people: score, document, date, speaker; passage, diff, note."""
    return Entry(
        heading=f"{m.score:g}  {m.doc}  {date}  "
        f"{m.speaker or 'unattributed'}{' (quoted)' if m.quoted else ''}",
        lines=(
            ("", " ".join(m.passage.split())),
            ("diff", m.diff),
            *((("note", m.note),) if m.note else ()),
        ),
    )
