"""Shell completion, as bash and zsh ask for it, from the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_corpus


def complete(words: str, cword: int | None = None, **extra: str) -> list[str]:
    parts = words.split(" ")
    env = {k: v for k, v in os.environ.items() if k != "NHSALLIANCE_CORPUS"}
    env |= {
        "_NHSALLIANCE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1 if cword is None else cword),
        **extra,
    }
    script = Path(sys.executable).parent / "nhsalliance"
    result = subprocess.run([str(script)], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.split("\n") if line]


def test_command_names() -> None:
    assert sorted(complete("nhsalliance s")) == ["search", "show", "stats"]
    assert complete("nhsalliance stats c") == ["collocates"]


def test_document_ids_for_show_and_doc() -> None:
    assert complete("nhsalliance show n") == ["nottingham-address-2009", "new-year-message-2013"]
    assert complete("nhsalliance search CCG --doc w") == ["westminster-health-forum-2013"]


def test_speakers_and_names() -> None:
    assert complete("nhsalliance quotes --speaker Ri") == ["Rick Stern"]
    assert complete("nhsalliance quotes --speaker mi") == ["michael dixon"]
    assert "Darzi" in complete("nhsalliance names Dar")
    assert "PBC" in complete("nhsalliance names PB")


def test_completion_follows_corpus(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"alpha one.txt": "x", "beta.txt": "y"})
    assert complete(f"nhsalliance --corpus {folder} show a") == ["alpha-one"]
    assert complete("nhsalliance show b", NHSALLIANCE_CORPUS=str(folder)) == ["beta"]


@pytest.mark.parametrize("words", ["nhsalliance --corpus /no/such show ", "nhsalliance show zzz"])
def test_nothing_to_offer_is_quiet(words: str) -> None:
    assert complete(words) == []


def test_zsh() -> None:
    env = {
        **os.environ,
        "_NHSALLIANCE_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "nhsalliance show w",
    }
    script = Path(sys.executable).parent / "nhsalliance"
    out = subprocess.run([str(script)], capture_output=True, text=True, env=env, check=True)
    assert "westminster-health-forum-2013" in out.stdout
