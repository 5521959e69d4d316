"""One interface across commands (issue 13): the same option names, the same empty
results, no silently ignored options, date filters, show ID:LINE, trend --by."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import Invoke, command_paths, write_corpus
from nhsalliance_cli.corpus.model import Corpus, Document, check_date, date_within
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.output.env import Environment

HARBOUR_MANIFEST = """
[[documents]]
file = "a.txt"
id = "harbour-report-2011"
title = "Harbour board report on the dredging of the old channel"
date = "2011-03"
kind = "report"

[[documents]]
file = "b.txt"
id = "council-minutes-2012"
title = "Council minutes"
date = "2012"
kind = "minutes"

[[documents]]
file = "c.txt"
id = "ferry-notice"
title = "Ferry notice"
date = "2012-11-05"
kind = "notice"

[[documents]]
file = "d.txt"
id = "undated-letter"
title = "A letter"
"""

HARBOUR: dict[str, str | bytes] = {
    "a.txt": "Harbour board report\n\nThe dredging of the old channel began in March.\n"
    "“We will dredge the channel before the summer,” said Mary Keel, harbour master.\n"
    "The ferry waited while the dredging went on.\n",
    "b.txt": "Council minutes\n\nThe council discussed the harbour and the ferry.\n"
    "Councillor Tom Bray said: “The ferry must run on time.”\n"
    "The dredging budget was agreed.\n",
    "c.txt": "Ferry notice\n\nThe ferry will not run on 5 November.\n"
    "Mary Keel said: “The harbour is closed for the dredging.”\n",
    "d.txt": "A letter\n\nDear editor, the ferry is always late and the harbour smells.\n",
}


@pytest.fixture
def harbour(tmp_path: Path) -> str:
    return str(write_corpus(tmp_path / "harbour", HARBOUR, HARBOUR_MANIFEST))


def help_text(path: list[str]) -> str:
    """A command's --help, rendered wide enough that no line wraps."""
    from typer.testing import CliRunner

    from nhsalliance_cli.cli import app

    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    return result.stdout


def run_json(invoke: Invoke, args: list[str]) -> list[dict[str, object]]:
    result = invoke([*args, "--json"])
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


# --- 1. --limit / -n everywhere ---------------------------------------------------------

LISTINGS = [
    ["search", "ferry"],
    ["quote", "the ferry must run on time", "--min-score", "40"],
    ["quotes", "--all"],
    ["names"],
    ["stats", "words"],
    ["stats", "ngrams", "--min-count", "1"],
    ["stats", "collocates", "ferry", "--min-count", "1"],
    ["list"],
]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
@pytest.mark.parametrize("option", ["--limit", "-n"])
def test_every_listing_takes_limit(
    invoke: Invoke, harbour: str, args: list[str], option: str
) -> None:
    assert len(run_json(invoke, [*args, "--corpus", harbour])) > 1
    assert len(run_json(invoke, [*args, "--corpus", harbour, option, "1"])) == 1


def test_top_is_a_hidden_alias_for_limit(invoke: Invoke, harbour: str) -> None:
    assert len(run_json(invoke, ["stats", "words", "--corpus", harbour, "--top", "2"])) == 2
    shown = help_text(["stats", "words"])
    assert "--limit" in shown and "--top" not in shown
    both = invoke(["stats", "words", "--top", "2", "--limit", "3"])
    assert both.exit_code == 2 and "--limit and --top" in both.stderr


def test_ngram_size_is_size_or_k(invoke: Invoke, harbour: str) -> None:
    for option in ("--size", "-k"):
        rows = run_json(
            invoke, ["stats", "ngrams", "--corpus", harbour, option, "3", "--min-count", "1"]
        )
        assert rows and all(len(str(r["ngram"]).split()) == 3 for r in rows)


# --- 2. nothing found looks the same everywhere -----------------------------------------

# (no-result command, a command of the same kind that finds something)
NOTHING = [
    (["search", "zyxwv"], ["search", "ferry"]),
    (["search", "zyxwv", "--count"], None),
    (["quotes", "--speaker", "nobody at all"], ["quotes"]),
    (["quotes", "--contains", "zyxwv"], ["quotes"]),
    (["names", "zebra crossing"], ["names"]),
    (["names"], ["names"]),
    (["stats", "words"], ["stats", "words"]),
    (["stats", "ngrams", "--min-count", "1000"], ["stats", "ngrams", "--min-count", "1"]),
    (["stats", "collocates", "zyxwv"], ["stats", "collocates", "ferry", "--min-count", "1"]),
    (["trend", "zyxwv"], ["trend", "ferry"]),
    (["list"], ["list"]),
    (["quote", "we will abolish all hospitals by next tuesday"], ["quote", "the ferry must run"]),
]


