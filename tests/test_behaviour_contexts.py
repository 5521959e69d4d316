"""Contexts and line numbers of hits, at the edges of their rules: a token shown whole up
to CAP characters and cut after, a long stretch of punctuation shortened only when a side
outgrows its room, and line numbers counted from the very first character."""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.concordance import CAP, contexts, hits
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.search import compile_words
from nhsalliance_cli.text.tokens import split_tokens

SHOWN = CAP // 2  # how much of a cut token is shown


def around(text: str, node: str, window: int) -> tuple[str, str]:
    start = text.index(node)
    return contexts(text, split_tokens(text)[0], start, start + len(node), window)


@pytest.mark.parametrize("length", [CAP - 1, CAP, CAP + 1, 3 * CAP])
def test_a_long_token_is_shown_whole_up_to_cap(length: int) -> None:
    text = "x" * length + " NODE " + "y" * length
    left, right = around(text, "NODE", 1)
    if length <= CAP:
        assert (left, right) == ("x" * length, "y" * length)
    elif length < CAP + 8:
        assert (left, right) == ("x" * SHOWN + "…", "y" * SHOWN + "…")
    else:  # a side past its room: the token's head and the last characters before the hit
        assert (left, right) == ("x" * SHOWN + "…" + "x" * 7, "y" * SHOWN + "…")


@pytest.mark.parametrize("before", ["", "w " * 300], ids=["at the start", "further on"])
@pytest.mark.parametrize("window", [2, 5])
def test_punctuation_within_the_room_of_the_window_is_shown_whole(window: int, before: str) -> None:
    text = before + "aa " + "-" * 100 + " bb NODE cc"
    left, right = around(text, "NODE", window)
    ws = "w " * (window - 2) if before else ""  # the words before "aa" in the window
    assert left == ws + "aa " + "-" * 100 + " bb"
    assert right == "cc"


def test_a_stretch_longer_than_the_room_of_its_side_is_shortened() -> None:
    text = "aa" + "-" * 200 + " NODE"
    left, right = around(text, "NODE", 1)
    assert left == "aa" + "-" * (SHOWN - 2) + "…" + "-" * 7
    assert right == ""


@pytest.mark.parametrize("breaks", ["\n", "\n\n", "\r\n", "\r", "\n\r\n"])
def test_line_numbers_count_a_break_at_the_very_start(breaks: str) -> None:
    text = f"{breaks}alpha beta\nalpha"
    doc = Document("t", "t.txt", text, "t")
    lines = [h.line for h in hits(Corpus("t", (doc,)), [compile_words("alpha")], 2)]
    first = 1 + breaks.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert lines == [first, first + 1]


def test_hits_carry_the_document_date_and_whether_it_was_inferred() -> None:
    dated = Document("a", "a.txt", "alpha", "a", date="2012-03", date_inferred=True)
    plain = Document("b", "b.txt", "alpha", "b", date="2013")
    found = list(hits(Corpus("t", (dated, plain)), [compile_words("alpha")], 1))
    assert [(h.doc, h.date, h.date_inferred) for h in found] == [
        ("a", "2012-03", True),
        ("b", "2013", False),
    ]


def test_in_a_long_side_a_stretch_of_cap_characters_is_shown_whole() -> None:
    # Two stretches before the hit: the first exactly CAP characters (token, dashes and a
    # space), the second far longer, so the side outgrows its room and is cut stretch by
    # stretch.
    first = "aa" + "-" * (CAP - 3) + " "
    second = "bb" + "-" * 97 + " "
    text = first + second + "NODE"
    left, _ = around(text, "NODE", 2)
    assert left == first + "bb" + "-" * (SHOWN - 2) + "…" + "-" * 7


def test_token_tables_without_an_index_come_from_the_text() -> None:
    from nhsalliance_cli.analyses.concordance import token_tables

    docs = (Document("a", "a.txt", "alpha beta alpha", "a"), Document("b", "b.txt", "gamma", "b"))
    corpus = Corpus("t", docs)
    assert corpus.postings is None
    tables = list(token_tables(corpus, [compile_words("alpha")]))
    assert [d.id for d, _ in tables] == ["a", "b"]
    first = tables[0][1]
    assert first is not None and list(first.positions("alpha")) == [0, 2]
    assert list(first.starts) == [0, 6, 11]
