"""Precision of the names list against names judged by hand (tests/data/names/): the
top of the list as ``nhsalliance names`` orders it (kind, then mentions, then name)."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from nhsalliance_cli.analyses.names.entity import KINDS, Indexed
from nhsalliance_cli.analyses.names.index import NameIndex
from nhsalliance_cli.analyses.names.records import build_index
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.text.namewords import normalize

NAMES_DATA = Path(__file__).parent / "data" / "names"
TOP = 50


def listed(folder: Path | str, kind: str | None = None, top: int = TOP) -> list[Indexed]:
    """The first ``top`` names of the list the ``names`` command shows for ``folder``."""
    index = _index(str(folder))
    order = {k: i for i, k in enumerate(KINDS)}
    entries = [e for e in index.entries if e.mentions]
    entries.sort(key=lambda e: (order[e.entity.kind], -len(e.mentions), e.entity.name))
    return [e for e in entries if kind is None or e.entity.kind == kind][:top]


@functools.cache
def _index(folder: str) -> NameIndex:
    return build_index(load_corpus(folder))


def judged(file: str) -> tuple[set[str], set[str]]:
    """The normalised names and non-names a judged file holds ("A | B": either form)."""
    raw = tomllib.loads((NAMES_DATA / file).read_text("utf-8"))
    sections = [raw, *raw.get("files", {}).values()]

    def forms(key: str) -> set[str]:
        return {
            normalize(form)
            for section in sections
            for item in section.get(key, ())
            for form in item.split("|")
        }

    return forms("names"), forms("junk")


def is_name(entry: Indexed, names: set[str]) -> bool:
    """Whether the name the list shows is judged a name (an alias does not count: "Con
    Stuart Lowther" is no name though it holds one)."""
    return normalize(entry.entity.name) in names


def precision(entries: list[Indexed], names: set[str]) -> float:
    """The share of ``entries`` judged names; one not judged counts as junk."""
    if not entries:
        return 0.0
    return sum(is_name(e, names) for e in entries) / len(entries)


def recall(folder: Path | str, names: set[str]) -> float:
    """The share of the judged names the whole list holds, as a name or an alias."""
    held = {normalize(f) for e in listed(folder, top=10**9) for f in e.entity.forms}
    return len(names & held) / len(names) if names else 0.0
