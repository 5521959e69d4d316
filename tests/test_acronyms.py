"""Acronyms typed for what they stand for, from the glossary or the text's own
definitions: "GP" finds "general practitioner", "NAPC" finds "National Association of
Primary Care" where a text defines it."""

from __future__ import annotations

from pathlib import Path

from nhsalliance_cli.analyses.lookup.acronyms import (
    acronym,
    defined,
    expanded,
    glossary_expansions,
    initials,
)
from nhsalliance_cli.analyses.lookup.find import find_quote
from nhsalliance_cli.analyses.lookup.words import words_of
from nhsalliance_cli.analyses.quotations import corpus_quotations
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.text.stopwords import load_stopwords

STOP = load_stopwords()


def test_what_counts_as_an_acronym() -> None:
    assert acronym("GPs") == "GP" and acronym("NAPC") == "NAPC"
    assert acronym("Gp") is None and acronym("A") is None and acronym("gps") is None
    assert initials(["practice-based", "commissioning"]) == "PBC"
    assert initials(["National", "Association", "of", "Primary", "Care"]) == "NAPC"


def test_the_glossary_pairs_an_acronym_with_the_forms_its_initials_spell() -> None:
    table = glossary_expansions()
    assert ("general", "practitioner") in table["GP"]
    assert all(initials(list(words)) == short for short, forms in table.items() for words in forms)


def test_a_text_defines_its_own_acronyms() -> None:
    text = "The Riverside Walking Club (RWC) met; the RWCs grew. Others (XY) did not (ZZZ)."
    assert defined(text, {"RWC", "XY", "ZZZ", "ABC"}) == {"RWC": ("riverside", "walking", "club")}
    # The fewest words whose initials spell it, small words inside left out.
    assert defined("a plan for the Tree Survey (TS)", {"TS"}) == {"TS": ("tree", "survey")}
    assert defined("Tree Survey (TS)", {"TS"}) == {"TS": ("tree", "survey")}
    assert defined("the Anglo-Saxon (AS) text", {"AS"}) == {"AS": ("anglo", "saxon")}
    text = "the Lovers of Trees (LT) and (LT) again"
    assert defined(text, {"LT"}) == {"LT": ("lovers", "of", "trees")}
    assert defined("Tree Survey " + "x " * 120 + "(TS)", {"TS"}) == {}  # too far before


def test_an_acronym_stands_for_its_words_as_a_contraction_does() -> None:
    words = expanded(words_of("the GPs said"), {"GP": ("general", "practitioner")})
    assert [w.units for w in words] == [("the",), ("general", "practitioner"), ("said",)]
    assert words[1].text == "GPs"
    others = expanded(words_of("the XYZ said"), {"GP": ("general", "practitioner")})
    assert [w.units for w in others] == [("the",), ("xyz",), ("said",)]


def test_an_acronym_finds_its_expansion_and_itself(tmp_path: Path) -> None:
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Club news\n\n4 May 2021\n\n"
        "The Riverside Walking Club (RWC) was founded by six neighbours.\n\n"
        "Last spring the Riverside Walking Club opened a new trail along the canal.\n\n"
        "Every general practitioner in the valley now recommends walking to patients.\n\n"
        "In June the RWC walked from the mill to Hinton Lock and back.\n",
        "utf-8",
    )
    corpus = load_corpus(str(folder))
    quotes = tuple(corpus_quotations(corpus))
    (best, *_) = find_quote(
        corpus, "last spring the RWC opened a new trail by the canal", quotes, STOP
    )
    assert "opened a new trail" in best.passage and best.score >= 66
    (best, *_) = find_quote(corpus, "every GP in the valley recommends walking", quotes, STOP)
    assert "general practitioner" in best.passage
    assert "[-GP-]" not in best.diff  # the acronym equals what it stands for
    # A different acronym for the one the text has is a changed word, not a match.
    typed = "in June the RWC walked from the mill to Hinton Lock"
    assert find_quote(corpus, typed, quotes, STOP)
    assert find_quote(corpus, typed.replace("RWC", "XYZ"), quotes, STOP) == []
