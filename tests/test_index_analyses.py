"""Per-document analyses in the index: kept per text, shared by copies, by-products kept,
and read back as the same records the texts give."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from conftest import CORPUS, write_corpus
from nhsalliance_cli.analyses import merge as analyses
from nhsalliance_cli.corpus.model import Corpus
from nhsalliance_cli.index.location import database_for
from nhsalliance_cli.index.opening import load_corpus


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    files: dict[str, str | bytes] = dict(texts)
    first = sorted(texts)[0]
    files["copy-of-first.txt"] = texts[first]  # a copy: one row for both
    return write_corpus(tmp_path / "c", files)


def _rows(folder: Path) -> dict[str, int]:
    with sqlite3.connect(database_for(folder)) as db:
        rows = db.execute("SELECT kind, count(*) FROM analyses GROUP BY kind").fetchall()
    db.close()
    return dict(rows)


def test_quotations_keep_the_names_records_they_used(folder: Path) -> None:
    indexed = load_corpus(str(folder), use_index=True)
    plain = load_corpus(str(folder), use_index=False)
    assert analyses.quotations(indexed) == analyses.quotations(plain)
    texts = len({(folder / d.file).read_bytes() for d in plain})
    assert texts == len(plain) - 1
    assert _rows(folder) == {"quotations": texts, "names": texts}
    again = load_corpus(str(folder), use_index=True)
    assert list(analyses.document_names(again)) == list(analyses.document_names(plain))
    assert [e.entity for e in analyses.names_index(again).entries] == [
        e.entity for e in analyses.names_index(plain).entries
    ]


def test_copies_are_labelled_with_their_own_document(folder: Path) -> None:
    indexed = load_corpus(str(folder), use_index=True)
    per_doc = analyses.document_quotations(indexed)
    records = analyses.document_names(indexed)
    for doc, quotes, record in zip(indexed, per_doc, records, strict=True):
        assert all(q.doc == doc.id for q in quotes)
        assert record.doc == doc.id and record.date == (doc.date or "")
    copy = next(i for i, d in enumerate(indexed) if d.id == "copy-of-first")
    assert per_doc[copy], "the copied text has quotations"


def test_an_edit_reanalyses_one_text(folder: Path) -> None:
    analyses.quotations(load_corpus(str(folder), use_index=True))
    before = _rows(folder)
    target = sorted(p for p in folder.glob("*.txt") if p.name != "copy-of-first.txt")[-1]
    target.write_text(target.read_text(encoding="utf-8") + '\n\n"We are done," said Ann Lee.\n')
    indexed = load_corpus(str(folder), use_index=True)
    found = analyses.quotations(indexed)
    assert found == analyses.quotations(load_corpus(str(folder), use_index=False))
    assert any(q.speaker == "Ann Lee" for q in found)
    assert _rows(folder) == before  # the old text's rows went, the new text's came


def test_a_text_leaving_the_recent_window_keeps_the_cached_results(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nhsalliance_cli.index import build
    from nhsalliance_cli.index.postings import Results

    def results_key() -> str:
        corpus = load_corpus(str(folder), use_index=True)
        assert isinstance(corpus.results, Results)
        return corpus.results.state

    target = sorted(folder.glob("*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more line.\n")
    monkeypatch.setattr(build, "RACY_NS", 10**12)  # every file is recent: read by content
    during = results_key()
    assert results_key() == during
    monkeypatch.setattr(build, "RACY_NS", 0)  # none is any more
    assert results_key() == during
    # A same-size rewrite with the time put back is still caught while it is recent.
    stat = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("One more line.", "One more LINE."))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    monkeypatch.setattr(build, "RACY_NS", 10**12)
    assert results_key() != during


def _index_of(corpus: Corpus) -> list[tuple[str, str, tuple[str, ...], list[object]]]:
    index = analyses.names_index(corpus)
    return [
        (e.entity.name, e.entity.kind, e.entity.aliases, list(e.mentions)) for e in index.entries
    ]


def test_names_merged_in_parts_equal_the_whole_merge_through_edits(folder: Path) -> None:
    def both() -> None:
        indexed = load_corpus(str(folder), use_index=True)
        plain = load_corpus(str(folder), use_index=False)
        assert _index_of(indexed) == _index_of(plain)

    both()
    kinds = set(_rows(folder))
    assert "names-head" in kinds and len([k for k in kinds if k.startswith("mentions:")]) == 1
    first = _rows(folder)
    # An edit that names nobody new: the same entities, one text's mentions looked at.
    target = sorted(folder.glob("*.txt"))[1]
    target.write_text(target.read_text(encoding="utf-8") + "\nAnother plain line.\n")
    both()
    assert {k for k in _rows(folder) if k.startswith("mentions:")} == {
        k for k in first if k.startswith("mentions:")
    }
    # An edit that names someone new: new entities, and the old mentions rows go.
    target.write_text(target.read_text(encoding="utf-8") + "\nDr Zora Quillfeather spoke.\n")
    both()
    after = _rows(folder)
    mentions = [k for k in after if k.startswith("mentions:")]
    assert len(mentions) == 1 and mentions != [k for k in first if k.startswith("mentions:")]
    indexed = load_corpus(str(folder), use_index=True)
    assert any(n == "Zora Quillfeather" for n, *_ in _index_of(indexed))


def test_rows_another_process_removed_are_computed_again(folder: Path) -> None:
    indexed = load_corpus(str(folder), use_index=True)
    plain = load_corpus(str(folder), use_index=False)
    records = analyses.document_names(indexed)  # computed and kept
    with sqlite3.connect(database_for(folder)) as db:
        db.execute("DELETE FROM analyses WHERE kind = 'names'")
    db.close()
    assert list(records) == list(analyses.document_names(plain))
    assert records[-1] == analyses.document_names(plain)[-1]
    with pytest.raises(IndexError):
        records[len(indexed)]


def test_a_file_changed_after_indexing_is_analysed_but_not_kept(folder: Path) -> None:
    indexed = load_corpus(str(folder), use_index=True)
    target = folder / indexed.documents[0].file
    target.write_text('"Changed meanwhile," said Ann Lee.\n', encoding="utf-8")
    list(analyses.document_quotations(indexed))  # reads the file as it is now
    with sqlite3.connect(database_for(folder)) as db:
        (kept,) = db.execute(
            "SELECT count(*) FROM analyses a JOIN files f ON a.digest = f.sha256 "
            "WHERE a.kind = 'quotations' AND f.rel = ?",
            (indexed.documents[0].file,),
        ).fetchone()
    db.close()
    assert kept == 0  # a row under the old text's digest would be served for the old text
    fresh = load_corpus(str(folder), use_index=True)
    assert analyses.quotations(fresh) == analyses.quotations(load_corpus(str(folder)))


def test_keywords_asked_again_read_no_text(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keywords are kept in the index's cache under the two sets of documents compared:
    the same question answers without counting; another question, or an edit, counts
    again, and every answer equals the one without an index."""
    from nhsalliance_cli import Corpus as Library
    from nhsalliance_cli.analyses import stats

    def keywords(**options: object) -> list[object]:
        return list(Library.open(str(folder)).keywords(max_p=1, min_count=1, **options))  # type: ignore[arg-type]

    first = keywords(since="2013")
    plain = list(
        Library.open(str(folder), index=False).keywords(max_p=1, min_count=1, since="2013")
    )
    assert first == plain and first
    counted: list[int] = []
    real = stats.frequencies

    def counting(*args: object, **kwargs: object) -> object:
        counted.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stats, "frequencies", counting)
    assert keywords(since="2013") == first
    assert counted == []
    assert keywords(until="2012") != first  # another sub-corpus: counted afresh
    assert counted == [1, 1]
    target = sorted(folder.glob("*.txt"))[-1]
    target.write_text(target.read_text(encoding="utf-8") + "\nZebra zebra zebra zebra.\n")
    counted.clear()
    keywords(since="2013")
    assert counted == [1, 1]  # the edit changed the corpus: counted again


def test_word_and_ngram_lists_of_a_part_are_kept_for_the_part(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nhsalliance_cli import Corpus as Library
    from nhsalliance_cli.analyses import stats

    def lists(since: str | None = None, until: str | None = None) -> tuple[list[object], ...]:
        lib = Library.open(str(folder))
        words = lib.words(since=since, until=until)
        return list(words), list(lib.ngrams(since=since, until=until, min_count=1))

    first = lists("2013")
    plain = Library.open(str(folder), index=False)
    assert first == (list(plain.words(since="2013")), list(plain.ngrams(since="2013", min_count=1)))
    counted: list[str] = []
    for name in ("word_list", "ngram_list"):
        real = getattr(stats, name)

        def counting(*args: object, _real: object = real, _name: str = name) -> object:
            counted.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(stats, name, counting)
    assert lists("2013") == first and counted == []
    other = lists(until="2012")
    assert other != first and sorted(counted) == ["ngram_list", "word_list"]
