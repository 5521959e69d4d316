"""Documents and corpora: the immutable model every command works on, and its loading.

A corpus is a folder of UTF-8 ``.txt`` files with an optional ``manifest.toml``
describing them. The bundled NHS Alliance texts are one such folder, shipped inside
the package; ``--corpus DIR`` points the tool at any other.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from nhsalliance_cli import tokens
from nhsalliance_cli.errors import UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.decoding import Decoded
    from nhsalliance_cli.metadata import Found, Pattern, Table
    from nhsalliance_cli.search import Query, TokenTable

T = TypeVar("T")
S = TypeVar("S")
UINT = "I" if array("I").itemsize == 4 else "L"

MANIFEST_NAME = "manifest.toml"
# Besides the texts, the files a corpus folder's root may hold about them.
_ROOT_FILES = (MANIFEST_NAME, "metadata.csv", "metadata.tsv")
BUNDLED_NAME = "bundled"
_DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_TITLE_MAX = 100


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
        from nhsalliance_cli.suggest import closest

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
    from nhsalliance_cli.where import few, field_names, value_of

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
    valid = _DATE_RE.fullmatch(text) is not None
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


def bundled_root() -> Traversable:
    """The bundled texts: package data in a wheel, the checkout's corpus/ when editable."""
    packaged = resources.files("nhsalliance_cli") / "corpus_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "corpus"
    if checkout.is_dir():
        return checkout
    raise UsageProblem(
        "the bundled corpus is missing from this installation; reinstall nhsalliance"
    )


def locate(folder: str | None) -> tuple[Traversable, str]:
    """Where the corpus named on the command line is, and the name messages give it."""
    if folder is None:
        return bundled_root(), BUNDLED_NAME
    if not folder.strip():
        raise UsageProblem("--corpus is empty: give a folder or a .txt file")
    path = Path(folder).expanduser()
    if not path.exists():
        raise UsageProblem(f"corpus folder {folder} does not exist")
    if not path.is_dir() and not (path.is_file() and path.name.lower().endswith(".txt")):
        raise UsageProblem(f"corpus {folder} is not a folder or a .txt file")
    return path, str(folder)


# --- the folder ------------------------------------------------------------------------


class FileStat(NamedTuple):
    """A file of the corpus: its path relative to the corpus folder, and what tells a
    changed file from an unchanged one. (A tuple: a large folder makes thousands.)"""

    rel: str
    where: str | Traversable
    size: int
    mtime_ns: int
    inode: int

    def read_bytes(self) -> bytes:
        if isinstance(self.where, str):
            return read_file(self.where)
        return self.where.read_bytes()

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.size, self.mtime_ns, self.inode)


