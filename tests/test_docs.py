"""The README and docs/ cannot drift: their examples run, their field tables match the JSON,
every command and option is documented, and every link leads somewhere."""

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
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PAGES = {path: path.read_text(encoding="utf-8") for path in DOC_FILES}
# Every page, for what may be documented on any of them; a blank line after each ends its
# last block, as within a page.
DOCS = "".join(f"{text}\n" for text in PAGES.values())
COMMANDS_PAGE = PAGES[ROOT / "docs" / "commands.md"]


def console_examples() -> list[tuple[str, str, list[str]]]:
    """Each `$ nhsalliance ...` line of a ```console block, with its page and the lines shown
    under it."""
    examples: list[tuple[str, str, list[str]]] = []
    for path, text in PAGES.items():
        for block in re.findall(r"```console\n(.*?)```", text, re.S):
            for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
                command, *shown = chunk.rstrip("\n").split("\n")
                examples.append((path.relative_to(ROOT).as_posix(), command, shown))
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


def test_the_readme_has_a_tour() -> None:
    assert any(page == "README.md" for page, _, _ in EXAMPLES)


@pytest.mark.parametrize(
    ("page", "command", "shown"), EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES]
)
def test_docs_example_output(invoke: Invoke, page: str, command: str, shown: list[str]) -> None:
    argv = shlex.split(command)
    assert argv[0] == "nhsalliance"
    result = invoke(argv[1:])
    assert result.exit_code == expected_exit(shown), result.stderr
    if not shown:  # a command shown printing nothing prints nothing on a pipe
        assert result.stdout == ""
        return
    printed = (result.stdout + result.stderr).splitlines()
    assert [line.rstrip() for line in printed[: len(shown)]] == [s.rstrip() for s in shown]


def expected_exit(shown: list[str]) -> int:
    """The exit code an example's output implies: 2 for a user's mistake (an unknown
    document), 1 for no result (only messages), 0 for anything else."""
    if not shown or not all(line.startswith("nhsalliance: ") for line in shown):
        return 0
    return 2 if shown[0].startswith("nhsalliance: no document") else 1


def shell_examples() -> list[tuple[str, str]]:
    """The `nhsalliance …` pipelines of the ```sh blocks of the README and docs/, with their
    page."""
    lines = []
    for path, text in PAGES.items():
        page = path.relative_to(ROOT).as_posix()
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            lines += [(page, ln) for ln in block.splitlines() if ln.startswith("nhsalliance ")]
    return lines


SHELL_EXAMPLES = shell_examples()


@pytest.mark.parametrize(
    ("page", "line"), SHELL_EXAMPLES, ids=[f"{p}: {line}" for p, line in SHELL_EXAMPLES]
)
def test_docs_shell_examples_run(page: str, line: str) -> None:
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
    assert f"### nhsalliance {name}\n" in COMMANDS_PAGE, name
    assert any(" ".join(c.split()[1 : 1 + len(path)]) == name for _, c, _ in EXAMPLES), name


def test_every_option_is_in_the_docs() -> None:
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
                if option.startswith("--") and option != "--help" and not re.search(pattern, DOCS):
                    missing.append(f"{' '.join(path)} {option}")
    assert missing == []


def documented_fields(section: str) -> list[str]:
    marker = f"<!-- fields: {section} -->\n"
    assert DOCS.count(marker) == 1, section
    match = re.search(rf"{re.escape(marker)}(.*?)\n\n", DOCS, re.S)
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
    grouped = json.loads(invoke(["search", "CCG", "--count", "--by", "kind", "--json"]).stdout)[0]
    assert documented_fields("search --count --by") == list(grouped)
    status = json.loads(invoke(["index", "status", "--json"]).stdout)
    assert documented_fields("index status") == list(status)
    name = json.loads(invoke(["names", "ccg", "--json"]).stdout)[0]
    assert documented_fields("names") == list(name)
    for args, section in [
        (["trend", "CCG"], "trend"),
        (["stats", "words"], "stats words"),
        (["stats", "ngrams"], "stats ngrams"),
        (["stats", "collocates", "commissioning"], "stats collocates"),
        (["stats", "keywords", "--where", "kind=news*"], "stats keywords"),
        (["quotes"], "quotes"),
        (["quote", "eighteen years is as long as any chair should serve"], "quote"),
    ]:
        record = json.loads(invoke([*args, "--json"]).stdout)[0]
        assert documented_fields(section) == list(record), section


def links(text: str) -> list[str]:
    """The targets of the Markdown links of a page, outside code blocks and code spans."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    text = re.sub(r"`[^`]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text)


def anchors(text: str) -> set[str]:
    """The anchors GitHub makes for a page's headings: lower case, punctuation dropped,
    spaces as hyphens, -1, -2, … after a repeated one."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", text, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        unique, n = slug, 0
        while unique in found:
            n += 1
            unique = f"{slug}-{n}"
        found.add(unique)
    return found


def test_every_docs_page_is_linked_from_the_readme() -> None:
    docs = sorted((ROOT / "docs").glob("*.md"))
    assert docs
    linked = {(ROOT / target.split("#", 1)[0]).resolve() for target in links(README)}
    assert [p.name for p in docs if p.resolve() not in linked] == []


def leads_somewhere(page: Path, target: str) -> bool:
    """A relative link from a page: to a file in the repository, and to one of its headings
    when it names an anchor."""
    file, _, anchor = target.partition("#")
    linked = (page.parent / file if file else page).resolve()
    if not linked.exists() or ROOT.resolve() not in linked.parents:
        return False
    if not anchor:
        return True
    return linked.suffix == ".md" and anchor in anchors(linked.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(path: Path) -> None:
    targets = links(PAGES[path])
    relative = [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t)]  # not https:
    assert [t for t in relative if not leads_somewhere(path, t)] == []
