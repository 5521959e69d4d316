"""Corpus statistics: word lists, n-grams, collocates and change over time.

Every count comes from the one tokenizer (:mod:`tokens`) and, for queries, the one
search engine, so a word's frequency here equals ``search WORD --count``.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from nhsalliance_cli.analyses.concordance import per_1000, spans_by_document
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.records.record import Record
from nhsalliance_cli.text.search import Query
from nhsalliance_cli.text.tokens import TOKEN_RE, fold, paragraph_spans, tokens

MEASURES = ("loglik", "mi")
NGRAM_SIZES = range(2, 6)
TREND_PERIODS = ("doc", "year", "month")
_PERIOD_LENGTH = {"year": 4, "month": 7}


@dataclass(frozen=True)
class WordRow(Record):
    word: str
    count: int
    per_1000: float
    docs: int


@dataclass(frozen=True)
class NgramRow(Record):
    ngram: str
    count: int
    docs: int


@dataclass(frozen=True)
class CollocateRow(Record):
    word: str
    observed: int
    expected: float
    score: float
    measure: str


@dataclass(frozen=True)
class TrendRow(Record):
    query: str
    period: str | None  # the document's date (by doc), or the year or month; None: undated
    doc: str | None  # by doc only
    date: str | None  # by doc only
    date_inferred: bool  # the date, or a date in the period, is inferred
    docs: int
    count: int
    words: int
    per_1000: float


def word_list(
    corpus: Corpus, stopwords: frozenset[str] = frozenset(), min_count: int = 1
) -> list[WordRow]:
    """Word frequencies (folded to lower case), most frequent first."""
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    total = 0
    for doc in corpus:
        words = Counter(tokens(fold(doc.text)))  # as the index counts them
        total += sum(words.values())
        counts.update(words)
        docs.update(words.keys())
    found = sorted(((w, n, docs[w]) for w, n in counts.items()), key=lambda r: (-r[1], r[0]))
    return list(word_rows(found, total, stopwords, min_count))


def word_rows(
    counted: Iterable[tuple[str, int, int]],
    total: int,
    stopwords: frozenset[str],
    min_count: int,
    limit: int | None = None,
) -> Iterator[WordRow]:
    """Rows of (word, count, documents), in order, as the word list's records."""
    rows = (
        WordRow(w, n, per_1000(n, total), d)
        for w, n, d in counted
        if n >= min_count and w not in stopwords
    )
    return itertools.islice(rows, limit)


def ngram_list(
    corpus: Corpus, n: int, min_count: int = 1, stopwords: frozenset[str] = frozenset()
) -> list[NgramRow]:
    """The most frequent runs of ``n`` tokens, never across a paragraph break.

    With stop words, n-grams that begin or end with one are left out.
    """
    if n not in NGRAM_SIZES:
        raise UsageProblem(f"--size must be from {NGRAM_SIZES[0]} to {NGRAM_SIZES[-1]}, got {n}")
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for doc in corpus:
        seen: Counter[str] = Counter()
        for start, end in paragraph_spans(doc.text):
            words = [fold(t) for t in tokens(doc.text[start:end])]
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if gram[0] in stopwords or gram[-1] in stopwords:
                    continue
                seen[" ".join(gram)] += 1
        counts.update(seen)
        docs.update(seen.keys())
    rows = [NgramRow(g, c, docs[g]) for g, c in counts.items() if c >= min_count]
    rows.sort(key=lambda r: (-r.count, r.ngram))
    return rows


