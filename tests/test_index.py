"""The corpus index: the same answers as reading the files, kept fresh, never served broken."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import CORPUS, Invoke, write_corpus
from nhsalliance_cli.cli import app
from nhsalliance_cli.index.location import database_for
from nhsalliance_cli.output.env import Environment

# Commands whose output must not depend on the index, on any corpus.
COMMANDS: list[list[str]] = [
    ["list"],
    ["list", "--json"],
    ["search", "commissioning", "--json"],
    ["search", "practice based commissioning"],
    ["search", "commission*", "--sort", "R1,R2", "--window", "3"],
    ["search", "NHS", "--case-sensitive", "--jsonl"],
    ["search", "nhs", "-s", "--json"],
    ["search", "*", "alliance", "--csv"],
    ["search", "c*g*", "--count", "--json"],
    ["search", "--regex", r"CCGs?\b", "--json"],
    ["search", "PBC", "CCG", "--count"],
    ["search", "zyxwvut"],
    ["names", "--json"],
    ["names", "ccg", "--mentions", "--json"],
    ["quotes", "--all", "--json"],
    ["stats", "words", "--json"],
    ["stats", "ngrams", "-n", "3", "--json"],
    ["stats", "collocates", "commissioning", "--json"],
    ["trend", "PBC", "CCG", "--json"],
    ["trend", "CCG", "--variants", "--by", "year", "--json"],
    ["search", "CCG", "--variants", "--since", "2013", "--json"],
    ["quotes", "--speaker", "dixon", "--contains", "CCG", "--json"],
    ["stats", "collocates", "CCG", "--variants", "--measure", "MI", "--json"],
    ["show", "dixon-retirement:34"],
    ["names", "Royal Coll of GPs", "--json"],
]


def run(args: Sequence[str], env: Environment | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), obj=env or Environment.pipe())
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def both(args: Sequence[str]) -> tuple[tuple[int, str], tuple[int, str]]:
    return run(args), run(["--no-index", *args])


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_bundled_texts_give_the_same_answers_with_and_without_the_index(args: list[str]) -> None:
    with_index, without = both(args)
    assert with_index == without
    assert run(args) == with_index  # and again, warm


def test_a_quotation_look_up_is_the_same_too() -> None:
    args = ["quote", "the new CCGs risk becoming bureaucratic", "--json"]
    assert run(args) == run(["--no-index", *args])


def test_the_index_is_built_once_and_kept(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha beta.", "b.txt": "Beta gamma."})
    assert run(["--corpus", str(folder), "search", "beta", "--json"])[0] == 0
    db = database_for(folder)
    assert db.exists()

    def built() -> str:
        with sqlite3.connect(db) as conn:
            return str(conn.execute("SELECT value FROM meta WHERE key = 'built'").fetchone())

    first = built()
    time.sleep(0.01)
    run(["--corpus", str(folder), "search", "gamma", "--json"])
    assert built() == first  # nothing changed, nothing analysed again


def test_no_index_option_and_environment_leave_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha beta."})
    run(["--no-index", "--corpus", str(folder), "list"])
    monkeypatch.setenv("NHSALLIANCE_NO_INDEX", "1")
    run(["--corpus", str(folder), "list"])
    assert not database_for(folder).exists()


# --- random edits -----------------------------------------------------------------------

WORDS = ["alpha", "Beta", "GAMMA", "delta", "NHS", "Dixon", "said", "the", "café", "x1"]
SEPARATORS = [" ", " ", "\n", "\n\n", ", ", "-", "’s ", "\r\n", "\u00a0"]


def _text(rnd: random.Random, length: int) -> str:
    parts = []
    for _ in range(length):
        parts.append(rnd.choice(WORDS))
        parts.append(rnd.choice(SEPARATORS))
    return "".join(parts)


PROBES: list[list[str]] = [
    ["list", "--json"],
    ["search", "beta", "--json"],
    ["search", "the", "nhs", "--count", "--json"],
    ["search", "dixon said", "--csv"],
    ["search", "d*", "--json", "--window", "2"],
    ["search", "Beta", "-s", "--jsonl"],
    ["stats", "words", "--json"],
    ["trend", "gamma", "--json"],
]

Edit = tuple[str, int, int]  # what, which file, a seed for the content


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["edit", "add", "delete", "rename", "touch", "subfolder"]),
            st.integers(0, 9),
            st.integers(0, 10_000),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_random_edits_keep_the_index_exact(edits: list[Edit]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        rnd = random.Random(0)
        write_corpus(folder, {f"f{i}.txt": _text(rnd, 30) for i in range(4)})
        _agree(folder)
        for what, which, seed in edits:
            _apply(folder, what, which, random.Random(seed))
            _agree(folder)


def _apply(folder: Path, what: str, which: int, rnd: random.Random) -> None:
    files = sorted(p for p in folder.rglob("*.txt"))
    target = files[which % len(files)]
    if what == "edit":
        target.write_text(_text(rnd, rnd.randint(1, 40)), encoding="utf-8")
    elif what == "add":
        (folder / f"new{rnd.randint(0, 99)}.txt").write_text(_text(rnd, 20), encoding="utf-8")
    elif what == "delete" and len(files) > 1:
        target.unlink()
    elif what == "rename":
        target.rename(folder / f"renamed{rnd.randint(0, 99)}.txt")
    elif what == "touch":  # same bytes, new time: nothing to re-analyse, same answers
        os.utime(target)
    elif what == "subfolder":
        sub = folder / "sub" / "deeper"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"s{rnd.randint(0, 9)}.txt").write_text(_text(rnd, 10), encoding="utf-8")


def _agree(folder: Path) -> None:
    for probe in PROBES:
        args = ["--corpus", str(folder), *probe]
        indexed, direct = run(args), run(["--no-index", *args])
        assert indexed == direct, probe


def test_same_size_rewrite_within_one_clock_tick_is_seen(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "alpha beta"})
    run(["--corpus", str(folder), "list"])
    stat = (folder / "a.txt").stat()
    (folder / "a.txt").write_text("gamma beta", encoding="utf-8")  # same length
    os.utime(folder / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time
    assert run(["--corpus", str(folder), "search", "gamma", "--count", "--json"])[1].count(
        '"count":1'
    )


def test_sub_folders_single_files_and_broken_links(tmp_path: Path, invoke: Invoke) -> None:
    folder = write_corpus(tmp_path / "c", {"top.txt": "Alpha here."})
    (folder / "2019" / "jan").mkdir(parents=True)
    (folder / "2019" / "jan" / "a b.txt").write_text("Alpha there.", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.txt").write_text("Alpha hidden.", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "loop").symlink_to(folder)
    result = invoke(["--corpus", str(folder), "list", "--json"])
    assert result.exit_code == 0
    assert '"id":"2019-jan-a-b"' in result.stdout and '"file":"2019/jan/a b.txt"' in result.stdout
    assert "hidden" not in result.stdout
    assert "gone.txt is a broken link; skipped" in result.stderr
    assert "loop is a symbolic link loop; skipped" in result.stderr
    single = invoke(["--corpus", str(folder / "top.txt"), "search", "alpha", "--json"])
    assert single.exit_code == 0 and single.stdout.count('"doc":') == 1


def test_two_names_for_one_file_are_two_documents(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha beta gamma."})
    (folder / "b.txt").hardlink_to(folder / "a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").symlink_to(folder / "a.txt")
    for args in (["search", "beta", "--count", "--json"], ["list", "--json"]):
        indexed, direct = both(["--corpus", str(folder), *args])
        assert indexed == direct
        assert indexed[1].count('"doc":') == 3 or indexed[1].count('"id":') == 3
    (folder / "b.txt").rename(folder / "renamed.txt")  # a rename of one of the names
    assert both(["--corpus", str(folder), "search", "gamma", "--json"])[0][1].count('"doc":') == 3


def test_a_manifest_edit_is_seen(tmp_path: Path) -> None:
    entry = '[[documents]]\nfile = "a.txt"\ntitle = "{}"\n'
    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha."}, entry.format("First title"))
    assert '"title":"First title"' in run(["--corpus", str(folder), "list", "--json"])[1]
    (folder / "manifest.toml").write_text(entry.format("Second title"), encoding="utf-8")
    assert '"title":"Second title"' in run(["--corpus", str(folder), "list", "--json"])[1]


# --- robustness -----------------------------------------------------------------------


def _cli(
    args: Sequence[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhsalliance_cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _big_folder(root: Path, files: int = 300) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return write_corpus(root, {f"d{i:04d}.txt": texts[i % len(texts)] for i in range(files)})


def test_four_processes_on_a_cold_cache_agree(tmp_path: Path) -> None:
    folder = _big_folder(tmp_path / "c")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "nhsalliance_cli", "--corpus", str(folder)]
    argv += ["search", "commissioning", "--count", "--json"]
    running = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in running]
    assert [p.returncode for p in running] == [0, 0, 0, 0]
    assert len({out for out, _ in outputs}) == 1
    assert [err for _, err in outputs] == [b""] * 4
    expected = _cli(["--no-index", "--corpus", str(folder), *argv[-4:]])
    assert outputs[0][0].decode() == expected.stdout


def test_a_build_killed_half_way_is_never_served(tmp_path: Path) -> None:
    folder = _big_folder(tmp_path / "c", files=600)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ["--corpus", str(folder), "search", "Darzi", "--json"]
    expected = _cli(["--no-index", *args]).stdout
    for delay in (0.3, 0.6, 0.9):
        build = subprocess.Popen(
            [sys.executable, "-m", "nhsalliance_cli", "--corpus", str(folder), "index", "build"],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        after = _cli(args, {"XDG_CACHE_HOME": str(tmp_path / "cache")})
        assert after.returncode == 0 and after.stdout == expected


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-version", "empty"])
def test_a_damaged_index_is_rebuilt_with_one_line(tmp_path: Path, damage: str) -> None:
    folder = _big_folder(tmp_path / "c", files=20)
    args = ["--corpus", str(folder), "search", "commissioning", "--json"]
    good = run(["--no-index", *args])
    built = _cli(args)  # a process of its own: when it ends, the index is all in one file
    assert (built.returncode, built.stdout) == good
    db = database_for(folder)
    if damage == "garbage":
        with open(db, "r+b") as f:
            f.seek(0)
            f.write(b"this is not a database at all" * 50)
    elif damage == "truncated":
        with open(db, "r+b") as f:
            f.truncate(db.stat().st_size // 2)
    elif damage == "other-version":
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE meta SET value = '0/0.0' WHERE key = 'format'")
        conn.close()
    else:
        db.write_bytes(b"")
    result = CliRunner().invoke(app, args, obj=Environment.pipe())
    assert (result.exit_code, result.stdout) == good
    lines = result.stderr.splitlines()
    if damage != "empty":  # an empty file is simply a new index
        assert len(lines) == 1 and "rebuilding it" in lines[0]
    assert run(args) == good


def test_an_index_that_breaks_in_use_is_one_line_and_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nhsalliance_cli.index.postings import IndexPostings

    folder = _big_folder(tmp_path / "c", files=5)
    args = ["--corpus", str(folder), "search", "commissioning", "--json"]
    run(args)

    def broken(*_: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    working = IndexPostings.tables
    monkeypatch.setattr(IndexPostings, "tables", broken)
    result = CliRunner().invoke(app, args, obj=Environment.pipe())
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "run the command again" in result.stderr
    assert not database_for(folder).exists()
    monkeypatch.setattr(IndexPostings, "tables", working)
    assert run(args) == run(["--no-index", *args])


def test_a_cache_folder_that_cannot_be_made_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _big_folder(tmp_path / "c", files=5)
    blocker = tmp_path / "file"
    blocker.write_text("a regular file where the cache folder should go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "below"))
    args = ["--corpus", str(folder), "search", "commissioning", "--json"]
    result = CliRunner().invoke(app, args, obj=Environment.pipe())
    assert result.exit_code == 0
    assert result.stdout == run(["--no-index", *args])[1]
    assert len(result.stderr.splitlines()) == 1 and "reading the files" in result.stderr


def test_a_full_disk_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nhsalliance_cli.index import store

    folder = _big_folder(tmp_path / "c", files=5)

    def full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store.Store, "put_postings", full)
    args = ["--corpus", str(folder), "search", "commissioning", "--json"]
    result = CliRunner().invoke(app, args, obj=Environment.pipe())
    assert result.exit_code == 0
    assert result.stdout == run(["--no-index", *args])[1]
    assert "cannot write the index" in result.stderr


def test_a_file_changed_while_it_is_indexed_is_picked_up_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nhsalliance_cli.corpus import folder as corpus_module

    folder = write_corpus(tmp_path / "c", {"a.txt": "alpha beta"})
    real = corpus_module.read_file
    changed: list[str] = []

    def read_then_change(path: str) -> bytes:
        data = real(path)
        if not changed:
            changed.append(path)
            time.sleep(0.01)
            Path(path).write_text("gamma delta epsilon", encoding="utf-8")
        return data

    monkeypatch.setattr(corpus_module, "read_file", read_then_change)
    run(["--corpus", str(folder), "list"])
    monkeypatch.setattr(corpus_module, "read_file", real)
    code, out = run(["--corpus", str(folder), "search", "gamma", "--json"])
    assert code == 0 and '"match":"gamma"' in out


def test_index_status_build_and_clear(tmp_path: Path, invoke: Invoke) -> None:
    import json

    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha beta.", "b.txt": "Gamma."})
    status = json.loads(invoke(["--corpus", str(folder), "index", "status", "--json"]).stdout)
    assert status["exists"] is False and status["files"] == 2 and status["fresh"] is False
    built = invoke(["--corpus", str(folder), "index", "build"])
    assert built.exit_code == 0 and "indexed 2 files" in built.stderr
    status = json.loads(invoke(["--corpus", str(folder), "index", "status", "--json"]).stdout)
    assert status["fresh"] is True and status["indexed_files"] == 2 and status["built"]
    assert status["index_bytes"] > 0
    (folder / "c.txt").write_text("Delta.", encoding="utf-8")
    status = json.loads(invoke(["--corpus", str(folder), "index", "status", "--json"]).stdout)
    assert status["fresh"] is False
    cleared = invoke(["--corpus", str(folder), "index", "clear"])
    assert cleared.exit_code == 0 and not database_for(folder).exists()
    invoke(["--corpus", str(folder), "list"])
    assert database_for(folder).exists()
    assert invoke(["index", "clear", "--all"]).exit_code == 0
    assert not database_for(folder).exists()


def test_plain_hits_stream_in_aligned_chunks(tmp_path: Path, invoke: Invoke) -> None:
    text = " ".join(f"w{i} alpha" for i in range(300))  # left contexts of several widths
    folder = write_corpus(tmp_path / "c", {"a.txt": text})
    args = ["--corpus", str(folder), "search", "alpha", "--window", "1"]
    lines = invoke(args).stdout.splitlines()
    assert len(lines) == 300
    assert len({line.index("alpha") for line in lines[:256]}) == 1  # one column a chunk
    assert len({line.index("alpha") for line in lines[256:]}) == 1


def test_a_long_reader_never_holds_up_an_update(tmp_path: Path) -> None:
    from nhsalliance_cli.index.opening import load_corpus
    from nhsalliance_cli.text.search import compile_queries

    folder = write_corpus(tmp_path / "c", {"a.txt": "alpha beta", "b.txt": "gamma"})
    reader = load_corpus(str(folder), use_index=True)  # a command still reading (a pager…)
    assert reader.postings is not None
    (folder / "a.txt").write_text("delta epsilon zeta", encoding="utf-8")
    other = _cli(["--corpus", str(folder), "search", "delta", "--json"])  # timeout: no hang
    assert other.returncode == 0 and '"match":"delta"' in other.stdout
    # The first command's snapshot is still whole: its postings as they were.
    from nhsalliance_cli.analyses.concordance import spans_by_document

    found = {d.id: len(s) for d, s in spans_by_document(reader, compile_queries(["beta"]))}
    assert found == {"a": 1, "b": 0}
