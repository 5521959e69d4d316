"""The records of the library that no analysis module holds: documents shown, counts, names,
dated quotations, dispersion rows and the index's status. Each ``as_dict()`` is the JSON a
command prints."""

from __future__ import annotations

from collections.abc import Iterator, KeysView, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.records.record import Record

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.concordance import Hit
    from nhsalliance_cli.analyses.stats import GroupCount
    from nhsalliance_cli.corpus.model import Document


@dataclass(frozen=True)
class ShownDocument:
    """``show``: a document, its text and, with ID:LINE, the line asked for."""

    document: Document
    line: int | None = None

    @property
    def lines(self) -> list[str]:
        """The lines as search numbers them: \\r\\n, \\n and a lone \\r each end one."""
        from nhsalliance_cli.text.tokens import unify_line_breaks

        return unify_line_breaks(self.document.text).split("\n")

    def as_dict(self) -> dict[str, Any]:
        record = {**self.document.metadata(), "text": self.document.text}
        return record if self.line is None else {**record, "line": self.line}


@dataclass(frozen=True)
class CountRow(Record):
    """``search --count``: the hits of one document (``doc`` None: the total)."""

    doc: str | None
    count: int
    words: int
    per_1000: float


@dataclass(frozen=True)
class Counts:
    """``search --count``: the rows listed, the total over every document counted, and
    how many documents were counted (with or without hits)."""

    rows: tuple[CountRow, ...]
    total: CountRow
    documents: int

    def __iter__(self) -> Iterator[CountRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class GroupCounts:
    """``search --count --by FIELD``: one row per value of the field, and the total."""

    field: str
    rows: tuple[GroupCount, ...]
    total: CountRow

    def __iter__(self) -> Iterator[GroupCount]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Dispersion(Record):
    """``search --plot``: where the hits fall in one document, as fractions of its length."""

    doc: str
    positions: tuple[float, ...]


@dataclass(frozen=True)
class NameRow(Record):
    """``names``: one name of the names index, with its score when looked up."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    score: float | None
    mentions: int
    docs: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    origin: str
    note: str | None

    def record(self) -> dict[str, Any]:
        return {**super().record(), "aliases": list(self.aliases), "docs": list(self.docs)}

    @classmethod
    def of(cls, fields: Mapping[str, Any]) -> NameRow:
        return cls(**{**fields, "aliases": tuple(fields["aliases"]), "docs": tuple(fields["docs"])})


@dataclass(frozen=True)
class Mentions:
    """``names NAME --mentions``: the name matched best and its mentions in context."""

    name: str
    kind: str
    hits: tuple[Hit, ...]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


@dataclass(frozen=True)
class DatedQuotation(Quotation):
    """``quotes``: a quotation with its document's date."""

    date: str | None = None
    date_inferred: bool = False

    @classmethod
    def of(cls, quotation: Quotation, date: str | None, date_inferred: bool) -> DatedQuotation:
        own = {f.name: getattr(quotation, f.name) for f in fields(quotation)}
        return cls(**own, date=date, date_inferred=date_inferred)


@dataclass(frozen=True)
class IndexStatus:
    """``index status``: where a corpus's index is, how big, whether it is up to date."""

    fields: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __contains__(self, key: object) -> bool:
        return key in self.fields

    def keys(self) -> KeysView[str]:
        return self.fields.keys()

    def as_dict(self) -> dict[str, Any]:
        return dict(self.fields)
