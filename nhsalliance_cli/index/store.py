"""The index's storage: an SQLite database of files, postings blobs and cached results.

Nothing here knows what a document or a query is: rows in, rows out. Postings are packed
arrays of unsigned 32-bit numbers, one row per (term, block of documents).
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from nhsalliance_cli import __version__


def _code_stamp() -> str:
    """A digest of the package's own files (names, sizes, times): cached analyses from
    other code, even of the same version number, are never served."""
    import hashlib
    import os

    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".toml", ".txt")):
                st = os.stat(os.path.join(folder, name))
                where = os.path.relpath(folder, package)  # the same for any install
                h.update(f"{where}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


# The layout of the database; with the version and the code, what an index must match.
LAYOUT = 9
FORMAT = f"{LAYOUT}/{__version__}/{_code_stamp()}"
UINT = "I" if array("I").itemsize == 4 else "L"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    ord INTEGER PRIMARY KEY,
    rel TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    block INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    evidence TEXT,
    sha256 TEXT NOT NULL,
    words INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    starts BLOB NOT NULL,
    encoding TEXT NOT NULL
);
CREATE INDEX files_block ON files(block);
CREATE INDEX files_sha256 ON files(sha256);
CREATE TABLE postings(
    term TEXT NOT NULL,
    block INTEGER NOT NULL,
    docs BLOB NOT NULL,       -- (ordinal, count) pairs
    positions BLOB NOT NULL,  -- token numbers, each document's in turn
    PRIMARY KEY (term, block)
) WITHOUT ROWID;
CREATE INDEX postings_block ON postings(block);
CREATE TABLE terms(
    term TEXT PRIMARY KEY,
    count INTEGER NOT NULL,   -- occurrences in the whole corpus
    docs INTEGER NOT NULL     -- documents holding it
) WITHOUT ROWID;
CREATE TABLE analyses(
    kind TEXT NOT NULL,
    digest TEXT NOT NULL,     -- the sha256 of the text analysed: copies share their row
    value BLOB NOT NULL,      -- kilobytes: a rowid table keeps such values compactly
    PRIMARY KEY (kind, digest)
);
CREATE TABLE results(key TEXT PRIMARY KEY, state TEXT NOT NULL, value BLOB NOT NULL);
"""

FileRow = tuple[int, str, int, int, int, int]  # ord, rel, size, mtime_ns, inode, block
FactsRow = tuple[int, str, str, str | None, str | None, str, int, int, str]


_ESCAPED = "\ufffe"  # never in a real file name: starts the hex of one that is not UTF-8