def _nothing_args(args: list[str]) -> list[str]:
    # Commands that always find something when given documents find nothing in 2030.
    if args in (["names"], ["stats", "words"], ["list"]):
        return [*args, "--since", "2030"]
    return args


@pytest.mark.parametrize(("args", "found"), NOTHING, ids=[" ".join(a) for a, _ in NOTHING])
def test_nothing_found_is_the_same_everywhere(
    invoke: Invoke, harbour: str, args: list[str], found: list[str] | None
) -> None:
    args = [*_nothing_args(args), "--corpus", harbour]
    as_json = invoke([*args, "--json"])
    assert (as_json.exit_code, as_json.stdout) == (1, "[]\n"), as_json.stderr
    assert as_json.stderr.startswith("nhsalliance: ") and "Traceback" not in as_json.stderr
    as_jsonl = invoke([*args, "--jsonl"])
    assert (as_jsonl.exit_code, as_jsonl.stdout) == (1, "")
    if args[0] != "show":
        as_csv = invoke([*args, "--csv"])
        assert as_csv.exit_code == 1
        header = next(csv.reader(io.StringIO(as_csv.stdout)))
        assert as_csv.stdout.count("\n") == 1
        if found is not None:
            record = run_json(invoke, [*found, "--corpus", harbour])[0]
            assert header == list(record)
    for env in (Environment.pipe(), Environment.terminal(width=80)):
        plain = invoke(args, env=env)
        assert (plain.exit_code, plain.stdout) == (1, "")


# --- 3. search --count: documents only, in JSON and CSV ---------------------------------


def test_count_records_are_documents_only(invoke: Invoke, harbour: str) -> None:
    hits = run_json(invoke, ["search", "ferry", "dredging", "--corpus", harbour])
    rows = run_json(invoke, ["search", "ferry", "dredging", "--count", "--corpus", harbour])
    assert [r["doc"] for r in rows] == [d.id for d in load_corpus(harbour)]
    assert sum(int(str(r["count"])) for r in rows) == len(hits)
    table = invoke(["search", "ferry", "--count", "--csv", "--corpus", harbour]).stdout
    assert "total" not in table and len(table.splitlines()) == 1 + len(HARBOUR)
    terminal = invoke(
        ["search", "ferry", "--count", "--corpus", harbour], env=Environment.terminal(color=False)
    )
    assert re.search(r"total\s+6\b", terminal.stdout)
    piped = invoke(["search", "ferry", "--count", "--corpus", harbour]).stdout
    assert re.search(r"^total\s+6\b", piped, re.M)


# --- 4. no silently ignored options ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "first", "second"),
    [
        (["search", "ferry", "--count", "--sort", "R1"], "--count", "--sort"),
        (["search", "ferry", "--count", "--limit", "2"], "--count", "--limit"),
        (["search", "ferry", "--count", "--window", "3"], "--count", "--window"),
        (["search", "ferry", "--plot", "--limit", "3"], "--plot", "--limit"),
        (["search", "ferry", "--plot", "--window", "3"], "--plot", "--window"),
        (["search", "ferry", "--plot", "--sort", "R1"], "--plot", "--sort"),
        (["quote", "the ferry must run", "--cite", "--json"], "--cite", "--json"),
        (["show", "ferry", "--text", "--json"], "--text", "--json"),
        (["names", "ferry", "--window", "3"], "--window", "--mentions"),
        (["quotes", "--kind", "speech", "--all"], "--kind", "--all"),
    ],
)
def test_options_that_do_not_go_together_are_usage_errors(
    invoke: Invoke, harbour: str, args: list[str], first: str, second: str
) -> None:
    result = invoke([*args, "--corpus", harbour])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert first in result.stderr and second in result.stderr
    assert result.stderr.count("\n") == 1


