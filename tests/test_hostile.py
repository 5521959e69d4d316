"""Hostile input, class by class (issue #14): never a hang, never a traceback, never a broken
byte, one line per message.

Hang tests run the real command in a subprocess with a hard timeout (see hostile.py); the
rest run in-process where they can.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hostile import assert_one_clean_line, assert_usage_error, run
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Invoke, command_paths, write_corpus
from nhsalliance_cli.analyses.names import acronyms as names
from nhsalliance_cli.analyses.names.entity import Entity
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index.opening import load_corpus

FIXTURE_SENTENCE = "Dr Smith said “we need more funding (as agreed)” at the meeting. "


# --- 1. regular expressions that backtrack -------------------------------------------


@pytest.fixture(scope="module")
def long_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file holding long runs that catastrophic patterns choke on."""
    folder = tmp_path_factory.mktemp("runs")
    return write_corpus(
        folder / "runs",
        {"a.txt": "a" * 100_000, "x.txt": "x" * 5_000 + "\n", "ab.txt": "ab " * 20_000 + "!"},
    )


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--regex", r"(\w+\s?)*$"],
        ["search", "--regex", r"(\w+\s?)*$", "--json"],
        ["trend", "--regex", r"(\w+\s?)*$"],
        ["stats", "collocates", "--regex", r"(\w+\s?)*$"],
        ["search", "--regex", r"^(\s*\w+\s*)+[.!?]{2}$", "--count"],
    ],
    ids=["search", "search-json", "trend", "collocates", "count"],
)
def test_backtracking_patterns_return_on_the_bundled_texts(args: list[str]) -> None:
    result = run(args)  # would never return with a backtracking engine
    assert result.returncode in (0, 1), result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "pattern",
    [r"(a|aa)+$", r"(a+)+b", r"(x+x+)+y", r"^(a|a?)+$", r"((ab)*)*c", r"(.*a){20}z"],
)
@pytest.mark.parametrize(
    "command", [["search"], ["search", "--count"], ["trend"], ["stats", "collocates"]]
)
def test_backtracking_patterns_return_on_long_runs(
    long_runs: Path, pattern: str, command: list[str]
) -> None:
    result = run(["--corpus", str(long_runs), *command, "--regex", pattern])
    assert result.returncode in (0, 1), result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        (r"(CCG)\1", r"backreferences (\1)"),
        (r"(?P<x>NHS) (?P=x)", "backreferences (?P=name)"),
        (r"NHS(?= Alliance)", "lookahead (?=...)"),
        (r"NHS(?! Alliance)", "lookahead (?!...)"),
        (r"(?<=Dr )Dixon", "lookbehind (?<=...)"),
        (r"(?<!Dr )Dixon", "lookbehind (?<!...)"),
        (r"(?>NHS)", "atomic groups"),
        (r"N\CS", r"\C"),
        (r"a++", "bad repetition operator"),
        (r"(?x) a b", "invalid"),
    ],
)
@pytest.mark.parametrize("command", [["search"], ["trend"], ["stats", "collocates"]])
def test_what_re2_lacks_is_a_usage_error(
    invoke: Invoke, pattern: str, says: str, command: list[str]
) -> None:
    result = invoke([*command, "--regex", pattern])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert says in result.stderr
    assert_one_clean_line(result.stderr)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"(?P<n>CCG)s?", "CCGs and CCG", ["CCGs", "CCG"]),
        (r"(?<n>PBC)", "the PBC", ["PBC"]),  # RE2's own spelling of a named group
        (r"commissioning\Z", "GP commissioning", ["commissioning"]),  # Python's \Z
        (r"[\1]x", "1x", None),  # \1 in a class is no backreference: RE2 refuses it
        (r"[(?=]", "a(b", ["("]),  # inside a class '(?=' is three characters
        (r"\\1", r"a\1", ["\\1"]),  # an escaped backslash, then a digit
        (r"x{2}", "xxx", ["xx"]),
        (r"a{,2}", "aaa", ["aa", "a"]),  # Python's {,n} is {0,n}
        (r"[{,2}]+", "a{,2}", ["{,2}"]),  # but not inside a class
        (r"a\Z", "a a", ["a"]),
        (r"\{5000\}", "a{5000}", ["{5000}"]),  # escaped braces: no repetition
    ],
)
def test_regex_dialect_edges(pattern: str, text: str, found: list[str] | None) -> None:
    from nhsalliance_cli.text.search import compile_regex, find

    if found is None:
        with pytest.raises(UsageProblem):
            compile_regex(pattern)
        return
    spans = find(text, [compile_regex(pattern, case_sensitive=True)])
    assert [text[s.start : s.end] for s in spans] == found