def to_db(rel: str) -> str:
    """A file's relative path as SQLite can hold it: as it is, or, when it has bytes that
    are not UTF-8 (kept as surrogates by the file system's decoding), reversibly in hex."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return _ESCAPED + rel.encode("utf-8", "surrogateescape").hex()


def from_db(text: str) -> str:
    if text.startswith(_ESCAPED):
        return bytes.fromhex(text[len(_ESCAPED) :]).decode("utf-8", "surrogateescape")
    return text


class Broken(Exception):
    """The database is not a usable index of this format: rebuild it."""


def pack(numbers: Sequence[int]) -> bytes:
    # zlib at its fastest level: token starts and positions shrink to about 40%, which
    # keeps the index well under the corpus's size, and inflating costs little. Short
    # arrays (most postings rows) are kept as they are: compressing them costs more time
    # than it saves room. The first byte says which.
    raw = array(UINT, numbers).tobytes()
    return b"z" + zlib.compress(raw, 1) if len(raw) > 128 else b"r" + raw


def unpack(blob: bytes) -> array[int]:
    numbers = array(UINT)
    numbers.frombytes(zlib.decompress(blob[1:]) if blob[:1] == b"z" else blob[1:])
    return numbers


def _check_length(path: Path) -> None:
    """A database file shorter than its header says was cut short: SQLite itself would
    only notice when it reads a missing page, in the middle of a search. (Not while a
    write-ahead log is there to complete it.)"""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        return
    try:
        with open(path, "rb") as f:
            header = f.read(100)
            size = f.seek(0, 2)
    except FileNotFoundError:
        return
    if not header:
        return
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        raise Broken("not an SQLite database")
    page = int.from_bytes(header[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(header[28:32], "big")
    if size < page * pages:
        raise Broken(f"the file is cut short ({size} of {page * pages} bytes)")


class Store:
    def __init__(self, path: Path, create: bool = False) -> None:
        """Open the index at ``path``; an empty one gets its tables only with ``create``
        (which the caller does holding the lock that keeps other writers out)."""
        self.path = path
        self._writer: sqlite3.Connection | None = None
        _check_length(path)
        try:
            self.db = sqlite3.connect(path, timeout=120, isolation_level=None)
            self.db.execute("PRAGMA synchronous=OFF")
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
            self.empty = not tables
            if self.empty and create:
                # Write-ahead logging: a command reads one snapshot of the index from start
                # to end while another process updates it, and neither waits for the other.
                self.db.execute("PRAGMA journal_mode=WAL")
                # One transaction: another process sees no tables, or all and the format.
                self.db.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.set_meta({"format": FORMAT})
                self.db.execute("COMMIT")
                self.empty = False
            elif not self.empty and self.meta("format") != FORMAT:
                raise Broken("it was written by another version of nhsalliance")
        except sqlite3.DatabaseError as e:
            raise Broken(str(e)) from e

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self.db.close()

    # --- meta ------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, values: dict[str, str]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    @property
    def complete(self) -> bool:
        if self.empty:
            return False
        return self.meta("format") == FORMAT and self.meta("complete") == "1"

    # --- transactions ----------------------------------------------------------------

    def begin(self) -> None:
        # An update inserts each block's terms all over the postings tree: with SQLite's
        # default 2 MB page cache a large corpus spends its time re-reading pages. Readers
        # keep the default, so that a search's memory does not grow with the index.
        self.db.execute("PRAGMA cache_size=-131072")
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")
        # As much as can go into the database file itself now, without waiting for
        # anyone still reading an older snapshot.
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def begin_read(self) -> None:
        """Start the snapshot a command reads, from now until the process ends."""
        self.db.execute("BEGIN")
        self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def end_read(self) -> None:
        self.db.execute("COMMIT")

    # --- files -----------------------------------------------------------------------

    def file_rows(self) -> list[FileRow]:
        rows = self.db.execute("SELECT ord, rel, size, mtime_ns, inode, block FROM files")
        return [(o, from_db(r), *rest) for o, r, *rest in rows]

    def facts_rows(self) -> list[FactsRow]:
        rows = self.db.execute(
            "SELECT ord, rel, title, date, evidence, sha256, words, paragraphs, encoding FROM files"
        )
        return [(o, from_db(r), *rest) for o, r, *rest in rows]

    def digests(self) -> list[tuple[int, str]]:
        return self.db.execute("SELECT ord, sha256 FROM files").fetchall()

    def digests_by_path(self, rels: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(rels), 500):
            chunk = [to_db(r) for r in rels[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT rel, sha256 FROM files WHERE rel IN ({marks})", chunk)
            found.update((from_db(r), d) for r, d in rows)
        return found

    def starts(self, ordinal: int) -> array[int] | None:
        row = self.db.execute("SELECT starts FROM files WHERE ord = ?", (ordinal,)).fetchone()
        return None if row is None else unpack(row[0])

    def starts_of(self, ordinals: Sequence[int]) -> Iterator[tuple[int, array[int]]]:
        marks = ",".join("?" * len(ordinals))
        rows = self.db.execute(f"SELECT ord, starts FROM files WHERE ord IN ({marks})", ordinals)
        return ((o, unpack(blob)) for o, blob in rows)

    def delete_files(self, ordinals: Iterable[int]) -> None:
        self.db.executemany("DELETE FROM files WHERE ord = ?", ((o,) for o in ordinals))

    def rename_file(self, ordinal: int, rel: str) -> None:
        self.db.execute("UPDATE files SET rel = ? WHERE ord = ?", (to_db(rel), ordinal))

    def put_files(self, rows: Iterable[tuple[object, ...]]) -> None:
        """Rows of the files table, in its column order (the path second)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r[0], to_db(str(r[1])), *r[2:]) for r in rows),
        )

    # --- postings --------------------------------------------------------------------

    def clear_blocks(self, blocks: Iterable[int]) -> None:
        self.db.executemany("DELETE FROM postings WHERE block = ?", ((b,) for b in blocks))

    def put_postings(self, block: int, rows: Iterable[tuple[str, bytes, bytes]]) -> None:
        self.db.executemany(
            "INSERT INTO postings VALUES (?, ?, ?, ?)",
            ((term, block, docs, positions) for term, docs, positions in rows),
        )

    def block_totals(self, blocks: Iterable[int]) -> Iterator[tuple[str, bytes]]:
        """Each term's (ordinal, count) pairs in each of ``blocks``."""
        for block in blocks:
            yield from self.db.execute("SELECT term, docs FROM postings WHERE block = ?", (block,))

    def adjust_terms(self, changes: Iterable[tuple[str, int, int]]) -> None:
        """Add (term, occurrences, documents) to the vocabulary."""
        self.db.executemany(
            "INSERT INTO terms VALUES (?, ?, ?) ON CONFLICT(term) DO UPDATE SET "
            "count = count + excluded.count, docs = docs + excluded.docs",
            changes,
        )

    def drop_unused_terms(self, terms: Iterable[str]) -> None:
        """Of ``terms``, those no document holds any more leave the vocabulary."""
        self.db.executemany("DELETE FROM terms WHERE term = ? AND docs <= 0", ((t,) for t in terms))

    def terms_between(self, prefix: str, shortest: int, longest: int) -> list[tuple[str, int]]:
        """Terms starting with ``prefix``, of ``shortest`` to ``longest`` characters,
        with their corpus-wide counts."""
        return self.db.execute(
            "SELECT term, count FROM terms WHERE term >= ? AND term < ? "
            "AND length(term) BETWEEN ? AND ?",
            (prefix, prefix + "\U0010ffff", shortest, longest),
        ).fetchall()

    def vocabulary(self, min_count: int) -> Iterator[tuple[str, int, int]]:
        """Every term counted at least ``min_count`` times, with its count and documents,
        most frequent first, then in code-point order."""
        return iter(
            self.db.execute(
                "SELECT term, count, docs FROM terms WHERE count >= ? ORDER BY count DESC, term",
                (min_count,),
            )
        )

    def total_count(self) -> int:
        return int(self.db.execute("SELECT coalesce(sum(count), 0) FROM terms").fetchone()[0])

    def file_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM files").fetchone()[0])

    def postings(self, terms: Sequence[str]) -> Iterator[tuple[str, bytes, bytes]]:
        for start in range(0, len(terms), 500):
            chunk = terms[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(
                f"SELECT term, docs, positions FROM postings WHERE term IN ({marks})", chunk
            )

    def terms_from(self, prefix: str) -> Iterator[str]:
        """Every distinct term that starts with ``prefix``, in order."""
        if prefix:
            rows = self.db.execute(
                "SELECT term FROM terms WHERE term >= ? AND term < ?",
                (prefix, prefix + "\U0010ffff"),
            )
        else:
            rows = self.db.execute("SELECT term FROM terms")
        return (r[0] for r in rows)

    def documents_of(self, terms: Sequence[str]) -> Iterator[bytes]:
        """The (ordinal, count) pairs of every postings row of ``terms``."""
        for start in range(0, len(terms), 500):
            chunk = terms[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT docs FROM postings WHERE term IN ({marks})", chunk)
            yield from (r[0] for r in rows)

    # --- per-document analyses ---------------------------------------------------------

    def digests_of_blocks(self, blocks: Iterable[int]) -> set[str]:
        found: set[str] = set()
        for block in blocks:
            rows = self.db.execute("SELECT sha256 FROM files WHERE block = ?", (block,))
            found.update(r[0] for r in rows)
        return found

    def drop_unused_analyses(self, digests: Iterable[str]) -> None:
        """Of ``digests``, those no file has any more lose their analyses."""
        self.db.executemany(
            "DELETE FROM analyses WHERE digest = ? "
            "AND NOT EXISTS (SELECT 1 FROM files WHERE sha256 = ?)",
            ((d, d) for d in digests),
        )

    def analyses(self, kind: str, digests: Sequence[str]) -> dict[str, bytes]:
        """The rows of ``kind`` for ``digests``, as last committed (through the writing
        connection: the reading one holds a snapshot from before this command kept any)."""
        rows = _chunked(
            self._writing(), "SELECT digest, value FROM analyses WHERE kind = ? AND", kind, digests
        )
        return {d: bytes(v) for d, v in rows}

    def analysed(self, kind: str, digests: Sequence[str]) -> set[str]:
        """Which of ``digests`` have a row of ``kind``, as last committed."""
        rows = _chunked(
            self._writing(), "SELECT digest FROM analyses WHERE kind = ? AND", kind, digests
        )
        return {d for (d,) in rows}

    def drop_other_analyses(self, prefix: str, kind: str) -> None:
        """Rows whose kind starts with ``prefix`` but is not ``kind`` go (written through
        the writing connection, like :meth:`put_analyses`)."""
        self._writing().execute(
            "DELETE FROM analyses WHERE kind >= ? AND kind < ? AND kind != ?",
            (prefix, prefix + "\U0010ffff", kind),
        )

    def put_analyses(self, kind: str, rows: Sequence[tuple[str, bytes]]) -> None:
        """Keep analyses (through the writing connection: see :meth:`put_result`)."""
        writer = self._writing()
        writer.execute("BEGIN IMMEDIATE")
        try:
            writer.executemany(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
                ((kind, digest, value) for digest, value in rows),
            )
            writer.execute("COMMIT")
        except BaseException:
            writer.execute("ROLLBACK")
            raise

    def _writing(self) -> sqlite3.Connection:
        if self._writer is None:
            self._writer = sqlite3.connect(self.path, timeout=0.5, isolation_level=None)
        return self._writer

    # --- results ---------------------------------------------------------------------

    def result(self, key: str, state: str) -> bytes | None:
        row = self.db.execute(
            "SELECT value FROM results WHERE key = ? AND state = ?", (key, state)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def put_result(self, key: str, state: str, value: bytes) -> None:
        """Keep a result (through a connection of its own: the reading one holds its
        snapshot). An index being updated by another process makes this fail at once."""
        self._writing().execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, state, value)
        )

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in files_of(self.path) if p.exists())


def _chunked(
    db: sqlite3.Connection, select: str, kind: str, digests: Sequence[str]
) -> Iterator[Any]:
    """``select ... digest IN (...)`` for ``digests``, 500 at a time (SQLite's limit on
    parameters is lower than a corpus's count of texts)."""
    for start in range(0, len(digests), 500):
        chunk = digests[start : start + 500]
        marks = ",".join("?" * len(chunk))
        yield from db.execute(f"{select} digest IN ({marks})", (kind, *chunk))


def files_of(path: Path) -> tuple[Path, ...]:
    """The database and the files SQLite keeps beside it."""
    return (path, *(Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")))
