"""--help reads as words at 80 columns: no type metavars, no ranges, examples whole."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from conftest import command_paths
from nhsalliance_cli.cli import app
from nhsalliance_cli.output.env import Environment


def help_of(path: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], env={"COLUMNS": "80"}, obj=Environment.pipe()
    )
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("path", [[], *command_paths()], ids=lambda p: " ".join(p) or "root")
def test_help_has_no_type_metavars_or_ranges(path: list[str]) -> None:
    text = help_of(path)
    assert re.findall(r"<(?:bool|int|float|str|text|list\[[a-z]+\])>|\[x[<>]=?", text) == []
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("path", [[], *command_paths()], ids=lambda p: " ".join(p) or "root")
def test_examples_are_never_broken(path: list[str]) -> None:
    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    blocks = re.findall(r"```\n(.*?)```", command.help or "", re.S)
    examples = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    shown = {line.strip() for line in help_of(path).splitlines()}
    assert [e for e in examples if e not in shown] == []
