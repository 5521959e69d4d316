"""The console script loads only the group of the command it runs; help, an unknown
command and completion load them all, so nothing a user sees changes."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from nhsalliance_cli.cli import COMMANDS, GROUPS, app, groups_for


@pytest.mark.parametrize(
    ("args", "groups"),
    [
        (["list", "--json"], ("documents",)),
        (["show", "x"], ("documents",)),
        (["quote", "doctors must lead"], ("quotations",)),
        (["--corpus", "quote", "search", "x"], ("search",)),  # --corpus takes a value
        (["--corpus=news", "stats", "words"], ("statistics",)),
        (["--no-index", "--no-pager", "trend", "CCG"], ("statistics",)),
        (["-q", "--quiet", "names", "pbc"], ("names",)),
        (["index", "status"], ("index",)),
        ([], GROUPS),
        (["--help"], GROUPS),
        (["-h"], GROUPS),
        (["--version"], GROUPS),
        (["lst"], GROUPS),  # unknown: the error suggests from every command
        (["--corpus"], GROUPS),
        (["--unknown-option", "list"], GROUPS),
    ],
)
def test_groups_for_a_command_line(args: list[str], groups: tuple[str, ...]) -> None:
    assert groups_for(args) == groups


def test_completion_loads_every_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_NHSALLIANCE_COMPLETE", "bash_complete")
    assert groups_for(["list"]) == GROUPS


def test_every_command_has_its_group() -> None:
    """A command added to the app but not to COMMANDS would vanish from the console script."""
    import typer.main

    group = typer.main.get_command(app)
    top = set(group.commands)  # type: ignore[attr-defined]
    assert top == set(COMMANDS)
    assert set(COMMANDS.values()) == set(GROUPS)


def test_the_console_script_imports_only_the_group_it_runs() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['nhsalliance', 'list', '--limit', '1', '--json']\n"
        "from nhsalliance_cli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "cli = sorted(m for m in sys.modules if m.startswith('nhsalliance_cli.cli.'))\n"
        "sys.stderr.write(repr(cli))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert '"id"' in run.stdout
    loaded = ast.literal_eval(run.stderr.strip().splitlines()[-1])
    others = {f"nhsalliance_cli.cli.{g}" for g in GROUPS if g != "documents"}
    assert "nhsalliance_cli.cli.documents" in loaded
    assert not others & set(loaded)


def test_the_loader_knows_every_global_option() -> None:
    """groups_for skips the global options before the command: a global option added to
    the app and not to the loader would make every command line load every group."""
    import typer.main

    from nhsalliance_cli.cli import _FLAGS, _VALUED

    group = typer.main.get_command(app)
    takes_value = {o for p in group.params if not p.is_flag for o in p.opts}  # type: ignore[attr-defined]
    flags = {o for p in group.params if p.is_flag for o in p.opts}  # type: ignore[attr-defined]
    eager = {"--version", "--help", "-h", "--install-completion", "--show-completion"}
    assert takes_value == set(_VALUED)
    assert flags - eager == set(_FLAGS)
