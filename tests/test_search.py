"""The search engine against an independent, simple token-by-token search."""

from __future__ import annotations

import fnmatch
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index.opening import load_bundled
from nhsalliance_cli.text.search import compile_queries, compile_regex, compile_words, find


def simple_fold(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def reference(text: str, query: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Token-by-token: tokens are runs of letters and digits; '*' is any letters."""
    toks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", text)]
    words = re.findall(r"(?:[^\W_]|\*)+", query)
    norm = (lambda s: s) if case_sensitive else simple_fold
    spans = []
    for i in range(len(toks) - len(words) + 1):
        window = toks[i : i + len(words)]
        if all(
            fnmatch.fnmatchcase(norm(t[2]), norm(w)) for t, w in zip(window, words, strict=True)
        ):
            spans.append((window[0][0], window[-1][1]))
    return spans


def engine(text: str, query: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in find(text, [compile_words(query, case_sensitive)])]


BUNDLED = load_bundled()
QUERIES = [
    "commissioning",
    "commission*",
    "*ing",
    "CCG",
    "CCGs",
    "GP",
    "Dixon",
    "it's",
    "King's Fund",
    "practice based commissioning",
    "NHS Alliance",
    "nhs * commissioners",
    "primary care",
    "18",
    "2013",
]


@pytest.mark.parametrize("query", QUERIES)
def test_bundled_counts_match_the_reference(query: str) -> None:
    for doc in BUNDLED:
        assert engine(doc.text, query) == reference(doc.text, query), (query, doc.id)


def test_typography_never_hides_a_hit() -> None:
    text = "It’s the King’s Fund and practice-based\ncommissioning; it's\u00a0done."
    assert [text[s:e] for s, e in engine(text, "it's")] == ["It’s", "it's"]
    assert [text[s:e] for s, e in engine(text, "King's Fund")] == ["King’s Fund"]
    assert [text[s:e] for s, e in engine(text, "practice based commissioning")] == [
        "practice-based\ncommissioning"
    ]
    assert engine(text, "its") == []


def test_whole_tokens_only() -> None:
    text = "GPs and a GP; Dixon's view; CCG-led CCGs"
    assert [text[s:e] for s, e in engine(text, "GP")] == ["GP"]
    assert [text[s:e] for s, e in engine(text, "Dixon")] == ["Dixon"]
    assert [text[s:e] for s, e in engine(text, "ccg")] == ["CCG"]
    assert [text[s:e] for s, e in engine(text, "CCG*")] == ["CCG", "CCGs"]


def test_overlapping_phrase_hits_are_all_found() -> None:
    text = "ba a a a"
    assert engine(text, "a a") == [(3, 6), (5, 8)]


def test_case_sensitive() -> None:
    text = "NHS nhs Nhs"
    assert engine(text, "nhs", case_sensitive=True) == [(4, 7)]
    assert len(engine(text, "nhs")) == 3


def test_several_queries_are_alternatives_each_span_once() -> None:
    text = "PBC and CCG and PBC"
    spans = find(text, compile_queries(["PBC", "CCG", "pbc"]))
    assert [(s.start, s.query) for s in spans] == [(0, 0), (8, 1), (16, 0)]


def test_regex_queries_index_the_raw_text() -> None:
    text = "CCG and CCGs; ccgs"
    spans = find(text, [compile_regex(r"CCGs?\b")])
    assert [text[s.start : s.end] for s in spans] == ["CCG", "CCGs", "ccgs"]
    spans = find(text, [compile_regex(r"CCGs?\b", case_sensitive=True)])
    assert len(spans) == 2
    assert find(text, [compile_regex(r"x*")]) == []  # empty matches are skipped


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ("...", "no letters or digits"),
        ("*", "no letters or digits"),
        ("a" * 1001, "the limit is 1000"),
        ("ab\x07c", "control characters"),
    ],
)
def test_bad_word_queries(query: str, message: str) -> None:
    with pytest.raises(UsageProblem, match=message):
        compile_words(query)


def test_bad_regex() -> None:
    with pytest.raises(UsageProblem, match=r"invalid regular expression '\(': missing \)"):
        compile_regex("(")


def test_dotted_capital_i_keeps_offsets() -> None:
    text = "İstanbul ISTANBUL istanbul"
    spans = engine(text, "istanbul")
    assert [text[s:e] for s, e in spans] == ["ISTANBUL", "istanbul"]


ALPHABET = "abAB 1’'\"“”‘-\n\u00a0.,_İß"
texts = st.text(alphabet=ALPHABET, max_size=60)
queries = st.sampled_from(["a", "b", "ab", "a b", "A b", "a*", "*b", "a * b", "1", "b a b", "ß"])


@settings(max_examples=400, deadline=None)
@given(text=texts, query=queries, case_sensitive=st.booleans())
def test_property_every_hit_exact_none_missed_or_duplicated(
    text: str, query: str, case_sensitive: bool
) -> None:
    found = engine(text, query, case_sensitive)
    assert found == reference(text, query, case_sensitive)
    assert len(set(found)) == len(found)
    for start, end in found:
        matched = text[start:end]
        assert matched and not matched[0].isspace()
        assert re.findall(r"[^\W_]+", matched)


# Each pattern with a text it matches: appended to every generated text, so that each
# example has a hit to check.
WITNESSES = {r"a+": "aa", r"[’']": "’", r"\bb": " b", r"A.B": "a-b", r"\s+": " \n", r"ß": "ß"}


@settings(max_examples=200, deadline=None)
@given(text=texts, pattern=st.sampled_from(sorted(WITNESSES)))
def test_property_regex_offsets(text: str, pattern: str) -> None:
    text += " " + WITNESSES[pattern]
    spans = find(text, [compile_regex(pattern)])
    assert spans
    for span in spans:
        assert re.fullmatch(pattern, text[span.start : span.end], re.IGNORECASE)
    assert spans == sorted(spans) and all(a.end <= b.start for a, b in itertools.pairwise(spans))


@settings(max_examples=300, deadline=None)
@given(text=texts, query=queries, window=st.integers(min_value=0, max_value=4))
def test_property_contexts_are_the_window_of_whole_words(
    text: str, query: str, window: int
) -> None:
    from nhsalliance_cli.analyses.concordance import hits
    from nhsalliance_cli.corpus.model import Corpus, Document

    text += " " + query.replace("*", "z")  # at least one hit to check
    corpus = Corpus("t", (Document(id="t", file="t.txt", text=text, title="t"),))
    found = list(hits(corpus, [compile_words(query)], window))
    assert found
    for hit in found:
        before = re.findall(r"[^\W_]+", text[: hit.start])
        after = re.findall(r"[^\W_]+", text[hit.end :])
        assert re.findall(r"[^\W_]+", hit.left) == (before[-window:] if window else [])
        assert re.findall(r"[^\W_]+", hit.right) == after[:window]
        assert hit.line == text.count("\n", 0, hit.start) + 1
