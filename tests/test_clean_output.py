"""No control character in any field of any command's output, in any format, on a corpus
full of abbreviations (U.S., F.B.I., U.K., Sen., Jr.), whose periods the attribution rules
mask internally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Invoke, write_corpus

TEXTS = {
    "fbi-inquiry.txt": (
        "F.B.I. Widens Inquiry Into U.S. Contractor\n\n"
        "WASHINGTON -- The F.B.I. said on Monday that it had widened its inquiry into a "
        "U.S. defense contractor. ''We are following the evidence,'' the F.B.I. said in a "
        "statement.\n\n"
        "''The U.S. cannot look away,'' said Sen. Mary J. Holt, D-N.Y., who sits on the "
        "Judiciary Committee. ''Nor can the U.K.''\n\n"
        'U.S. officials said the inquiry would take months. "It is a long road," one '
        "U.S. official said.\n\n"
        "Robert K. Lane Jr., a lawyer for the company, said: \u201cWe will co-operate.\u201d\n"
    ),
    "uk-talks.txt": (
        "U.K. and U.S. trade talks resume\n\n"
        "The U.K. government said the talks with the U.S. would resume in Jan. next year. "
        "'We are ready,' said Dr. Anne Price of the U.K. Department for Business. "
        "\u00abNous sommes pr\u00eats\u00bb, said the E.U. envoy, Pierre Martin.\n\n"
        "The U.S. said: \u201cWe look forward to it.\u201d U.S. Rep. Tom Hale Jr. agreed.\n"
    ),
}
COMMANDS = [
    ["list"],
    ["show", "fbi-inquiry"],
    ["search", "U.S."],
    ["search", "--regex", r"U\.S\."],
    ["names"],
    ["names", "--kind", "person"],
    ["quotes"],
    ["quotes", "--all"],
    ["quotes", "--speaker", "holt"],
    ["quote", "we are following the evidence"],
    ["stats", "words"],
    ["stats", "ngrams"],
    ["stats", "collocates", "U.S."],
    ["trend", "U.S."],
]
FORMATS = [[], ["--json"], ["--jsonl"], ["--csv"], ["--plain"]]
# Tab, line feed and carriage return are a format's own (CSV rows, plain columns).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def abbreviated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("abbrev") / "texts", dict(TEXTS))


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_control_character_in_any_output(
    invoke: Invoke, abbreviated: Path, command: list[str]
) -> None:
    for fmt in FORMATS:
        result = invoke(["--corpus", str(abbreviated), *command, *fmt])
        if result.exit_code == 2 and fmt:
            continue  # the command has no such format: a usage error, said on stderr
        assert result.exit_code in (0, 1), (command, fmt, result.output)
        found = _CONTROL_RE.search(result.stdout)
        assert found is None, (command, fmt, result.stdout[max(0, found.start() - 40) :][:80])


def test_the_masked_abbreviations_read_back_as_written(invoke: Invoke, abbreviated: Path) -> None:
    import json

    rows = json.loads(invoke(["--corpus", str(abbreviated), "quotes", "--json"]).stdout)
    speakers = {r["speaker"] for r in rows}
    assert {
        "Mary J. Holt",
        "Robert K. Lane Jr.",
        "F.B.I.",
        "Anne Price",
        "Pierre Martin",
    } <= speakers
    assert "U.S." in speakers  # The U.S. said: “…” (the next sentence names another)
    assert not any("''" in r["text"] or r["text"][:1] in "'\u00ab" for r in rows)


def test_show_on_a_terminal_escapes_a_texts_control_characters(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A text holding an escape sequence, a NUL or a bell cannot drive the terminal: on a
    terminal `show` prints them escaped (line breaks kept); on a pipe the text is exact."""
    from conftest import write_corpus
    from nhsalliance_cli.output.env import Environment

    text = "Title\n\nBad \x1b[31mred\x1b[0m and \x00 nul \x07 bell.\n"
    folder = write_corpus(tmp_path / "c", {"ctrl.txt": text})
    shown = invoke(
        ["--corpus", str(folder), "show", "ctrl"], env=Environment.terminal(color=False)
    ).stdout
    assert "\x1b" not in shown and "\x00" not in shown and "\x07" not in shown
    assert "\\x1b[31mred" in shown and "Title\n" in shown
    piped = invoke(["--corpus", str(folder), "show", "ctrl", "--text"]).stdout
    assert piped == text
