"""Collocation counts against a brute-force count on small random texts.

The brute force walks every token position of every document and asks of each whether it
lies within ``window`` tokens of a node and outside every node: the definition in
:func:`stats.collocates`, written the slow and obvious way.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nhsalliance_cli.analyses.stats import collocates
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.search import compile_queries

VOCABULARY = ["care", "trust", "nhs", "gp", "board", "Care", "the"]
TOKEN = re.compile(r"[^\W_]+")


def brute(
    texts: list[str], node: list[str], window: int, stopwords: frozenset[str] = frozenset()
) -> dict[str, tuple[int, float, float, float]]:
    """word -> (observed, expected, mi, loglik) for each word seen more often than chance."""
    frequency: Counter[str] = Counter()
    observed: Counter[str] = Counter()
    positions = 0
    for text in texts:
        toks = [t.lower() for t in TOKEN.findall(text)]
        frequency.update(toks)
        nodes = [
            range(i, i + len(node))
            for i in range(len(toks) - len(node) + 1)
            if toks[i : i + len(node)] == node
        ]
        for i, tok in enumerate(toks):
            if any(i in r for r in nodes):
                continue
            near = any(
                r.start - window <= i < r.start or r.stop <= i < r.stop + window for r in nodes
            )
            if near:
                positions += 1
                observed[tok] += 1
    n = sum(frequency.values())
    rows = {}
    for word, o in observed.items():
        c = frequency[word]
        e = positions * c / n
        if o <= e or word in stopwords:
            continue
        table = [
            [o, positions - o],
            [c - o, n - positions - (c - o)],
        ]
        g2 = 0.0
        for r in range(2):
            for k in range(2):
                cell = table[r][k]
                row_total = sum(table[r])
                col_total = table[0][k] + table[1][k]
                if cell:
                    g2 += cell * math.log(cell * n / (row_total * col_total))
        rows[word] = (o, e, math.log2(o / e), 2 * g2)
    return rows


def check(texts: list[str], node: str, window: int, stopwords: frozenset[str] = frozenset()) -> int:
    corpus = Corpus(
        "t", tuple(Document(f"d{i}", f"d{i}.txt", t, f"d{i}") for i, t in enumerate(texts))
    )
    expected = brute(texts, node.lower().split(), window, stopwords)
    queries = compile_queries([node])
    for measure, which in (("mi", 2), ("loglik", 3)):
        rows = collocates(corpus, queries, window, measure, 1, stopwords)
        got = {r.word: (r.observed, r.expected, r.score) for r in rows}
        assert set(got) == set(expected), measure
        for word, (o, e, score) in got.items():
            assert o == expected[word][0], word
            assert e == pytest.approx(expected[word][1], abs=1e-4), word
            assert score == pytest.approx(expected[word][which], abs=1e-3), word
        assert [r.word for r in rows] == sorted(got, key=lambda w: (-got[w][2], -got[w][0], w))
    return len(expected)


TEXT = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", ", ", ". ", "\n\n", "-"]), min_size=len(words), max_size=len(words)
    ).map(lambda glue: "".join(w + g for w, g in zip(words, glue, strict=True)))
)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(TEXT, min_size=1, max_size=4),
    node=st.sampled_from(["care", "nhs", "care trust", "gp gp"]),
    window=st.integers(1, 4),
)
@example(texts=["care trust care nhs gp board"], node="care", window=1)
def test_collocates_agree_with_a_brute_force_count(
    texts: list[str], node: str, window: int
) -> None:
    texts = [*texts, f"board {node} the"]  # the node occurs, with words either side
    check(texts, node, window)


def test_a_position_in_two_windows_counts_once_and_nodes_are_not_collocates() -> None:
    # "x" stands between two nodes: in both windows, counted once; each node is in the
    # other's window, and counted for neither.
    texts = ["care x care y", "z z z z z z z z"]
    assert check(texts, "care", 1) >= 1
    corpus = Corpus("t", tuple(Document(f"d{i}", "f", t, "t") for i, t in enumerate(texts)))
    rows = {r.word: r for r in collocates(corpus, compile_queries(["care"]), 1, "mi", 1)}
    assert set(rows) == {"x", "y"}
    assert rows["x"].observed == 1 and rows["y"].observed == 1
    # 2 window positions out of 12 tokens; x and y occur once each
    assert rows["x"].expected == pytest.approx(2 * 1 / 12, abs=1e-4)


@pytest.mark.parametrize("window", [1, 2, 3, 5])
def test_window_edges_on_a_known_text(window: int) -> None:
    words = [f"w{i}" for i in range(12)]
    words[6] = "node"
    text = " ".join(words) + ". " + " ".join(f"v{i}" for i in range(30))
    corpus = Corpus("t", (Document("t", "t.txt", text, "t"),))
    rows = collocates(corpus, compile_queries(["node"]), window, "mi", 1)
    assert sorted(r.word for r in rows) == sorted(
        [f"w{i}" for i in range(6 - window, 6)] + [f"w{i}" for i in range(7, 7 + window)]
    )


def test_stopwords_are_left_out_but_still_fill_the_window() -> None:
    texts = ["the care board", "gp trust nhs nhs nhs", "care the"]
    stop = frozenset({"the"})
    assert check(texts, "care", 1, stop) >= 1
