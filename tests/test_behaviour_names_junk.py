"""What a names list must leave out on text nobody here wrote (documentation, menus,
release notes), one class at a time, on texts built here: sentence openers and headings,
identifiers, common words, labels, and the mentions a common word would add."""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.names.index import NameIndex
from nhsalliance_cli.analyses.names.lines import (
    is_common_word,
    is_inflected_word,
    lower_words,
    opens_sentence,
)
from nhsalliance_cli.analyses.names.people import reads_as_person
from nhsalliance_cli.analyses.names.records import build_index, document_names
from nhsalliance_cli.corpus.model import Corpus, Document


def index_of(*texts: str) -> NameIndex:
    docs = tuple(Document(f"d{i}", f"d{i}.txt", t, f"d{i}") for i, t in enumerate(texts))
    return build_index(Corpus("t", docs))


def named(*texts: str, kind: str | None = None) -> dict[str, int]:
    """Each listed name of ``kind`` with its mentions."""
    return {
        e.entity.name: len(e.mentions)
        for e in index_of(*texts).entries
        if e.mentions and (kind is None or e.entity.kind == kind) and e.entity.origin != "glossary"
    }


# --- the words and positions the rules read ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "opens"),
    [
        ("Support for it came.", "Support", True),
        ("It rained. Support came.", "Support", True),
        ("Notes:  Support came.", "Support", True),
        ("- Support came", "Support", True),
        ("x\n“Support came”", "Support", True),
        ("Layer → New Layer Group", "New", True),
        ("the Support team", "Support", False),
        ("said ‘Support’ twice", "Support", False),
        ("Dr. Support", "Support", True),  # a period ends a sentence as far as this reads
    ],
)
def test_what_opens_a_sentence(text: str, word: str, opens: bool) -> None:
    assert opens_sentence(text, text.rindex(word)) is opens


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("Support", True),
        ("Groups", True),  # a plural of a common word
        ("Parameters", True),
        ("although", True),  # a function word
        ("Ockham", False),  # WordNet's, but a proper name only
        ("Bede", False),
        ("London", False),
        ("Niebler", False),
        ("Id", True),
    ],
)
def test_common_words(word: str, common: bool) -> None:
    assert is_common_word(word) is common


@pytest.mark.parametrize(
    ("word", "inflected"),
    [("Loads", True), ("Returns", True), ("Marsh", False), ("Dass", False), ("Davis", False)],
)
def test_plural_and_verb_forms(word: str, inflected: bool) -> None:
    assert is_inflected_word(word) is inflected


@pytest.mark.parametrize(
    ("words", "title", "person"),
    [
        (["Requests", "and"], False, False),  # a joining word ends it
        (["Support", "for"], False, False),
        (["Comparator", "NullPointerException"], False, False),  # an identifier
        (["Extracts", "EDoc"], False, False),
        (["Type", "Parameters"], False, False),  # a common first word
        (["Makefile", "Loads"], False, False),  # a verb form for a surname
        (["Logging", "Django"], False, False),  # the text writes "logging"
        (["Gideon", "Marsh"], False, True),  # a common word is a surname too
        (["Bede", "Arkwright"], False, True),
        (["Tony", "McDonald"], False, True),  # a surname's prefix, not camel case
        (["Anthony", "DeLuca"], False, True),
        (["Maria", "de", "la", "Cruz"], False, True),  # particles
        (["Type", "Green"], True, True),  # a title vouches for it
    ],
)
def test_words_that_read_as_a_person(words: list[str], title: bool, person: bool) -> None:
    lower = lower_words("the logging module writes its logs")
    assert reads_as_person(words, lower, title) is person


# --- people ------------------------------------------------------------------------------


def test_sentence_openers_and_headings_name_no_one() -> None:
    text = (
        "Requests and Responses\n\n"
        "Support for streaming was added, says the changelog. Logging Django said nothing "
        "of the logging module.\n\n"
        "Bugfixes\n\n"
        "Fixed a crash when the request is empty.\n\n"
        "Sarah Pennington said the release was late."
    )
    assert set(named(text, kind="person")) == {"Sarah Pennington"}


def test_identifiers_beside_a_verb_name_no_one() -> None:
    text = (
        "Comparator NullPointerException is thrown if the key is null.\n\n"
        "FilterOutputStream Although writes bytes, it said nothing.\n\n"
        "Makefile Loads said the build was slow."
    )
    assert named(text, kind="person") == {}


def test_a_common_surname_alone_is_no_mention() -> None:
    # Young opens sentences as a common word; Craig Young is named twice in full.
    text = (
        "Craig Young said the plan was sound. Young people disagreed.\n\n"
        "Young voters, said Craig Young, want more. The young are restless."
    )
    assert named(text, kind="person") == {"Craig Young": 2}
    # Written alone inside a sentence, it is his surname there; the openers still are not.
    text += " According to Young, it will pass."
    assert named(text, kind="person") == {"Craig Young": 3}
    # A surname no common word stays an alias: Pennington alone mentions her.
    text = "Sarah Pennington said so. Later Pennington said it again."
    assert named(text, kind="person") == {"Sarah Pennington": 2}