def collocates(
    corpus: Corpus,
    queries: Sequence[Query],
    window: int,
    measure: str = "loglik",
    min_count: int = 2,
    stopwords: frozenset[str] = frozenset(),
) -> list[CollocateRow]:
    """Words found within ``window`` tokens of the node more often than chance predicts.

    Each token position counts once, however many node windows it lies in, and the
    node's own tokens are not collocates. For a word w: O = its count in the windows,
    R = the number of window positions, C = its corpus frequency, N = corpus tokens;
    expected E = R * C / N. ``mi`` is log2(O / E); ``loglik`` is Dunning's G2 over the
    2x2 table (in window or not, w or not). Only words with O > E are listed.
    """
    if measure not in MEASURES:
        raise UsageProblem(f"unknown measure {measure!r}: use {' or '.join(MEASURES)}")
    if window < 1:
        raise UsageProblem(f"--window must be at least 1, got {window}")
    frequency: Counter[str] = Counter()
    observed: Counter[str] = Counter()
    positions = 0
    for doc, spans in spans_by_document(corpus, queries):
        words = [(m.start(), fold(m.group())) for m in TOKEN_RE.finditer(doc.text)]
        frequency.update(w for _, w in words)
        if not spans:
            continue
        starts = [s for s, _ in words]
        inside: set[int] = set()
        around: set[int] = set()
        for span in spans:
            first = bisect.bisect_left(starts, span.start)
            last = bisect.bisect_left(starts, span.end)  # one past the node's last token
            inside.update(range(first, last))
            around.update(range(max(0, first - window), first))
            around.update(range(last, min(len(words), last + window)))
        window_tokens = around - inside
        positions += len(window_tokens)
        observed.update(words[i][1] for i in window_tokens)
    total = sum(frequency.values())
    rows = []
    for word, o11 in observed.items():
        if o11 < min_count or word in stopwords:
            continue
        expected = positions * frequency[word] / total
        if o11 <= expected:
            continue
        score = (
            math.log2(o11 / expected)
            if measure == "mi"
            else log_likelihood(o11, positions, frequency[word], total)
        )
        rows.append(CollocateRow(word, o11, round(expected, 4), round(score, 4), measure))
    rows.sort(key=lambda r: (-r.score, -r.observed, r.word))
    return rows


@dataclass(frozen=True)
class GroupCount(Record):
    field: str
    value: str | None
    docs: int
    count: int
    words: int
    per_1000: float


def count_by(corpus: Corpus, queries: Sequence[Query], field: str) -> list[GroupCount]:
    """Hits of the queries in the documents of each value of ``field`` (a resolved field
    name), in the values' order, documents without the field last."""
    from nhsalliance_cli.corpus.where import value_of

    groups: dict[str | None, list[int]] = {}
    for doc, spans in spans_by_document(corpus, queries):
        group = groups.setdefault(value_of(doc, field), [0, 0, 0])
        group[0] += 1
        group[1] += len(spans)
        group[2] += doc.words
    order = sorted(groups, key=lambda v: (v is None, (v or "").casefold(), v or ""))
    return [GroupCount(field, v, d, c, w, per_1000(c, w)) for v in order for d, c, w in [groups[v]]]


@dataclass(frozen=True)
class KeywordRow(Record):
    word: str  # a word or an n-gram, folded to lower case
    count: int  # in the sub-corpus
    per_1000: float
    ref_count: int  # in the reference corpus
    ref_per_1000: float
    loglik: float  # G2 over the 2x2 table of the two corpora
    p: float  # G2's p-value (chi-square, 1 df), Bonferroni-corrected for the items tested
    log_ratio: float  # log2 of the ratio of relative frequencies, a zero counted as 0.5


KEYWORD_SIZES = range(1, 6)


def frequencies(
    corpus: Corpus, n: int = 1, stopwords: frozenset[str] = frozenset()
) -> tuple[Counter[str], int]:
    """How often each word (or run of ``n`` words, never across a paragraph break)
    occurs, and how many there are in all (stop words counted in the total)."""
    counts: Counter[str] = Counter()
    total = 0
    for doc in corpus:
        spans = [(0, len(doc.text))] if n == 1 else paragraph_spans(doc.text)
        for start, end in spans:
            words = [fold(t) for t in tokens(doc.text[start:end])]
            if n == 1:
                counts.update(words)
                total += len(words)
                continue
            for i in range(len(words) - n + 1):
                counts[" ".join(words[i : i + n])] += 1
            total += max(len(words) - n + 1, 0)
        doc.release()
    if stopwords:
        for item in [g for g in counts if _stopped(g, stopwords)]:
            del counts[item]
    return counts, total


