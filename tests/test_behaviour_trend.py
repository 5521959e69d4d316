"""A term's frequency by document, year and month, against a count made by hand: each
period's count is the sum over the documents whose date falls in it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from nhsalliance_cli.analyses.stats import trend
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.search import compile_queries

DATES = [None, "2011", "2012", "2012-03", "2012-03-15", "2012-11", "2013-01-02"]
LENGTH = {"year": 4, "month": 7}


def corpus_of(docs: Sequence[tuple[str | None, str]]) -> Corpus:
    return Corpus(
        "t",
        tuple(
            Document(f"d{i}", f"d{i}.txt", text, f"d{i}", date=date)
            for i, (date, text) in enumerate(docs)
        ),
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(DATES),
            st.lists(st.sampled_from(["alpha", "beta", "Alpha"]), min_size=1, max_size=8).map(
                " ".join
            ),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["year", "month"]),
)
def test_trend_by_period_is_the_sum_over_its_documents(
    docs: list[tuple[str | None, str]], by: str
) -> None:
    docs = [*docs, ("2012-03", "alpha")]  # at least one hit in a dated period
    expected: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0])
    for date, text in docs:
        period = date[: LENGTH[by]] if date is not None else None
        row = expected[period]
        row[0] += 1
        row[1] += len(re.findall(r"\balpha\b", text, re.IGNORECASE))
        row[2] += len(text.split())
    rows = trend(corpus_of(docs), compile_queries(["alpha"]), by)
    assert {r.period: [r.docs, r.count, r.words] for r in rows} == dict(expected)
    periods = [r.period for r in rows]
    # Date order (a year before its months), undated last.
    dated = [p for p in periods if p is not None]
    assert dated == sorted(dated) and periods == [*dated, *([None] if None in periods else [])]


def test_by_year_a_month_and_a_day_fall_in_their_year() -> None:
    docs = [("2012-03", "alpha beta"), ("2012", "alpha"), ("2012-11-05", "alpha alpha")]
    rows = trend(corpus_of(docs), compile_queries(["alpha"]), "year")
    assert [(r.period, r.docs, r.count, r.words, r.per_1000) for r in rows] == [
        ("2012", 3, 4, 5, 800.0)
    ]
