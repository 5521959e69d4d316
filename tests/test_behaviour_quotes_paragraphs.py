"""Quotations over one to several paragraphs, closed and unclosed: where each starts and
ends, how many paragraphs it spans, and its words without the marks that open continued
paragraphs. Texts are built here, so the expected answer is known by construction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsalliance_cli.analyses.attribution.people import People
from nhsalliance_cli.analyses.attribution.quotes import extract
from nhsalliance_cli.analyses.attribution.spans import quote_text, quoted_spans
from nhsalliance_cli.corpus.model import Document
from nhsalliance_cli.text.tokens import paragraph_spans

MARKS = [("“", "”"), ("‘", "’"), ('"', '"')]
SENTENCES = [
    "We will keep the surgery open.",
    "Patients deserve better than this",
    "It is the right thing to do, and we know it.",
    "Nobody asked the doctors",
]


def build(paragraphs: list[str], opening: str, closing: str, closed: bool) -> tuple[str, list[int]]:
    """The text "He said:", then the quotation over ``paragraphs`` (each opening with a
    mark), then a paragraph of narrative; and where each quoted paragraph's words start."""
    text = "The meeting ended late. He said:\n\n"
    starts = []
    for i, words in enumerate(paragraphs):
        if i:
            text += "\n\n"
        text += opening
        starts.append(len(text))
        text += words
    if closed:
        text += closing
    text += "\n\nThe board did not reply."
    return text, starts


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
@pytest.mark.parametrize(("opening", "closing"), MARKS, ids=["double", "single", "straight"])
@pytest.mark.parametrize("count", [1, 2, 3, 4, 6])
def test_a_quotation_over_n_paragraphs(
    count: int, opening: str, closing: str, closed: bool
) -> None:
    paragraphs = [SENTENCES[i % len(SENTENCES)] for i in range(count)]
    text, starts = build(paragraphs, opening, closing, closed)
    spans = [s for s in quoted_spans(text) if s.depth == 0]
    assert len(spans) == 1
    span = spans[0]
    bounds = paragraph_spans(text)
    assert span.first_paragraph == 1
    assert span.last_paragraph == count  # the narrative paragraph after it is not taken in
    assert span.start == starts[0]
    assert span.end == starts[-1] + len(paragraphs[-1])
    assert span.end <= bounds[count][1] < bounds[count + 1][0]
    assert span.continuations == tuple(s - 1 for s in starts[1:])
    assert (span.close_mark is not None) is closed
    assert quote_text(text, span) == "\n".join(paragraphs)

    (quote,) = [q for q in extract(Document("t", "t.txt", text, "t"), People(())) if q.depth == 0]
    assert quote.paragraphs == count
    assert (quote.start, quote.end) == (span.start, span.end)
    assert quote.text == "\n".join(paragraphs)


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_an_unclosed_quotation_stops_at_a_paragraph_without_a_mark(count: int) -> None:
    paragraphs = ["Words of the speaker here" for _ in range(count)]
    text, starts = build(paragraphs, "“", "”", closed=False)
    text += "\n\n“A new quotation,” she said."
    spans = [s for s in quoted_spans(text) if s.depth == 0]
    assert [s.last_paragraph - s.first_paragraph + 1 for s in spans] == [count, 1]
    assert spans[0].end == starts[-1] + len(paragraphs[-1])
    assert text[spans[1].start : spans[1].end] == "A new quotation,"


def test_a_continued_quotation_closed_in_its_last_paragraph_ends_at_the_mark() -> None:
    text, starts = build(["One two.", "Three four.", "Five six"], "“", "”", closed=True)
    text = text.replace("Five six”", "Five six,” he added, “and more.”")
    spans = [s for s in quoted_spans(text) if s.depth == 0]
    assert [text[s.start : s.end] for s in spans][1:] == ["and more."]
    assert spans[0].last_paragraph == 3 and spans[0].close_mark == starts[-1] + len("Five six,")


def test_a_mark_of_the_other_family_does_not_continue_a_quotation() -> None:
    text, _ = build(["One two three"], "“", "”", closed=False)
    text = text.replace("\n\nThe board", "\n\n‘Four five,’ said the board.\n\nThe board")
    spans = [s for s in quoted_spans(text) if s.depth == 0]
    assert [(s.first_paragraph, s.last_paragraph) for s in spans] == [(1, 1), (2, 2)]


PARAGRAPH = st.lists(
    st.sampled_from(["we", "will", "the", "NHS", "doctors", "care", "now", "always"]),
    min_size=1,
    max_size=6,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=7),
    closed=st.booleans(),
    marks=st.sampled_from(MARKS),
)
def test_property_continued_quotations(
    paragraphs: list[str], closed: bool, marks: tuple[str, str]
) -> None:
    text, starts = build(paragraphs, *marks, closed=closed)
    (span,) = [s for s in quoted_spans(text) if s.depth == 0]
    assert (span.first_paragraph, span.last_paragraph) == (1, len(paragraphs))
    assert (span.start, span.end) == (starts[0], starts[-1] + len(paragraphs[-1]))
    assert quote_text(text, span) == "\n".join(paragraphs)