def _stopped(item: str, stopwords: frozenset[str]) -> bool:
    words = item.split(" ")
    return words[0] in stopwords or words[-1] in stopwords


def keywords(
    target: tuple[Counter[str], int],
    reference: tuple[Counter[str], int],
    negative: bool = False,
    max_p: float = 0.01,
    min_count: int = 1,
) -> list[KeywordRow]:
    """What the target corpus says more (or, ``negative``, less) often than the reference
    corpus: each item's G2 with its p-value, Bonferroni-corrected for every item of either
    corpus, kept when under ``max_p``; the log ratio (Hardie 2014) is the effect size.
    Ranked by G2, then by the size of the log ratio."""
    counts, c = target
    ref_counts, d = reference
    if not c or not d:
        return []
    items = counts.keys() | ref_counts.keys()
    tests = len(items)
    rows = []
    for item in items:
        a, b = counts[item], ref_counts[item]
        if (b if negative else a) < min_count:
            continue
        more = a * d > b * c
        if more == negative or a * d == b * c:
            continue
        g2 = log_likelihood(a, c, a + b, c + d)
        p = min(1.0, math.erfc(math.sqrt(g2 / 2)) * tests)
        if p >= max_p and max_p < 1:  # 1 keeps every item
            continue
        ratio = math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))
        rows.append(
            KeywordRow(
                item,
                a,
                per_1000(a, c),
                b,
                per_1000(b, d),
                round(g2, 4),
                float(f"{p:.4g}"),
                round(ratio, 4),
            )
        )
    rows.sort(key=lambda r: (-r.loglik, -abs(r.log_ratio), r.word))
    return rows


def log_likelihood(o11: int, r1: int, c1: int, n: int) -> float:
    """Dunning's G2 for a 2x2 contingency table given its first cell and margins."""
    r2, c2 = n - r1, n - c1
    cells = (
        (o11, r1 * c1 / n),
        (r1 - o11, r1 * c2 / n),
        (c1 - o11, r2 * c1 / n),
        (n - r1 - c1 + o11, r2 * c2 / n),
    )
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def trend(corpus: Corpus, queries: Sequence[Query], by: str = "doc") -> list[TrendRow]:
    """Each query's frequency in each document, or in each year or month, in date order
    (undated documents last), or in each value of a field (``by`` any other name, as
    :func:`nhsalliance_cli.corpus.where.resolve` gives it), in the values' order (none last).

    By month, a document dated only to the year has the year as its period, which sorts
    before that year's months.
    """
    from nhsalliance_cli.corpus.where import value_of

    rows = []
    for query in queries:
        found = [(doc, len(spans)) for doc, spans in spans_by_document(corpus, [query])]
        if by == "doc":
            rows += [
                TrendRow(
                    query.text,
                    doc.date,
                    doc.id,
                    doc.date,
                    doc.date_inferred,
                    1,
                    count,
                    doc.words,
                    per_1000(count, doc.words),
                )
                for doc, count in found
            ]
            continue
        groups: dict[str | None, list[tuple[Document, int]]] = {}
        for doc, count in found:
            if by in _PERIOD_LENGTH:
                period = doc.date[: _PERIOD_LENGTH[by]] if doc.date else None
            else:
                period = value_of(doc, by)
            groups.setdefault(period, []).append((doc, count))
        for period in sorted(groups, key=lambda p: (p is None, (p or "").casefold(), p or "")):
            members = groups[period]
            count = sum(n for _, n in members)
            words = sum(d.words for d, _ in members)
            rows.append(
                TrendRow(
                    query.text,
                    period,
                    None,
                    None,
                    any(d.date_inferred for d, _ in members),
                    len(members),
                    count,
                    words,
                    per_1000(count, words),
                )
            )
    return rows
