"""Negations and modal verbs around a half-remembered quotation, at each distance.

A quotation cut just after a negation ("be afraid to challenge" from "never again be afraid
to challenge") turns the meaning round: the look-up takes in a negation up to two words
before the matched passage, within its sentence, and flags the difference. Modal verbs are
compared within the passage only. Texts are built here; the fillers are ordinary words.
"""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.lookup.find import Match, find_quote
from nhsalliance_cli.analyses.lookup.words import MODALS
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.stopwords import load_stopwords

STOPWORDS = load_stopwords()
TYPED = "be afraid to challenge the management of the trust"
FILLERS = ["again", "truly", "ever", "really"]
LOOK_BACK = 2  # words before the passage in which a negation still counts


def best(source: str, typed: str) -> Match:
    corpus = Corpus("t", (Document("t", "t.txt", source, "t"),))
    found = find_quote(corpus, typed, [], STOPWORDS)
    assert found, "the passage is found"
    return found[0]


def sentence(before: str) -> str:
    return f"The members said that they {before} {TYPED}. Other words follow here."


@pytest.mark.parametrize("negation", ["not", "never", "no", "nor", "none", "cannot"])
@pytest.mark.parametrize("distance", [1, 2, 3, 4])
def test_a_negation_before_the_passage_counts_up_to_two_words_back(
    negation: str, distance: int
) -> None:
    between = " ".join(FILLERS[: distance - 1])
    match = best(sentence(f"{negation} {between}"), TYPED)
    assert match.polarity_differs is (distance <= LOOK_BACK)
    if distance <= LOOK_BACK:
        shown = "not" if negation == "cannot" else negation  # cannot is can + not
        assert match.note == f'the source says "{shown}", which the quotation leaves out'
        assert match.score < 100
        assert match.passage.count(negation) == 1
    else:
        assert match.note is None and match.score == 100.0


@pytest.mark.parametrize("distance", [1, 2])
def test_a_negation_in_the_previous_sentence_does_not_count(distance: int) -> None:
    between = " ".join(FILLERS[: distance - 1])
    source = f"They said never{(' ' + between) if between else ''}. {TYPED.capitalize()}."
    match = best(source, TYPED)
    assert not match.polarity_differs and match.note is None


@pytest.mark.parametrize("distance", [1, 2, 3])
def test_a_negation_typed_and_said_is_no_difference(distance: int) -> None:
    between = " ".join(FILLERS[: distance - 1])
    match = best(sentence(f"never {between}"), f"never {between} {TYPED}")
    assert not match.polarity_differs and match.score == 100.0


@pytest.mark.parametrize("distance", [1, 2, 3])
def test_a_modal_before_the_passage_is_not_taken_in(distance: int) -> None:
    between = " ".join(FILLERS[: distance - 1])
    match = best(sentence(f"must {between}"), TYPED)
    assert not match.polarity_differs and match.score == 100.0


@pytest.mark.parametrize("modal", sorted(MODALS))
@pytest.mark.parametrize("position", [0, 2, 5])
def test_a_modal_typed_but_not_said_is_flagged(modal: str, position: int) -> None:
    words = TYPED.split()
    typed = " ".join([*words[:position], modal, *words[position:]])
    match = best(sentence("gladly"), typed)
    # A modal changes what is said, in the note and the score, but is no polarity flip:
    # only a negation is.
    assert not match.polarity_differs
    assert match.note == f'the source does not say "{modal}"'
    assert match.score < 100


@pytest.mark.parametrize(("said", "typed"), [("must", "may"), ("will", "should"), ("can", "must")])
def test_a_modal_swapped_is_flagged_both_ways(said: str, typed: str) -> None:
    source = f"The members said that they {said} challenge the management of the trust today."
    match = best(source, f"they {typed} challenge the management of the trust today")
    assert not match.polarity_differs
    assert match.note == f'the source says "{said}", not "{typed}"'
    assert match.score < 100


def test_a_negation_inside_the_passage_is_flagged_whatever_its_place() -> None:
    words = TYPED.split()
    for position in range(1, len(words)):
        source = " ".join([*words[:position], "not", *words[position:]]) + "."
        match = best(f"The members said they {source}", TYPED)
        assert match.polarity_differs, position