# --- 5. choices in any case -------------------------------------------------------------


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        (["stats", "collocates", "ferry", "--measure", "MI"], ["stats", "collocates", "ferry"]),
        (["names", "--kind", "Person"], ["names", "--kind", "person"]),
        (["quotes", "--kind", "SPEECH"], ["quotes", "--kind", "speech"]),
        (["trend", "ferry", "--by", "Year"], ["trend", "ferry", "--by", "year"]),
    ],
)
def test_choices_are_case_insensitive(
    invoke: Invoke, harbour: str, upper: list[str], lower: list[str]
) -> None:
    if "--measure" in upper:
        lower = [*lower, "--measure", "mi"]
    options = (
        ["--corpus", harbour, "--min-count", "1"]
        if "collocates" in upper
        else ["--corpus", harbour]
    )
    assert run_json(invoke, [*upper, *options]) == run_json(invoke, [*lower, *options])


# --- 6. one meaning per word ------------------------------------------------------------


def test_trend_help_says_each_query_is_a_series(invoke: Invoke) -> None:
    trend_help = " ".join(help_text(["trend"]).split())
    assert "its own series" in trend_help
    assert "alternatives" not in trend_help


def test_several_unquoted_words_are_said_to_be_alternatives(invoke: Invoke, harbour: str) -> None:
    terminal = Environment.terminal(width=100)
    result = invoke(["search", "old", "channel", "--corpus", harbour], env=terminal)
    assert "searching 2 words as alternatives; quote them for a phrase" in result.stderr
    phrase = invoke(["search", "old channel", "ferry", "--corpus", harbour], env=terminal)
    assert "alternatives" not in phrase.stderr
    piped = invoke(["search", "old", "channel", "--corpus", harbour])
    assert piped.stderr == ""


# --- 7. did you mean, wherever a typo finds nothing -------------------------------------


def test_trend_with_a_typo_says_did_you_mean(invoke: Invoke, harbour: str) -> None:
    result = invoke(["trend", "ferry", "dredgign", "--corpus", harbour])
    assert result.exit_code == 0
    assert "no matches for 'dredgign'" in result.stderr
    assert "did you mean 'dredging'?" in result.stderr
    alone = invoke(["trend", "dredgign", "--corpus", harbour])
    assert alone.exit_code == 1 and "did you mean 'dredging'?" in alone.stderr


def test_collocates_of_a_typo_say_did_you_mean(invoke: Invoke, harbour: str) -> None:
    result = invoke(["stats", "collocates", "dredgign", "--corpus", harbour])
    assert result.exit_code == 1
    assert "did you mean 'dredging'?" in result.stderr
    assert "--min-count" not in result.stderr
    rare = invoke(["stats", "collocates", "dredging", "--min-count", "50", "--corpus", harbour])
    assert rare.exit_code == 1 and "--min-count" in rare.stderr


# --- 9. help examples one per line ------------------------------------------------------


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_help_examples_are_one_per_line(invoke: Invoke, path: list[str]) -> None:
    from typer.main import get_command

    from nhsalliance_cli.cli import app

    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    examples = re.findall(r"^\s*(nhsalliance .+)$", command.help or "", re.M)
    assert examples, path
    shown = {line.strip() for line in help_text(path).splitlines()}
    for example in examples:
        assert example.replace("\\\\", "\\").strip() in shown, example


# --- 11. collocates name their measure ---------------------------------------------------


@pytest.mark.parametrize("measure", ["loglik", "mi"])
def test_collocates_score_column_names_its_measure(invoke: Invoke, measure: str) -> None:
    piped = invoke(["stats", "collocates", "commissioning", "--measure", measure]).stdout
    header = piped.splitlines()[0].split()
    assert header[-1] == measure.upper() and "SCORE" not in header
    terminal = invoke(
        ["stats", "collocates", "commissioning", "--measure", measure],
        env=Environment.terminal(width=80, color=False),
    ).stdout
    assert measure in terminal and "score" not in terminal


# --- 12. show ID:LINE, ids by any unique part -------------------------------------------


