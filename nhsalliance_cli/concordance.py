"""Keyword in context: hits with their surrounding words, sorting and counts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from nhsalliance_cli.corpus import Corpus, Document
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.record import Record
from nhsalliance_cli.search import Query, Span, find
from nhsalliance_cli.tokens import TOKEN_CHARS, TOKEN_RE, fold

MAX_WINDOW = 100
SORT_LEVELS = 3
_SORT_KEY_RE = re.compile(r"([LR])([1-9])|(doc|match)", re.IGNORECASE)
# How far to look for context words before widening the look (long tokens, long
# runs of punctuation).
_LOOK = 40


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


def spans_by_document(
    corpus: Corpus, queries: Sequence[Query]
) -> Iterator[tuple[Document, list[Span]]]:
    """Each document (in corpus order) with the spans the queries match in it."""
    need_fold = any(q.folded for q in queries)
    for doc in corpus:
        yield doc, find(doc.text, queries, fold(doc.text) if need_fold else None)


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
    context = _context_res(window)
    for doc, spans in found:
        text = doc.text
        line = 1
        last = 0
        for span in spans:
            line += text.count("\n", last, span.start)
            last = span.start
            left, right = _contexts(text, span.start, span.end, context)
            yield Hit(
                doc=doc.id,
                start=span.start,
                end=span.end,
                line=line,
                match=text[span.start : span.end],
                left=left,
                right=right,
                query=labels[span.query],
                date=doc.date,
            )


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


@dataclass(frozen=True)
class _ContextRes:
    window: int
    full: re.Pattern[str]  # exactly `window` tokens, each after its separator
    upto: re.Pattern[str]  # at most `window` tokens


def _context_res(window: int) -> _ContextRes:
    # Matching reversed text with the same patterns finds the words before a hit:
    # token and separator classes read the same both ways.
    # The lookahead keeps tokens whole: without it {n} would split a word to make up
    # the count.
    unit = rf"[\W_]*{TOKEN_CHARS}+(?!{TOKEN_CHARS})"
    return _ContextRes(
        window, re.compile(f"(?:{unit}){{{window}}}"), re.compile(f"(?:{unit}){{0,{window}}}")
    )


def _contexts(text: str, start: int, end: int, res: _ContextRes) -> tuple[str, str]:
    if res.window == 0:
        return "", ""
    look = _LOOK * res.window
    while True:  # left: the window's words, read backwards from the match
        begin = max(0, start - look)
        reverse = text[begin:start][::-1]
        m = res.full.match(reverse)
        # A full window that stops short of the cut, or the start of the text.
        if m is not None and (m.end() < len(reverse) or begin == 0):
            taken = m.end()
            break
        if begin == 0:
            taken = res.upto.match(reverse).end()  # type: ignore[union-attr]
            break
        look *= 4
    look = _LOOK * res.window
    while True:  # right
        stop = min(len(text), end + look)
        m = res.full.match(text, end, stop)
        if m is not None and (m.end() < stop or stop == len(text)):
            after = m.end()
            break
        if stop == len(text):
            after = res.upto.match(text, end, stop).end()  # type: ignore[union-attr]
            break
        look *= 4
    return _squash(text[start - taken : start]), _squash(text[end:after])


def _squash(text: str) -> str:
    # Contexts are for reading: line breaks and runs of spaces become one space.
    if "  " in text or not text.isascii() or "\n" in text or "\t" in text or "\r" in text:
        return " ".join(text.split())
    return text.strip()