def read_file(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


@dataclass(frozen=True)
class Listing:
    files: dict[str, FileStat]  # every file by relative path, texts and manifest
    problems: tuple[str, ...] = ()  # paths passed over (broken links, loops), as messages

    @cached_property
    def texts(self) -> dict[str, FileStat]:
        return {r: f for r, f in sorted(self.files.items()) if r.lower().endswith(".txt")}

    @property
    def manifest(self) -> FileStat | None:
        return self.files.get(MANIFEST_NAME)

    @property
    def table(self) -> FileStat | None:
        """The metadata table at the folder's root (metadata.csv or metadata.tsv)."""
        from nhsalliance_cli.metadata import TABLE_NAMES

        found = [self.files[n] for n in TABLE_NAMES if n in self.files]
        if len(found) > 1:
            raise UsageProblem(f"{' and '.join(TABLE_NAMES)} are both in the folder: keep one")
        return found[0] if found else None


def scan(root: Path, name: str) -> Listing:
    """The corpus's files, sub-folders included (hidden ones left out), or the one file
    that ``root`` is. Links are followed; broken links and loops are reported."""
    if root.is_file():
        st = root.stat()
        one = FileStat(root.name, str(root), st.st_size, st.st_mtime_ns, st.st_ino)
        return Listing({root.name: one})
    files: dict[str, FileStat] = {}
    problems: list[str] = []
    try:
        st = root.stat()
    except OSError as e:
        raise UsageProblem(f"{name}: cannot read the folder ({_reason(e)})") from e
    seen = {(st.st_dev, st.st_ino)}
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as e:
            if not prefix:
                raise UsageProblem(f"{name}: cannot read the folder ({_reason(e)})") from e
            problems.append(f"cannot read the folder {_shown(folder)} ({_reason(e)}); skipped")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                info = entry.stat()  # follows links
            except OSError as e:
                kind = "a symbolic link loop" if e.errno == errno.ELOOP else "a broken link"
                if entry.is_symlink():
                    problems.append(f"{_shown(entry.path)} is {kind}; skipped")
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in seen:
                    problems.append(f"{_shown(entry.path)} is a symbolic link loop; skipped")
                    continue
                seen.add((info.st_dev, info.st_ino))
                pending.append((entry.path, rel + "/"))
            elif stat.S_ISREG(info.st_mode) and (
                rel in _ROOT_FILES or entry.name.lower().endswith(".txt")
            ):
                files[rel] = FileStat(rel, entry.path, info.st_size, info.st_mtime_ns, info.st_ino)
    return Listing(files, tuple(problems))


def _shown(path: str) -> str:
    return repr(path)[1:-1] if not path.isprintable() else path


# --- documents -------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a document's metadata takes from its text: worked out once, kept by the index."""

    title: str  # the first line with words on it
    date: tuple[str, str] | None  # a date found in the opening lines, with its evidence
    sha256: str | None = None
    words: int | None = None
    paragraphs: int | None = None
    encoding: str = "UTF-8"  # what the file was read as: see decoding.py


def facts_of(
    text: str, data: bytes | None = None, words: int | None = None, encoding: str = "UTF-8"
) -> Facts:
    """A text's facts; with its bytes ``data`` also the digest and counts an index keeps
    (``words``, the number of tokens, if the caller has tokenized the text already)."""
    return Facts(
        encoding=encoding,
        title=first_line(text),
        date=date_in_text(text),
        sha256=_sha256(data) if data is not None else None,
        words=(words if words is not None else tokens.count_tokens(text))
        if data is not None
        else None,
        paragraphs=len(tokens.paragraph_spans(text)) if data is not None else None,
    )


def read_text(file: FileStat, corpus: str) -> tuple[bytes, Decoded]:
    """A corpus file's bytes and its text, decoded as :mod:`decoding` does; one line
    naming the file when it cannot be read. (``corpus`` is the corpus's name, for the
    message.)"""
    from nhsalliance_cli.decoding import decode as decoded

    label = _label(corpus, file.rel)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the file ({_reason(e)})") from e
    return data, decoded(data)


def decode(data: bytes, label: str) -> str:
    """A file's text, decoded as when it was first read (``label`` names it)."""
    from nhsalliance_cli.decoding import decode as decoded

    return decoded(data).text


def checked_encodings(corpus: Corpus, listing: Listing, strict: bool) -> Corpus:
    """The corpus without the files that are no text in any encoding, and a line for each
    file read in another encoding than UTF-8; with ``strict``, a usage error for the first
    file that is not UTF-8 (as before such files were read)."""
    from nhsalliance_cli.decoding import UNDECODABLE, UTF8
    from nhsalliance_cli.decoding import decode as decoded

    odd = [d for d in corpus.documents if d.encoding != UTF8]
    if not odd:
        return corpus
    if strict:
        doc = min(odd, key=lambda d: d.file)
        bad = decoded(listing.files[doc.file].read_bytes()).first_bad or (0, 0)
        raise UsageProblem(
            f"{_label(corpus.name, doc.file)}: not UTF-8 text (byte 0x{bad[1]:02x} at offset "
            f"{bad[0]}); convert it, e.g. from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8"
        )
    lines = [
        f"{_label(corpus.name, d.file)}: not text in UTF-8, a byte-order mark or any encoding "
        "detected; left out"
        if d.encoding == UNDECODABLE
        else f"{_label(corpus.name, d.file)}: not UTF-8; read as {d.encoding}"
        for d in sorted(odd, key=lambda d: d.file)
    ]
    kept = tuple(d for d in corpus.documents if d.encoding != UNDECODABLE)
    return replace(corpus, documents=kept, warnings=(*corpus.warnings, *lines))


def assemble(
    name: str,
    listing: Listing,
    known: Mapping[str, tuple[int, Facts]] | None,
    store: TextStore | None = None,
) -> Corpus:
    """The corpus from its files and manifest. ``known`` holds each file's ordinal and
    facts from an index (its texts then load lazily through ``store``); without it every
    text is read now."""
    texts = listing.texts
    manifest_file = listing.manifest
    described, pattern = (
        _read_manifest(manifest_file, name) if manifest_file is not None else ([], None)
    )
    if not texts:
        raise UsageProblem(f"{name}: no .txt files in the corpus folder")
    table = _read_table(listing, name)
    from nhsalliance_cli.metadata import found_for

    entries: dict[str, Mapping[str, Any]] = {}
    for entry in described:
        file = entry["file"]
        if file not in texts:
            raise UsageProblem(f"{_label(name, MANIFEST_NAME)}: {file}: no such file in the folder")
        if file in entries:
            raise UsageProblem(f"{_label(name, MANIFEST_NAME)}: {file} is described twice")
        entries[file] = entry
    documents = [
        _document(
            texts[file],
            entries.get(file, {"file": file}),
            found_for(file, table, pattern),
            name,
            known,
            store,
        )
        for file in (*entries, *(f for f in texts if f not in entries))
    ]
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.id in seen:
            raise UsageProblem(
                f"{name}: duplicate document id {doc.id!r} ({seen[doc.id]} and {doc.file}); "
                "give them distinct ids in manifest.toml"
            )
        seen[doc.id] = doc.file
    return Corpus(
        name=name, documents=tuple(sorted(documents, key=sort_key)), warnings=listing.problems
    )


def _read_table(listing: Listing, corpus: str) -> Table | None:
    from nhsalliance_cli.metadata import read_table

    file = listing.table
    if file is None:
        return None
    label = _label(corpus, file.rel)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the table ({_reason(e)})") from e
    return read_table(data, file.rel, label, listing.texts)


def metadata_warnings(listing: Listing, corpus: str) -> list[str]:
    """One line for each text whose name does not fit the manifest's file_pattern (a few
    named, then a count): computed from the names alone, so that an index serves them."""
    manifest = listing.manifest
    try:
        declared = manifest is not None and b"file_pattern" in manifest.read_bytes()
    except OSError:
        declared = False  # reported when the manifest is read
    if manifest is None or not declared:  # most manifests: not parsed a second time
        return []
    _, pattern = _read_manifest(manifest, corpus)
    if pattern is None:
        return []
    from nhsalliance_cli.metadata import unfit_files

    return unfit_files(pattern, list(listing.texts), lambda rel: _label(corpus, rel))


def _document(
    file: FileStat,
    entry: Mapping[str, Any],
    found: Found,
    corpus: str,
    known: Mapping[str, tuple[int, Facts]] | None,
    store: TextStore | None,
) -> Document:
    label = _label(corpus, file.rel)
    text: str | None = None
    if known is not None and file.rel in known:
        ordinal, facts = known[file.rel]
    else:
        data, decoded = read_text(file, corpus)
        ordinal, text = -1, decoded.text
        facts = facts_of(text, data if entry.get("sha256") else None, encoding=decoded.encoding)
    digest = entry.get("sha256")
    if digest and facts.sha256 != digest.lower():
        raise UsageProblem(f"{label}: the file differs from the sha256 in {MANIFEST_NAME}")
    date, date_inferred, evidence = (
        entry.get("date"),
        bool(entry.get("date_inferred", False)),
        entry.get("date_evidence"),
    )
    if date is not None and evidence is None:
        evidence = MANIFEST_NAME
    if date is None and found.date is not None:
        date, date_inferred, evidence = found.date, False, found.evidence
    if date is None and facts.date is not None:
        date, date_inferred, evidence = facts.date[0], True, facts.date[1]
    given = {**dict(found.attributes), **entry}
    stem = file.rel.rsplit(".", 1)[0]
    values: dict[str, Any] = {
        "id": given.get("id") or slug(stem),
        "file": file.rel,
        "title": given.get("title") or facts.title or stem.rsplit("/", 1)[-1],
        "title_supplied": bool(entry.get("title_supplied", False)),
        "date": date,
        "date_inferred": date_inferred,
        "date_evidence": evidence,
        "kind": given.get("kind"),
        "author": given.get("author"),
        "publisher": given.get("publisher"),
        "source": given.get("source"),
        "extra": found.fields,
        "encoding": facts.encoding,
        "word_count": facts.words,
        "paragraph_count": facts.paragraphs,
    }
    if text is None:
        assert store is not None
        return Document.lazy(store, ordinal, **values)
    return Document(text=text, **values)


# key -> (type, required)
_MANIFEST_KEYS: dict[str, tuple[type, bool]] = {
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
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _read_manifest(path: FileStat, corpus: str) -> tuple[list[dict[str, Any]], Pattern | None]:
    """The manifest's [[documents]] entries, and its file_pattern if it declares one."""
    import tomllib

    label = _label(corpus, MANIFEST_NAME)
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the manifest ({_reason(e)})") from e
    except UnicodeDecodeError as e:
        raise UsageProblem(f"{label}: not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        raise UsageProblem(f"{label}: not valid TOML: {e}") from e
    except RecursionError as e:  # tomllib recurses once per level of nesting
        raise UsageProblem(f"{label}: nested too deeply to read") from e
    unknown = set(data) - {"documents", "file_pattern"}
    if unknown:
        raise UsageProblem(
            f"{label}: unknown top-level key {sorted(unknown)[0]!r} "
            "(expected file_pattern and [[documents]] tables)"
        )
    pattern = None
    if "file_pattern" in data:
        from nhsalliance_cli.metadata import parse_pattern

        if not isinstance(data["file_pattern"], str):
            raise UsageProblem(
                f"{label}: 'file_pattern' must be a string, not {_toml_type(data['file_pattern'])}"
            )
        pattern = parse_pattern(data["file_pattern"], label)
    entries = data.get("documents", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageProblem(f"{label}: 'documents' must be an array of tables ([[documents]])")
    for number, entry in enumerate(entries, start=1):
        _check_entry(entry, f"{label}: document {number}")
    return [_normalized(entry) for entry in entries], pattern


def _normalized(entry: dict[str, Any]) -> dict[str, Any]:
    """A TOML date (``date = 2013-01-02``, unquoted) as the ISO string the model holds."""
    import datetime

    date = entry.get("date")
    if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime):
        return {**entry, "date": date.isoformat()}
    return entry


_TYPE_NAMES = {str: "a string (in quotes)", bool: "true or false"}


def _check_entry(entry: Mapping[str, Any], where: str) -> None:
    for key, value in entry.items():
        if key not in _MANIFEST_KEYS:
            known = ", ".join(_MANIFEST_KEYS)
            raise UsageProblem(f"{where}: unknown key {key!r} (known keys: {known})")
        expected, _ = _MANIFEST_KEYS[key]
        if key == "date" and _is_toml_date(value):
            continue  # checked below, as its ISO string
        if not isinstance(value, expected):
            raise UsageProblem(
                f"{where}: {key!r} must be {_TYPE_NAMES.get(expected, expected.__name__)}, "
                f"not {_toml_type(value)}"
            )
    for key, (_, required) in _MANIFEST_KEYS.items():
        if required and key not in entry:
            raise UsageProblem(f"{where}: missing {key!r}")
    if "id" in entry and not _ID_RE.fullmatch(entry["id"]):
        raise UsageProblem(
            f"{where}: id {entry['id']!r} must be letters, digits, '.', '_' or '-' "
            "and start with a letter or digit"
        )
    if "date" in entry:
        _check_date(entry["date"], where)


def _check_date(value: Any, where: str) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a day the calendar has (not 2013-02-30)."""
    import datetime

    if _is_toml_date(value):
        return  # tomllib has checked the calendar
    if not _DATE_RE.fullmatch(value):
        raise UsageProblem(f"{where}: date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day, *_ = [*(int(p) for p in value.split("-")), 1, 1]
    try:
        datetime.date(year, month, day)
    except ValueError as e:
        raise UsageProblem(f"{where}: date {value!r} is not a calendar date ({e})") from e


def _is_toml_date(value: Any) -> bool:
    import datetime

    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _toml_type(value: Any) -> str:
    import datetime

    kinds = (
        (bool, "true or false"),
        (int, "a number"),
        (float, "a number"),
        (str, "a string"),
        (datetime.datetime, "a date and time"),
        (datetime.date, "a date"),
        (datetime.time, "a time"),
        (list, "an array"),
        (dict, "a table"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), "another type")


_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_RES = (
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b"),
)


def date_in_text(text: str) -> tuple[str, str] | None:
    """The first full date in a text's first three lines, as (ISO date, evidence).

    For documents a manifest does not date: press releases and posts usually open with
    theirs. It is only a guess (the first date may be an event's), so it counts as inferred.
    """
    import datetime

    head = "\n".join([line for line in text[:2000].splitlines() if line.strip()][:3])
    found = [m for r in _DATE_RES for m in r.finditer(head)]
    for m in sorted(found, key=lambda m: m.start()):
        month = m["month"]
        number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
        try:
            day = datetime.date(int(m["year"]), number, int(m["day"]))
        except ValueError:
            continue
        return day.isoformat(), f"The first date in the text's opening lines: '{m.group()}'."
    return None


def slug(stem: str) -> str:
    """A readable id from a file name: lower case, runs of other characters as '-'."""
    text = re.sub(r"[\W_]+", "-", stem.casefold()).strip("-")
    return text or "document"


def first_line(text: str) -> str:
    """The first line with words on it, white space squeezed, cut at 100 characters."""
    text = tokens.unify_line_breaks(text[:4096])
    pos = 0
    while pos < min(len(text), 4096):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = " ".join(text[pos:end].replace("\ufeff", "").split())
        if line:
            return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"
        pos = end + 1
    return ""


def _label(corpus: str, file: str) -> str:
    return file if corpus == BUNDLED_NAME else f"{corpus.rstrip('/')}/{file}"


def _reason(error: OSError) -> str:
    return error.strerror or error.__class__.__name__
