"""A corpus folder on disk: where it is (the bundled texts or a path), its files and their
sizes and times, read once per command."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from nhsalliance_cli.corpus.model import BUNDLED_NAME, MANIFEST_NAME, ROOT_FILES
from nhsalliance_cli.errors import UsageProblem

if TYPE_CHECKING:
    pass


def bundled_root() -> Traversable:
    """The bundled texts: package data in a wheel, the checkout's corpus/ when editable."""
    packaged = resources.files("nhsalliance_cli") / "corpus_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "corpus"
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
        from nhsalliance_cli.corpus.metadata import TABLE_NAMES

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
        raise UsageProblem(f"{name}: cannot read the folder ({reason(e)})") from e
    seen = {(st.st_dev, st.st_ino)}
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as e:
            if not prefix:
                raise UsageProblem(f"{name}: cannot read the folder ({reason(e)})") from e
            problems.append(f"cannot read the folder {_shown(folder)} ({reason(e)}); skipped")
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
                rel in ROOT_FILES or entry.name.lower().endswith(".txt")
            ):
                files[rel] = FileStat(rel, entry.path, info.st_size, info.st_mtime_ns, info.st_ino)
    return Listing(files, tuple(problems))


def _shown(path: str) -> str:
    return repr(path)[1:-1] if not path.isprintable() else path


def file_label(corpus: str, file: str) -> str:
    return file if corpus == BUNDLED_NAME else f"{corpus.rstrip('/')}/{file}"


def reason(error: OSError) -> str:
    return error.strerror or error.__class__.__name__
