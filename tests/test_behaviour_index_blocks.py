"""Index updates on folders of several blocks (hundreds of files), with edits, deletions,
additions and renames that cross block boundaries: every answer must be the one read from
the files with --no-index.

Each file holds a word of its own (``u0042``), so a file's postings left behind, or lost,
in any block shows in a search for it. The default run uses one folder of three blocks and
a fixed set of random edits; the ``slow`` variant draws many more (``pytest -m slow``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_corpus
from nhsalliance_cli.cli import app
from nhsalliance_cli.index.build import BLOCK_DOCS
from nhsalliance_cli.index.location import database_for
from nhsalliance_cli.output.env import Environment

COMMON = ["alpha", "beta", "gamma", "delta", "nhs", "trust"]


def run(args: Sequence[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), obj=Environment.pipe())
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def hits(counted: str) -> int:
    """The total of a ``search --count --json``."""
    return sum(int(row["count"]) for row in json.loads(counted))


def text_for(n: int, rnd: random.Random) -> str:
    words = [rnd.choice(COMMON) for _ in range(rnd.randint(1, 8))]
    return f"Document u{n:04d} says " + " ".join(words) + ".\n"


class Folder:
    """A corpus folder and the unique words it has held, present or gone."""

    def __init__(self, root: Path, files: int, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.root = write_corpus(
            root, {f"f{i:04d}.txt": text_for(i, self.rnd) for i in range(files)}
        )
        self.next = files
        self.words = [f"u{i:04d}" for i in range(files)]

    def files(self) -> list[Path]:
        return sorted(self.root.glob("*.txt"))

    def delete(self, index: int) -> None:
        self.files()[index].unlink()

    def edit(self, index: int) -> None:
        target = self.files()[index]
        self.words.append(f"u{self.next:04d}")
        target.write_text(text_for(self.next, self.rnd) * 2, encoding="utf-8")
        self.next += 1

    def add(self) -> None:
        self.words.append(f"u{self.next:04d}")
        (self.root / f"g{self.next:04d}.txt").write_text(
            text_for(self.next, self.rnd), encoding="utf-8"
        )
        self.next += 1

    def rename(self, index: int) -> None:
        target = self.files()[index]
        target.rename(self.root / f"r{self.next:04d}-{target.name}")
        self.next += 1

    def agree(self, probes: int = 40) -> None:
        """The index answers as the files do: for the unique words of every block, the
        common words and the document list."""
        words = self.rnd.sample(self.words, min(probes, len(self.words)))
        for args in (
            ["search", *words, "--json"],
            ["search", "alpha", "nhs", "--count", "--json"],
            ["list", "--json"],
        ):
            argv = ["--corpus", str(self.root), *args]
            indexed, direct = run(argv), run(["--no-index", *argv])
            assert indexed == direct, args
        # All the words ever written, in one count: a lost or stale posting anywhere shows.
        argv = ["--corpus", str(self.root), "search", *self.words, "--count", "--json"]
        indexed, direct = run(argv), run(["--no-index", *argv])
        assert indexed == direct
        assert hits(direct[1]) > 0


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def blocks_of(folder: Folder) -> int:
    import sqlite3

    with sqlite3.connect(database_for(folder.root)) as conn:
        return int(conn.execute("SELECT COUNT(DISTINCT block) FROM files").fetchone()[0])


def test_a_file_removed_from_a_full_block_is_gone_from_the_index(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "c", 2 * BLOCK_DOCS + 5, seed=1)
    folder.agree()
    assert blocks_of(folder) == 3
    for index in (2 * BLOCK_DOCS + 4, BLOCK_DOCS, BLOCK_DOCS - 1, 0):  # the blocks' edges
        gone = folder.files()[index].read_text(encoding="utf-8").split()[1]
        folder.delete(index)
        argv = ["--corpus", str(folder.root), "search", gone, "--count", "--json"]
        assert run(argv) == run(["--no-index", *argv])
        assert hits(run(argv)[1]) == 0
    folder.agree()


def test_a_block_emptied_by_deletions_leaves_nothing_behind(tmp_path: Path) -> None:
    # One file past a full block: the second block holds it alone. Deleting it (and one
    # file of the first block) must clear the second block's postings, or a file added
    # later, which takes the freed number, would be found by the deleted file's words.
    folder = Folder(tmp_path / "c", BLOCK_DOCS + 1, seed=5)
    folder.agree()
    assert blocks_of(folder) == 2
    folder.delete(BLOCK_DOCS)
    folder.delete(0)
    folder.agree()
    folder.add()
    folder.agree()
    last = ["--corpus", str(folder.root), "search", f"u{BLOCK_DOCS:04d}", "--count", "--json"]
    assert hits(run(last)[1]) == 0


def test_an_edit_in_each_block_and_additions_past_the_last(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "c", 2 * BLOCK_DOCS - 3, seed=2)
    folder.agree()
    for index in (5, BLOCK_DOCS + 5):
        folder.edit(index)
    for _ in range(8):  # fills the second block and opens a third
        folder.add()
    folder.agree()
    assert blocks_of(folder) == 3
    folder.rename(3)  # keeps its analysis under the new name
    folder.delete(BLOCK_DOCS + 1)
    folder.agree()


def random_edits(folder: Folder, rounds: int, per_round: int) -> None:
    folder.agree()
    for _ in range(rounds):
        for _ in range(per_round):
            count = len(folder.files())
            what = folder.rnd.choice(["delete", "edit", "add", "rename"])
            if what == "add" or count < 2:
                folder.add()
            else:
                getattr(folder, what)(folder.rnd.randrange(count))
        folder.agree()


@pytest.mark.parametrize("seed", [3])
def test_random_edits_across_blocks(tmp_path: Path, seed: int) -> None:
    random_edits(Folder(tmp_path / "c", BLOCK_DOCS * 2 + 20, seed), rounds=3, per_round=6)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5, 13))
def test_random_edits_across_blocks_many(tmp_path: Path, seed: int) -> None:
    random_edits(Folder(tmp_path / "c", BLOCK_DOCS * 4 + 7, seed), rounds=6, per_round=15)


def test_an_update_reports_its_progress_block_by_block(tmp_path: Path) -> None:
    from nhsalliance_cli.corpus.folder import scan
    from nhsalliance_cli.index import build
    from nhsalliance_cli.index.store import Store

    folder = Folder(tmp_path / "c", 2 * BLOCK_DOCS + 9, seed=6)
    sizes = [p.stat().st_size for p in folder.files()]
    store = Store(tmp_path / "index.sqlite3", create=True)
    try:
        work = build.plan(store, scan(folder.root, "c"))
        assert (work.files, work.bytes, len(work.blocks)) == (len(sizes), sum(sizes), 3)
        calls: list[tuple[int, int]] = []
        build.apply(store, work, "c", "state", lambda files, done: calls.append((files, done)))
        ends = [BLOCK_DOCS, 2 * BLOCK_DOCS, len(sizes)]
        assert calls == [(n, sum(sizes[:n])) for n in ends]
        # Nothing changed: nothing to do.
        assert build.plan(store, scan(folder.root, "c")).empty
    finally:
        store.close()


@pytest.mark.parametrize("limit", [400, 1000])
def test_blocks_hold_at_most_block_docs_files_and_block_bytes_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    from nhsalliance_cli.corpus.folder import scan
    from nhsalliance_cli.index import build
    from nhsalliance_cli.index.store import Store

    monkeypatch.setattr(build, "BLOCK_BYTES", limit)
    rnd = random.Random(limit)
    files: dict[str, str | bytes] = {
        f"f{i:04d}.txt": "word " * rnd.randint(1, 120) for i in range(BLOCK_DOCS + 40)
    }
    write_corpus(tmp_path / "c", files)
    store = Store(tmp_path / "index.sqlite3", create=True)
    try:
        blocks = build.plan(store, scan(tmp_path / "c", "c")).blocks
    finally:
        store.close()
    assert list(blocks) == list(range(len(blocks)))  # numbered one after another
    order = [f.rel for b in blocks.values() for _, f in b]
    assert order == sorted(files)  # in name order, each file once
    sizes = [[f.size for _, f in b] for b in blocks.values()]
    for here, after in zip(sizes, [*sizes[1:], None], strict=True):
        assert len(here) <= BLOCK_DOCS
        assert sum(here) <= limit or len(here) == 1
        if after is not None:  # a block is closed only when the next file would not fit
            assert len(here) == BLOCK_DOCS or sum(here) + after[0] > limit
