"""Where indexes live: one SQLite file per corpus folder under the user's cache folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

NO_INDEX_ENV = "NHSALLIANCE_NO_INDEX"
APP = "nhsalliance"


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/nhsalliance``, by default ``~/.cache/nhsalliance``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):  # a relative one is to be ignored (XDG spec)
        return Path(base) / APP
    try:
        return Path.home() / ".cache" / APP
    except (RuntimeError, KeyError) as e:  # no HOME and no entry in the password file
        raise OSError(0, "no home folder to keep a cache in") from e


def database_for(root: Path) -> Path:
    """The index file of the corpus at ``root``, keyed by its resolved path."""
    key = str(root.resolve())
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_folder() / f"{digest}.sqlite3"


def disabled_by_environment() -> bool:
    return os.environ.get(NO_INDEX_ENV, "") not in ("", "0")
