"""Keyword in context: hits with their surrounding words, sorting and counts."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.records.record import Record
from nhsalliance_cli.text.search import Query, Span, TokenTable, find, find_spans
from nhsalliance_cli.text.tokens import TOKEN_CHARS, TOKEN_RE, fold, unify_line_breaks

MAX_WINDOW = 100
SORT_LEVELS = 3
_SORT_KEY_RE = re.compile(r"([LR])([1-9])|(doc|match)", re.IGNORECASE)


@dataclass(frozen=True)
class Hit(Record):
    """One hit: the JSON fields of ``search``."""

    doc: str
    start: int
    end: int
    line: int
    match: str
    left: str
    right: str
    query: str
    date: str | None = None  # the document's date
    date_inferred: bool = False  # ... worked out, not printed in the text

    def record(self) -> dict[str, Any]:
        # Every field is public, in order: the instance's own dict is the record, and a
        # search of hundreds of thousands of hits makes it once for each.
        return dict(self.__dict__)


@dataclass(frozen=True)
class SortKey:
    side: str  # "L", "R", "match" or "doc"
    position: int = 0


def parse_sort(spec: str) -> list[SortKey]:
    """``"R1,R2"`` → keys; ``doc`` is document order, ``match`` the matched words."""
    keys: list[SortKey] = []
    for raw in (part.strip() for part in spec.split(",")):
        m = _SORT_KEY_RE.fullmatch(raw)
        if m is None:
            raise UsageProblem(
                f"unknown sort key {raw!r}: use L1-L9, R1-R9, match or doc, "
                "comma-separated (e.g. --sort R1,R2)"
            )
        keys.append(SortKey(m[1].upper(), int(m[2])) if m[1] else SortKey(m[3].lower()))
    if len(keys) > SORT_LEVELS:
        raise UsageProblem(f"--sort takes at most {SORT_LEVELS} keys, got {len(keys)}")
    return keys


def token_tables(
    corpus: Corpus, queries: Sequence[Query]
) -> Iterator[tuple[Document, TokenTable | None]]:
    """Each document with the token table that word ``queries`` are matched in: from the
    index (only the terms they can match; None where none occurs), else from the text."""
    if corpus.postings is not None:
        yield from corpus.postings.tables(corpus, queries)
        return
    for doc in corpus:
        yield doc, TokenTable.of(doc.text)


def spans_by_document(
    corpus: Corpus, queries: Sequence[Query]
) -> Iterator[tuple[Document, list[Span]]]:
    """Each document (in corpus order) with the spans the queries match in it."""
    postings = corpus.postings
    if postings is not None and not any(q.is_regex for q in queries):
        exact = not all(q.folded for q in queries)  # case-sensitive: the text is checked
        for doc, table in postings.tables(corpus, queries):
            text = doc.text if exact and table is not None else None
            yield doc, [] if table is None else find_spans(text, queries, table)
        return
    for doc in corpus:
        yield doc, find(doc.text, queries)


def hits(corpus: Corpus, queries: Sequence[Query], window: int) -> Iterator[Hit]:
    """Every hit in corpus order, with ``window`` words of context each side."""
    labels = [q.text for q in queries]
    return hits_from_spans(spans_by_document(corpus, queries), labels, window)


def hits_from_spans(
    found: Iterable[tuple[Document, Sequence[Span]]], labels: Sequence[str], window: int
) -> Iterator[Hit]:
    """Hits with context for spans found in each document (in text order).

    ``labels[span.query]`` becomes each hit's ``query``.
    """
    check_window(window)
    for doc, spans in found:
        if not spans:
            continue
        text = doc.text
        starts = doc.token_starts()
        lines = Lines(text)
        doc_id, date, inferred = doc.id, doc.date, doc.date_inferred
        for start, end, query in spans:
            left, right = contexts(text, starts, start, end, window)
            # A search can make hundreds of thousands of hits: filled in directly, as
            # the frozen dataclass's own __init__ would, at a third of its cost.
            hit = _new(Hit)
            hit.__dict__.update(
                doc=doc_id,
                start=start,
                end=end,
                line=lines.number(start),
                match=text[start:end],
                left=left,
                right=right,
                query=labels[query],
                date=date,
                date_inferred=inferred,
            )
            yield hit
        doc.release()


_new = object.__new__


class Lines:
    """Line numbers of offsets asked for in increasing order; ``\r``, ``\n`` and
    ``\r\n`` each end a line."""

    __slots__ = ("_last", "_line", "_text")

    def __init__(self, text: str) -> None:
        self._text = unify_line_breaks(text) if "\r" in text else text
        self._line = 1
        self._last = 0

    def number(self, offset: int) -> int:
        if offset < self._last:  # out of order: count from the start
            self._line, self._last = 1, 0
        self._line += self._text.count("\n", self._last, offset)
        self._last = offset
        return self._line


def contexts(
    text: str, starts: Sequence[int], start: int, end: int, window: int
) -> tuple[str, str]:
    """The ``window`` tokens before ``start`` and after ``end``, squeezed for reading.

    A token cut by the match counts as one token on its side. ``starts`` are the text's
    token starts. Tokens longer than CAP characters are shown shortened with '…', so a
    context never grows with the text.
    """
    if window == 0:
        return "", ""
    left = right = ""
    before = bisect_left(starts, start)  # tokens starting before the match
    if before:
        first = before - window if before > window else 0
        left = _side(text, starts, first, before, starts[first], start)
    after = bisect_left(starts, end)
    count = len(starts)
    # A match that ends inside a token (a regex's): the rest of that token comes first.
    if (
        after
        and end < len(text)
        and _is_token_char(text[end])
        and (after == count or starts[after] != end)
    ):
        after -= 1
    if after < count:
        last = after + window if after + window < count else count
        stop = _token_end(text, max(starts[last - 1], end))
        right = _side(text, starts, after, last, end, stop)
    return left, right


def _side(text: str, starts: Sequence[int], first: int, stop: int, begin: int, end: int) -> str:
    """``text[begin:end]``, tokens ``first`` to ``stop`` (excluded), for reading."""
    if end - begin > (stop - first) * _ROOM:
        return _long_side(text, starts, first, stop, begin, end)
    piece = _squash(text[begin:end])
    if len(piece) > CAP and _LONG_TOKEN_RE.search(piece):
        piece = _LONG_TOKEN_RE.sub(_shorten, piece)
    return piece


def _is_token_char(char: str) -> bool:
    return char.isalnum()  # the same as [^\W_]: \w is isalnum() or '_'


_ODD_SPACE_RE = re.compile(r"[^\S ]|  ")


# The longest token a context shows whole, and how much of a longer one it shows.
CAP = 60
_SHOWN = CAP // 2
_ROOM = CAP + 8  # a token and the separator after it, before a side counts as long
_LONG_TOKEN_RE = re.compile(f"{TOKEN_CHARS}{{{CAP + 1},}}")


def _token_end(text: str, start: int) -> int:
    # Bounded: past CAP characters a token is shown cut, so its true end does not matter.
    m = TOKEN_RE.match(text, start, start + CAP + 1)
    return m.end() if m is not None else start


def _long_side(
    text: str, starts: Sequence[int], first: int, stop: int, begin: int, end: int
) -> str:
    # Something in there is very long (a huge token or a run of punctuation): take each
    # token's stretch up to the next, shortened, never copying the long part.
    parts = []
    for i in range(first, stop):
        a = max(begin, starts[i]) if i > first else begin
        b = min(end, starts[i + 1]) if i + 1 < stop else end
        parts.append(text[a:b] if b - a <= CAP else text[a : a + _SHOWN] + "…" + text[b - 8 : b])
    piece = "".join(parts)
    if _LONG_TOKEN_RE.search(piece):
        piece = _LONG_TOKEN_RE.sub(_shorten, piece)
    return _squash(piece)


def _shorten(m: re.Match[str]) -> str:
    return m.group()[:_SHOWN] + "…"


def check_window(window: int) -> None:
    if not 0 <= window <= MAX_WINDOW:
        raise UsageProblem(f"--window must be between 0 and {MAX_WINDOW}, got {window}")


def sort_hits(found: Iterable[Hit], keys: Sequence[SortKey]) -> list[Hit]:
    """Sort by context words (L1 is the first word to the left), then by position."""
    listed = list(found)
    if not keys or all(k.side == "doc" for k in keys):
        return listed
    order = {doc: i for i, doc in enumerate(dict.fromkeys(h.doc for h in listed))}

    def key(hit: Hit) -> tuple[Any, ...]:
        parts: list[Any] = []
        left = right = None
        for k in keys:
            if k.side == "doc":
                parts.append((order[hit.doc], hit.start))
            elif k.side == "match":
                parts.append(fold(hit.match))
            elif k.side == "L":
                left = left if left is not None else TOKEN_RE.findall(hit.left)[::-1]
                parts.append(_nth(left, k.position))
            else:
                right = right if right is not None else TOKEN_RE.findall(hit.right)
                parts.append(_nth(right, k.position))
        return (*parts, order[hit.doc], hit.start)

    return sorted(listed, key=key)


def count_rows(
    corpus: Corpus, queries: Sequence[Query]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Hits per document and in total, also per 1,000 words: the JSON of ``--count``."""
    rows = []
    total_hits = total_words = 0
    for doc, spans in spans_by_document(corpus, queries):
        rows.append(_count_row(doc.id, len(spans), doc.words))
        total_hits += len(spans)
        total_words += doc.words
    return rows, _count_row(None, total_hits, total_words)


def _count_row(doc: str | None, count: int, words: int) -> dict[str, Any]:
    return {"doc": doc, "count": count, "words": words, "per_1000": per_1000(count, words)}


def per_1000(count: int, words: int) -> float:
    """A relative frequency, to two decimals: every command rounds the same way."""
    return round(count * 1000 / words, 2) if words else 0.0


def _nth(words: list[str], position: int) -> str:
    # Missing context words sort first, as AntConc does.
    return fold(words[position - 1]) if len(words) >= position else ""


def _squash(text: str) -> str:
    # Contexts are for reading: line breaks and runs of spaces become one space.
    if _ODD_SPACE_RE.search(text):
        return " ".join(text.split())
    return text.strip(" ")
