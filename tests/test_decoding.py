"""One odd file does not stop the folder: texts that are not UTF-8 are read by their
byte-order mark or a charset detector (Windows-1252 the fallback), each with one line on
stderr; a file that is no text is left out with one line; --strict refuses them all."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from conftest import Invoke
from nhsalliance_cli.corpus.decoding import UNDECODABLE, UTF8, decode, name_of
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index.opening import load_corpus

FRENCH = "Café crème, naïve résumé — “quoted” text, façade.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (FRENCH.encode(), FRENCH, UTF8),
        (codecs.BOM_UTF8 + b"x", "\ufeffx", UTF8),  # as before: the mark stays in the text
        (FRENCH.encode("cp1252"), FRENCH, "windows-1252"),
        (b"The caf\xe9 was closed.\n", "The café was closed.\n", "windows-1252"),
        ("Schöne Grüße aus München".encode("latin-1"), "Schöne Grüße aus München", "windows-1252"),
        (FRENCH.encode("utf-16"), FRENCH, "UTF-16"),
        (FRENCH.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), FRENCH, "UTF-16"),
        (FRENCH.encode("utf-32"), FRENCH, "UTF-32"),
        ("Привет, мир: это проверка текста.".encode("cp1251"), None, "windows-1251"),
    ],
)
def test_decode(data: bytes, text: str | None, encoding: str) -> None:
    found = decode(data)
    assert found.encoding == encoding
    if text is not None:
        assert found.text == text
    else:
        assert found.text == data.decode("cp1251")


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe binary",  # NUL bytes, no mark
        "sixteen bits, no mark: café".encode("utf-16-le"),
        bytes(range(128, 256)) * 3,  # 0x81 and friends: in no code page sensibly
        codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate after the mark
        b"\x01\x02\x03\x04\x05\x06\xe9" * 10,  # control characters everywhere
    ],
)
def test_what_is_no_text(data: bytes) -> None:
    found = decode(data)
    assert (found.text, found.encoding) == ("", UNDECODABLE)


def test_where_utf8_failed_is_kept_for_strict() -> None:
    assert decode(b"caf\xe9").first_bad == (3, 0xE9)
    assert decode(b"cafe").first_bad is None


def test_codec_names() -> None:
    assert name_of("cp1252") == "windows-1252"
    assert name_of("utf-16") == "UTF-16"
    assert name_of("mac_roman") == "mac-roman"


def folder_of(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-utf8.txt").write_text("Fine\n\nA plain café.\n", encoding="utf-8")
    (folder / "b-windows.txt").write_bytes("Windows\n\nThe café, naïve.\n".encode("cp1252"))
    (folder / "c-utf16.txt").write_bytes("Sixteen\n\nA café here.\n".encode("utf-16"))
    (folder / "d-binary.txt").write_bytes(b"\x00\x01binary\xff\x00" * 20)
    return folder


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "no-index"])
def test_one_odd_file_does_not_stop_the_folder(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_index: bool
) -> None:
    if not use_index:
        monkeypatch.setenv("NHSALLIANCE_NO_INDEX", "1")
    folder = folder_of(tmp_path)
    for _ in range(2):  # the second time from the index: the same lines
        result = invoke(["--corpus", str(folder), "search", "café", "--json"])
        assert result.exit_code == 0
        hits = json.loads(result.stdout)
        assert [h["doc"] for h in hits] == ["a-utf8", "b-windows", "c-utf16"]
        texts = {d.id: d.text for d in load_corpus(str(folder), use_index=use_index)}
        for hit in hits:  # offsets index the decoded text
            assert texts[hit["doc"]][hit["start"] : hit["end"]] == hit["match"] == "café"
        assert result.stderr.splitlines() == [
            f"nhsalliance: {folder}/b-windows.txt: not UTF-8; read as windows-1252",
            f"nhsalliance: {folder}/c-utf16.txt: not UTF-8; read as UTF-16",
            f"nhsalliance: {folder}/d-binary.txt: not text in UTF-8, a byte-order mark or any "
            "encoding detected; left out",
        ]


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "no-index"])
def test_strict_restores_the_error(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_index: bool
) -> None:
    if not use_index:
        monkeypatch.setenv("NHSALLIANCE_NO_INDEX", "1")
    folder = folder_of(tmp_path)
    assert invoke(["--corpus", str(folder), "list"]).exit_code == 0  # the index is built
    result = invoke(["--corpus", str(folder), "list", "--strict"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"nhsalliance: {folder}/b-windows.txt: not UTF-8 text (byte 0xe9 at offset 16); "
        "convert it, e.g. from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8\n"
    )
    with pytest.raises(UsageProblem, match="not UTF-8 text"):
        load_corpus(str(folder), use_index=use_index, strict=True)


def test_strict_on_a_file_that_is_no_text_says_so(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Plain text.\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    result = invoke(["--corpus", str(folder), "list", "--strict"])
    assert result.exit_code == 2
    assert "blob.txt: not text in any encoding" in result.stderr
    assert "iconv" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_quiet_leaves_out_warnings_and_notes_not_errors(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Written on 3 April 2012.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes("Caf\xe9 menu, no date.\n".encode("cp1252"))
    loud = invoke(["--corpus", str(folder), "list", "--since", "2012"])
    assert "read as" in loud.stderr and "undated document" in loud.stderr
    for flag in ("--quiet", "-q"):
        quiet = invoke([flag, "--corpus", str(folder), "list", "--since", "2012"])
        assert quiet.exit_code == 0 and quiet.stderr == "" and "a" in quiet.stdout
    mistake = invoke(["-q", "--corpus", str(folder), "list", "--since", "2012-13"])
    assert mistake.exit_code == 2 and mistake.stderr.startswith("nhsalliance: ")
