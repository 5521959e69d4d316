"""A corpus through its index: opened, checked, brought up to date, and handed over.

Each command reads one snapshot of the database (SQLite's write-ahead log keeps it whole
while another process updates), so readers never wait and are never kept waiting for.
Updates take a lock file beside the database, so four commands started at once on a cold
cache build once and all read the same complete index. A database that is not
a complete index of this version (killed build, corruption, another version) is rebuilt
with one line on stderr; a cache that cannot be written falls back to reading the files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import IO

from nhsalliance_cli.corpus.folder import Listing, scan
from nhsalliance_cli.corpus.model import BUNDLED_NAME, Corpus, Document
from nhsalliance_cli.corpus.reading import Facts, assemble
from nhsalliance_cli.index import build
from nhsalliance_cli.index.location import database_for
from nhsalliance_cli.index.perdoc import DocumentAnalyses
from nhsalliance_cli.index.postings import IndexedTexts, IndexPostings, Results
from nhsalliance_cli.index.store import Broken, Store, files_of
from nhsalliance_cli.progress import Progress

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

# The lock files of indexes this process has opened (see the module's doc).
_locks: dict[Path, IO[bytes]] = {}


def indexed(
    root: Path, name: str, listing: Listing, force: bool = False, notes: list[str] | None = None
) -> Corpus | None:
    """The corpus at ``root`` from its index, updated first; None when no index can be
    kept (the caller then reads the files). What the user should know about the index (it
    was rebuilt, it cannot be kept) is added to ``notes``."""
    said: list[str] = notes if notes is not None else []
    _warn = said.append
    if fcntl is None:  # no file locks on this system (Windows): the files are read directly
        return None
    try:
        path = database_for(root)
        lock = _lock_file(path)
    except OSError as e:
        where = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
        _warn(f"cannot keep an index in {where} ({e.strerror}); reading the files directly")
        return None
    for attempt in range(4):
        try:
            if attempt:
                listing = scan(root, name)  # the folder may have changed meanwhile
            recent = build.recent_digests(listing)
            state = build.state_of(listing, recent)
            store = _fresh_store(path, lock, listing, name, force, state, recent)
            return _corpus(store, name, listing)
        except _Moved:
            continue
        except (Broken, sqlite3.DatabaseError) as e:
            if isinstance(e, sqlite3.OperationalError) and _cannot_write(e):
                _warn(f"cannot write the index ({e}); reading the files directly")
                return None
            if attempt >= 2:
                _warn(f"the index of {_named(name)} is unusable ({e}); reading the files directly")
                return None
            _warn(f"the index of {_named(name)} was unusable ({e}); rebuilding it")
            fcntl.flock(lock, fcntl.LOCK_EX)  # no other update while it goes
            _remove(path)
            fcntl.flock(lock, fcntl.LOCK_UN)
        except OSError as e:
            _warn(f"cannot write the index ({e.strerror or e}); reading the files directly")
            return None
    _warn(f"the folder {_named(name)} keeps changing; reading the files directly")
    return None


def _named(name: str) -> str:
    return "the bundled texts" if name == BUNDLED_NAME else name


def _fresh_store(
    path: Path,
    lock: IO[bytes],
    listing: Listing,
    name: str,
    force: bool,
    state: str,
    recent: dict[str, str],
) -> Store:
    """The index, up to date with ``listing``, holding the snapshot the command reads.

    Readers take no lock: each reads its own snapshot. Updates take the lock file, so that
    one process updates while others that need the same update wait, then find it done.
    """
    store = Store(path)
    if not force:
        store.begin_read()
        if build.fresh(store, state, recent):
            return store
        store.end_read()
    store.close()
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        store = Store(path, create=True)
        if force or not build.fresh(store, state, recent):
            if force or not store.complete:
                store.close()
                _remove(path)
                store = Store(path, create=True)
            work = build.plan(store, listing, recent)
            with Progress("indexing", work.files, work.bytes) as progress:
                held = [f.fileno() for f in _locks.values()]
                build.apply(store, work, name, state, progress, held)
        store.begin_read()
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
    if store.meta("state") != state:  # changed again since: the caller looks afresh
        store.close()
        raise _Moved()
    return store


class _Moved(Exception):
    """Another process brought the index up to a newer state of the folder meanwhile."""


def _corpus(store: Store, name: str, listing: Listing) -> Corpus:
    results = Results(store, build.generation(store))
    texts = IndexedTexts(store, listing.files)

    def documents() -> list[tuple[int, dict[str, object]]]:
        known: dict[str, tuple[int, Facts]] = {}
        for (
            ordinal,
            rel,
            title,
            date,
            evidence,
            sha256,
            words,
            paragraphs,
            encoding,
        ) in store.facts_rows():
            found = (date, evidence) if date is not None and evidence is not None else None
            known[rel] = (ordinal, Facts(title, found, sha256, words, paragraphs, encoding))
        corpus = assemble(name, listing, known, texts)
        return [(d.ordinal, d.values()) for d in corpus]

    # The documents' metadata (manifest and facts merged) is itself a cached result.
    docs = tuple(
        Document.lazy(texts, o, **v) for o, v in results.get_or_compute("documents", documents)
    )
    held = [f.fileno() for f in _locks.values()]
    return Corpus(
        name,
        docs,
        postings=IndexPostings(store),
        results=results,
        per_document=DocumentAnalyses(store, listing.files, name, held),
        warnings=listing.problems,
    )


def _cannot_write(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return any(w in text for w in ("full", "readonly", "read-only", "unable to open", "locked"))


def _lock_file(path: Path) -> IO[bytes]:
    if path not in _locks:
        path.parent.mkdir(parents=True, exist_ok=True)
        _locks[path] = open(f"{path}.lock", "ab")  # noqa: SIM115 - held until exit
    return _locks[path]


def _remove(path: Path) -> None:
    for p in files_of(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
