from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from nhsalliance_cli.cli import app
from nhsalliance_cli.output.env import Environment

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_SOURCE = ROOT.parent / "shared" / "corpus-source"

Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process; piped stdout unless an Environment is given."""

    def run(args: Sequence[str], env: Environment | None = None, **kwargs: Any) -> Result:
        runner = CliRunner()
        return runner.invoke(
            app, list(args), obj=env or Environment.pipe(), catch_exceptions=False, **kwargs
        )

    return run


def write_corpus(folder: Path, files: dict[str, str | bytes], manifest: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if manifest is not None:
        (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    return folder


@pytest.fixture
def press_folder(tmp_path: Path) -> Path:
    """A small user corpus with no manifest, in press-release and news styles."""
    return write_corpus(
        tmp_path / "press",
        {
            "2019-budget_release.txt": "Budget Release 2019\n\nThe Trust’s budget was set "
            "today.\nPractice-based commissioning returns, said Jane Roe.\n",
            "news item.txt": "Local news\r\n\r\nCCGs and PCTs met on Monday. The CCG’s chair "
            "spoke.\r\nIt's a practice\u00a0based\ncommissioning world.\r\n",
            "notes.md": "not a text file, ignored",
        },
    )


def python() -> str:
    return sys.executable


def command_paths() -> list[list[str]]:
    """Every command, sub-commands included: ["list"], ["stats", "words"], …"""
    from typer.main import get_command

    paths: list[list[str]] = []

    def walk(command: object, prefix: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            paths.append(prefix)
            return
        if prefix:
            paths.append(prefix)
        for name, sub in subcommands.items():
            walk(sub, [*prefix, name])

    walk(get_command(app), [])
    return paths


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Indexes go to a cache folder of the test session's own, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("NHSALLIANCE_NO_INDEX", raising=False)
