"""The library (nhsalliance_cli.api): every command has its method, with the same options,
the same records (``as_dict()`` is the command's ``--json``) and the same messages."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import Invoke, write_corpus
from nhsalliance_cli import Corpus, EmptyResult, NoResult, UsageProblem, records_to_pandas
from nhsalliance_cli.cli import app

# The API methods behind each command: the first takes the command's own options; a mode
# of the command (--count, --plot, --mentions) is a method of its own.
METHODS = {
    "list": ["documents"],
    "show": ["show"],
    "search": ["search", "count", "count_by", "dispersion"],
    "quotes": ["quotes"],
    "quote": ["quote"],
    "names": ["names", "mentions"],
    "trend": ["trend"],
    "stats words": ["words"],
    "stats ngrams": ["ngrams"],
    "stats collocates": ["collocates"],
    "stats keywords": ["keywords"],
    "index status": ["index_status"],
    "index build": ["index_build"],
    "index clear": ["index_clear"],
}
MODES = {"count": "count", "plot": "dispersion", "show_mentions": "mentions"}
# Options about the output or the process, not the query: they stay on the command line.
RENDERING = {"json_output", "jsonl_output", "csv_output", "no_pager", "text_only", "cite"}
OPENING = {"corpus_dir", "strict"}  # Corpus.open(path, strict=...)
FILTERS = {"since_date": "since", "until_date": "until", "where_fields": "where"}


def commands() -> Iterator[tuple[str, Any]]:
    """Every command of the app, by its path ('stats words'), with its click command."""
    root = typer.main.get_command(app)

    def walk(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        for name, command in group.commands.items():
            path = f"{prefix}{name}"
            if hasattr(command, "commands"):
                yield from walk(command, f"{path} ")
            else:
                yield path, command

    yield from walk(root, "")


def test_the_walk_finds_every_command() -> None:
    assert {path for path, _ in commands()} == set(METHODS)


@pytest.mark.parametrize("path", sorted(METHODS))
def test_every_command_has_its_api_method_with_the_same_options(path: str) -> None:
    command = dict(commands())[path]
    methods = [getattr(Corpus, name) for name in METHODS[path]]
    main = inspect.signature(methods[0]).parameters
    offered = {p for m in methods for p in inspect.signature(m).parameters}
    for param in command.params:
        name = FILTERS.get(param.name, param.name)
        if name in RENDERING or name in OPENING or getattr(param, "hidden", False):
            continue
        if name in MODES:
            assert MODES[name] in METHODS[path], (path, name)
            continue
        assert name in offered, f"{path}: --{param.name} has no API parameter"
        if name in main and param.default is not None and not param.multiple:
            assert main[name].default == param.default, (path, name)
    assert {"index", "strict"} <= set(inspect.signature(Corpus.open).parameters)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.open()


def as_json(records: Any) -> Any:
    """What json.loads gives back for records (tuples become lists)."""
    if hasattr(records, "as_dict"):
        return json.loads(json.dumps(records.as_dict()))
    return [json.loads(json.dumps(r.as_dict())) for r in records]


CASES: list[tuple[list[str], Callable[[Corpus], Any]]] = [
    (["list", "--since", "2013"], lambda c: c.documents(since="2013")),
    (
        ["list", "--where", "kind=news*", "-n", "1"],
        lambda c: c.documents(where={"kind": "news*"}, limit=1),
    ),
    (["show", "dixon:3"], lambda c: c.show("dixon:3")),
    (
        ["search", "CCG", "--variants", "-w", "4"],
        lambda c: c.search("CCG", variants=True, window=4),
    ),
    (
        ["search", "commission*", "--sort", "R1,L1", "--doc", "dixon"],
        lambda c: c.search(["commission*"], sort="R1,L1", doc="dixon"),
    ),
    (
        ["search", "-e", "CCGs?\\b", "-s", "--until", "2012"],
        lambda c: c.search(regex="CCGs?\\b", case_sensitive=True, until="2012"),
    ),
    (["search", "PBC", "CCG", "--count"], lambda c: c.count(["PBC", "CCG"])),
    (["search", "PBC", "--count", "--all-docs"], lambda c: c.count("PBC", all_docs=True)),
    (["search", "CCG", "--count", "--by", "kind"], lambda c: c.count_by("CCG", by="kind")),
    (["quotes", "--speaker", "dixon"], lambda c: c.quotes(speaker="dixon")),
    (["quotes", "--all", "--contains", "CCG"], lambda c: c.quotes(all_kinds=True, contains="CCG")),
    (
        ["quote", "doctors must regain their passion"],
        lambda c: c.quote("doctors must regain their passion"),
    ),
    (["names", "pbc"], lambda c: c.names("pbc")),
    (["names", "--kind", "person", "-n", "3"], lambda c: c.names(kind="person", limit=3)),
    (["names", "nhs confed", "--mentions"], lambda c: c.mentions("nhs confed")),
    (["trend", "CCG", "PBC", "--by", "year"], lambda c: c.trend(["CCG", "PBC"], by="year")),
    (
        ["stats", "words", "--no-stopwords", "-n", "5"],
        lambda c: c.words(no_stopwords=True, limit=5),
    ),
    (["stats", "ngrams", "-k", "3"], lambda c: c.ngrams(size=3)),
    (
        ["stats", "collocates", "commissioning", "-m", "MI"],
        lambda c: c.collocates("commissioning", measure="MI"),
    ),
    (["stats", "keywords", "--where", "kind=news*"], lambda c: c.keywords(where=["kind=news*"])),
    (["index", "status"], lambda c: c.index_status()),
]


@pytest.mark.parametrize(("args", "call"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_records_are_what_json_prints(
    invoke: Invoke, corpus: Corpus, args: list[str], call: Callable[[Corpus], Any]
) -> None:
    printed = invoke([*args, "--json"])
    assert printed.exit_code == 0, printed.stderr
    assert json.loads(printed.stdout) == as_json(call(corpus))


def test_records_are_frozen_dataclasses(corpus: Corpus) -> None:
    import dataclasses

    for record in [
        *corpus.documents(limit=1),
        next(corpus.search("CCG")),
        corpus.quotes()[0],
        corpus.names("pbc")[0],
        corpus.words(limit=1)[0],
        corpus.count("CCG").total,
    ]:
        assert dataclasses.is_dataclass(record), record
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.doc = "changed"  # type: ignore[union-attr]


# A mistake and a result with nothing in it: the API raises what the CLI prints.
ERRORS: list[tuple[list[str], Callable[[Corpus], Any], type[Exception], int]] = [
    (["search", "CCG", "--sort", "R10"], lambda c: c.search("CCG", sort="R10"), UsageProblem, 2),
    (["search", "-e", "("], lambda c: c.search(regex="("), UsageProblem, 2),
    (["show", "zzz-no-such"], lambda c: c.show("zzz-no-such"), UsageProblem, 2),
    (["show", "dixon:9999"], lambda c: c.show("dixon:9999"), UsageProblem, 2),
    (["list", "--since", "2013-13"], lambda c: c.documents(since="2013-13"), UsageProblem, 2),
    (["quotes", "--kind", "poem"], lambda c: c.quotes(kind="poem"), UsageProblem, 2),
    (
        ["stats", "collocates", "care", "-m", "dice"],
        lambda c: c.collocates("care", measure="dice"),
        UsageProblem,
        2,
    ),
    (["stats", "keywords"], lambda c: c.keywords(), UsageProblem, 2),
    (["trend", "CCG", "--by", "decade"], lambda c: c.trend("CCG", by="decade"), UsageProblem, 2),
    (["list", "--where", "kind=poem"], lambda c: c.documents(where={"kind": "poem"}), NoResult, 1),
    (["names", "zzqqxx"], lambda c: c.names("zzqqxx"), EmptyResult, 1),
    (["quotes", "--speaker", "zzqqxx"], lambda c: c.quotes(speaker="zzqqxx"), EmptyResult, 1),
    (
        ["quote", "purple elephants dance on quantum spreadsheets"],
        lambda c: c.quote("purple elephants dance on quantum spreadsheets"),
        EmptyResult,
        1,
    ),
    (["stats", "ngrams", "--min-count", "500"], lambda c: c.ngrams(min_count=500), EmptyResult, 1),
    (["search", "zzqqxx", "--count"], lambda c: c.count("zzqqxx"), EmptyResult, 1),
    (["search", "commissionning"], lambda c: list(c.search("commissionning")), EmptyResult, 1),
]


@pytest.mark.parametrize(
    ("args", "call", "error", "code"), ERRORS, ids=[" ".join(a) for a, *_ in ERRORS]
)
def test_errors_carry_the_messages_the_cli_prints(
    invoke: Invoke,
    corpus: Corpus,
    args: list[str],
    call: Callable[[Corpus], Any],
    error: type[Exception],
    code: int,
) -> None:
    printed = invoke(args)
    assert printed.exit_code == code
    with pytest.raises(error) as raised:
        call(corpus)
    said = [f"nhsalliance: {raised.value}"]
    if isinstance(raised.value, NoResult):
        said += [f"nhsalliance: {hint}" for hint in raised.value.hints]
    assert printed.stderr.splitlines() == said


def test_search_checks_its_options_at_the_call_and_streams_hits(corpus: Corpus) -> None:
    with pytest.raises(UsageProblem):
        corpus.search("CCG", window=-1)  # not iterated: raised all the same
    hits = corpus.search("the")
    assert iter(hits) is hits
    first = next(hits)
    assert (first.doc, first.match.lower()) == (corpus.documents()[0].id, "the")


def test_notes_go_to_the_callback(tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "texts",
        {"2014-01-02 news.txt": "Dated news of CCGs.\n", "notes.txt": "Undated notes of CCGs.\n"},
    )
    notes: list[str] = []
    corpus = Corpus.open(folder, index=False, on_note=notes.append)
    assert [d.id for d in corpus.documents(since="2010")] == ["2014-01-02-news"]
    assert notes == ["1 undated document left out by --since"]


def test_a_folder_opens_through_its_index_or_without(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "texts", {"a.txt": "Alpha beta.\n", "b.txt": "Beta.\n"})
    indexed, direct = Corpus.open(str(folder)), Corpus.open(folder, index=False)
    assert indexed.index_status()["exists"] and direct.index_status()["files"] == 2
    status = indexed.index_status()  # a mapping, as the docs say
    assert (
        dict(status) == status.as_dict() and "fresh" in status and len(status) == len(list(status))
    )
    assert as_json(indexed.words()) == as_json(direct.words())
    assert indexed.index_clear() and not Corpus.open(folder, index=False).index_status()["exists"]


def test_records_to_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    rows = Corpus.open().words(limit=3)
    frame = records_to_pandas(rows)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(rows[0].as_dict())
    assert frame["word"].tolist() == [r.word for r in rows]


def test_records_to_pandas_without_pandas_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match=r"needs pandas.*pip install pandas"):
        records_to_pandas([])


def test_importing_the_package_loads_nothing_else() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, nhsalliance_cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('nhsalliance_cli', 'typer', 'click', 'rich')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.strip() == "['nhsalliance_cli']"


def test_the_library_never_loads_the_command_line() -> None:
    code = (
        "import sys; from nhsalliance_cli import Corpus; c = Corpus.open(index=False); "
        "list(c.search('CCG', variants=True)); c.quotes(); c.names('pbc'); c.words(); "
        "c.trend('CCG'); c.quote('doctors must regain their passion'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click') "
        "or m.startswith(('nhsalliance_cli.cli', 'nhsalliance_cli.output'))))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("mode", [[], ["--count"], ["--plot"], ["--count", "--by", "kind"]])
def test_the_command_line_says_what_the_library_does_not(invoke: Invoke, mode: list[str]) -> None:
    """A note for a person at a terminal stays with the command line, in every mode."""
    from nhsalliance_cli.output.env import Environment

    notes: list[str] = []
    Corpus(Corpus.open().model, on_note=notes.append).count(["PBC", "CCG"])
    assert notes == []
    shown = invoke(["search", "PBC", "CCG", *mode], env=Environment.terminal())
    assert shown.exit_code == 0
    assert "searching 2 words as alternatives; quote them for a phrase" in shown.stderr


def test_a_flag_given_for_a_pattern_is_a_usage_problem(corpus: Corpus) -> None:
    with pytest.raises(UsageProblem, match="expected a string or a list of strings"):
        list(corpus.search("(", regex=True))  # type: ignore[arg-type]
