from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest

from conftest import CORPUS, SHARED_SOURCE, write_corpus
from nhsalliance_cli.corpus.folder import bundled_root
from nhsalliance_cli.corpus.model import Corpus
from nhsalliance_cli.corpus.reading import slug
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index.opening import load_bundled, load_corpus

MANIFEST = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))


def test_bundled_texts_are_byte_identical_to_the_sources() -> None:
    if not SHARED_SOURCE.is_dir():
        pytest.skip("../shared/corpus-source is not beside this checkout")
    sources = sorted(p.name for p in SHARED_SOURCE.glob("*.txt"))
    assert sources == sorted(p.name for p in CORPUS.glob("*.txt"))
    for name in sources:
        assert (CORPUS / name).read_bytes() == (SHARED_SOURCE / name).read_bytes(), name


def test_manifest_checksums_match_the_files() -> None:
    for entry in MANIFEST["documents"]:
        data = (CORPUS / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]


def test_manifest_describes_every_text_once_with_sound_metadata() -> None:
    entries = MANIFEST["documents"]
    assert sorted(e["file"] for e in entries) == sorted(p.name for p in CORPUS.glob("*.txt"))
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids)
    for e in entries:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e["id"]), e["id"]
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e["date"]), e["date"]
        assert e["date_evidence"], e["id"]
        assert e["kind"] in {"press release", "news report", "signed message"}
        # Counts are computed, never typed in.
        assert "words" not in e and "paragraphs" not in e


def test_stated_dates_are_printed_in_their_texts() -> None:
    months = "January February March April May June July August September October November December"
    for e in MANIFEST["documents"]:
        if e.get("date_inferred"):
            continue
        year, month, day = (int(x) for x in e["date"].split("-"))
        text = (CORPUS / e["file"]).read_text(encoding="utf-8")
        name = months.split()[month - 1]
        assert f"{day} {name} {year}" in text or f"{name} {day}, {year}" in text, e["id"]


def test_load_bundled_sorted_by_date_with_computed_counts() -> None:
    corpus = load_bundled()
    dates = [d.date or "" for d in corpus]
    assert dates == sorted(dates)
    by_id = {d.id: d for d in corpus}
    assert by_id["new-year-message-2013"].author == "Michael Dixon"
    assert by_id["new-year-message-2013"].date == "2013-01-02"
    assert by_id["ccgs-emasculated"].date_inferred
    for doc in corpus:
        # An independent count: runs of letters and digits.
        assert doc.words == len(re.findall(r"[^\W_]+", doc.text))
        assert doc.paragraphs == len([ln for ln in doc.text.split("\n") if ln.strip()])
        raw = (CORPUS / doc.file).read_bytes()
        assert doc.text == raw.decode("utf-8")


def test_bundled_root_is_package_data_or_the_checkout() -> None:
    root = bundled_root()
    names = {p.name for p in root.iterdir()}
    assert "manifest.toml" in names
    assert len([n for n in names if n.endswith(".txt")]) == 5


def test_prefix_lookup_and_errors() -> None:
    corpus = load_bundled()
    assert corpus.get("dixon-retire").id == "dixon-retirement"
    assert corpus.get("DIXON").id == "dixon-retirement"
    with pytest.raises(
        UsageProblem, match=r"ambiguous document id 'n': could be nottingham-.* or new-year-"
    ):
        corpus.get("n")
    with pytest.raises(UsageProblem, match="did you mean dixon-retirement"):
        corpus.get("dixom-retirement")
    with pytest.raises(UsageProblem, match="no document 'zzzz'"):
        corpus.get("zzzz")


def test_user_folder_without_manifest(press_folder: Path) -> None:
    corpus = load_corpus(str(press_folder))
    assert isinstance(corpus, Corpus)
    assert corpus.ids == ["2019-budget-release", "news-item"]
    news = corpus.get("news")
    assert news.title == "Local news"
    assert news.date is None
    assert "\r\n" in news.text  # line endings kept: offsets index the file's own text
    assert news.paragraphs == 4


def test_user_folder_with_partial_manifest(tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "c",
        {"a.txt": "First text", "b.txt": "Second text"},
        manifest='[[documents]]\nfile = "b.txt"\nid = "beta"\ntitle = "Beta"\ndate = "2020-05"\n',
    )
    corpus = load_corpus(str(folder))
    assert [(d.id, d.title, d.date) for d in corpus] == [
        ("beta", "Beta", "2020-05"),
        ("a", "First text", None),
    ]


