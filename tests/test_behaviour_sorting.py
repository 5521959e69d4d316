"""Sorting hits by context words at each distance, window bounds, and line numbers asked
for out of order."""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.concordance import (
    MAX_WINDOW,
    Lines,
    check_window,
    hits,
    parse_sort,
    sort_hits,
)
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text.search import compile_words


def sorted_by(texts: list[str], query: str, spec: str, window: int = 3) -> list[str]:
    corpus = Corpus(
        "t", tuple(Document(f"d{i}", f"d{i}.txt", t, f"d{i}") for i, t in enumerate(texts))
    )
    return [
        h.doc for h in sort_hits(hits(corpus, [compile_words(query)], window), parse_sort(spec))
    ]


@pytest.mark.parametrize("position", [1, 2, 3])
def test_sort_by_the_nth_word_right_with_exactly_n_words_there(position: int) -> None:
    # Each hit has exactly `position` words to its right: the last is the key.
    fillers = ["mm"] * (position - 1)
    texts = [" ".join(["NODE", *fillers, w]) for w in ("zz", "aa", "kk")]
    assert sorted_by(texts, "node", f"R{position}") == ["d1", "d2", "d0"]


@pytest.mark.parametrize("position", [1, 2, 3])
def test_sort_by_the_nth_word_left_with_exactly_n_words_there(position: int) -> None:
    fillers = ["mm"] * (position - 1)
    texts = [" ".join([w, *fillers, "NODE"]) for w in ("zz", "aa", "kk")]
    assert sorted_by(texts, "node", f"L{position}") == ["d1", "d2", "d0"]


def test_a_missing_context_word_sorts_first() -> None:
    texts = ["NODE bb", "NODE", "NODE aa"]
    assert sorted_by(texts, "node", "R1") == ["d1", "d2", "d0"]


def test_window_bounds() -> None:
    check_window(0)
    check_window(MAX_WINDOW)
    for bad in (-1, MAX_WINDOW + 1):
        with pytest.raises(UsageProblem):
            check_window(bad)


def test_line_numbers_asked_for_out_of_order() -> None:
    text = "a\nb\nc\nd"
    lines = Lines(text)
    assert [lines.number(i) for i in (6, 0, 4, 2, 2, 6)] == [4, 1, 3, 2, 2, 4]
