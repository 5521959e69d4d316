"""Documents and corpora: the immutable model every command works on, and its loading.

A corpus is a folder of UTF-8 ``.txt`` files with an optional ``manifest.toml``
describing them. The bundled NHS Alliance texts are one such folder, shipped inside
the package; ``--corpus DIR`` points the tool at any other.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text import tokens

if TYPE_CHECKING:
    from nhsalliance_cli.text.search import Query, TokenTable

T = TypeVar("T")
S = TypeVar("S")
UINT = "I" if array("I").itemsize == 4 else "L"

MANIFEST_NAME = "manifest.toml"
# Besides the texts, the files a corpus folder's root may hold about them.
ROOT_FILES = (MANIFEST_NAME, "metadata.csv", "metadata.tsv")
BUNDLED_NAME = "bundled"
DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
TITLE_MAX = 100


@dataclass(frozen=True)
class Document:
    """One text and what is known of it. ``text`` is read from its file on first use when
    the document comes from a corpus index (see :meth:`lazy`)."""

    id: str
    file: str
    text: str = field(repr=False, compare=False)
    title: str
    title_supplied: bool = False
    date: str | None = None
    date_inferred: bool = False
    date_evidence: str | None = None
    kind: str | None = None
    author: str | None = None
    publisher: str | None = None
    source: str | None = None
    encoding: str = "UTF-8"  # what the file was read as (see decoding.py)
    # The folder's own fields (metadata table, file-name pattern, sub-folder), by name.
    extra: tuple[tuple[str, str], ...] = ()
    # Known already (from an index), so that listing documents reads no text.
    word_count: int | None = field(default=None, repr=False, compare=False)
    paragraph_count: int | None = field(default=None, repr=False, compare=False)
    store: TextStore | None = field(default=None, repr=False, compare=False)
    ordinal: int = field(default=-1, repr=False, compare=False)

    @classmethod
    def lazy(cls, store: TextStore, ordinal: int, **values: Any) -> Document:
        """A document whose text ``store`` reads when it is first asked for."""
        doc = object.__new__(cls)
        # Filled in directly: corpora of many thousands of documents are made this way.
        doc.__dict__.update(_LAZY_DEFAULTS, **values, store=store, ordinal=ordinal)
        return doc

    def values(self) -> dict[str, Any]:
        """Every field but the text and where it comes from: what an index keeps."""
        return {name: getattr(self, name) for name in _LAZY_DEFAULTS}

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not set yet: the text of a lazy document.
        store = self.__dict__.get("store")
        if name != "text" or store is None:
            raise AttributeError(name)
        text = store.text(self)
        object.__setattr__(self, "text", text)
        return text

    @cached_property
    def words(self) -> int:
        if self.word_count is not None:
            return self.word_count
        return tokens.count_tokens(self.text)

    @cached_property
    def paragraphs(self) -> int:
        if self.paragraph_count is not None:
            return self.paragraph_count
        return len(tokens.paragraph_spans(self.text))

    def token_starts(self) -> Sequence[int]:
        """Where each token starts: from the index when it has them, else from the text."""
        kept: Sequence[int] | None = self.__dict__.get("_starts")
        if kept is not None:
            return kept
        if self.store is not None:
            known = self.store.token_starts(self)
            if known is not None:
                self.keep_token_starts(known)
                return known
        return array(UINT, tokens.split_tokens(self.text)[0])

    def keep_token_starts(self, starts: Sequence[int]) -> None:
        if self.store is not None:
            self.__dict__["_starts"] = starts

    def release(self) -> None:
        """Forget a lazy document's text and token starts (read again if needed): keeps
        memory flat while a command goes through a large corpus once."""
        if self.store is not None:
            self.__dict__.pop("text", None)
            self.__dict__.pop("_starts", None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON fields of ``list --json`` (as :meth:`metadata`)."""
        return self.metadata()

    def metadata(self) -> dict[str, Any]:
        """The document's public record: the JSON fields of ``list`` and ``show``."""
        return {
            "id": self.id,
            "title": self.title,
            "title_supplied": self.title_supplied,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "date_evidence": self.date_evidence,
            "kind": self.kind,
            "author": self.author,
            "publisher": self.publisher,
            "source": self.source,
            "fields": dict(self.extra),
            "file": self.file,
            "words": self.words,
            "paragraphs": self.paragraphs,
        }


