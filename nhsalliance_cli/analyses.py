"""Whole-corpus analyses, kept in the corpus index between calls.

Each is the library's own pure function; when the corpus comes through its index, the
result is cached there for this exact state of the corpus (every file's name, size,
time and inode) and computed again after any change. A corpus narrowed with ``--doc`` or
read with ``--no-index`` simply computes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nhsalliance_cli.corpus import Corpus
    from nhsalliance_cli.names import NameIndex
    from nhsalliance_cli.quotation import Quotation
    from nhsalliance_cli.stats import NgramRow, WordRow


def names_index(corpus: Corpus) -> NameIndex:
    from nhsalliance_cli.names import build_index

    return corpus.cached("names-index", lambda: build_index(corpus))


def quotations(corpus: Corpus, whole: Corpus | None = None) -> list[Quotation]:
    """The quotations of ``corpus``, with one name per person across the documents of
    ``whole`` (the corpus it was narrowed from), or of ``corpus`` itself."""
    from nhsalliance_cli.packed import PackedRecords

    def compute() -> list[Quotation]:
        from nhsalliance_cli.quotes import document_quotations, merge_speakers  # the rules

        return merge_speakers(document_quotations(doc) for doc in corpus)

    if whole is not None and whole is not corpus:
        wanted = set(corpus.ids)
        return [q for q in quotations(whole) if q.doc in wanted]
    return corpus.cached("quotations", lambda: PackedRecords(compute())).unpack()


def word_list(corpus: Corpus, stopwords: frozenset[str], min_count: int) -> list[WordRow]:
    from nhsalliance_cli import stats

    key = f"words:{len(stopwords)}:{min_count}"
    return corpus.cached(key, lambda: stats.word_list(corpus, stopwords, min_count))


def ngram_list(corpus: Corpus, n: int, min_count: int, stopwords: frozenset[str]) -> list[NgramRow]:
    from nhsalliance_cli import stats

    key = f"ngrams:{n}:{min_count}:{len(stopwords)}"
    return corpus.cached(key, lambda: stats.ngram_list(corpus, n, min_count, stopwords))
