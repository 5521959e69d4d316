"""Per-document analyses kept in the index: each computed once per version of a text.

An analysis here is a pure function of one document's text (quotations with their
speakers, what the document gives the names index). Its result is stored under the
digest of the text it was computed from, so an edit re-analyses that document alone, a
renamed file keeps its analyses, and copies of one text (syndicated news) share one row.
Rows are written through a connection of their own, in batches as they are computed,
so a long first run that is interrupted keeps what it finished.
"""

from __future__ import annotations

import contextlib
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

from nhsalliance_cli.corpus.folder import FileStat
from nhsalliance_cli.corpus.model import Also, Document
from nhsalliance_cli.corpus.reading import read_text
from nhsalliance_cli.index import workers
from nhsalliance_cli.index.store import Store
from nhsalliance_cli.progress import Progress

T = TypeVar("T")
S = TypeVar("S")

# Worker processes pay off from this much text still to analyse.
PARALLEL_BYTES = 1_000_000
_CHUNK = 16  # documents a worker analyses per task


class DocumentAnalyses:
    """The index's side of :class:`nhsalliance_cli.corpus.model.PerDocument`."""

    def __init__(
        self, store: Store, files: Mapping[str, FileStat], name: str, held: Sequence[int]
    ) -> None:
        self.store = store
        self.files = files
        self.name = name
        self.held = held
        self._by_ordinal: dict[int, str] | None = None

    def each(
        self,
        kind: str,
        docs: Sequence[Document],
        compute: Callable[[Document], T | Also[T]],
        label: str,
    ) -> Sequence[T]:
        """``compute(doc)`` for each document, from the index where it holds the result for
        the document's text; what is missing is computed (with a progress bar) and kept.
        Documents sharing a text get the same value. The values are read from the index as
        they are iterated over, a batch at a time, so that a large corpus's records are
        never all in memory at once."""
        keys, held = self._held(kind, docs)
        todo: dict[str, Document] = {}
        for doc, wanted in zip(docs, keys, strict=True):
            if wanted not in held and wanted not in todo:
                todo[wanted] = doc
        kept = self._compute(kind, todo, compute, label) if todo else {}
        return Stored(self.store, kind, keys, kept, lambda i: _own(compute(docs[i])))

    def derive(
        self,
        kind: str,
        docs: Sequence[Document],
        source: Sequence[S],
        compute: Callable[[S], T],
        replaces: str | None = None,
    ) -> Sequence[T]:
        """``compute`` of each document's ``source`` value (another analysis), kept as
        ``kind`` like :meth:`each` keeps its values; only the documents whose text has no
        such row yet are computed. Rows of other kinds starting with ``replaces`` go when
        new rows are kept (results for another state of the corpus)."""
        keys, held = self._held(kind, docs)
        unkept: dict[str, bytes] = {}
        pending: list[tuple[str, bytes]] = []
        done: set[str] = set()
        for i, key in enumerate(keys):
            if key in held or key in done:
                continue
            done.add(key)
            pending.append((key, _dumps(compute(source[i]))))
            if len(pending) >= 256:
                self._keep(kind, pending, unkept)
                pending = []
        self._keep(kind, pending, unkept)
        if done and replaces is not None:
            with contextlib.suppress(sqlite3.Error):
                self.store.drop_other_analyses(replaces, kind)
        return Stored(self.store, kind, keys, unkept, lambda i: compute(source[i]))

    def _held(self, kind: str, docs: Sequence[Document]) -> tuple[list[str], set[str]]:
        """Each document's text digest, and which of them have a row of ``kind``."""
        digests = self._digests()
        keys = [digests.get(d.ordinal) or f"unindexed:{d.ordinal}" for d in docs]
        try:
            return keys, self.store.analysed(kind, sorted(set(keys)))
        except sqlite3.Error:
            return keys, set()

    def digest(self, doc: Document) -> str | None:
        return self._digests().get(doc.ordinal)

    def _digests(self) -> dict[int, str]:
        if self._by_ordinal is None:  # one query for the whole snapshot
            self._by_ordinal = dict(self.store.digests())
        return self._by_ordinal

    def _compute(
        self,
        kind: str,
        todo: dict[str, Document],
        compute: Callable[[Document], T | Also[T]],
        label: str,
    ) -> dict[str, bytes]:
        items = [
            (compute, self.name, [(key, doc.values(), self.files[doc.file])])
            for key, doc in todo.items()
        ]
        size = sum(self.files[d.file].size for d in todo.values())
        many = size >= PARALLEL_BYTES and len(items) > _CHUNK
        chunks = (
            [
                (compute, self.name, [it for _, _, (it,) in items[i : i + _CHUNK]])
                for i in range(0, len(items), _CHUNK)
            ]
            if many
            else items
        )
        unkept: dict[str, bytes] = {}  # what the index could not take stays in memory
        pending: list[tuple[str, bytes]] = []
        done_files = done_bytes = 0
        with Progress(label, len(todo), size) as progress:
            results = workers.mapped(_analyse, chunks, workers.cores() if many else 1, self.held)
            more: dict[str, list[tuple[str, bytes]]] = {}
            for batch in results:
                for key, blob, extras, current in batch:
                    if not current:  # the file changed since it was indexed: not kept
                        unkept[key] = blob
                    else:
                        pending.append((key, blob))
                        for other, other_blob in extras:
                            more.setdefault(other, []).append((key, other_blob))
                    done_files += 1
                    done_bytes += self.files[todo[key].file].size
                progress(done_files, done_bytes)
                if len(pending) >= 256:
                    self._keep(kind, pending, unkept)
                    self._keep_more(more)
                    pending = []
            self._keep(kind, pending, unkept)
            self._keep_more(more)
        return unkept

    def _keep_more(self, more: dict[str, list[tuple[str, bytes]]]) -> None:
        for other, rows in more.items():
            self._keep(other, rows, {})  # a by-product not kept is only computed again
        more.clear()

    def _keep(self, kind: str, rows: list[tuple[str, bytes]], unkept: dict[str, bytes]) -> None:
        # A read-only or busy cache still gives the right answer, only not faster next time.
        if not rows:
            return
        try:
            self.store.put_analyses(kind, rows)
        except sqlite3.Error:
            unkept.update(rows)