_LAZY_DEFAULTS = {
    f.name: f.default for f in fields(Document) if f.name not in ("text", "store", "ordinal")
}


class TextStore(Protocol):
    """Where lazy documents' texts (and token starts, if it keeps them) come from."""

    def text(self, doc: Document) -> str: ...

    def token_starts(self, doc: Document) -> Sequence[int] | None: ...


class Postings(Protocol):
    """A corpus index's search side: each document's token table for some queries."""

    def tables(
        self, corpus: Corpus, queries: Sequence[Query]
    ) -> Iterator[tuple[Document, TokenTable | None]]: ...

    def term_counts(
        self, corpus: Corpus, prefix: str, shortest: int, longest: int
    ) -> dict[str, int]:
        """The folded terms of ``corpus`` that start with ``prefix`` and are ``shortest``
        to ``longest`` characters long, with their counts in its documents."""
        ...

    def vocabulary(
        self, corpus: Corpus, min_count: int
    ) -> tuple[Iterator[tuple[str, int, int]], int] | None:
        """When ``corpus`` is the whole corpus: its folded terms counted ``min_count``
        times or more, with their counts and documents (most frequent first, then in
        code-point order), and the number of tokens in all; else None."""
        ...

    def holding(self, corpus: Corpus, prefixes: Sequence[str]) -> list[int]:
        """For each document of ``corpus``, in order, how many of ``prefixes`` (folded)
        begin one of its terms."""
        ...


@dataclass(frozen=True)
class Also(Generic[T]):
    """What a per-document analysis returns when it has worked out another analysis of
    the same text on the way (the names record, for the quotations): ``value`` is its own
    result; an index keeps the others too, under their kinds."""

    value: T
    more: Mapping[str, object]


class PerDocument(Protocol):
    """A corpus index's store of per-document analyses (see :mod:`.index.perdoc`)."""

    def each(
        self,
        kind: str,
        docs: Sequence[Document],
        compute: Callable[[Document], T | Also[T]],
        label: str,
    ) -> Sequence[T]: ...

    def derive(
        self,
        kind: str,
        docs: Sequence[Document],
        source: Sequence[S],
        compute: Callable[[S], T],
        replaces: str | None = None,
    ) -> Sequence[T]: ...

    def digest(self, doc: Document) -> str | None:
        """The digest of the document's text as indexed (copies share it)."""
        ...


