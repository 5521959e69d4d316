"""Matching a name as typed against a name as written, word by word.

A typed word matches a name's word when it is the same word (singular or plural), an
abbreviation of it (a prefix, ``Assoc`` for Association, or a contraction keeping the
first and last letters, ``Dept`` for Department) or a slip for it (rapidfuzz's
similarity of the two words, from 80). The words are aligned in order; the score
weighs how much of what was typed is explained (recall) against how much of the name
was typed (coverage). Connecting words (of, the, and, for) count for less, and in the
coverage so do words naming the kind of body (Trust, Fund, Group).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

CONNECTORS = frozenset("of the and for in on at to a an".split())
_CONNECTOR_WEIGHT = 0.3
# Words that say what kind of body a name is, not which: "Nuffeld" is the Nuffield
# Trust, though it leaves out "Trust". They count for less of a name's coverage.
GENERIC = frozenset(
    "trust fund foundation group board council society association institute college "
    "company ltd limited plc committee agency service services network forum".split()
)
_GENERIC_WEIGHT = 0.3
_ABBREVIATION = 0.9  # what an abbreviation is worth (the same word: 1)
_PLURAL = 0.95
_SLIP_SIMILARITY = 0.8
_RECALL_WEIGHT = 0.65  # the rest is coverage


def abbreviates(short: str, word: str) -> bool:
    """``short`` is a prefix of ``word`` or a contraction of it (its first and last
    letters and some between, in order): Nat, Assoc, Coll; Dept, Govt."""
    if len(short) < 3 or len(short) >= len(word) or not short.isalpha():
        return False
    if word.startswith(short):
        return True
    if short[0] != word[0] or short[-1] != word[-1]:
        return False
    rest = iter(word[1:-1])
    return all(c in rest for c in short[1:-1])


@lru_cache(maxsize=65536)
def word_similarity(typed: str, word: str) -> float:
    """1 for the same word, less for a plural, an abbreviation or a slip, else 0."""
    if typed == word:
        return 1.0
    if _singular(typed) == _singular(word):
        return _PLURAL
    if abbreviates(typed, word):
        return _ABBREVIATION
    if min(len(typed), len(word)) < 4 or (typed[0] != word[0] and typed[1:2] != word[1:2]):
        return 0.0
    from rapidfuzz.distance import Indel

    similarity = Indel.normalized_similarity(typed, word)
    return similarity if similarity >= _SLIP_SIMILARITY else 0.0


def token_score(
    typed: Sequence[str], name: Sequence[str], weights: Sequence[float] | None = None
) -> float:
    """0-100: how well the typed words, in order, match the name's words. ``weights``
    are the typed words' (an acronym spelt out in three words weighs a third each)."""
    if not typed or not name:
        return 0.0
    if weights is None:
        weights = [1.0] * len(typed)
    weights = [w * _weight(t) for w, t in zip(weights, typed, strict=True)]
    n, m = len(typed), len(name)
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    sims = [[word_similarity(t, w) for w in name] for t in typed]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            value = max(table[i - 1][j], table[i][j - 1])
            s = sims[i - 1][j - 1]
            if s:
                value = max(value, table[i - 1][j - 1] + s * weights[i - 1])
            table[i][j] = value
    # Walk back to see which words matched.
    matched_typed: dict[int, float] = {}
    matched_name: dict[int, float] = {}
    i, j = n, m
    while i and j:
        s = sims[i - 1][j - 1]
        if s and abs(table[i][j] - table[i - 1][j - 1] - s * weights[i - 1]) < 1e-9:
            matched_typed[i - 1], matched_name[j - 1] = s, s
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    if not any(t not in CONNECTORS for t in (typed[k] for k in matched_typed)):
        return 0.0  # "of" and "the" alone match nothing
    recall = sum(s * weights[k] for k, s in matched_typed.items()) / sum(weights)
    coverage = sum(s * _cover(name[k]) for k, s in matched_name.items()) / sum(
        _cover(w) for w in name
    )
    return 100 * (_RECALL_WEIGHT * recall + (1 - _RECALL_WEIGHT) * coverage)


def _weight(word: str) -> float:
    return _CONNECTOR_WEIGHT if word in CONNECTORS else 1.0


def _cover(word: str) -> float:
    return _GENERIC_WEIGHT if word in GENERIC else _weight(word)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