def test_case_insensitive_regex_on_non_ascii_text() -> None:
    from nhsalliance_cli.text.search import compile_regex, find

    text = "Café CAFÉ café ÉCOLE école"
    assert len(find(text, [compile_regex("café")])) == 3
    assert len(find(text, [compile_regex("café", case_sensitive=True)])) == 1
    assert len(find(text, [compile_regex("(?i)CAFÉ", case_sensitive=True)])) == 3
    spans = find(text, [compile_regex(r"\p{Lu}+", case_sensitive=True)])
    assert [text[s.start : s.end] for s in spans] == ["C", "CAFÉ", "ÉCOLE"]


# Simple patterns on which Python's re and RE2 agree exactly (no \w, \b, \s, \d or $,
# whose meanings differ): the spans must be identical, as str offsets.
SIMPLE_PATTERNS = [
    "a",
    "é+",
    "ab|a",
    "a.b",
    "[aé]+",
    "[^a ]+",
    "😀",
    ".😀?",
    "(?:ab)+",
    "b*?a",
    "x|é|😀",
    "\u0301",
    "[a-zé]{2,3}",
    "^a",
    "\\Aé",
]
TEXT = st.text(alphabet="aAbBéÉx 😀\u0301\nİß.-", max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, pattern=st.sampled_from(SIMPLE_PATTERNS), case_sensitive=st.booleans())
def test_property_re2_spans_are_python_str_offsets(
    text: str, pattern: str, case_sensitive: bool
) -> None:
    from nhsalliance_cli.text.search import compile_regex, find

    flags = 0 if case_sensitive else re.IGNORECASE
    expected = [m.span() for m in re.finditer(pattern, text, flags) if m.end() > m.start()]
    if not case_sensitive and any(c in text for c in "İß"):
        # Case folding of these differs between the engines; the offsets must still be exact.
        for span in find(text, [compile_regex(pattern)]):
            assert re.fullmatch(pattern, text[span.start : span.end], re.IGNORECASE)
        return
    found = [(s.start, s.end) for s in find(text, [compile_regex(pattern, case_sensitive)])]
    assert found == expected


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_property_json_offsets_index_the_text(text: str) -> None:
    from nhsalliance_cli.analyses.concordance import hits
    from nhsalliance_cli.corpus.model import Corpus, Document
    from nhsalliance_cli.text.search import compile_regex

    text += " é😀"  # at least one hit, after whatever the text holds
    corpus = Corpus("t", (Document(id="t", file="t.txt", text=text, title="t"),))
    found = list(hits(corpus, [compile_regex("[éx😀]+")], 3))
    assert [(h.start, h.end) for h in found] == [
        m.span() for m in re.finditer("[éx😀]+", text, re.IGNORECASE)
    ]
    for hit in found:
        assert text[hit.start : hit.end] == hit.match


