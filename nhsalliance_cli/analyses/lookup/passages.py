"""The passage around a look-up's words: the sentence, or the clause when the sentence
is long, never cut inside a word or inside a quotation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nhsalliance_cli.analyses.lookup.words import WORD_RE
from nhsalliance_cli.records.quotation import Quotation

_LONG_SENTENCE = 45  # words: longer sentences are cut to the clause
# Sentence ends: the mark, any closing quotes or brackets, then white space.
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s)")
_ABBREVIATIONS = frozenset("dr mr mrs ms prof st no eg ie e.g i.e etc vs cllr rev".split())
_CLAUSE_END = re.compile(r"[,;:–—]|\s-\s")
_OPENERS = "“‘\"'([«"
_CLOSERS = "”’\"')]»"


def enclosing(quotes: Sequence[Quotation], start: int, end: int) -> Quotation | None:
    """The innermost quotation holding the span, else one holding most of it."""
    holding = [q for q in quotes if q.start <= start and end <= q.end]
    if holding:
        return min(holding, key=lambda q: q.end - q.start)
    overlapping = [
        q for q in quotes if (min(q.end, end) - max(q.start, start)) >= (end - start) / 2
    ]
    return min(overlapping, key=lambda q: q.end - q.start) if overlapping else None


def passage(
    text: str,
    paragraph: tuple[int, int],
    span: tuple[int, int],
    quote: Quotation | None,
    quotes: Sequence[Quotation],
) -> tuple[int, int]:
    p_start, p_end = paragraph
    lo, hi = p_start, p_end
    if quote is not None and quote.start <= span[0] and span[1] <= quote.end:
        lo, hi = max(lo, quote.start), min(hi, quote.end)
    inner = [q for q in quotes if q is not quote and lo < q.end and q.start < hi]
    start, end = _sentence(text, lo, hi, span)
    if len(WORD_RE.findall(text, start, end)) > _LONG_SENTENCE:
        start, end = _clause(text, start, end, span, inner)
    start, end = _whole_quotations(text, start, end, inner, lo, hi)
    return _trim(text, start, end, span)


def _sentence(text: str, lo: int, hi: int, span: tuple[int, int]) -> tuple[int, int]:
    starts = [lo]
    for m in SENTENCE_END.finditer(text, lo, hi):
        before = re.search(r"([\w.]+)[.!?]?$", text[max(lo, m.start() - 12) : m.start() + 1])
        if text[m.start()] == "." and before and before.group(1).lower() in _ABBREVIATIONS:
            continue
        nxt = re.compile(r"\s*(\S)").match(text, m.end(), hi)
        if nxt is not None and nxt.group(1).islower():
            continue
        if m.end() < hi:
            starts.append(m.end())
    start = max(s for s in starts if s <= span[0])
    later = [s for s in starts if s >= span[1]]
    end = min(later) if later else hi
    return start, end


def _clause(
    text: str, start: int, end: int, span: tuple[int, int], inner: Sequence[Quotation]
) -> tuple[int, int]:
    def free(pos: int) -> bool:
        return not any(q.start <= pos < q.end for q in inner)

    breaks = [m.end() for m in _CLAUSE_END.finditer(text, start, end) if free(m.start())]
    before = [b for b in breaks if b <= span[0]]
    after = [b for b in breaks if b > span[1]]
    return (max(before) if before else start), (min(after) if after else end)


def _whole_quotations(
    text: str, start: int, end: int, inner: Sequence[Quotation], lo: int, hi: int
) -> tuple[int, int]:
    """Widen the passage until no quotation begins inside it and ends outside, or the
    other way round."""
    changed = True
    while changed:
        changed = False
        for q in inner:
            q_lo, q_hi = max(q.start - 1, lo), min(q.end + 1, hi)
            if q.start < start < q.end or (start <= q.start < end and q.end > end):
                if q_lo < start or q_hi > end:
                    start, end = min(start, q_lo), max(end, q_hi)
                    changed = True
            elif q.start < end < q.end and q_hi > end:
                end, changed = q_hi, True
    return start, end


def _trim(text: str, start: int, end: int, span: tuple[int, int]) -> tuple[int, int]:
    """White space, a dangling clause mark or an unpaired quote mark off either end."""
    while start < span[0] and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    while end > span[1] and (text[end - 1].isspace() or text[end - 1] in ",;:–—-"):
        end -= 1
    while start < span[0] and text[start] in _OPENERS and not _closes(text, start, end):
        start += 1
    while end > span[1] and text[end - 1] in _CLOSERS and not _opens(text, start, end - 1):
        end -= 1
    while end > span[1] and (text[end - 1].isspace() or text[end - 1] in ",;:–—"):
        end -= 1
    return start, end


def _closes(text: str, start: int, end: int) -> bool:
    return any(
        c in _CLOSERS and not (text[i - 1].isalnum() and text[i + 1 : i + 2].isalnum())
        for i, c in enumerate(text[start + 1 : end], start + 1)
    )


def _opens(text: str, start: int, end: int) -> bool:
    return any(
        c in _OPENERS and (i == start or not text[i - 1].isalnum())
        for i, c in enumerate(text[start:end], start)
    )
