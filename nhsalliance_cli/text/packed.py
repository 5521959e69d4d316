"""Long lists kept compact for the index's cache of results: a cached names index holds
millions of mentions on a large corpus, and reading them back as packed arrays takes a
fraction of the time (and memory) that as many tuples would; likewise records as columns."""

from __future__ import annotations

from array import array
from collections.abc import Container, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from nhsalliance_cli.text.search import Span

_UINT = "I" if array("I").itemsize == 4 else "L"
R = TypeVar("R", bound=Any)


class PackedMentions(Sequence[tuple[str, Span]]):
    """A sequence of (document id, span), in the order given, stored as arrays."""

    __slots__ = ("_docs", "_ends", "_names", "_queries", "_starts")

    def __init__(self, mentions: Iterable[tuple[str, Span]] = ()) -> None:
        names: dict[str, int] = {}
        self._docs = array(_UINT)
        self._starts = array(_UINT)
        self._ends = array(_UINT)
        self._queries = array(_UINT)
        for doc, span in mentions:
            self._docs.append(names.setdefault(doc, len(names)))
            self._starts.append(span.start)
            self._ends.append(span.end)
            self._queries.append(span.query)
        self._names = tuple(names)

    def __len__(self) -> int:
        return len(self._docs)

    @overload
    def __getitem__(self, i: int) -> tuple[str, Span]: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[tuple[str, Span]]: ...

    def __getitem__(self, i: int | slice) -> tuple[str, Span] | Sequence[tuple[str, Span]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return (
            self._names[self._docs[i]],
            Span(self._starts[i], self._ends[i], self._queries[i]),
        )

    def __iter__(self) -> Iterator[tuple[str, Span]]:
        names = self._names
        for d, s, e, q in zip(self._docs, self._starts, self._ends, self._queries, strict=True):
            yield names[d], Span(s, e, q)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"PackedMentions({len(self)} mentions)"

    def __getstate__(self) -> tuple[tuple[str, ...], bytes, bytes, bytes, bytes]:
        return (
            self._names,
            self._docs.tobytes(),
            self._starts.tobytes(),
            self._ends.tobytes(),
            self._queries.tobytes(),
        )

    def __setstate__(self, state: tuple[tuple[str, ...], bytes, bytes, bytes, bytes]) -> None:
        self._names = state[0]
        self._docs, self._starts, self._ends, self._queries = (_from_bytes(b) for b in state[1:])


def _from_bytes(data: bytes) -> array[int]:
    numbers = array(_UINT)
    numbers.frombytes(data)
    return numbers


class PackedRecords(Generic[R]):
    """A list of records of one dataclass kept as columns: tens of thousands of cached
    quotations unpickle several times faster as a few lists than as as many objects."""

    def __init__(self, items: Sequence[R]) -> None:
        self._type: type[R] | None = type(items[0]) if items else None
        names = list(items[0].__dict__) if items else []
        self._names = tuple(names)
        self._columns = tuple([item.__dict__[n] for item in items] for n in names)

    def unpack(self, where: tuple[str, Container[object]] | None = None) -> list[R]:
        """The records; with ``where`` (a field and the values wanted), only those whose
        field has one of the values, found in the column before any record is made."""
        if self._type is None:
            return []
        new, kind, names = object.__new__, self._type, self._names
        put = object.__setattr__  # a frozen dataclass refuses its own __setattr__
        rows: Iterable[tuple[object, ...]] = zip(*self._columns, strict=True)
        if where is not None:
            column = self._columns[names.index(where[0])]
            wanted = where[1]
            rows = (
                tuple(c[i] for c in self._columns)
                for i, value in enumerate(column)
                if value in wanted
            )
        items = []
        for values in rows:
            item = new(kind)
            put(item, "__dict__", dict(zip(names, values, strict=True)))
            items.append(item)
        return items
