"""The README cannot drift: its examples run, its field tables match the JSON."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Invoke, command_paths

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, list[str]]]:
    """Each `$ nhsalliance ...` line of a ```console block, with the lines shown under it."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            examples.append((command, shown))
    return examples


EXAMPLES = console_examples()


def test_the_readme_opens_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    lines = first_block.group(1).splitlines()
    assert lines[0].startswith("pip install . && nhsalliance ")
    assert lines[1] == "pip install -e '.[test]' && python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_output(invoke: Invoke, command: str, shown: list[str]) -> None:
    argv = shlex.split(command)
    assert argv[0] == "nhsalliance"
    result = invoke(argv[1:])
    printed = (result.stdout + result.stderr).splitlines()
    assert [line.rstrip() for line in printed[: len(shown)]] == [s.rstrip() for s in shown]


def shell_examples() -> list[str]:
    """The `nhsalliance …` pipelines of the README's ```sh blocks."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        lines += [ln for ln in block.splitlines() if ln.startswith("nhsalliance ")]
    return lines


SHELL_EXAMPLES = shell_examples()


@pytest.mark.parametrize("line", SHELL_EXAMPLES)
def test_readme_shell_examples_run(line: str) -> None:
    if "| jq" in line and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", line], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_is_documented(path: list[str]) -> None:
    name = " ".join(path)
    assert f"### nhsalliance {name}\n" in README, name
    assert any(" ".join(c.split()[1 : 1 + len(path)]) == name for c, _ in EXAMPLES), name


def test_every_option_is_in_the_readme() -> None:
    from typer.main import get_command

    from nhsalliance_cli.cli import app

    root = get_command(app)
    missing = []
    for path in [[], *command_paths()]:
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        for param in command.params:
            for option in getattr(param, "opts", []):
                pattern = rf"(?<![\w-]){re.escape(option)}(?![\w-])"
                if (
                    option.startswith("--")
                    and option != "--help"
                    and not re.search(pattern, README)
                ):
                    missing.append(f"{' '.join(path)} {option}")
    assert missing == []


def documented_fields(section: str) -> list[str]:
    match = re.search(rf"<!-- fields: {re.escape(section)} -->\n(.*?)\n\n", README, re.S)
    assert match is not None, section
    rows = match.group(1).splitlines()[2:]
    return [re.match(r"\| `([a-z_0-9]+)` \|", row).group(1) for row in rows]  # type: ignore[union-attr]


def test_json_field_tables_match_the_output(invoke: Invoke) -> None:
    listed = json.loads(invoke(["list", "--json"]).stdout)[0]
    shown = json.loads(invoke(["show", "dixon", "--json"]).stdout)
    assert documented_fields("list") == [*listed, "text"] == list(shown)
    hit = json.loads(invoke(["search", "CCG", "--json"]).stdout)[0]
    assert documented_fields("search") == list(hit)
    count = json.loads(invoke(["search", "CCG", "--count", "--json"]).stdout)[0]
    assert documented_fields("search --count") == list(count)
    status = json.loads(invoke(["index", "status", "--json"]).stdout)
    assert documented_fields("index status") == list(status)
    name = json.loads(invoke(["names", "ccg", "--json"]).stdout)[0]
    assert documented_fields("names") == list(name)
    for args, section in [
        (["trend", "CCG"], "trend"),
        (["stats", "words"], "stats words"),
        (["stats", "ngrams"], "stats ngrams"),
        (["stats", "collocates", "commissioning"], "stats collocates"),
        (["quotes"], "quotes"),
        (["quote", "eighteen years is as long as any chair should serve"], "quote"),
    ]:
        record = json.loads(invoke([*args, "--json"]).stdout)[0]
        assert documented_fields(section) == list(record), section