class Stored(Sequence[T]):
    """Per-document values read from the index as they are needed (those it could not keep
    from memory). Iterating reads them a batch at a time; copies share one read."""

    _BATCH = 256

    def __init__(
        self,
        store: Store,
        kind: str,
        keys: Sequence[str],
        kept: dict[str, bytes],
        recompute: Callable[[int], T],
    ) -> None:
        self.store = store
        self.kind = kind
        self.keys = keys
        self.kept = kept
        # For a row another process removed meanwhile (its text changed): the value again.
        self.recompute = recompute

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...

    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [v for _, v in self._values(range(len(self.keys))[i])]
        if not -len(self.keys) <= i < len(self.keys):
            raise IndexError(i)
        return next(iter(self._values([i % len(self.keys)])))[1]

    def __iter__(self) -> Iterator[T]:
        for start in range(0, len(self.keys), self._BATCH):
            stop = min(start + self._BATCH, len(self.keys))
            yield from (v for _, v in self._values(range(start, stop)))

    def _values(self, places: Sequence[int]) -> Iterator[tuple[int, T]]:
        wanted = sorted({self.keys[i] for i in places} - self.kept.keys())
        try:
            blobs = self.store.analyses(self.kind, wanted) if wanted else {}
        except sqlite3.Error:
            blobs = {}
        loaded: dict[str, T] = {}
        for i in places:
            key = self.keys[i]
            if key not in loaded:
                blob = self.kept.get(key) or blobs.get(key)
                loaded[key] = _loads(blob) if blob is not None else self.recompute(i)
            yield i, loaded[key]


def _analyse(
    item: tuple[Callable[[Document], Any], str, list[tuple[str, dict[str, Any], FileStat]]],
) -> list[tuple[str, bytes, list[tuple[str, bytes]], bool]]:
    """One batch of documents analysed from their files: a pure function of the texts.
    Each document's row, the rows of what the analysis worked out on the way, and whether
    the file still holds the text indexed under that digest (else the row is not kept)."""
    import hashlib

    compute, name, docs = item
    out = []
    for key, values, file in docs:
        data, decoded = read_text(file, name)
        current = hashlib.sha256(data).hexdigest() == key
        doc = Document(text=decoded.text, **values)
        value = compute(doc)
        if isinstance(value, Also):
            extras = [(other, _dumps(v)) for other, v in value.more.items()]
            out.append((key, _dumps(value.value), extras, current))
        else:
            out.append((key, _dumps(value), [], current))
    return out


def _own(value: T | Also[T]) -> T:
    return value.value if isinstance(value, Also) else value


def _dumps(value: object) -> bytes:
    # Records of many small tuples: zlib at its fastest level keeps a third or less.
    import pickle

    return zlib.compress(pickle.dumps(value, protocol=5), 1)


def _loads(blob: bytes) -> Any:
    import pickle

    return pickle.loads(zlib.decompress(blob))
