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
import pickle
import sqlite3
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from nhsalliance_cli.corpus import Document, FileStat, read_text
from nhsalliance_cli.index import workers
from nhsalliance_cli.index.progress import Progress
from nhsalliance_cli.index.store import Store

T = TypeVar("T")

# Worker processes pay off from this much text still to analyse.
PARALLEL_BYTES = 1_000_000
_CHUNK = 16  # documents a worker analyses per task


class DocumentAnalyses:
    """The index's side of :class:`nhsalliance_cli.corpus.PerDocument`."""

    def __init__(
        self, store: Store, files: Mapping[str, FileStat], name: str, held: Sequence[int]
    ) -> None:
        self.store = store
        self.files = files
        self.name = name
        self.held = held
        self._digests: dict[int, str] | None = None

    def each(
        self, kind: str, docs: Sequence[Document], compute: Callable[[Document], T], label: str
    ) -> list[T]:
        """``compute(doc)`` for each document, from the index where it holds the result for
        the document's text; what is missing is computed (with a progress bar) and kept.
        Documents sharing a text get the same (one) value."""
        digests = self._digests_of(docs)
        keys = [digests.get(d.ordinal) for d in docs]
        unique = sorted({k for k in keys if k is not None})
        try:
            blobs = self.store.analyses(kind, unique)
        except sqlite3.Error:
            blobs = {}
        values: dict[str, Any] = {}
        for digest, blob in blobs.items():
            try:
                values[digest] = _loads(blob)
            except Exception:  # a damaged row is only a miss
                continue
        todo: dict[str, Document] = {}
        for doc, wanted in zip(docs, keys, strict=True):
            if wanted is not None and wanted not in values and wanted not in todo:
                todo[wanted] = doc
        if todo:
            values.update(self._compute(kind, todo, compute, label))
        out: list[T] = []
        for doc, known in zip(docs, keys, strict=True):
            out.append(values[known] if known is not None else compute(doc))
        return out

    def digest(self, doc: Document) -> str | None:
        return self._digests_of(()).get(doc.ordinal)

    def _digests_of(self, docs: Sequence[Document]) -> dict[int, str]:
        if self._digests is None:  # one query for the whole snapshot
            self._digests = dict(self.store.digests())
        return self._digests

    def _compute(
        self, kind: str, todo: dict[str, Document], compute: Callable[[Document], T], label: str
    ) -> dict[str, T]:
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
        found: dict[str, T] = {}
        pending: list[tuple[str, bytes]] = []
        done_files = done_bytes = 0
        with Progress(label, len(todo), size) as progress:
            results = workers.mapped(_analyse, chunks, workers.cores() if many else 1, self.held)
            for batch in results:
                for key, blob in batch:
                    found[key] = _loads(blob)
                    pending.append((key, blob))
                    done_files += 1
                    done_bytes += self.files[todo[key].file].size
                progress(done_files, done_bytes)
                if len(pending) >= 256:
                    self._keep(kind, pending)
                    pending = []
            self._keep(kind, pending)
        return found

    def _keep(self, kind: str, rows: list[tuple[str, bytes]]) -> None:
        # A read-only or busy cache still gives the right answer, only not faster next time.
        if rows:
            with contextlib.suppress(sqlite3.Error):
                self.store.put_analyses(kind, rows)


def _analyse(
    item: tuple[Callable[[Document], Any], str, list[tuple[str, dict[str, Any], FileStat]]],
) -> list[tuple[str, bytes]]:
    """One batch of documents analysed from their files: a pure function of the texts."""
    compute, name, docs = item
    out = []
    for key, values, file in docs:
        _, decoded = read_text(file, name)
        doc = Document(text=decoded.text, **values)
        out.append((key, _dumps(compute(doc))))
    return out


def _dumps(value: object) -> bytes:
    # Records of many small tuples: zlib at its fastest level keeps a third or less.
    return zlib.compress(pickle.dumps(value, protocol=5), 1)


def _loads(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))
