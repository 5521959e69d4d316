"""Corpus analyses as merges of per-document ones, kept in the corpus index.

A per-document analysis is a pure function of one document's text; through an index it is
computed once per version of each text and kept (see :mod:`nhsalliance_cli.index.perdoc`),
so an edit re-analyses one document. Corpus-level results (the names index, the quotations
with one name per person) are merges of those records, linear in their size, never reading
text; they are also cached for this exact state of the corpus. Without an index
(``--no-index``) the same functions simply run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

T = TypeVar("T")

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.names.index import NameIndex
    from nhsalliance_cli.analyses.names.records import DocNames
    from nhsalliance_cli.analyses.stats import KeywordRow, NgramRow, WordRow
    from nhsalliance_cli.corpus.model import Also, Corpus, Document
    from nhsalliance_cli.records.quotation import Quotation


def _document_names(doc: Document) -> DocNames:
    from nhsalliance_cli.analyses.names.records import document_names  # the rules: only on a miss

    return document_names(doc)


def _document_quotations(doc: Document) -> Also[list[Quotation]]:
    """The document's quotations, and its names record, which they are attributed with:
    kept too, so that ``names`` after ``quotes`` reads no text."""
    from nhsalliance_cli.analyses.names.records import document_names  # the rules: only on a miss
    from nhsalliance_cli.analyses.quotations import document_quotations
    from nhsalliance_cli.corpus.model import Also

    names = document_names(doc)
    return Also(document_quotations(doc, names), {"names": names})


def document_names(corpus: Corpus) -> Sequence[DocNames]:
    """What each document gives the names index, labelled with its id and date (copies
    of one text share the record of the first). Read from the index as iterated."""
    return _Labelled(corpus.each("names", _document_names, "reading names"), corpus.documents)


class _Labelled(Sequence["DocNames"]):
    def __init__(self, records: Sequence[DocNames], docs: Sequence[Document]) -> None:
        self.records = records
        self.docs = docs

    def __len__(self) -> int:
        return len(self.docs)

    @overload
    def __getitem__(self, i: int) -> DocNames: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[DocNames]: ...

    def __getitem__(self, i: int | slice) -> DocNames | Sequence[DocNames]:
        if isinstance(i, slice):
            return [_labelled(r, d) for r, d in zip(self.records[i], self.docs[i], strict=True)]
        return _labelled(self.records[i], self.docs[i])

    def __iter__(self) -> Iterator[DocNames]:
        return (_labelled(r, d) for r, d in zip(self.records, self.docs, strict=True))


def _labelled(record: DocNames, doc: Document) -> DocNames:
    date = doc.date or ""
    if record.doc == doc.id and record.date == date:
        return record
    return dataclasses.replace(record, doc=doc.id, date=date)


def names_index(corpus: Corpus) -> NameIndex:
    return corpus.cached("names-index", lambda: _names_merged(corpus))


def _names_merged(corpus: Corpus) -> NameIndex:
    """The names index as a merge kept in parts: the entities come from each record's
    head (small); each document's mentions of those entities are kept per text and per
    set of entities, so after an edit that names nobody new only that text is looked at."""
    from nhsalliance_cli.analyses.names import records as names
    from nhsalliance_cli.progress import Working

    records = document_names(corpus)
    heads = corpus.derive("names-head", records, names.head)
    with Working("merging the names of every document"):
        dates = {doc.id: doc.date or "" for doc in corpus}
        entities = names.names_entities(heads, {})
        tables = names.MentionTables.of(entities)
        mentions = corpus.derive(
            f"mentions:{names.entities_key(entities)}",
            records,
            lambda record: names.record_mentions(record, tables),
            # Only the whole corpus's entities replace the kept ones: a part's (--where,
            # --doc) would make the next whole-corpus merge look at every text again.
            replaces="mentions:" if corpus.results is not None else None,
        )
        return names.assemble_index(entities, zip(corpus.ids, mentions, strict=True), dates)


def document_quotations(corpus: Corpus) -> list[list[Quotation]]:
    """Each document's quotations, attributed from the document alone."""
    found: Sequence[list[Quotation]] = corpus.each(
        "quotations", _document_quotations, "reading quotations"
    )
    return [
        quotes if not quotes or quotes[0].doc == doc.id else [_moved(q, doc.id) for q in quotes]
        for quotes, doc in zip(found, corpus, strict=True)
    ]