def test_show_id_line_marks_the_line(invoke: Invoke, harbour: str) -> None:
    hits = run_json(invoke, ["search", "closed", "--corpus", harbour])
    (hit,) = hits
    where = f"{hit['doc']}:{hit['line']}"
    text = load_corpus(harbour).get(str(hit["doc"])).text
    line = text.split("\n")[int(str(hit["line"])) - 1]
    piped = invoke(["show", where, "--corpus", harbour]).stdout.splitlines()
    marked = [row for row in piped if row.startswith(">")]
    assert marked == [f"> {hit['line']}  {line}"]
    assert invoke(["show", where, "--text", "--corpus", harbour]).stdout == line + "\n"
    record = json.loads(invoke(["show", where, "--json", "--corpus", harbour]).stdout)
    assert record["line"] == hit["line"] and record["text"] == text
    terminal = invoke(
        ["show", where, "--corpus", harbour], env=Environment.terminal(80, color=False)
    )
    assert (
        "> " + str(hit["line"]) in terminal.stdout and "closed for the dredging" in terminal.stdout
    )


def test_show_id_line_out_of_range_is_a_usage_error(invoke: Invoke, harbour: str) -> None:
    result = invoke(["show", "ferry-notice:99", "--corpus", harbour])
    assert result.exit_code == 2 and "no line 99 in ferry-notice" in result.stderr


def test_ids_match_by_any_unique_part(invoke: Invoke, harbour: str) -> None:
    corpus = load_corpus(harbour)
    assert corpus.get("minutes").id == "council-minutes-2012"
    assert corpus.get("NOTICE").id == "ferry-notice"
    assert corpus.get("harbour").id == "harbour-report-2011"  # a prefix wins over a part
    with pytest.raises(UsageProblem, match="ambiguous"):
        corpus.get("-2")  # in harbour-report-2011 and council-minutes-2012
    assert invoke(["show", "retire", "--json"]).exit_code == 0


def test_show_puts_a_blank_line_between_paragraphs_on_a_terminal(invoke: Invoke) -> None:
    from nhsalliance_cli.index.opening import load_bundled
    from nhsalliance_cli.text.tokens import paragraph_spans

    doc = load_bundled().get("new-year")
    paragraphs = [doc.text[a:b] for a, b in paragraph_spans(doc.text)]
    out = invoke(["show", doc.id], env=Environment.terminal(200, color=False)).stdout
    body = [line.rstrip() for line in out.split("─" * 20)[-1].lstrip("─").splitlines()]
    while body and not body[0]:
        body.pop(0)
    blocks = "\n".join(body).split("\n\n")
    assert [" ".join(b.split()) for b in blocks] == [" ".join(p.split()) for p in paragraphs]
    piped = invoke(["show", doc.id]).stdout
    assert piped.endswith(doc.text.rstrip("\n") + "\n")


# --- 13. --since / --until --------------------------------------------------------------


def _docs(*dates: str | None) -> Corpus:
    return Corpus(
        "t",
        tuple(
            Document(id=f"d{i}", file="f", text="x", title="t", date=d) for i, d in enumerate(dates)
        ),
    )


@pytest.mark.parametrize(
    ("since", "until", "kept"),
    [
        (None, "2012", ["2011-03", "2012-01", "2012", "2012-12-31"]),
        ("2012", None, ["2012-01", "2012", "2012-12-31", "2013-05-06"]),
        ("2012-06", "2012-06", ["2012"]),  # a document dated 2012 may be from June 2012
        ("2012-01", "2012-01-31", ["2012-01", "2012"]),
        ("2013-05-06", None, ["2013-05-06"]),
        (None, "2011-02", []),
    ],
)
def test_dates_compare_at_each_documents_precision(
    since: str | None, until: str | None, kept: list[str]
) -> None:
    corpus = _docs("2011-03", "2012-01", "2012", "2012-12-31", "2013-05-06", None)
    narrowed, undated = corpus.dated_between(since, until)
    assert [d.date for d in narrowed] == kept
    assert undated == 1
    assert corpus.dated_between(None, None) == (corpus, 0)
    assert date_within("2012-01", None, "2012")


@pytest.mark.parametrize("bad", ["12", "2012-13", "2012-02-30", "2012/01", "last year", "2012-1"])
def test_bad_dates_are_usage_errors(invoke: Invoke, bad: str) -> None:
    with pytest.raises(UsageProblem):
        check_date(bad, "--since")
    result = invoke(["list", "--since", bad])
    assert result.exit_code == 2 and "--since" in result.stderr and result.stderr.count("\n") == 1


def test_since_after_until_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["list", "--since", "2014", "--until", "2012-05"])
    assert result.exit_code == 2 and "--since 2014 is after --until 2012-05" in result.stderr


