from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke, write_corpus
from nhsalliance_cli.analyses.stats import (
    collocates,
    log_likelihood,
    ngram_list,
    trend,
    word_list,
)
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.output.env import Environment
from nhsalliance_cli.text.search import compile_queries
from nhsalliance_cli.text.stopwords import load_stopwords


def corpus_of(*texts: str, dates: tuple[str | None, ...] = ()) -> Corpus:
    docs = tuple(
        Document(
            id=f"t{i}",
            file=f"t{i}.txt",
            text=t,
            title=f"t{i}",
            date=dates[i] if i < len(dates) else None,
        )
        for i, t in enumerate(texts)
    )
    return Corpus("test", docs)


# --- collocation statistics, worked out by hand -----------------------------------------
#
# "red apple green apple red pear blue sky": N = 8 tokens; the node "apple" stands at
# positions 1 and 3. With a window of 1 the window positions are {0, 2} and {2, 4}: the
# union {0, 2, 4}, so R = 3. "red" is at 0 and 4: O = 2, and C = 2 in the corpus.
#   E = R * C / N = 3 * 2 / 8 = 0.75
#   MI = log2(2 / 0.75) = 1.4150
#   The 2x2 table: O11 = 2, O12 = R - O11 = 1, O21 = C - O11 = 0, O22 = N - R - C + O11 = 5;
#   its expected cells 0.75, 2.25, 1.25, 3.75; G2 = 2 * (2 ln(2/0.75) + 1 ln(1/2.25)
#   + 5 ln(5/3.75)) = 5.1783.

SMALL = corpus_of("red apple green apple red pear blue sky")
APPLE = compile_queries(["apple"])


def test_mutual_information_by_hand() -> None:
    (red,) = collocates(SMALL, APPLE, window=1, measure="mi")
    assert (red.word, red.observed, red.expected, red.score) == ("red", 2, 0.75, 1.415)


def test_log_likelihood_by_hand() -> None:
    (red,) = collocates(SMALL, APPLE, window=1, measure="loglik")
    assert red.observed == 2 and red.expected == 0.75
    assert red.score == pytest.approx(5.1783, abs=1e-4)
    assert log_likelihood(2, 3, 2, 8) == pytest.approx(5.178277, abs=1e-6)


def test_min_count_and_repulsion() -> None:
    rows = collocates(SMALL, APPLE, window=1, measure="mi", min_count=1)
    assert {r.word: r.observed for r in rows} == {"red": 2, "green": 1}
    # "apple" itself is the node, never its own collocate; "pear" lies outside the windows.


def test_unknown_measure() -> None:
    from nhsalliance_cli.errors import UsageProblem

    with pytest.raises(UsageProblem, match="unknown measure 'dice'"):
        collocates(SMALL, APPLE, window=1, measure="dice")


# --- word lists and n-grams ---------------------------------------------------------------


def test_word_list_counts_and_docs() -> None:
    corpus = corpus_of("The NHS and the nhs.", "NHS again")
    rows = {r.word: r for r in word_list(corpus)}
    assert rows["nhs"].count == 3 and rows["nhs"].docs == 2
    assert rows["the"].count == 2
    assert rows["nhs"].per_1000 == round(3 * 1000 / 7, 2)
    without = {r.word for r in word_list(corpus, load_stopwords())}
    assert "the" not in without and "and" not in without and "nhs" in without


def test_ngrams_never_cross_paragraphs() -> None:
    corpus = corpus_of("primary care\n\ncare trust primary care", "Primary care.")
    rows = {r.ngram: (r.count, r.docs) for r in ngram_list(corpus, 2)}
    assert rows == {"primary care": (3, 2), "care trust": (1, 1), "trust primary": (1, 1)}
    assert "care care" not in rows
    with pytest.raises(UsageProblem, match="--size must be from 2 to 5"):
        ngram_list(corpus, 6)


def test_ngrams_without_stopwords() -> None:
    corpus = corpus_of("the primary care of the trust")
    grams = {r.ngram for r in ngram_list(corpus, 2, stopwords=load_stopwords())}
    assert grams == {"primary care"}


def test_trend_rows_follow_date_order() -> None:
    corpus = corpus_of("CCG CCG PBC", "PBC", dates=("2013", "2009"))
    rows = trend(corpus, compile_queries(["PBC", "CCG"]))
    assert [(r.query, r.doc, r.count) for r in rows] == [
        ("PBC", "t0", 1),
        ("PBC", "t1", 1),
        ("CCG", "t0", 2),
        ("CCG", "t1", 0),
    ]