def test_re2_is_imported_only_when_a_regex_is_used() -> None:
    code = (
        "import sys\n"
        "from nhsalliance_cli.cli import app\n"
        "for args in (['list', '--json'], ['search', 'NHS', '--json']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 're2' not in sys.modules, 'imported'\n"
        "try:\n"
        "    app(['search', '--regex', 'NHS', '--count'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 're2' in sys.modules\n"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr


# --- 3. work that grows with the square of a paragraph -------------------------------


@pytest.fixture(scope="module")
def one_paragraph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Issue #14's fixture: a 1 MB paragraph with no line breaks."""
    folder = tmp_path_factory.mktemp("p")
    return write_corpus(folder / "p", {"p.txt": FIXTURE_SENTENCE * 15000 + "\n"})


@pytest.mark.parametrize(
    "args",
    [
        ["names", "smith"],
        ["names"],
        ["search", "qqqzzx"],  # did-you-mean builds the names index
        ["search", "qqqzzx", "smiht"],
        ["names", "agreed", "--mentions", "--json"],
    ],
    ids=["names-smith", "names", "did-you-mean", "did-you-mean-2", "mentions"],
)
def test_a_one_megabyte_paragraph_does_not_hang(one_paragraph: Path, args: list[str]) -> None:
    result = run(["--corpus", str(one_paragraph), *args], timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "paragraph",
    [
        "(" * 50_000,
        "(AB) " * 20_000,
        "word " * 40_000 + "(CCG)",
        "Clinical Commissioning Groups (CCGs). " * 5_000,
        "x" * 200_000 + " (XY)",
    ],
    ids=["open-parens", "many-acronyms", "long-clause", "many-sentences", "long-token"],
)
def test_acronym_finder_on_hostile_paragraphs(paragraph: str) -> None:
    # Each of these took minutes with the quadratic finder; here only the answer is checked
    # (speed is benchmarks/scaling.py's), against the old definition on a short slice.
    found = list(names.acronyms(paragraph))
    head = paragraph[:3000]
    assert list(names.acronyms(head)) == list(_acronyms_reference(head))
    assert all(e.origin == "corpus" for e in found)


def _acronyms_reference(paragraph: str) -> list[Entity]:
    """The acronym finder as it was: it re-split the paragraph before every '('."""
    out = []
    for m in names.PAREN_RE.finditer(paragraph):
        inside = m.group(1)
        before = re.split(r"[.;:!?]\s", paragraph[: m.start()])[-1].split()
        if names.is_short_form(inside):
            short, window = inside, before[-min(len(inside) + 5, 2 * len(inside)) :]
            long = names.long_form(short, " ".join(window))
        elif before and names.is_short_form(before[-1]) and len(inside.split()) >= 2:
            short = before[-1]
            long = names.long_form(short, inside)
            if long != inside.strip():
                long = None
        else:
            continue
        if long:
            out.append(names.acronym_entity(short, long))
    return out


WORDS = st.sampled_from(
    [
        "Clinical",
        "Commissioning",
        "Groups",
        "(CCGs)",
        "(PBC)",
        "practice-based",
        "commissioning",
        "(",
        ")",
        "(as agreed)",
        "PBC",
        "(Practice Based Commissioning)",
        ".",
        ";",
        "NHS",
        "Alliance",
        "(NHSA)",
        "word(AB)",
        "A.B.",
        "\u00a0",
        "\t",
    ]
)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(WORDS, max_size=40), glue=st.sampled_from([" ", "", "  ", ". ", "\u2003"]))
def test_property_linear_acronym_finder_agrees_with_the_old_one(
    words: list[str], glue: str
) -> None:
    paragraph = glue.join(words)
    assert list(names.acronyms(paragraph)) == _acronyms_reference(paragraph)


def test_acronyms_still_found() -> None:
    paragraph = (
        "Many now lead Clinical Commissioning Groups (CCGs); others favoured "
        "practice-based commissioning (PBC). The PBC (Practice Based Commissioning) era."
    )
    found = {(e.name, e.aliases[0]) for e in names.acronyms(paragraph)}
    assert ("Clinical Commissioning Group", "CCG") in found
    assert ("practice-based commissioning", "PBC") in found