def test_a_surname_written_alone_after_a_title_is_still_an_alias() -> None:
    text = "Craig Young said the plan was sound. Mr Young said it twice."
    index = index_of(text)
    (young,) = [e for e in index.entries if e.entity.name == "Craig Young"]
    assert "Young" in young.entity.aliases


# --- names of things ---------------------------------------------------------------------


def test_an_organisation_word_makes_a_body_only_as_the_head_or_before_of() -> None:
    text = (
        "Open the Unit Editor dialog and the Service Provider Interface. The Department "
        "of Health and the Harbour Medical Group wrote back. Set Group and Permission."
    )
    found = set(named(text, kind="organisation"))
    assert found == {"Department of Health", "Harbour Medical Group"}


def test_a_plural_head_with_common_words_names_a_class() -> None:
    text = "See Layer Groups and Process Groups. The Kestrel Groups met. Hold the Google Groups."
    found = set(named(text, kind="organisation"))
    assert "Layer Groups" not in found and "Process Groups" not in found
    assert "Kestrel Groups" in found and "Google Groups" in found


def test_a_sentence_opener_the_text_writes_in_lower_case_is_no_part_of_a_name() -> None:
    text = (
        "Add Harbour Trust to the list of partners. You can add more later.\n\n"
        "Layer → New Marsh Group creates a new group."
    )
    found = set(named(text, kind="organisation"))
    assert "Harbour Trust" in found and "Add Harbour Trust" not in found
    assert "Marsh Group" in found and "New Marsh Group" not in found
    # Never written in lower case: the first word is the name's (Harbour Medical Group).
    text = "Harbour Medical Group expands its work."
    assert set(named(text, kind="organisation")) == {"Harbour Medical Group"}
    # Written inside a sentence too: the whole name stands.
    text = "New Harbour Group opened. They joined the New Harbour Group. A new day."
    assert set(named(text, kind="organisation")) == {"New Harbour Group"}


def test_a_name_the_text_also_writes_in_lower_case_is_a_common_phrase() -> None:
    text = "Open the Layer Group menu. A layer group holds layers."
    assert "Layer Group" not in named(text)
    text = "Open the Kestrel Group menu. A layer group holds layers."
    assert "Kestrel Group" in named(text)


def test_a_common_one_word_form_opening_a_line_mentions_nothing() -> None:
    # The glossary's Monitor (a regulator) against "Monitor the queue" in a manual.
    manual = "Monitor the queue daily.\n\nMonitor\n\nThe monitor shows it."
    index = index_of(manual)
    (monitor,) = [e for e in index.entries if e.entity.name == "Monitor"]
    assert len(monitor.mentions) == 0
    news = "The regulator, Monitor, said trusts were in deficit."
    (monitor,) = [e for e in index_of(news).entries if e.entity.name == "Monitor"]
    assert len(monitor.mentions) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The result is ZERO.sqrt(mc).equals (ZSME) in every case.",
        "Use vertical tab, U+000B (VT) here.",
        "Set NewState} -> my_uniform (NSMU) first.",
    ],
)
def test_code_and_lists_are_no_long_forms(text: str) -> None:
    record = document_names(Document("t", "t.txt", text, "t"))
    assert [name for name, kind, _ in record.entities if kind == "term"] == []


def test_an_acronym_defined_in_words_still_is() -> None:
    text = "The Simple Network Management Protocol (SNMP) is old. SNMP runs on UDP."
    record = document_names(Document("t", "t.txt", text, "t"))
    assert ("Simple Network Management Protocol", "term", ("SNMP",)) in record.entities


def test_a_byline_names_its_writer() -> None:
    text = "Budget Row Deepens\n\nBy Karen Whitfield\n\nThe vote was close, officials said."
    assert set(named(text, kind="person")) == {"Karen Whitfield"}
    text = "Budget Row Deepens\n\nBy Staff Reporters\n\nThe vote was close, officials said."
    assert named(text, kind="person") == {}


@pytest.mark.parametrize(
    "text",
    [
        # a menu's language label, a heading and a setting
        "Language\n\nU.S. English\n\nChoose U.S. English from the list. The u.s. english "
        "setting is old.",
        # month and day names opening a heading and a sentence
        "Monday Morning Briefing\n\nOn Monday the council met. In March the council met.",
        # units in a list and a sentence
        "Set the width to 12 Pixels. Units: Pixels, Inches, Millimeters. Select Inches and "
        "set inches to 2.",
        # capitalised common words after a colon
        "Note: Support for Python 3.12 was added.\n\nSee also: Release Notes for details.",
    ],
)
def test_labels_months_and_units_name_nothing(text: str) -> None:
    assert named(text) == {}


def test_real_names_the_junk_rules_must_keep() -> None:
    """A surname of two parts with a prefix's capital (McCarron-Nash), and a first name
    that is a common word (Gill) where the text gives the surname a title elsewhere."""
    people = named(
        "The motion was proposed by Dr Beth McCarron-Nash, a GP in Cornwall.\n\n"
        "The director of nursing, Gill Heaton, said she understood. "
        '"We value our staff," Mrs Heaton said.\n',
        kind="person",
    )
    assert "Beth McCarron-Nash" in people
    assert "Gill Heaton" in people
    # without the title elsewhere a common first word still reads as no name
    assert "Gill Heaton" not in named("Gill Heaton said it was fine.\n", kind="person")