# --- agreement with search --count ----------------------------------------------------------


def search_total(invoke: Invoke, query: str) -> int:
    rows = json.loads(invoke(["search", query, "--count", "--json"]).stdout)
    return sum(int(r["count"]) for r in rows)


def test_word_counts_agree_with_search_count(invoke: Invoke) -> None:
    rows = json.loads(invoke(["stats", "words", "--top", "15", "--json"]).stdout)
    for row in rows:
        assert search_total(invoke, row["word"]) == row["count"], row["word"]


def test_trend_counts_agree_with_search_count(invoke: Invoke) -> None:
    rows = json.loads(invoke(["trend", "PBC", "practice based commissioning", "--json"]).stdout)
    for query in ("PBC", "practice based commissioning"):
        per_doc = json.loads(invoke(["search", query, "--count", "--json", "--all-docs"]).stdout)
        mine = [r for r in rows if r["query"] == query]
        assert [(r["doc"], r["count"], r["per_1000"]) for r in mine] == [
            (r["doc"], r["count"], r["per_1000"]) for r in per_doc
        ]


# --- the commands ---------------------------------------------------------------------------


def test_stats_commands_json(invoke: Invoke) -> None:
    words = json.loads(invoke(["stats", "words", "--top", "3", "--json"]).stdout)
    assert [list(r) for r in words] == [["word", "count", "per_1000", "docs"]] * 3
    grams = json.loads(invoke(["stats", "ngrams", "--size", "3", "--json"]).stdout)
    assert all(len(r["ngram"].split()) == 3 and r["count"] >= 2 for r in grams)
    colls = json.loads(invoke(["stats", "collocates", "commissioning", "--json"]).stdout)
    assert colls[0]["word"] == "clinical" and colls[0]["measure"] == "loglik"
    assert all(r["observed"] > r["expected"] for r in colls)
    scores = [r["score"] for r in colls]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "ngrams", "--size", "6"], "--size must be from 2 to 5"),
        (["stats", "collocates", "x", "--measure", "dice"], "unknown measure 'dice'"),
        (["stats", "collocates"], "give a word or phrase"),
        (["stats", "collocates", "x", "--window", "0"], "--window must be at least 1"),
        (["stats", "words", "--top", "0"], "Invalid value for '--top'"),
        (["trend"], "give a word or phrase"),
        (["search", "CCG", "--plot", "--json"], "--plot draws a chart"),
    ],
)
def test_stats_mistakes_exit_2(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_no_result_exits_1(invoke: Invoke) -> None:
    assert invoke(["stats", "collocates", "zyxwv"]).exit_code == 1
    assert invoke(["trend", "zyxwv"]).exit_code == 1
    assert invoke(["stats", "ngrams", "-n", "5", "--min-count", "50"]).exit_code == 1


def test_trend_on_a_terminal_draws_bars(invoke: Invoke) -> None:
    out = invoke(["trend", "CCGs"], env=Environment.terminal(width=100)).stdout
    assert "CCGs: per 1,000 words" in out
    assert "█" in out and "~2009-02" in out and "Chairman’s New Year Message 2013" in out


def test_trend_lists_undated_documents_last(invoke: Invoke, tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "c",
        {"a.txt": "CCG here", "b.txt": "CCG CCG there"},
        manifest='[[documents]]\nfile = "b.txt"\ndate = "2014"\n',
    )
    result = invoke(["trend", "CCG", "--corpus", str(folder), "--json"])
    rows = json.loads(result.stdout)
    assert [(r["doc"], r["date"]) for r in rows] == [("b", "2014"), ("a", None)]
    assert result.stderr == "nhsalliance: 1 of 2 documents has no date; it is listed last\n"


def test_search_plot(invoke: Invoke) -> None:
    out = invoke(["search", "CCGs", "--plot"]).stdout.splitlines()
    assert len(out) == 5
    westminster = next(line for line in out if line.startswith("westminster-health-forum-2013"))
    assert westminster.split()[1] == "7" and westminster.count("|") == 7
    terminal = invoke(["search", "CCGs", "--plot"], env=Environment.terminal(width=80)).stdout
    assert "│" in terminal
    assert invoke(["search", "zyxwv", "--plot"]).exit_code == 1
