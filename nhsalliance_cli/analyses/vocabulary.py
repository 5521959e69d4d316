"""The corpus's words, for 'did you mean' when a query finds nothing.

A word the corpus lacks is compared only with the corpus words that could be near it:
those starting with its first or second letter, of a length that can reach the cut-off
(see :func:`bounds`). Through an index these come from its vocabulary table, so a miss
costs about what a rare word costs; without one, from the texts. Both ask the same
question and give the same answer.
"""

from __future__ import annotations

import math
import shlex
from collections import Counter
from collections.abc import Iterator, Sequence

from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.search import Query, Span, compile_words, find_spans
from nhsalliance_cli.text.tokens import fold, tokens

_QUERY_WORD_CUTOFF = 75.0
# The spelling a suggestion shows: the commonest among this many documents holding it.
_SPELLING_DOCS = 20


def bounds(word: str) -> tuple[tuple[str, ...], int, int]:
    """Where the corpus words near ``word`` are: their possible first letters, and the
    shortest and longest length that can score ``_QUERY_WORD_CUTOFF`` (an Indel ratio of
    0.75 needs the shorter word to be at least 3/5 of the longer)."""
    key = fold(word)
    firsts = tuple(dict.fromkeys(key[:2]))
    return firsts, math.ceil(len(key) * 3 / 5), math.floor(len(key) * 5 / 3)


def near_words(corpus: Corpus, word: str, known: Counter[str] | None = None) -> dict[str, int]:
    """The corpus words within :func:`bounds` of ``word``, with their counts. ``known`` is
    every folded word's count (computed from the texts when there is no index)."""
    firsts, shortest, longest = bounds(word)
    if corpus.postings is not None:
        found: dict[str, int] = {}
        for first in firsts:
            found.update(corpus.postings.term_counts(corpus, first, shortest, longest))
        return found
    counts = known if known is not None else word_counts(corpus)
    return {w: n for w, n in counts.items() if w[:1] in firsts and shortest <= len(w) <= longest}


def word_counts(corpus: Corpus) -> Counter[str]:
    """Every folded word of the corpus with its count (reads every text)."""
    counts: Counter[str] = Counter()
    for doc in corpus:
        counts.update(tokens(fold(doc.text)))
    return counts


def occurs(corpus: Corpus, word: str, known: Counter[str] | None) -> bool:
    key = fold(word)
    if corpus.postings is not None:
        return bool(corpus.postings.term_counts(corpus, key, len(key), len(key)))
    return (known if known is not None else word_counts(corpus))[key] > 0


def suggest_query(
    corpus: Corpus, query: str, known: Counter[str] | None = None
) -> tuple[str, int] | None:
    """A respelling of ``query`` whose words all occur in the corpus, and its hit count.

    Each word that does not occur is replaced by the most frequent of the closest corpus
    words; None when no respelling finds anything. ``known`` is :func:`word_counts` of
    the corpus, when it has no index and the caller has them.
    """
    from rapidfuzz import fuzz, process

    words = tokens(query.replace("*", ""))
    if not words or "*" in query:
        return None
    changed = False
    respelt = []
    for word in words:
        if occurs(corpus, word, known):
            respelt.append(word)
            continue
        counts = near_words(corpus, word, known)
        near = process.extract(
            fold(word), list(counts), scorer=fuzz.ratio, limit=5, score_cutoff=_QUERY_WORD_CUTOFF
        )
        if not near:
            return None
        best = max(near, key=lambda n: (n[1], counts[n[0]]))[0]
        respelt.append(spelling(corpus, best))
        changed = True
    if not changed:
        return None
    alternative = " ".join(respelt)
    total = sum(len(spans) for _, spans in _spans(corpus, compile_words(alternative)))
    return (alternative, total) if total else None


def spelling(corpus: Corpus, term: str) -> str:
    """How the corpus writes ``term``: its commonest spelling in the first documents
    (in corpus order) that hold it."""
    seen: Counter[str] = Counter()
    docs = 0
    for doc, spans in _spans(corpus, compile_words(term)):
        if spans:
            seen.update(doc.text[s.start : s.end] for s in spans)
            docs += 1
            if docs == _SPELLING_DOCS:
                break
    return seen.most_common(1)[0][0] if seen else term


def _spans(corpus: Corpus, query: Query) -> Iterator[tuple[Document, list[Span]]]:
    from nhsalliance_cli.analyses.concordance import token_tables

    for doc, table in token_tables(corpus, [query]):
        yield doc, [] if table is None else find_spans(None, [query], table)
        if table is not None:
            doc.release()


def search_hints(corpus: Corpus, words: Sequence[str]) -> Iterator[str]:
    """'Did you mean' lines for queries that found nothing: a respelling from the corpus's
    words (whatever case the search asked for), else a known name from the names index."""
    from nhsalliance_cli.analyses.merge import names_index

    known = word_counts(corpus) if corpus.postings is None else None
    for word in words:
        suggestion = suggest_query(corpus, word, known)
        if suggestion is not None:
            alternative, hits = suggestion
            yield f"did you mean {alternative!r}? ({hits} {_plural(hits, 'hit')})"
            continue
        index = names_index(corpus)
        found = [entry for entry, _ in index.lookup(word) if entry.mentions]
        if found:
            n = len(found[0].mentions)
            yield (
                f"did you mean {found[0].entity.name!r}? ({found[0].entity.kind}, "
                f"{n} {_plural(n, 'mention')}: nhsalliance names {shlex.quote(word)} --mentions)"
            )


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