@dataclass(frozen=True)
class Corpus:
    name: str
    documents: tuple[Document, ...]
    # From a corpus index: its postings, and its cache of results for this very state of
    # the corpus (None when the corpus was read straight from its files).
    postings: Postings | None = field(default=None, repr=False, compare=False)
    results: ResultCache | None = field(default=None, repr=False, compare=False)
    # Per-document analyses kept by the index: still right for any part of the corpus.
    per_document: PerDocument | None = field(default=None, repr=False, compare=False)
    warnings: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]

    def get(self, query: str) -> Document:
        """The document whose id is ``query`` or, failing that, starts with it or, failing
        that, holds it (``retire`` finds ``dixon-retirement``); ambiguity is an error."""
        wanted = query.strip().casefold()
        if not wanted:
            raise UsageProblem("empty document id")
        exact = [d for d in self.documents if d.id.casefold() == wanted]
        if exact:
            return exact[0]
        matches = [d for d in self.documents if d.id.casefold().startswith(wanted)]
        if not matches:
            matches = [d for d in self.documents if wanted in d.id.casefold()]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UsageProblem(f"ambiguous document id {query!r}: {_candidates(matches)}")
        from nhsalliance_cli.text.suggest import closest

        near = closest(query, self.ids, limit=3)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        raise UsageProblem(
            f"no document {query!r} in the {self.name} corpus{hint} (see 'nhsalliance list')"
        )

    def select(self, queries: Iterable[str]) -> Corpus:
        """The corpus narrowed to the documents named (each by id or unique prefix)."""
        chosen = {self.get(q).id for q in queries}
        if not chosen:
            return self
        kept = tuple(d for d in self.documents if d.id in chosen)
        return replace(self, documents=kept, results=None)

    def each(
        self, kind: str, compute: Callable[[Document], T | Also[T]], label: str
    ) -> Sequence[T]:
        """``compute(doc)`` for every document, in order: a pure function of the document's
        text, kept by the index per text when there is one (``label`` names the work on
        a progress bar)."""
        if self.per_document is None:
            return [_own(compute(doc)) for doc in self.documents]
        return self.per_document.each(kind, self.documents, compute, label)

    def derive(
        self,
        kind: str,
        source: Sequence[S],
        compute: Callable[[S], T],
        replaces: str | None = None,
    ) -> Sequence[T]:
        """``compute`` of each document's ``source`` value (another per-document
        analysis, in corpus order), kept by the index per text like :meth:`each`; rows of
        other kinds starting with ``replaces`` are dropped when new ones are kept."""
        if self.per_document is None:
            return [compute(value) for value in source]
        return self.per_document.derive(kind, self.documents, source, compute, replaces)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, from the index's cache when this state of the corpus has it."""
        if self.results is None:
            return compute()
        return self.results.get_or_compute(key, compute)

    def dated_between(self, since: str | None, until: str | None) -> tuple[Corpus, int]:
        """The documents dated from ``since`` to ``until`` (inclusive), and how many
        undated documents were left out (0 without bounds).

        Bounds are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, compared at the precision of
        each document's date: a document dated ``2012-01`` is within ``until="2012"``
        and a document dated ``2012`` within ``since="2012-06"``.
        """
        if since is None and until is None:
            return self, 0
        kept = []
        undated = 0
        for doc in self.documents:
            if not doc.date:
                undated += 1
            elif date_within(doc.date, since, until):
                kept.append(doc)
        return replace(self, documents=tuple(kept), results=None), undated


def _candidates(matches: Sequence[Document]) -> str:
    """``could be a, b or c``; of many, the first few, how many more, and a field that
    tells them apart."""
    from nhsalliance_cli.corpus.where import few, field_names, value_of

    ids = [d.id for d in matches]
    named = few(ids)
    if len(named) == len(ids):
        return "could be " + ", ".join(ids[:-1]) + " or " + ids[-1]
    hint = "give more of the id"
    for name in field_names(matches):
        values = {value_of(d, name) for d in matches}
        if name != "id" and len(values) > 1 and None not in values:
            hint = f"narrow it with --where {name}={value_of(matches[0], name)}"
            break
    return f"could be {', '.join(named)} and {len(ids) - len(named)} more; {hint}"


def _own(value: T | Also[T]) -> T:
    return value.value if isinstance(value, Also) else value


class ResultCache(Protocol):
    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T: ...


def date_within(date: str, since: str | None, until: str | None) -> bool:
    """Whether an ISO date (of any precision) lies within the bounds, at the coarser of
    the two precisions of each comparison."""
    if since is not None:
        size = min(len(date), len(since))
        if date[:size] < since[:size]:
            return False
    if until is not None:
        size = min(len(date), len(until))
        if date[:size] > until[:size]:
            return False
    return True


def check_date(value: str, option: str) -> str:
    """``value`` if it is a valid YYYY, YYYY-MM or YYYY-MM-DD date, else a usage error."""
    import datetime

    text = value.strip()
    valid = DATE_RE.fullmatch(text) is not None
    if valid and len(text) == 10:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            valid = False
    if not valid:
        raise UsageProblem(f"{option} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def sort_key(doc: Document) -> tuple[int, str, str]:
    """Date order, undated documents last, ties by id."""
    return (0 if doc.date else 1, doc.date or "", doc.id)


# --- loading -------------------------------------------------------------------------


# --- the folder ------------------------------------------------------------------------


# --- documents -------------------------------------------------------------------------


# key -> (type, required)
MANIFEST_KEYS: dict[str, tuple[type, bool]] = {
    "file": (str, True),
    "id": (str, False),
    "title": (str, False),
    "title_supplied": (bool, False),
    "date": (str, False),
    "date_inferred": (bool, False),
    "date_evidence": (str, False),
    "kind": (str, False),
    "author": (str, False),
    "publisher": (str, False),
    "source": (str, False),
    "sha256": (str, False),
}
