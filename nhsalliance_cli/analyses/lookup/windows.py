"""How far a paragraph could match the typed words, from its words alone, and the window
of its words that best follows them.

A paragraph's bound (every typed word some word of it matches, matched, in order, and the
most substitutions credited) lets the look-up skip the paragraphs that cannot reach the
minimum without reading them word by word; the best window is a weighted longest common
subsequence grown from each word that matches.
"""

from __future__ import annotations

from collections.abc import Sequence

from nhsalliance_cli.analyses.lookup.changes import MOST_SWAPS
from nhsalliance_cli.analyses.lookup.words import (
    NUMBER_SCALES,
    SMALL_NUMBERS,
    Similarity,
    Unit,
    units_of,
)

BETA2 = 4.0  # beta squared: recall counts four times as much as precision
# The most a typed word standing for one source word earns (a word a link apart in
# WordNet: idea, concept), as a share of a word matched.
NEAR_SUBSTITUTE = 0.6


def pair_bound(
    bound: Bound, vectors: list[list[float] | None], scores: list[float], k: int
) -> float:
    """The bound of paragraphs ``k`` and ``k + 1`` read together. Similarities are never
    negative, so where one matches nothing the pair is worth the other alone."""
    first, second = vectors[k], vectors[k + 1]
    if first is not None and second is not None:
        if not any(first):
            return scores[k + 1]
        if not any(second):
            return scores[k]
    return bound.score(joined(first, second))


def swappable(vector: list[float]) -> int:
    """How many query words could count as substitutions at most: unmatched ones, each
    between two matched ones."""
    zeros = sum(1 for v in vector if not v)
    return min(zeros, max(len(vector) - zeros - 1, 0), MOST_SWAPS)


def covered(units: Sequence[Unit], window: tuple[float, int, int], bound: Bound) -> list[float]:
    """How well each query word is matched by some content unit of the window (which may
    leave out words its paragraph has elsewhere)."""
    _, first, last = window
    found = [0.0] * len(bound.content)
    for u in units[first : last + 1]:
        if u.content:
            found = [f if f >= r else r for f, r in zip(found, bound.row(u.text), strict=True)]
    return found


def joined(a: list[float] | None, b: list[float] | None) -> list[float] | None:
    if a is None or b is None:
        return None
    return [x if x >= y else y for x, y in zip(a, b, strict=True)]


_NUMBERISH = frozenset(NUMBER_SCALES) | frozenset(w for w, n in SMALL_NUMBERS.items() if n >= 17)


class Bound:
    """The best score a paragraph could reach, from its words alone: every query word
    that some word of it matches, matched, and nothing else in the window. Paragraphs
    that cannot reach the minimum are not read word by word."""

    def __init__(
        self,
        content: Sequence[str],
        stopwords: frozenset[str],
        sim: Similarity,
        rows: dict[str, list[float]],
    ) -> None:
        self.content, self.stopwords, self.sim, self.rows = content, stopwords, sim, rows
        # Each token's best row over its units, or None when it matches no query word
        # (most tokens): a paragraph's vector then looks at the few that matter.
        self.token_rows: dict[str, list[float] | None] = {}
        self.known: set[str] = set()  # the tokens of token_rows
        self.matching: set[str] = set()  # the tokens whose row is not None

    def vector(self, tokens: Sequence[str]) -> list[float] | None:
        """How well each query word is matched by some word of ``tokens``; None when
        there is no telling (a number in several words)."""
        distinct = set(tokens)
        # Tens, scales and the first half of a year said in words ("seventeen ten").
        if not _NUMBERISH.isdisjoint(distinct):
            return None
        if "cent" in distinct:
            distinct.add("percent")  # "per cent": one unit when read word by word
        rows = self.token_rows
        for token in distinct - self.known:
            self._token_row(token)
        best: list[float] | None = None
        for token in distinct & self.matching:
            row = rows[token]
            assert row is not None
            best = (
                list(row)
                if best is None
                else [b if b >= r else r for b, r in zip(best, row, strict=True)]
            )
        return best if best is not None else [0.0] * len(self.content)

    def _token_row(self, token: str) -> list[float] | None:
        best: list[float] | None = None
        for unit in units_of(token):
            if unit not in self.stopwords:
                row = self.row(unit)
                best = (
                    list(row)
                    if best is None
                    else [b if b >= r else r for b, r in zip(best, row, strict=True)]
                )
        found = best if best is not None and any(best) else None
        self.token_rows[token] = found
        self.known.add(token)
        if found is not None:
            self.matching.add(token)
        return found

    def row(self, unit: str) -> list[float]:
        """The unit's similarity to each of the query's content words."""
        row = self.rows.get(unit)
        if row is None:
            row = self.rows[unit] = self.sim.row(self.content, unit)
        return row

    def ceiling(self, vector: list[float]) -> float:
        """A score no part of the text whose words give ``vector`` can pass: a part
        matches each query word at most as well, and earns at most the most substitutions
        (added to the F-measure, as :func:`_match` adds them)."""
        return f_measure(sum(vector) / len(vector)) + NEAR_SUBSTITUTE * MOST_SWAPS / len(vector)

    def score(self, vector: list[float] | None) -> float:
        """The F-measure if every matched word stood in order with nothing else between,
        and the most the substitutions could add."""
        if vector is None:
            return 1.0
        if not any(vector):
            return 0.0  # nothing matched: nothing to substitute between either
        swaps = NEAR_SUBSTITUTE * swappable(vector)
        return f_measure(sum(vector) / len(vector)) + swaps / len(vector)


def f_measure(recall: float) -> float:
    """The F-measure of ``recall`` and a precision of 1."""
    return (1 + BETA2) * recall / (BETA2 + recall) if recall else 0.0


def best_window(
    units: Sequence[Unit], content: Sequence[str], bound: Bound, starts: int
) -> tuple[float, int, int] | None:
    """The best-scoring run of content units that starts among the first ``starts``
    units: (score, first, last unit).

    For each unit that matches a query word, a weighted longest common subsequence is
    grown over the next few content units; a unit that matches nothing leaves the
    table as it was, so only matching units cost any work.
    """
    m = len(content)
    positions = [i for i, u in enumerate(units) if u.content]
    rows = {units[i].text: bound.row(units[i].text) for i in positions}
    hits = [k for k, i in enumerate(positions) if any(rows[units[i].text])]
    longest = 2 * m + 2
    best: tuple[float, int, int, int] | None = None  # score, -length, first, last
    for a, first in enumerate(hits):
        if positions[first] >= starts:
            break
        prev = [0.0] * (m + 1)
        for last in hits[a:]:
            if last - first >= longest:
                break
            row = rows[units[positions[last]].text]
            cur = [0.0] * (m + 1)
            for i in range(1, m + 1):
                value = prev[i] if prev[i] > cur[i - 1] else cur[i - 1]
                s = row[i - 1]
                if s and prev[i - 1] + s > value:
                    value = prev[i - 1] + s
                cur[i] = value
            prev = cur
            common = cur[m]
            recall, precision = common / m, common / (last - first + 1)
            score = (1 + BETA2) * precision * recall / (BETA2 * precision + recall)
            candidate = (score, first - last, first, last)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        return None
    score, _, first, last = best
    return score, positions[first], positions[last]
