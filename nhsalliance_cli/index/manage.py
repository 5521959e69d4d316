"""``nhsalliance index``: what an index holds, building it on request, clearing it."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from nhsalliance_cli.corpus.folder import locate, scan
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index import location
from nhsalliance_cli.index.store import files_of


def _root(folder: str | None) -> tuple[Path, str]:
    root, name = locate(folder)
    if not isinstance(root, Path):
        raise UsageProblem(f"the {name} corpus is inside an archive: it is read without an index")
    return root, name


def _cache() -> Path:
    try:
        return location.cache_folder()
    except OSError as e:
        raise UsageProblem(f"cannot find a cache folder ({e.strerror})") from e


def _database(root: Path) -> Path:
    _cache()
    return location.database_for(root)


def status(folder: str | None) -> dict[str, Any]:
    """The index of one corpus: where it is, what it holds, whether it is up to date."""
    import sqlite3

    from nhsalliance_cli.index.build import fresh, recent_digests, state_of
    from nhsalliance_cli.index.store import Broken, Store

    root, name = _root(folder)
    path = _database(root)
    listing = scan(root, name)
    record: dict[str, Any] = {
        "corpus": str(root.resolve()),
        "index": str(path),
        "exists": path.exists(),
        "files": len(listing.texts),
        "corpus_bytes": sum(f.size for f in listing.texts.values()),
        "index_bytes": 0,
        "indexed_files": 0,
        "fresh": False,
        "built": None,
    }
    if not path.exists():
        return record
    record["index_bytes"] = sum(p.stat().st_size for p in files_of(path) if p.exists())
    try:
        store = Store(path)
        try:
            complete = store.complete
            record["indexed_files"] = len(store.file_rows()) if complete else 0
            recent = recent_digests(listing)
            record["fresh"] = complete and fresh(store, state_of(listing, recent), recent)
            built = store.meta("built")
            if complete and built:
                when = datetime.datetime.fromtimestamp(float(built), datetime.UTC)
                record["built"] = when.isoformat(timespec="seconds")
        finally:
            store.close()
    except (Broken, sqlite3.DatabaseError):
        pass  # unusable: the next command rebuilds it
    return record


def build(folder: str | None) -> list[str]:
    """Build the index of a corpus from scratch (with progress on a terminal); what the
    user should know about it on the way."""
    from nhsalliance_cli.index.open import indexed

    root, name = _root(folder)
    notes: list[str] = []
    if indexed(root, name, scan(root, name), force=True, notes=notes) is None:
        raise UsageProblem(f"cannot keep an index in {_cache()}")
    return notes


def clear(folder: str | None, everything: bool) -> list[str]:
    """Remove one corpus's index, or every index; the files removed."""
    if everything:
        folder_path = _cache()
        paths = sorted(folder_path.glob("*.sqlite3*")) if folder_path.is_dir() else []
    else:
        root, _ = _root(folder)
        db = _database(root)
        paths = [*files_of(db), Path(f"{db}.lock")]
    removed = []
    for p in paths:
        try:
            os.unlink(p)
            removed.append(str(p))
        except FileNotFoundError:
            continue
        except OSError as e:
            raise UsageProblem(f"cannot remove {p} ({e.strerror})") from e
    return removed
