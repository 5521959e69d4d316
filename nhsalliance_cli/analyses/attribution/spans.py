"""The quoted spans of a text: where each quote mark opens or closes, read from the marks
and the characters beside them (any quotation style), nesting included; and the words a span
quotes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from nhsalliance_cli.text.tokens import paragraph_spans

DOUBLE = '“”"„'


SINGLE = "‘’'‚"


MARKS = DOUBLE + SINGLE


_MARK_RE = re.compile(f"[{re.escape(MARKS)}]")


_OPEN_BEFORE = set("([{—–-/") | set(MARKS)


_CLOSE_AFTER = set(".,;:!?)]}—–-…") | set(MARKS)


@dataclass
class _Open:
    family: str  # "double" or "single"
    mark: int  # offset of the opening mark
    paragraph: int
    depth: int
    continuations: list[int] = field(default_factory=list)  # marks opening later paragraphs


@dataclass(frozen=True)
class Span:
    """A quoted span: the marks' pairing, before it is classified."""

    open_mark: int
    close_mark: int | None  # None: never closed (closed at its paragraph's end)
    start: int
    end: int
    first_paragraph: int
    last_paragraph: int
    depth: int
    continuations: tuple[int, ...]


def role(text: str, i: int) -> str:
    """What the mark at ``i`` does: open, close, either, or apostrophe."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if text[i] in SINGLE and before.isalnum() and after.isalnum():
        return "apostrophe"
    opens = before.isspace() or before in _OPEN_BEFORE
    closes = after.isspace() or after in _CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"  # decided by whether a quotation of its family is open


def quoted_spans(text: str) -> list[Span]:
    """Every quoted span in ``text``, outer ones before the ones inside them."""
    paragraphs = paragraph_spans(text)
    spans: list[Span] = []
    carried: _Open | None = None
    for number, (p_start, p_end) in enumerate(paragraphs):
        stack: list[_Open] = []
        marks = [m.start() for m in _MARK_RE.finditer(text, p_start, p_end)]
        if carried is not None:
            if marks and marks[0] == p_start and _family(text[p_start]) == carried.family:
                carried.continuations.append(p_start)
                stack.append(carried)
                marks = marks[1:]
            else:
                spans.append(_unclosed(text, carried, paragraphs))
        carried = None
        for i in marks:
            what = role(text, i)
            if what == "apostrophe":
                continue
            family = _family(text[i])
            open_here = next((q for q in reversed(stack) if q.family == family), None)
            if what == "close" or (what == "either" and open_here is not None):
                if open_here is None:
                    continue  # a plural possessive (hours’ notice) or a stray mark
                inside = stack[stack.index(open_here) + 1 :]
                del stack[stack.index(open_here) :]
                spans.extend(_left_open(text, inside, paragraphs, i))
                spans.append(_closed(text, open_here, i, number, paragraphs))
            else:
                stack.append(_Open(family, i, number, len(stack)))
        if stack:
            # The outermost open quotation may go on in the next paragraph; any inside it
            # end here.
            carried = stack[0]
            spans.extend(_left_open(text, stack[1:], paragraphs, p_end))
    if carried is not None:
        spans.append(_unclosed(text, carried, paragraphs))
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: (s.start, s.depth))
    return spans


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE else "single"


def _closed(
    text: str, quote: _Open, close: int, paragraph: int, paragraphs: Sequence[tuple[int, int]]
) -> Span:
    start, end = _trim(text, quote.mark + 1, close)
    return Span(
        quote.mark,
        close,
        start,
        end,
        quote.paragraph,
        paragraph,
        quote.depth,
        tuple(quote.continuations),
    )


def _unclosed(
    text: str, quote: _Open, paragraphs: Sequence[tuple[int, int]], at: int | None = None
) -> Span:
    last = quote.paragraph
    if quote.continuations:
        last = _paragraph_of(paragraphs, quote.continuations[-1])
    stop = at if at is not None else paragraphs[last][1]
    start, end = _trim(text, quote.mark + 1, stop)
    return Span(
        quote.mark, None, start, end, quote.paragraph, last, quote.depth, tuple(quote.continuations)
    )


def _left_open(
    text: str, opens: Sequence[_Open], paragraphs: Sequence[tuple[int, int]], stop: int
) -> list[Span]:
    """Quotations opened inside another and never closed (``opens``, outer first): each
    runs to where the next one opens, the last to ``stop``. So a paragraph of stray marks
    gives spans as long as the paragraph in all, not as long each (linear, not quadratic)."""
    if not opens:
        return []
    ends = [q.mark for q in opens[1:]] + [stop]
    return [_unclosed(text, q, paragraphs, at=end) for q, end in zip(opens, ends, strict=True)]


def _paragraph_of(paragraphs: Sequence[tuple[int, int]], offset: int) -> int:
    return max(bisect.bisect_right([s for s, _ in paragraphs], offset) - 1, 0)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_text(text: str, span: Span, original: str | None = None) -> str:
    """The quoted words: the span without the marks that open its continued paragraphs,
    found in ``text`` (marks unified) and taken from ``original`` where it is given."""
    source = text if original is None else original
    if not span.continuations:
        return source[span.start : span.end]
    pieces = []
    pos = span.start
    for mark in span.continuations:
        end = mark
        while end > pos and text[end - 1].isspace():
            end -= 1
        pieces.append(source[pos:end])
        pos = mark + 1
    while pos < span.end and text[pos].isspace():
        pos += 1
    pieces.append(source[pos : span.end])
    return "\n".join(p for p in pieces if p)
