"""The quotation look-up at its edges: the score threshold, a quotation that runs to the
end of its document, which negations a note names, and how a source is cited."""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.lookup.find import Match, citation, find_quote, human_date
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.stopwords import load_stopwords

STOPWORDS = load_stopwords()


def look_up(source: str, typed: str, min_score: float = 50.0) -> list[Match]:
    corpus = Corpus("t", (Document("t", "t.txt", source, "t"),))
    return find_quote(corpus, typed, [], STOPWORDS, min_score=min_score)


def test_a_perfect_match_passes_a_threshold_of_100() -> None:
    source = "The board met today. Patients deserve a surgery that stays open late."
    typed = "patients deserve a surgery that stays open late"
    (found,) = look_up(source, typed, min_score=100.0)
    assert found.score == 100.0
    assert look_up(source, typed + " every evening", min_score=100.0) == []


@pytest.mark.parametrize("extra", ["indeed", "every single day"])
def test_a_quotation_running_to_the_end_of_the_document(extra: str) -> None:
    source = "The board met. They said the plan for the trust is sound"
    (found,) = look_up(source, f"the plan for the trust is sound {extra}")
    assert found.passage.endswith("the plan for the trust is sound")
    assert found.end == len(source)


def test_the_note_names_the_negation_left_out() -> None:
    source = "Members said they would never vote for the plan and not for the budget."
    (found,) = look_up(source, "members said they would vote for the plan and not for the budget")
    assert found.polarity_differs
    assert found.note == 'the source says "never", which the quotation leaves out'


def test_a_negation_said_twice_and_typed_once() -> None:
    source = "Members said they would not vote for the plan and not for the budget."
    (found,) = look_up(source, "members said they would vote for the plan and not for the budget")
    assert found.note == 'the source says "not", which the quotation leaves out'


@pytest.mark.parametrize(
    ("iso", "shown"),
    [("2012", "2012"), ("2012-03", "March 2012"), ("2012-11-05", "5 November 2012")],
)
def test_human_dates(iso: str, shown: str) -> None:
    assert human_date(iso) == shown


def test_citations() -> None:
    doc = Document("d", "d.txt", "x", "A title", date="2013-01", kind="speech")
    assert citation(doc, "Jane Roe") == "“A title” (speech), January 2013."
    assert citation(doc, "Jane Roe", quoted=True) == (
        "Jane Roe, quoted in “A title” (speech), January 2013."
    )
    assert citation(doc, None, quoted=True) == (
        "Unattributed quotation in “A title” (speech), January 2013."
    )
