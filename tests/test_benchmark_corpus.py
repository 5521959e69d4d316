"""The benchmark folders of real text (benchmarks/realtext.py) and the picks of
benchmarks/index.py, on small HTML pages and folders made here: no timing."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import realtext
from index import plain_sentences, scan

PAGE = """<!DOCTYPE html>
<html><head><title>Ignored title</title><style>p { color: red }</style>
<script>var words = "never shown";</script></head>
<body>
<nav class="top">Home | Next | Previous</nav>
<div role="navigation"><ul><li>Sidebar link</li></ul></div>
<div class="body" role="main">
<h1>Memory management<a class="headerlink" href="#mm">\u00b6</a></h1>
<p>The kernel   manages
memory in <em>pages</em> &amp; zones.\x07
<p>An unclosed paragraph, then a code block:</p>
<pre>
$ cat /proc/meminfo
MemTotal:\t16 kB
</pre>
<ul><li>first item</li><li>second item</li></ul>
</div></span>
<div role="contentinfo">Copyright notice</div>
<footer>Footer text</footer>
</body></html>
"""


def test_a_page_becomes_its_main_text_in_blocks() -> None:
    text = realtext.html_text(PAGE)
    assert text == (
        "Memory management\n\n"
        "The kernel manages memory in pages & zones.\n\n"
        "An unclosed paragraph, then a code block:\n\n"
        "$ cat /proc/meminfo\nMemTotal: 16 kB\n\n"
        "first item\n\n"
        "second item\n"
    )


def test_a_page_without_a_main_region_keeps_its_body_without_navigation() -> None:
    page = PAGE.replace(' role="main"', "")
    text = realtext.html_text(page)
    assert text.startswith("Memory management\n\n")
    assert "Copyright notice" not in text and "Footer text" not in text
    assert "Sidebar link" not in text and "Home" not in text
    assert "never shown" not in text and "Ignored title" not in text


def test_no_control_character_but_the_newline_is_kept() -> None:
    text = realtext.html_text("<p>a\x00b\x1bc\x7fd\x85e\r\nf\tg</p><pre>x\ty\r\nz</pre>")
    assert text == "a b c d e f g\n\nx y\nz\n"


def test_file_names_are_plain_slugs_of_their_paths() -> None:
    assert realtext.slug("linux", "admin-guide/mm/index.html") == "linux_admin-guide_mm_index"
    assert realtext.slug("python", "library/os.path.html") == "python_library_os-path"
    assert realtext.slug("qt", "QtCore/QString Class.html") == "qt_qtcore_qstring-class"


@pytest.mark.parametrize(
    ("relative", "kept"),
    [
        ("admin-guide/mm/index.html", True),
        ("library/search-engines.html", True),
        ("genindex.html", False),
        ("genindex-A.html", False),
        ("search.html", False),
        ("_sources/index.rst.html", False),
        ("_modules/django/db.html", False),
        ("src/alloc/vec.rs.html", False),
        ("java.base/java/util/class-use/List.html", False),
        ("qtcore/qstring-members.html", False),
        ("Documentation/notation-big-page.html", False),
    ],
)
def test_index_search_and_source_pages_are_left_out(relative: str, kept: bool) -> None:
    assert (realtext.NOT_PAGES.search(relative) is None) is kept


def letters(n: int) -> str:
    """A number written in letters (digits would not tell pages apart: see the next test)."""
    out = ""
    while True:
        n, digit = divmod(n, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not n:
            return out


def prose(seed: int, words: int) -> str:
    """A paragraph of made-up words, different for each seed."""
    return " ".join(f"w{letters(seed)}x{letters(i)}" for i in range(words))


def write_page(root: Path, relative: str, *paragraphs: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(f"<html><body><div role='main'>{body}</div></body></html>")


def test_duplicates_near_duplicates_and_short_pages_are_left_out(tmp_path: Path) -> None:
    shared = prose(1, 60)
    write_page(tmp_path, "a.html", shared, prose(2, 30))
    write_page(tmp_path, "b.html", shared, prose(2, 30))  # the same text as a.html
    write_page(tmp_path, "c.html", shared, "only a short paragraph of its own")  # mostly a's
    write_page(tmp_path, "d.html", prose(3, 50), prose(4, 50))
    write_page(tmp_path, "e.html", "too few words")
    source = realtext.Source("doc", "doc-package", str(tmp_path))
    names = [name for name, _ in realtext.documents([source], min_words=20, jobs=1)]
    # Pages come in the order of a hash of their names: of a, b and c, the first is kept.
    first = min("abc", key=lambda n: hashlib.sha256(f"doc_{n}".encode()).hexdigest())
    assert sorted(names) == [f"doc_{first}.txt", "doc_d.txt"]


def test_templated_pages_differing_only_in_numbers_count_as_near_duplicates(
    tmp_path: Path,
) -> None:
    template = "The {0}-bit integer type holds values up to 2 to the power {0} " * 4
    write_page(tmp_path, "i16.html", template.format(16), prose(5, 10))
    write_page(tmp_path, "i128.html", template.format(128), prose(6, 10))
    source = realtext.Source("rust", "rust-doc", str(tmp_path))
    assert len(list(realtext.documents([source], min_words=20, jobs=1))) == 1


def test_folders_are_built_once_and_the_smaller_is_the_start_of_the_larger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "pages"
    for n in range(500):  # about 5.8 KB of text each: 2.9 MB in all
        write_page(pages, f"part{n % 4}/page{n}.html", *(prose(n * 10 + k, 120) for k in range(6)))
    monkeypatch.setattr(realtext, "SOURCES", (realtext.Source("doc", "doc-pkg", str(pages)),))
    out = tmp_path / "out"
    realtext.build({1: out / "real-1", 2: out / "real-2"}, min_words=200, jobs=1)
    small, large = out / "real-1", out / "real-2"
    for folder, size in ((small, 1), (large, 2)):
        files = sorted(folder.glob("*.txt"))
        total = sum(f.stat().st_size for f in files)
        assert size * realtext.MB <= total < size * realtext.MB + 20_000
        assert (folder / "BUILT").read_text().startswith(f"{len(files)} files, {total} bytes")
        assert all(f.name.startswith("doc_part") for f in files)
    small_names = {f.name for f in small.glob("*.txt")}
    large_names = {f.name for f in large.glob("*.txt")}
    assert small_names < large_names
    # A second run leaves built folders as they are.
    before = {f: f.stat().st_mtime_ns for f in large.iterdir()}
    realtext.build({1: small, 2: large}, min_words=200, jobs=1)
    assert {f: f.stat().st_mtime_ns for f in large.iterdir()} == before


def test_too_little_text_is_an_error_and_leaves_no_half_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path / "pages", "one.html", prose(1, 300))
    source = realtext.Source("doc", "doc-pkg", str(tmp_path / "pages"))
    monkeypatch.setattr(realtext, "SOURCES", (source,))
    with pytest.raises(SystemExit, match="less than 1 MB"):
        realtext.build({1: tmp_path / "real-1"}, min_words=200, jobs=1)
    assert not (tmp_path / "real-1").exists()


def test_the_index_benchmark_picks_a_rare_an_absent_and_a_common_word(tmp_path: Path) -> None:
    for n in range(10):
        # abcdef9 is no word a search for abcdef would find: not a candidate.
        words = (
            ["common"] + (["handful", "abcdef9"] if n < 3 else []) + (["plenty"] if n < 8 else [])
        )
        (tmp_path / f"d{n}.txt").write_text(
            " ".join(words) + f" uniqueword{'abcdefghij'[n]}.\n\n"
            "The committee met on Tuesday to agree the budget for next year.\n"
        )
    picks = scan(tmp_path)
    assert (picks.files, picks.rare, picks.rare_docs) == (10, "handful", 3)
    assert (picks.common, picks.common_docs) == ("committee", 10)
    assert picks.absent == "xyzzyplugh"
    # One word of the sentence is left out, as in a half-remembered quotation.
    assert picks.sentence == "The committee met on Tuesday to the budget for next year"


def test_sentences_for_quote_come_from_prose_not_code() -> None:
    text = (
        "    if the value is set then return it to the caller at once.\n\n"
        "Short one. This sentence has exactly enough plain words to be chosen here.\n"
    )
    assert list(plain_sentences(text)) == [
        "This sentence has exactly enough plain words to be chosen here."
    ]