def test_word_counts_fold_and_spelling_is_the_commonest() -> None:
    from nhsalliance_cli.analyses.vocabulary import spelling, word_counts
    from nhsalliance_cli.corpus.model import Corpus, Document

    text = "NHS nhs NHS Nhs the The the"
    corpus = Corpus("t", (Document(id="t", file="t.txt", text=text, title="t"),))
    assert word_counts(corpus) == {"nhs": 4, "the": 3}
    assert spelling(corpus, "nhs") == "NHS"
    assert spelling(corpus, "the") == "the"
    assert spelling(corpus, "absent") == "absent"


# --- 7. regular expression edge cases -----------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("a{4294967296}", "more than 1000"),
        ("a{1001}", "more than 1000"),
        ("a{2,99999999999999999999}", "more than 1000"),
        ("(a{100}){100}", "invalid repetition size"),
        ("(" * 499 + "a" + ")" * 499, "nested more than 100 deep"),
        ("(?:" * 240 + "a" + ")" * 240, "nested more than 100 deep"),
        ("(" * 100 + "a" + ")" * 100, None),  # deep, but within the limit: runs
        ("[(]" * 200 + "a", None),  # parentheses in classes are not groups
        (r"\(" * 200 + "a", None),  # nor are escaped ones
        ("\\pL{1000}", "too complex"),
        ("(?:[\\pL\\pN]+[^\\pL\\pN]+){200}qq", "too complex"),
        ("(" * 600 + "a" + ")" * 600, "the limit is 1000"),
        ("(" * 499, "nested more than 100 deep"),
        ("(" * 50, "missing )"),
        (")" * 499, "unexpected )"),
        ("[" * 499, "missing ]"),
        ("\\", "trailing \\"),
        ("a{2,1}", "invalid repetition size"),
        ("[z-a]", "invalid character class range"),
        ("\\p{NoSuchScript}", "invalid character class range"),
    ],
)
def test_regex_edge_cases(invoke: Invoke, pattern: str, says: str | None) -> None:
    result = invoke(["search", "--regex", pattern, "--count"])
    if says is None:
        assert result.exit_code in (0, 1), result.stderr
        return
    assert result.exit_code == 2, result.stderr
    assert says in result.stderr
    assert_one_clean_line(result.stderr)


# --- 8. numbers and nesting ----------------------------------------------------------


def _number_options() -> list[tuple[list[str], str]]:
    """(command path, option) for every number option of every command."""
    from typer.main import get_command

    from nhsalliance_cli.cli import app

    root = get_command(app)
    found = []
    for path in command_paths():
        command = root
        for part in path:
            command = command.commands[part]  # type: ignore[attr-defined]
        for param in command.params:
            kind = param.type_descriptor.annotation  # type: ignore[attr-defined]
            if param.opts[0].startswith("-") and kind in (int, float):
                found.append((path, max(param.opts, key=len)))
    return found


NUMBER_OPTIONS = _number_options()


def test_every_command_has_its_number_options_listed() -> None:
    flags = {(" ".join(p), f) for p, f in NUMBER_OPTIONS}
    assert ("search", "--limit") in flags
    assert ("stats ngrams", "--size") in flags
    assert ("names", "--min-score") in flags


@pytest.mark.parametrize(
    "value", ["9223372036854775808", "-9223372036854775809", "1" + "0" * 40, "9" * 5000]
)
@pytest.mark.parametrize(
    ("path", "flag"), NUMBER_OPTIONS, ids=[f"{' '.join(p)} {f}" for p, f in NUMBER_OPTIONS]
)
def test_huge_numbers_are_usage_errors(
    invoke: Invoke, path: list[str], flag: str, value: str
) -> None:
    result = invoke([*path, *_argument_for(path), flag, value])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert_one_clean_line(result.stderr)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999"])