@pytest.mark.parametrize(
    ("files", "manifest", "message"),
    [
        ({}, None, "no .txt files"),
        ({"a.txt": "x"}, "[[documents]\nfile=", r"manifest\.toml: not valid TOML"),
        ({"a.txt": "x"}, '[[documents]]\nfile = "missing.txt"\n', r"missing\.txt: no such file"),
        ({"a.txt": "x"}, '[[documents]]\nid = "a"\n', "missing 'file'"),
        ({"a.txt": "x"}, '[[documents]]\nfile = "a.txt"\ntittle = "T"\n', "unknown key 'tittle'"),
        ({"a.txt": "x"}, '[[documents]]\nfile = "a.txt"\ndate = "2013-13"\n', "must be YYYY"),
        ({"a.txt": "x"}, '[[documents]]\nfile = "a.txt"\ndate = 2013\n', "'date' must be a str"),
        ({"a.txt": "x"}, '[[documents]]\nfile = "a.txt"\nid = "bad id"\n', "id 'bad id'"),
        ({"a.txt": "x"}, 'title = "x"\n', "unknown top-level key 'title'"),
        (
            {"a.txt": "x"},
            '[[documents]]\nfile = "a.txt"\nsha256 = "00"\n',
            "differs from the sha256",
        ),
        (
            {"a.txt": "x", "b.txt": "y"},
            '[[documents]]\nfile = "a.txt"\nid = "b"\n',
            "duplicate document id 'b'",
        ),
        ({"A b.txt": "x", "a-b.txt": "y"}, None, "duplicate document id 'a-b'"),
        (
            {"a.txt": "x"},
            '[[documents]]\nfile = "a.txt"\n[[documents]]\nfile = "a.txt"\n',
            "described twice",
        ),
    ],
)
def test_bad_user_folders_raise_one_clear_problem(
    tmp_path: Path, files: dict[str, str | bytes], manifest: str | None, message: str
) -> None:
    folder = write_corpus(tmp_path / "bad", files, manifest)
    with pytest.raises(UsageProblem, match=message) as info:
        load_corpus(str(folder))
    assert "\n" not in str(info.value)


def test_missing_folder_and_file_instead_of_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match="does not exist"):
        load_corpus(str(tmp_path / "nope"))
    (tmp_path / "f.md").write_text("x")
    with pytest.raises(UsageProblem, match=r"is not a folder or a \.txt file"):
        load_corpus(str(tmp_path / "f.md"))
    with pytest.raises(UsageProblem, match="--corpus is empty"):
        load_corpus("")


def test_unreadable_file_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root nothing is unreadable by permissions, so the read itself is made to fail.
    from nhsalliance_cli.corpus import folder as corpus

    folder = write_corpus(tmp_path / "c", {"ok.txt": "fine", "locked.txt": "secret"})
    real = corpus.read_file

    def read_file(path: str) -> bytes:
        if path.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(corpus, "read_file", read_file)
    with pytest.raises(
        UsageProblem, match=r"locked\.txt: cannot read the file \(Permission denied\)"
    ):
        load_corpus(str(folder))


def test_slug() -> None:
    assert slug("000_2da2f77dabe59c18") == "000-2da2f77dabe59c18"
    assert slug("  Café Report (final) ") == "café-report-final"
    assert slug("___") == "document"


def test_a_byte_order_mark_stays_in_the_text_but_not_the_title(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"bom.txt": "\ufeffTitle here\nBody"})
    (doc,) = load_corpus(str(folder))
    assert doc.title == "Title here"
    assert doc.text.startswith("\ufeff")


def test_dates_found_in_the_opening_lines_count_as_inferred(tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "15 October 2013\n\nDr X will speak today.",
            "b.txt": "Posted on January 2, 2013 | Filed under news\nText.",
            "c.txt": "Report\n2019-11-05\nbody",
            "d.txt": "No date here.\nNor here.\nNot here.\nOn 4 May 2020 it came too late.",
            "e.txt": "Dated 31 February 2013, which is no date.",
        },
        manifest='[[documents]]\nfile = "a.txt"\ndate = "2013"\n',
    )
    docs = {d.id: d for d in load_corpus(str(folder))}
    assert (docs["a"].date, docs["a"].date_inferred) == ("2013", False)  # the manifest wins
    assert (docs["b"].date, docs["b"].date_inferred) == ("2013-01-02", True)
    assert (
        docs["b"].date_evidence == "The first date in the text's opening lines: 'January 2, 2013'."
    )
    assert docs["c"].date == "2019-11-05"
    assert docs["d"].date is None and docs["e"].date is None
