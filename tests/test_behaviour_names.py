"""The names index on a text written here: acronyms defined either way round, people
named with a title, scores shown to one decimal, suggestions up to their limit, and which
speakers a name means."""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.names.index import NameIndex
from nhsalliance_cli.analyses.names.records import build_index
from nhsalliance_cli.corpus.model import Corpus, Document

TEXT = (
    "Local doctors formed the CG (Commissioning Group) last year. The CG met often.\n\n"
    "The board, the Rural Practice Network (RPN), agreed.\n\n"
    "Dr Jane Ferris spoke. Dr Paul Anthony Ockham spoke too."
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return build_index(Corpus("t", (Document("t", "t.txt", TEXT, "t"),)))


def entity(index: NameIndex, name: str) -> tuple[str, tuple[str, ...], int]:
    (entry,) = [e for e in index.entries if e.entity.name == name]
    return entry.entity.kind, entry.entity.aliases, len(entry.mentions)


def test_acronyms_defined_either_way_round(index: NameIndex) -> None:
    # A short form with its two-word long form in brackets after it, and the other way.
    assert entity(index, "Commissioning Group") == ("organisation", ("CG",), 3)
    assert entity(index, "Rural Practice Network") == ("organisation", ("RPN",), 2)


def test_people_with_a_title_and_two_or_three_names(index: NameIndex) -> None:
    assert entity(index, "Jane Ferris")[0] == "person"
    assert entity(index, "Paul Anthony Ockham")[0] == "person"
    assert "Ockham" in entity(index, "Paul Anthony Ockham")[1]


@pytest.mark.parametrize("typed", ["commisioning group", "rural practise network", "ferris"])
def test_scores_are_shown_to_one_decimal(index: NameIndex, typed: str) -> None:
    found = index.lookup(typed, min_score=50)
    assert found
    assert all(score == round(score, 1) for _, score in found)
    raw = index._scores(typed)
    assert any(value != round(value, 1) for value in raw.values())  # there was more to cut


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_suggestions_stop_at_their_limit(index: NameIndex, limit: int) -> None:
    every = index.suggestions("commisioning", limit=10)
    assert len(every) > 3
    assert index.suggestions("commisioning", limit=limit) == every[:limit]


def test_which_speakers_a_name_means(index: NameIndex) -> None:
    speakers = {"Jane Ferris", "Paul Ockham", "Jane Fenwick"}
    assert index.people_matching("Jane Ferris", speakers) == {"Jane Ferris"}
    assert index.people_matching("dr jane ferris", speakers) == {"Jane Ferris"}
    # Not a person of the index: near spellings among the speakers' names themselves.
    assert index.people_matching("Paul Ockam", speakers) == {"Paul Ockham"}
    assert index.people_matching("Zed Zebedee", speakers) == set()


def people_in(text: str) -> set[str]:
    index = build_index(Corpus("t", (Document("t", "t.txt", text, "t"),)))
    return {e.entity.name for e in index.entries if e.mentions and e.entity.kind == "person"}


def organisations_in(text: str) -> set[str]:
    index = build_index(Corpus("t", (Document("t", "t.txt", text, "t"),)))
    return {e.entity.name for e in index.entries if e.mentions and e.entity.kind == "organisation"}


def test_people_named_after_an_honorific_or_as_a_label() -> None:
    text = "The vote was close. Sen. Carlos Rivera spoke against it."
    assert people_in(text) == {"Carlos Rivera"}
    text = "The meeting was long.\n\nTomas Ockley: “We will win.”"
    assert people_in(text) == {"Tomas Ockley"}


@pytest.mark.parametrize(
    ("headline", "found"),
    [
        ("Harbour Medical Group", False),  # a heading: every word capitalised
        ("Harbour Medical Group Expands", False),  # a headline of capitals: passed over
        ("Harbour Medical Group Expands Again", False),
        ("Harbour Medical Group expands its work.", True),  # a sentence
    ],
)
def test_headlines_are_not_read_for_names(headline: str, found: bool) -> None:
    text = f"{headline}\n\nThe doctors met on Monday."
    assert any(name.startswith("Harbour Medical") for name in organisations_in(text)) is found
