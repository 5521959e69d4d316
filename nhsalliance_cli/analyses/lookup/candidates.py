"""Where a half-remembered quotation could be: the documents worth scoring.

A source that scores over the cut shares most of the quotation's content words, in some
form (an inflection, a derivation, a slip after the first letters). So only documents
holding terms that begin as at least a third of those words begin are scored; through an
index that is a look-up in its vocabulary and postings, without one the texts' own words
answer the same question. Copies of one text (syndicated news) are scored once.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.tokens import fold, tokens

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.lookup.find import Match

# The shortest beginning of a word kept as its stem: inflections and derivations
# (commission, commissioning; disillusion, disillusionment) share it.
_STEM_MIN = 4
_STEM_SHARE = 0.6
_MIN_WORD = 3  # shorter words are too common to narrow anything


def stems(typed: str, stopwords: frozenset[str]) -> list[str]:
    """The beginnings of the quotation's content words, each once."""
    words = [w for w in tokens(fold(typed)) if len(w) >= _MIN_WORD and w not in stopwords]
    return list(dict.fromkeys(_stem(w) for w in words))


def _stem(word: str) -> str:
    if word.isdigit():
        return word
    return word[: max(_STEM_MIN, math.ceil(len(word) * _STEM_SHARE))]


def needed(count: int) -> int:
    """How many of ``count`` stems a document must hold to be scored."""
    return max(1, math.ceil(count / 3))


def candidates(corpus: Corpus, typed: str, stopwords: frozenset[str]) -> Corpus:
    """The documents of ``corpus`` that could hold ``typed``; all of them when the
    quotation has no content word to narrow by (numbers are kept: a date or a figure may be
    written out in the source)."""
    found = stems(typed, stopwords)
    found = [s for s in found if not s.isdigit()]
    if not found:
        return corpus
    least = needed(len(found))
    if corpus.postings is not None:
        held = corpus.postings.holding(corpus, found)
    else:
        held = [_held(doc, found) for doc in corpus]
    kept = tuple(d for d, n in zip(corpus, held, strict=True) if n >= least)
    return dataclasses.replace(corpus, documents=kept, results=None)


def _held(doc: Document, prefixes: Sequence[str]) -> int:
    terms = sorted(set(tokens(fold(doc.text))))
    count = 0
    for prefix in prefixes:
        i = bisect.bisect_left(terms, prefix)
        if i < len(terms) and terms[i].startswith(prefix):
            count += 1
    return count


def digest(corpus: Corpus, doc: Document) -> str:
    """What tells copies of one text apart from other texts."""
    if corpus.per_document is not None:
        known = corpus.per_document.digest(doc)
        if known is not None:
            return known
    return hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


def distinct(corpus: Corpus) -> tuple[Corpus, dict[str, list[tuple[int, Document]]]]:
    """The corpus with one document of each distinct text, and each kept document's
    copies (itself first) with their places in ``corpus``."""
    first: dict[str, Document] = {}
    copies: dict[str, list[tuple[int, Document]]] = {}
    for place, doc in enumerate(corpus):
        key = digest(corpus, doc)
        first.setdefault(key, doc)
        copies.setdefault(first[key].id, []).append((place, doc))
    unique = dataclasses.replace(corpus, documents=tuple(first.values()), results=None)
    return unique, copies


def once_per_text(
    corpus: Corpus, score: Callable[[Corpus], Iterable[Match]], limit: int
) -> list[Match]:
    """``score`` run on one document of each distinct text, its matches then given to
    every copy; the best ``limit``, in the order scoring every document gives (score,
    then place in the text, then the corpus's order)."""
    unique, copies = distinct(corpus)
    ranked: list[tuple[float, int, int, int, Match]] = []
    for rank, match in enumerate(score(unique)):
        for place, doc in copies[match.doc]:
            moved = (
                match
                if doc.id == match.doc
                else dataclasses.replace(
                    match, doc=doc.id, date=doc.date, date_inferred=doc.date_inferred
                )
            )
            ranked.append((-match.score, match.start, place, rank, moved))
    ranked.sort(key=lambda r: r[:4])
    return [r[4] for r in ranked[:limit]]