def _moved(quote: Quotation, doc: str) -> Quotation:
    return dataclasses.replace(quote, doc=doc)


def quotations(corpus: Corpus, whole: Corpus | None = None) -> list[Quotation]:
    """The quotations of ``corpus``, with one name per person across the documents of
    ``whole`` (the corpus it was narrowed from), or of ``corpus`` itself."""
    from nhsalliance_cli.text.packed import PackedRecords

    if whole is not None and whole is not corpus:
        packed = whole.cached("quotations", lambda: PackedRecords(_merged(whole)))
        return packed.unpack(("doc", set(corpus.ids)))
    return corpus.cached("quotations", lambda: PackedRecords(_merged(corpus))).unpack()


def _merged(corpus: Corpus) -> list[Quotation]:
    from nhsalliance_cli.analyses.attribution.merging import merge_speakers
    from nhsalliance_cli.progress import Working

    found = document_quotations(corpus)
    with Working("merging the speakers of every document"):
        return merge_speakers(found)


def word_list(
    corpus: Corpus,
    stopwords: frozenset[str],
    min_count: int,
    limit: int | None = None,
    whole: Corpus | None = None,
) -> list[WordRow]:
    """The word list; for the whole of an indexed corpus, read from the index's vocabulary
    (its counts are the same sums), only as far as ``limit`` rows; for a part of ``whole``,
    counted once and kept in its cache."""
    from nhsalliance_cli.analyses import stats

    indexed = corpus.postings.vocabulary(corpus, min_count) if corpus.postings else None
    if indexed is not None:
        counted, total = indexed
        return list(stats.word_rows(counted, total, stopwords, min_count, limit))
    key = f"words:{len(stopwords)}:{min_count}"
    rows = cached_part(
        whole or corpus, corpus, key, lambda: stats.word_list(corpus, stopwords, min_count)
    )
    return rows[:limit]


def ngram_list(
    corpus: Corpus,
    n: int,
    min_count: int,
    stopwords: frozenset[str],
    whole: Corpus | None = None,
) -> list[NgramRow]:
    """The n-gram list of ``corpus``, kept in the cache of ``whole`` (the corpus it is part
    of) or its own."""
    from nhsalliance_cli.analyses import stats

    key = f"ngrams:{n}:{min_count}:{len(stopwords)}"
    return cached_part(
        whole or corpus, corpus, key, lambda: stats.ngram_list(corpus, n, min_count, stopwords)
    )


def cached_part(whole: Corpus, part: Corpus, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` for ``part`` (``whole`` or some of its documents), kept in the cache of
    ``whole`` under ``key`` and the ids of the part's documents."""
    ids = part.ids
    if ids != whole.ids:
        import hashlib

        digest = hashlib.sha256("\0".join(ids).encode("utf-8", "surrogatepass")).hexdigest()
        key = f"{key}@{digest}"
    return whole.cached(key, compute)


def keyword_list(
    whole: Corpus,
    target: Corpus,
    reference: Corpus,
    options: tuple[int, bool, float, int],
    stopwords: frozenset[str],
) -> list[KeywordRow]:
    """The keywords of ``target`` against ``reference`` (``options``: the n-gram size,
    negative keywords, the largest p-value, the least count), kept in the cache of
    ``whole`` (the corpus both come from) under the two sets of documents, so that a
    command asked again reads no text."""
    import hashlib

    from nhsalliance_cli.analyses import stats

    size, negative, max_p, min_count = options
    against = "\0".join(reference.ids).encode("utf-8", "surrogatepass")
    key = f"keywords:{hashlib.sha256(against).hexdigest()}:{size}:{negative}:{max_p!r}"
    return cached_part(
        whole,
        target,
        f"{key}:{min_count}:{len(stopwords)}",
        lambda: stats.keywords(
            stats.frequencies(target, size, stopwords),
            stats.frequencies(reference, size, stopwords),
            negative,
            max_p,
            min_count,
        ),
    )
