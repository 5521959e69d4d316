"""The tokenizer's rules, by behaviour: tokens as offsets, case folding that keeps lengths,
and paragraphs (blank lines; line breaks unless the text is hard-wrapped)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsalliance_cli.text.tokens import (
    count_tokens,
    fold,
    paragraph_spans,
    split_tokens,
    term_positions,
    tokens,
    unify_line_breaks,
)


def paragraphs(text: str) -> list[str]:
    return [text[a:b] for a, b in paragraph_spans(text)]


def line(n: int, word: str = "word") -> str:
    """A line of exactly ``n`` characters."""
    return (f"{word} " * n)[: n - 1] + "x"


@pytest.mark.parametrize("length", [30, 31, 64, 99, 100])
def test_wrapped_blocks_stay_whole(length: int) -> None:
    block = "\n".join([line(length), line(length), "end of it"])
    text = f"{block}\n\n{block}"
    assert paragraphs(text) == [block, block]


@pytest.mark.parametrize("length", [5, 29, 101, 140])
def test_a_line_out_of_the_wrapping_range_breaks_the_block(length: int) -> None:
    lines = [line(50), line(length), "end of it"]
    block = "\n".join(lines)
    assert paragraphs(f"{block}\n\nNext one.") == [*lines, "Next one."]


def test_a_block_of_two_lines_can_be_wrapped() -> None:
    block = line(45) + "\nend of it"
    assert paragraphs(f"{block}\n\nNext one.") == [block, "Next one."]
    short = line(12) + "\nend of it"
    assert paragraphs(f"{short}\n\nNext one.") == [line(12), "end of it", "Next one."]


def test_the_last_line_of_a_block_may_have_any_length() -> None:
    block = "\n".join([line(40), line(40), line(3)])
    assert paragraphs(f"{block}\n\n{line(200)}") == [block, line(200)]


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    lines = [line(40), line(40), line(40)]
    assert paragraphs("\n".join(lines)) == lines


def test_a_line_of_spaces_is_a_blank_line_and_white_space_is_trimmed() -> None:
    text = "  One here.  \n \t \n\tTwo here.\n\n\n   \n Three. "
    assert paragraph_spans(text) == [(2, 11), (19, 28), (36, 42)]
    assert paragraphs(text) == ["One here.", "Two here.", "Three."]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_end_counts(end: str) -> None:
    text = f"One.{end}{end}Two.{end}Three."
    assert paragraphs(text) == ["One.", "Two.", "Three."]
    assert len(unify_line_breaks(text)) == len(text)


PIECE = st.sampled_from(["word", "two words", " ", "\n", "\n\n", " \n ", "\r\n", "\r", "\t", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECE, min_size=1, max_size=30).map("".join))
def test_property_paragraphs_cover_every_word_once(text: str) -> None:
    spans = paragraph_spans(text)
    assert all(a < b for a, b in spans)
    assert all(b1 < a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    outside = text
    for a, b in reversed(spans):
        assert not text[a].isspace() and not text[b - 1].isspace()
        outside = outside[:a] + outside[b:]
    assert outside.strip() == ""
    # A blank line is never inside a paragraph.
    unified = unify_line_breaks(text)
    assert not any(re.search(r"\n[^\S\n]*\n", unified[a:b]) for a, b in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbİß1_’'- \n.é", max_size=40))
def test_property_tokens_and_offsets(text: str) -> None:
    starts, words = split_tokens(text)
    assert words == tokens(text) == re.findall(r"[^\W_]+", text)
    assert count_tokens(text) == len(words)
    assert [text[s : s + len(w)] for s, w in zip(starts, words, strict=True)] == words
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(f == c.lower() or len(c.lower()) != 1 for f, c in zip(folded, text, strict=True))
    positions = term_positions(words)
    assert sorted(p for ps in positions.values() for p in ps) == list(range(len(words)))
    assert all(words[p] == term for term, ps in positions.items() for p in ps)


def test_tokens_split_at_apostrophes_hyphens_and_underscores() -> None:
    text = "Dixon’s practice-based snake_case 2nd"
    assert tokens(text) == ["Dixon", "s", "practice", "based", "snake", "case", "2nd"]
    assert split_tokens(text)[0] == [0, 6, 8, 17, 23, 29, 34]
    assert fold("İstanbul ISTANBUL") == "İstanbul istanbul"