def test_date_filters_on_the_command_line(invoke: Invoke, harbour: str) -> None:
    result = invoke(["list", "--until", "2012", "--json", "--corpus", harbour])
    assert [r["id"] for r in json.loads(result.stdout)] == [
        "harbour-report-2011",
        "council-minutes-2012",
        "ferry-notice",
    ]
    assert result.stderr == "nhsalliance: 1 undated document left out by --until\n"
    hits = run_json(invoke, ["search", "ferry", "--since", "2012-06", "--corpus", harbour])
    assert {h["doc"] for h in hits} == {"council-minutes-2012", "ferry-notice"}
    unfiltered = invoke(["list", "--corpus", harbour])
    assert unfiltered.stderr == ""


def test_every_command_that_reads_documents_has_date_filters(invoke: Invoke) -> None:
    from typer.main import get_command

    from nhsalliance_cli.cli import app

    root = get_command(app)
    for path in command_paths():
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        # show takes one document; the index commands manage the cache, not documents.
        if getattr(command, "commands", None) is not None or path == ["show"] or path[0] == "index":
            continue
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"--since", "--until"} <= options, path


# --- 14. trend --by -------------------------------------------------------------------


def test_trend_by_year_groups_documents(invoke: Invoke, harbour: str) -> None:
    rows = run_json(invoke, ["trend", "ferry", "--by", "year", "--corpus", harbour])
    assert [(r["period"], r["docs"]) for r in rows] == [("2011", 1), ("2012", 2), (None, 1)]
    counts = {
        str(r["doc"]): int(str(r["count"]))
        for r in run_json(invoke, ["search", "ferry", "--count", "--corpus", harbour])
    }
    assert rows[1]["count"] == counts["council-minutes-2012"] + counts["ferry-notice"]
    assert all(r["doc"] is None for r in rows)


def test_trend_by_month_and_by_doc(invoke: Invoke, harbour: str) -> None:
    months = run_json(invoke, ["trend", "ferry", "--by", "month", "--corpus", harbour])
    # A document dated to the year only has the year as its period.
    assert [r["period"] for r in months] == ["2011-03", "2012", "2012-11", None]
    docs = run_json(invoke, ["trend", "ferry", "--corpus", harbour])
    assert next((r["period"], r["doc"], r["docs"]) for r in docs) == (
        "2011-03",
        "harbour-report-2011",
        1,
    )
    assert docs == run_json(invoke, ["trend", "ferry", "--by", "doc", "--corpus", harbour])
    bad = invoke(["trend", "ferry", "--by", "week"])
    assert bad.exit_code == 2 and "unknown period 'week'" in bad.stderr


def test_trend_by_year_on_a_terminal(invoke: Invoke, harbour: str) -> None:
    out = invoke(
        ["trend", "ferry", "--by", "year", "--corpus", harbour],
        env=Environment.terminal(80, color=False),
    ).stdout
    assert re.search(r"^2012\s+2 documents\s+\d", out, re.M)
    assert re.search(r"^undated\s+1 document\s+\d", out, re.M)


# --- 15. search hits carry their document's date ----------------------------------------


def test_search_hits_carry_the_documents_date(invoke: Invoke, harbour: str) -> None:
    dates = {d.id: d.date for d in load_corpus(harbour)}
    hits = run_json(invoke, ["search", "harbour", "--corpus", harbour])
    assert hits and all(h["date"] == dates[str(h["doc"])] for h in hits)
    assert any(h["date"] is None for h in hits)


def test_search_with_a_typo_beside_a_word_that_matches(invoke: Invoke, harbour: str) -> None:
    result = invoke(["search", "ferry", "dredgign", "--corpus", harbour])
    assert result.exit_code == 0 and "ferry" in result.stdout
    assert "no matches for 'dredgign'" in result.stderr
    assert "did you mean 'dredging'?" in result.stderr
    both = invoke(["search", "ferry", "dredging", "--corpus", harbour])
    assert both.stderr == ""


def test_a_date_range_with_no_documents_says_so(invoke: Invoke, harbour: str) -> None:
    result = invoke(["search", "ferry", "--since", "2030", "--corpus", harbour])
    assert result.exit_code == 1
    assert "no documents dated 2030 or later" in result.stderr
    assert "1 undated document left out by --since" in result.stderr
