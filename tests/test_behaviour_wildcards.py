"""Wildcards with middle pieces, against a reference matcher: ``fnmatch`` on the same tokens.

A token holds only letters and digits, so fnmatch's '*' (any characters, none included) and
the search's '*' (any letters or digits) agree on every token.
"""

from __future__ import annotations

import fnmatch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nhsalliance_cli.text.search import compile_words, find, wildcard_match
from nhsalliance_cli.text.tokens import tokens

# Few letters, so that pieces recur inside words: the hard cases for a greedy matcher.
WORD = st.text(alphabet="abn", min_size=1, max_size=9)
PATTERN = st.lists(st.text(alphabet="abn", max_size=3), min_size=2, max_size=5).map("*".join)


def reference(pattern: str, word: str) -> bool:
    return fnmatch.fnmatchcase(word, pattern)


@pytest.mark.parametrize(
    ("pattern", "word", "expected"),
    [
        ("*ana*ana*", "banana", False),  # the two pieces would overlap
        ("*ana*ana*", "bananaana", True),
        ("*an*an*", "banana", True),
        ("b*a*a", "baa", True),
        ("b*a*a", "ba", False),  # head and tail may not share a letter
        ("*a*a*a*", "banana", True),
        ("*a*a*a*a*", "banana", False),
        ("a*", "a", True),  # '*' may stand for nothing
        ("*", "x", True),
        ("ab", "ab", True),
        ("ab", "abb", False),
        ("*b", "ab", True),
        ("n*n", "n", False),
    ],
)
def test_wildcard_examples(pattern: str, word: str, expected: bool) -> None:
    assert wildcard_match(pattern, word) is expected
    assert reference(pattern, word) is expected


@settings(max_examples=600, deadline=None)
@given(pattern=PATTERN, word=WORD)
@example(pattern="*ana*ana*", word="banana")
@example(pattern="*aa*a*", word="aaa")
@example(pattern="a*a", word="a")
def test_wildcard_match_agrees_with_fnmatch(pattern: str, word: str) -> None:
    assert wildcard_match(pattern, word) is reference(pattern, word)


@settings(max_examples=300, deadline=None)
@given(
    pattern=PATTERN.filter(lambda p: p.strip("*") != ""),
    words=st.lists(WORD, min_size=1, max_size=12),
    glue=st.sampled_from([" ", ", ", "-", "\n"]),
)
def test_search_finds_exactly_the_tokens_fnmatch_accepts(
    pattern: str, words: list[str], glue: str
) -> None:
    # One token the pattern surely matches (each '*' as one letter), among random ones.
    words = [*words, pattern.replace("*", "n")]
    text = glue.join(words)
    spans = find(text, [compile_words(pattern)])
    found = [text[s.start : s.end] for s in spans]
    assert found == [t for t in tokens(text) if reference(pattern, t)]
    assert found  # the planted token at least


@settings(max_examples=200, deadline=None)
@given(
    first=PATTERN.filter(lambda p: p.strip("*") != ""),
    second=PATTERN.filter(lambda p: p.strip("*") != ""),
    words=st.lists(WORD, min_size=2, max_size=12),
)
def test_a_phrase_of_wildcards_matches_consecutive_tokens(
    first: str, second: str, words: list[str]
) -> None:
    words = [*words, first.replace("*", "a"), second.replace("*", "b")]
    text = " ".join(words)
    found = [(s.start, s.end) for s in find(text, [compile_words(f"{first} {second}")])]
    expected = []
    pos = 0
    starts = []
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    for i in range(len(words) - 1):
        if reference(first, words[i]) and reference(second, words[i + 1]):
            expected.append((starts[i], starts[i + 1] + len(words[i + 1])))
    assert found == expected
    assert found


def test_case_sensitive_wildcards_check_each_piece() -> None:
    text = "Banana banana BANANA BanAna"
    spans = find(text, [compile_words("B*n*a", case_sensitive=True)])
    assert [text[s.start : s.end] for s in spans] == ["Banana", "BanAna"]
    spans = find(text, [compile_words("*ANA", case_sensitive=True)])
    assert [text[s.start : s.end] for s in spans] == ["BANANA"]