def test_float_options_refuse_what_is_not_a_number(invoke: Invoke, value: str) -> None:
    for args in (["names", "nhs"], ["quote", "new year"]):
        result = invoke([*args, "--min-score", value])
        assert result.exit_code == 2, (args, value, result.stderr)
        assert_one_clean_line(result.stderr)


def _argument_for(path: list[str]) -> list[str]:
    """A harmless positional argument for commands that need one."""
    return {
        "show": ["new-year"],
        "quote": ["new year message"],
        "stats collocates": ["nhs"],
        "search": ["NHS"],
        "trend": ["NHS"],
    }.get(" ".join(path), [])


def test_the_largest_limit_works(invoke: Invoke) -> None:
    result = invoke(["stats", "words", "--limit", str(sys.maxsize), "--json"])
    assert result.exit_code == 0
    result = invoke(["search", "Darzi", "--limit", str(sys.maxsize), "--json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2


ENTRY = '[[documents]]\nfile = "a.txt"\n'


@pytest.mark.parametrize(
    ("manifest", "says"),
    [
        ("x = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("x = " + "{a = " * 3000 + "1" + "}" * 3000, "nested too deeply"),
        (ENTRY + "title = " + "[" * 3000 + "]" * 3000, "nested too deeply"),
        (ENTRY + "title = 5", "'title' must be a string (in quotes), not a number"),
        (ENTRY + "title = [1]", "'title' must be a string (in quotes), not an array"),
        (ENTRY + "title.a.b = 1", "'title' must be a string (in quotes), not a table"),
        (ENTRY + 'date_inferred = "yes"', "'date_inferred' must be true or false"),
        (ENTRY + "date = 20130102", "'date' must be a string (in quotes), not a number"),
        (ENTRY + "date = 2013-01-02T10:00:00", "not a date and time"),
        (ENTRY + 'date = "2013-02-30"', "date '2013-02-30' is not a calendar date"),
        (ENTRY + 'date = "2013-02-29"', "date '2013-02-29' is not a calendar date"),
        (ENTRY + 'date = "2013-04-31"', "date '2013-04-31' is not a calendar date"),
        (ENTRY + 'date = "0000"', "date '0000' is not a calendar date"),
        (ENTRY + 'date = "0000-01"', "is not a calendar date"),
        (ENTRY + 'date = "2013-13"', "must be YYYY, YYYY-MM or YYYY-MM-DD"),
        (ENTRY + 'date = "13-01-2013"', "must be YYYY, YYYY-MM or YYYY-MM-DD"),
        (ENTRY + "date = 2013-02-30", "not valid TOML"),
        (ENTRY + 'id = "a\\nb"', "id 'a\\nb' must be letters"),
        (ENTRY + 'kind = "x"\nkind = "y"', "not valid TOML"),
        ("documents = 5", "'documents' must be an array of tables"),
    ],
)
def test_malformed_manifests_name_the_file_and_key(
    invoke: Invoke, tmp_path: Path, manifest: str, says: str
) -> None:
    folder = write_corpus(tmp_path / "m", {"a.txt": "Some text."}, manifest=manifest)
    result = invoke(["--corpus", str(folder), "list"])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert f"{folder}/manifest.toml" in result.stderr
    assert says in result.stderr, result.stderr
    assert_one_clean_line(result.stderr)


@pytest.mark.parametrize(
    ("date", "shown"),
    [('"2012-02-29"', "2012-02-29"), ("2013-01-02", "2013-01-02"), ('"2013-02"', "2013-02")],
)
def test_good_manifest_dates(tmp_path: Path, date: str, shown: str) -> None:
    folder = write_corpus(tmp_path / "m", {"a.txt": "Text."}, manifest=ENTRY + f"date = {date}")
    assert load_corpus(str(folder)).documents[0].date == shown


# --- 10. one line means one line -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--corpus", "no\nsuch\x1b[31m", "list"],
        ["--corpus", "a\rb\u2028c\u202e", "list"],
        ["show", "x\ny\x1b[2J"],
        ["search", "NHS", "--doc", "a\nb"],
        ["names", "x", "--kind", "a\x1bb\nc"],
        ["quotes", "--kind", "\x9b31m"],
        ["search", "NHS", "--sort", "R1\nR2"],
        ["search", "--regex", "(\n"],
        ["search", "--regex", "a\x1b"],
        ["names", "nhs", "--mentions", "--window", "-1"],
        ["search", "NHS", "--window", "-1"],
        ["stats", "collocates", "nhs", "--measure", "x\ny"],
        ["list", "--jsn\n"],
        ["lsit\x1b[1m"],
    ],
)
def test_every_message_is_one_clean_line(invoke: Invoke, args: list[str]) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_one_clean_line(result.stderr)


def test_file_names_with_line_breaks_and_escapes(tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "evil",
        {"evil\nname.txt": b"caf\xe9\n", "ok.txt": "Fine."},
    )
    result = run(["--corpus", str(folder), "list", "--strict"])
    message = assert_usage_error(result, "evil\\nname.txt", "not UTF-8")
    assert "\n" not in message[:-1]
    folder2 = write_corpus(tmp_path / "esc", {"x\x1b[31mred.txt": b"caf\xe9\n"})
    assert_usage_error(run(["--corpus", str(folder2), "list", "--strict"]), "x\\x1b[31mred.txt")


def test_titles_with_controls_stay_on_their_line(invoke: Invoke, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": "Title \x1b[31mred\x07\n\nBody text."})
    result = invoke(["--corpus", str(folder), "list"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[31mred" in result.stdout
    assert len(result.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["search", "NHS", "--count", "--window", "-1"],
        ["search", "NHS", "--plot", "--window", "101"],
        ["search", "zzqqx", "--window", "-1"],
        ["names", "nhs", "--window", "-1"],
        ["names", "--window", "500"],
    ],
)
def test_a_bad_window_is_refused_whatever_else_is_asked(invoke: Invoke, args: list[str]) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    # Either message is a refusal: the bad number, or a --window that does not go with
    # the rest (--count, --plot, names without --mentions).
    assert (
        "--window must be between 0 and 100" in result.stderr
        or ("--window" in result.stderr and "cannot be used together" in result.stderr)
        or "--window goes with --mentions" in result.stderr
    )
    assert_one_clean_line(result.stderr)


def test_mentions_window_is_checked_before_anything_is_printed(invoke: Invoke) -> None:
    for window in ("-1", "101"):
        result = invoke(["names", "nhs", "--mentions", "--window", window])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and "mentions of" not in result.stderr


# --- 11. a phrase across a line break -----------------------------------------------


def test_a_hit_across_a_line_break_is_one_line(invoke: Invoke) -> None:
    result = invoke(["search", "collectives the nottingham"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "collectives. “The Nottingham" in result.stdout
    exact = json.loads(invoke(["search", "collectives the nottingham", "--json"]).stdout)
    assert exact[0]["match"] == "collectives.\n“The Nottingham"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("one two\r\nthree four\n", ["search", "two three"]),
        ("one two\tthree\n\n\nfour\n", ["search", "--regex", r"two\sthree"]),
        ("alpha beta\ngamma\n\nalpha\nbeta gamma\n", ["search", "alpha beta"]),
        ("Big\nTrust said it.\nBig Trust again.\n", ["search", "big trust", "--window", "0"]),
        ("x\u2028y x\u2029y x\x0by x\x0cy x\x85y\n", ["search", "--regex", "x.y"]),
    ],
)
def test_every_hit_is_one_line(invoke: Invoke, tmp_path: Path, text: str, args: list[str]) -> None:
    folder = write_corpus(tmp_path / "t", {"t.txt": text})
    result = invoke(["--corpus", str(folder), *args])
    hits = json.loads(invoke(["--corpus", str(folder), *args, "--json"]).stdout)
    assert result.exit_code == 0
    assert len(result.stdout.split("\n")) - 1 == len(hits) > 0
    for hit in hits:
        assert text[hit["start"] : hit["end"]] == hit["match"]


def test_mentions_across_a_line_break_are_one_line(invoke: Invoke, tmp_path: Path) -> None:
    text = "The NHS\nAlliance met. Later the NHS Alliance spoke.\n"
    folder = write_corpus(tmp_path / "t", {"t.txt": text})
    result = invoke(["--corpus", str(folder), "names", "nhs alliance", "--mentions"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_kwic_on_a_terminal_is_one_line_per_hit(invoke: Invoke) -> None:
    from nhsalliance_cli.output.env import Environment

    result = invoke(
        ["search", "collectives the nottingham"], env=Environment.terminal(width=200, color=False)
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1


# --- 9. undecodable bytes: in-process side -------------------------------------------


def test_surrogates_in_a_query_become_replacement_characters(invoke: Invoke) -> None:
    # What Python makes of the argument b"NHS\xff" (os.fsdecode).
    result = invoke(["search", "NHS\udcff", "--json", "--limit", "1"])
    assert result.exit_code == 0
    hits = json.loads(result.stdout_bytes.decode("utf-8"))
    assert hits[0]["query"] == "NHS\ufffd"


def test_surrogates_in_a_regex_are_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["search", "--regex", "NHS\udcff"])
    assert result.exit_code == 2
    assert "NHS\\udcff" in result.stderr
    assert_one_clean_line(result.stderr)


def test_the_scaling_benchmark_runs_at_a_small_size() -> None:
    import subprocess

    from conftest import ROOT

    script = ROOT / "benchmarks" / "scaling.py"
    result = subprocess.run(
        [sys.executable, str(script), "--start", "2000", "--steps", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for case in ("names", "did-you-mean", "acronyms", "regex"):
        assert f"{case}:" in result.stdout
    assert result.stdout.count(" chars ") == 8


def test_show_keeps_a_file_name_with_a_line_break_on_one_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    from nhsalliance_cli.output.env import Environment

    folder = write_corpus(tmp_path / "e", {"evil\nname\x1b[2J.txt": "Evil text.\n"})
    for env in (Environment.pipe(), Environment.terminal(color=False)):
        result = invoke(["--corpus", str(folder), "show", "evil"], env=env)
        assert result.exit_code == 0
        assert "file: evil\\nname\\x1b[2J.txt" in result.stdout
        assert "\x1b[2J" not in result.stdout


# --- fuzzing: whatever the input, a result or a usage error ---------------------------

REGEX_ALPHABET = "ab()[]{}^$.*+?|\\-,0123456789:=!<>PpLZzCwWdDsSbB#&\u00e9\U0001f600\x00\n\udcff"


@settings(max_examples=500, deadline=None)
@given(pattern=st.text(alphabet=REGEX_ALPHABET, max_size=30), case_sensitive=st.booleans())
def test_property_any_pattern_compiles_or_is_a_usage_error(
    pattern: str, case_sensitive: bool
) -> None:
    from nhsalliance_cli.text.search import compile_regex, find

    try:
        query = compile_regex(pattern, case_sensitive)
    except UsageProblem as e:
        assert str(e).startswith(("invalid regular expression", "the regular expression", "empty"))
        return
    text = "ab (a) [b] {1,2} é😀 a\nb\n"
    for span in find(text, [query]):
        assert 0 <= span.start < span.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_property_messages_are_one_clean_line(text: str) -> None:
    from nhsalliance_cli.output.streams import one_line, valid_unicode

    shown = one_line(text)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)
    assert not any(c < " " or "\x7f" <= c <= "\x9f" for c in shown)
    if text.isprintable():
        assert shown == text
    valid_unicode(text).encode("utf-8")  # never raises
