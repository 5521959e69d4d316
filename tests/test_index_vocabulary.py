"""The index's vocabulary (each term's count and documents) stays equal to a recount
from the texts through any sequence of edits, and 'did you mean' reads only it."""

from __future__ import annotations

import os
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, write_corpus
from nhsalliance_cli.analyses.vocabulary import near_words, suggest_query, word_counts
from nhsalliance_cli.index.build import BLOCK_DOCS
from nhsalliance_cli.index.location import database_for
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.text.tokens import fold, tokens


def _stored(folder: Path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(database_for(folder)) as db:
        rows = db.execute("SELECT term, count, docs FROM terms").fetchall()
    db.close()
    return {t: (c, d) for t, c, d in rows}


def _recount(folder: Path) -> dict[str, tuple[int, int]]:
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for path in folder.rglob("*.txt"):
        words = tokens(fold(path.read_text(encoding="utf-8")))
        counts.update(words)
        docs.update(set(words))
    return {t: (counts[t], docs[t]) for t in counts}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NHSALLIANCE_NO_INDEX", raising=False)
    return tmp_path / "cache"


def test_vocabulary_follows_edits_across_blocks(tmp_path: Path, cache: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(7)
    files: dict[str, str | bytes] = {
        f"d{i:04d}.txt": texts[i % len(texts)] for i in range(BLOCK_DOCS * 2 + 10)
    }
    folder = write_corpus(tmp_path / "c", files)
    load_corpus(str(folder), use_index=True)
    assert _stored(folder) == _recount(folder)
    for step in range(6):
        names = sorted(p.name for p in folder.glob("*.txt"))
        for name in rng.sample(names, 5):  # spread over every block
            (folder / name).unlink()
        for i in range(3):
            (folder / f"new{step}-{i}.txt").write_text(
                f"Zebrafish{step} and quokka{i} reports. " + rng.choice(texts), encoding="utf-8"
            )
        edited = rng.choice(sorted(p.name for p in folder.glob("d*.txt")))
        (folder / edited).write_text(f"An edit {step}: unusualword{step}.", encoding="utf-8")
        os.utime(folder / edited, ns=(step * 10**9, step * 10**9))
        load_corpus(str(folder), use_index=True)
        assert _stored(folder) == _recount(folder), f"after step {step}"


def test_near_words_are_the_same_with_and_without_the_index(tmp_path: Path, cache: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    folder = write_corpus(tmp_path / "c", {f"d{i}.txt": t for i, t in enumerate(texts)})
    indexed = load_corpus(str(folder), use_index=True)
    plain = load_corpus(str(folder), use_index=False)
    assert indexed.postings is not None and plain.postings is None
    known = word_counts(plain)
    for word in ["Darzy", "comissioning", "alliance", "xyzzy", "NHS", "gp", "ccgs"]:
        assert near_words(indexed, word) == near_words(plain, word, known), word
        assert suggest_query(indexed, word) == suggest_query(plain, word, known), word
    suggestion = suggest_query(indexed, "Darzy")
    assert suggestion is not None and suggestion[0] == "Darzi" and suggestion[1] > 0
    # A narrowed corpus counts only its own documents.
    one = indexed.select(["d0"])
    assert near_words(one, "commissioning") == near_words(
        plain.select(["d0"]), "commissioning", word_counts(plain.select(["d0"]))
    )
