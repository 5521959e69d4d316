"""Searching through an index: each document's token table, filled from the postings of
just the terms a search asks for. The matching itself is the search engine's, unchanged."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from nhsalliance_cli.index.store import Store, unpack
from nhsalliance_cli.text.tokens import fold

if TYPE_CHECKING:
    from nhsalliance_cli.corpus.folder import FileStat
    from nhsalliance_cli.corpus.model import Corpus, Document
    from nhsalliance_cli.text.search import Query, TokenTable

T = TypeVar("T")


class IndexedTexts:
    """Texts of indexed documents come from their files; token starts from the index."""

    def __init__(self, store: Store, files: Mapping[str, FileStat]) -> None:
        self.store = store
        self.files = files  # the folder's listing: where each relative path is read from

    def text(self, doc: Document) -> str:
        from nhsalliance_cli.corpus.reading import decode

        return decode(self.files[doc.file].read_bytes(), doc.file)

    def token_starts(self, doc: Document) -> Sequence[int] | None:
        return self.store.starts(doc.ordinal)


class IndexPostings:
    def __init__(self, store: Store) -> None:
        self.store = store

    def tables(
        self, corpus: Corpus, queries: Sequence[Query]
    ) -> Iterator[tuple[Document, TokenTable | None]]:
        """Each document of ``corpus`` in its order, with a token table holding the
        positions of every term the (word) queries can match, or None where none occurs."""
        from nhsalliance_cli.text.search import TokenTable  # only searches need the engine

        terms = sorted(
            {t for q in queries for words in q.phrases for w in words for t in self._terms(w)}
        )
        wanted = {d.ordinal for d in corpus}
        found: dict[int, dict[str, Sequence[int]]] = {}
        for term, docs_blob, positions_blob in self.store.postings(terms):
            docs, positions = unpack(docs_blob), unpack(positions_blob)
            offset = 0
            for i in range(0, len(docs), 2):
                ordinal, count = docs[i], docs[i + 1]
                if ordinal in wanted:
                    found.setdefault(ordinal, {})[term] = positions[offset : offset + count]
                offset += count
        hit = [d for d in corpus if d.ordinal in found]
        loaded = 0  # token starts are read by the batch as the documents come
        batch = 16  # a small first batch: the first hits reach the output at once
        for doc in corpus:
            table = found.get(doc.ordinal)
            if table is None:
                yield doc, None
                continue
            if loaded < len(hit) and hit[loaded] is doc:
                chunk = {d.ordinal: d for d in hit[loaded : loaded + batch]}
                for ordinal, starts in self.store.starts_of(list(chunk)):
                    chunk[ordinal].keep_token_starts(starts)
                loaded += len(chunk)
                batch = 256
            yield doc, TokenTable(doc.token_starts(), table)

    def term_counts(
        self, corpus: Corpus, prefix: str, shortest: int, longest: int
    ) -> dict[str, int]:
        found = dict(self.store.terms_between(prefix, shortest, longest))
        if not found or len(corpus) == self.store.file_count():
            return found  # the whole corpus: the vocabulary's own counts
        wanted = {d.ordinal for d in corpus}
        counts: dict[str, int] = {}
        for term, docs_blob, _ in self.store.postings(sorted(found)):
            docs = unpack(docs_blob)
            n = sum(docs[i + 1] for i in range(0, len(docs), 2) if docs[i] in wanted)
            if n:
                counts[term] = counts.get(term, 0) + n
        return counts

    def vocabulary(
        self, corpus: Corpus, min_count: int
    ) -> tuple[Iterator[tuple[str, int, int]], int] | None:
        if len(corpus) != self.store.file_count():
            return None  # a part of the corpus: its own texts answer
        return self.store.vocabulary(min_count), self.store.total_count()

    def holding(self, corpus: Corpus, prefixes: Sequence[str]) -> list[int]:
        counts: dict[int, int] = {}
        for prefix in dict.fromkeys(prefixes):
            ordinals: set[int] = set()
            for blob in self.store.documents_of(list(self.store.terms_from(prefix))):
                ordinals.update(unpack(blob)[0::2])
            for ordinal in ordinals:
                counts[ordinal] = counts.get(ordinal, 0) + 1
        return [counts.get(d.ordinal, 0) for d in corpus]

    def _terms(self, word: str) -> list[str]:
        from nhsalliance_cli.text.search import wildcard_match

        key = fold(word)
        if "*" not in key:
            return [key]
        prefix = key.split("*", 1)[0]
        return [t for t in self.store.terms_from(prefix) if wildcard_match(key, t)]


class Results:
    """Results of whole-corpus analyses, kept for the state of the corpus they were
    computed on: any change to any file makes them stale, and they are computed again."""

    def __init__(self, store: Store, state: str) -> None:
        self.store = store
        self.state = state
        # What this process computed: the table is written through another connection,
        # which the reading one's snapshot does not see.
        self.computed: dict[str, object] = {}

    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T:
        import sqlite3

        if key in self.computed:
            return self.computed[key]  # type: ignore[return-value]
        import pickle  # only for a cached result: off the path of a plain listing

        try:
            blob = self.store.result(key, self.state)
        except sqlite3.Error:
            blob = None
        if blob is not None:
            try:
                value: T = pickle.loads(blob)
                return value
            except Exception:  # a damaged entry is only a cache miss
                pass
        value = compute()
        self.computed[key] = value
        # A read-only or full cache still gives the right answer, only not faster next time.
        with contextlib.suppress(sqlite3.Error, pickle.PicklingError, TypeError, AttributeError):
            self.store.put_result(key, self.state, pickle.dumps(value, protocol=5))
        return value
