"""Who said it, on news texts written for these tests (tests/data/news): invented people,
written as news reads, with the usual pitfalls. Each quotation's expected kind and speaker
is in the table; the figures docs/commands.md reports are measured here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nhsalliance_cli.analyses.quotations import corpus_quotations
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.records.quotation import Quotation

DATA = Path(__file__).parent / "data"
FOUND = list(corpus_quotations(load_corpus(str(DATA / "news"))))
# Written after the rules, to measure them on texts they were not made on: the first
# measurement (before two fixes it prompted) is in docs/commands.md.
FOUND_UNSEEN = list(corpus_quotations(load_corpus(str(DATA / "news-unseen"))))

# (document, how the quotation starts, kind, speaker); speaker None: no named source.
EXPECTED: list[tuple[str, str, str, str | None]] = [
    # US style: Sen., Rep., Gov., press secretary; two people named Greer; he and she.
    ("senate-budget", "gut the programs", "speech", "Elizabeth Marlow"),
    ("senate-budget", "We are not going", "speech", "Elizabeth Marlow"),
    ("senate-budget", "Not this year", "speech", "Elizabeth Marlow"),  # interrupted
    ("senate-budget", "Every family", "speech", "Richard Haines"),
    ("senate-budget", "watching the negotiations", "speech", "Daniel Ortiz"),
    ("senate-budget", "This budget is a fantasy", "speech", "Thomas Greer"),
    ("senate-budget", "Absolutely not", "speech", "Thomas Greer"),  # a question's answer
    ("senate-budget", "He wants to cut", "speech", "Elizabeth Marlow"),  # she, not he
    ("senate-budget", "Fair Share", "title", None),
    ("senate-budget", "The numbers simply", "speech", "Congressional Budget Office"),
    ("senate-budget", "I think there is a deal", "speech", "Alicia Greer"),
    ("senate-budget", "We will keep talking", "speech", "Alicia Greer"),  # Ms. Greer
    ("senate-budget", "because the alternative", "speech", "Alicia Greer"),
    ("senate-budget", "Talk is cheap", "speech", "Thomas Greer"),  # Mr. Greer ... he
    # UK style: Dr, Lord, chief executive, Health Secretary; organisations; a list.
    ("gp-funding", "We are seeing practices", "speech", "Priya Nair"),
    ("gp-funding", "Patients will be", "speech", "Priya Nair"),
    ("gp-funding", "the worst it has been", "speech", "Priya Nair"),  # She added that
    ("gp-funding", "Long Term Workforce Plan", "title", None),
    ("gp-funding", "We have increased funding", "speech", None),  # a spokesman said
    ("gp-funding", "This government has been warned", "speech", "Hartley"),  # Lord Hartley
    ("gp-funding", "People are waiting", "speech", "Sarah Okonkwo"),
    ("gp-funding", "The noble lord", "speech", "James Pemberton"),
    ("gp-funding", "within weeks", "speech", "NHS England"),
    ("gp-funding", "a guaranteed minimum", "speech", "Priya Nair"),  # list items
    ("gp-funding", "an end to the freeze", "speech", "Priya Nair"),
    ("gp-funding", "proper funding", "speech", "Priya Nair"),
    ("gp-funding", "If the government meets", "speech", "Priya Nair"),
    # An exchange of questions and answers; a nested quotation; an organisation.
    ("council-exchange", "How many households", "speech", "Margaret Fielding"),
    ("council-exchange", "Around four thousand", "speech", "Tom Ashworth"),
    ("council-exchange", "And when will", "speech", "Margaret Fielding"),  # no cue
    ("council-exchange", "By the end of next month", "speech", "Tom Ashworth"),  # no cue
    ("council-exchange", "route optimisation", "scare", None),
    ("council-exchange", "They have one more chance", "speech", "Tom Ashworth"),
    ("council-exchange", "After that", "speech", "Tom Ashworth"),
    ("council-exchange", "We apologise", "speech", None),  # a company spokeswoman
    ("council-exchange", "Residents have heard", "speech", "Margaret Fielding"),
    ("council-exchange", "They were told", "speech", "Margaret Fielding"),
    ("council-exchange", "it will be fixed", "speech", None),  # nested, by someone
    ("council-exchange", "It is a disgrace", "speech", "Brian Colley"),
    # Business: role before the name, X wrote, said X, an organisation as speaker.
    ("tech-layoffs", "Project Phoenix", "title", None),
    ("tech-layoffs", "This was a painful", "speech", "Laura Brennan"),
    ("tech-layoffs", "a reset, not a retreat", "speech", "Laura Brennan"),
    ("tech-layoffs", "We over-hired", "speech", "Raj Malhotra"),
    ("tech-layoffs", "Quantiva is simply", "speech", "Raj Malhotra"),
    ("tech-layoffs", "less than an hour", "speech", "Dennis Kowalski"),
    ("tech-layoffs", "People found out", "speech", "Dennis Kowalski"),
    ("tech-layoffs", "Every affected employee", "speech", "Quantiva"),
    ("tech-layoffs", "Wall Street likes", "speech", "Raj Malhotra"),
    # Two people named Burrows, told apart by title and pronoun; an unnamed source.
    ("hospital-strike", "a clear message", "speech", "Joanne Pryce"),
    ("hospital-strike", "Our members", "speech", "Joanne Pryce"),
    ("hospital-strike", "They are exhausted", "speech", "Joanne Pryce"),
    ("hospital-strike", "disappointed", "speech", "Alan Burrows"),
    ("hospital-strike", "We have made a fair offer", "speech", "Alan Burrows"),
    ("hospital-strike", "Patient safety", "speech", "Alan Burrows"),
    ("hospital-strike", "I love this job", "speech", None),  # a ward sister
    ("hospital-strike", "We are asking", "speech", "Joanne Pryce"),
    ("hospital-strike", "The union's figures", "speech", "Alan Burrows"),  # two in a paragraph
    ("hospital-strike", "Without them", "speech", "Kate Burrows"),
    ("hospital-strike", "We stand with", "speech", "Kate Burrows"),
    ("hospital-strike", "and so do most", "speech", "Kate Burrows"),
    ("hospital-strike", "I have asked the board", "speech", "Alan Burrows"),  # Professor
    # The short cases of the issue.
    ("short-items", "We will win", "speech", "Smith"),
    ("short-items", "We are confident", "speech", "Jones"),
    ("short-items", "This is a matter", "speech", "Emma Runswick"),
    ("short-items", "failed an entire", "speech", "Emma Runswick"),
    ("short-items", "We need more nurses", "speech", "Alan Hughes"),
    ("short-items", "That is not what", "speech", "John Carter"),  # not Ms Lee
    ("short-items", "We are going to build", "speech", "Trump"),
    ("short-items", "I have a plan", "speech", "Warren"),
    # From a new user's review: first names' genders, a role then the name, fragments in
    # reported speech (according to X, X called it), and scare quotes that stay so.
    ("pledge-row", "The NHS is in a crisis", "speech", "Sarah Lindqvist"),
    ("pledge-row", "working flat out", "speech", "Tom Brannigan"),
    ("pledge-row", "We have heard these", "speech", "Sarah Lindqvist"),  # she: not Tom
    ("pledge-row", "We are failing", "speech", "Rachel Ng"),  # the charity's director, Dr
    ("pledge-row", "a scandal", "speech", "Owen Marsh"),
    ("pledge-row", "barely cover inflation", "speech", "Gemma Price"),  # according to Price
    ("pledge-row", "cruel and short-sighted", "speech", "Carlos Rivera"),  # called the law
    ("pledge-row", "Patient Choice Act", "title", None),
    ("pledge-row", "remains committed", "speech", None),  # a spokeswoman for the insurer
    ("pledge-row", "efficiency drive", "scare", None),  # so-called
    ("pledge-row", "care credits", "scare", None),  # a scheme called
    ("pledge-row", "stable", "scare", None),  # according to the latest figures
    ("pledge-row", "bold step", "scare", None),  # called its plan a “bold step” forward
    ("pledge-row", "We will keep the ward", "speech", "Priya Shah"),
    ("pledge-row", "I have seen this", "speech", "Tom Hill"),
    ("pledge-row", "Nobody believes it", "speech", "Tom Hill"),
]


UNSEEN: list[tuple[str, str, str, str | None]] = [
    ("immigration-deal", "We were this close", "speech", "Patricia Navarro"),
    ("immigration-deal", "And then the White House", "speech", "Patricia Navarro"),
    ("immigration-deal", "never negotiated", "speech", "Gordon Whitaker"),
    ("immigration-deal", "more interested", "speech", "Gordon Whitaker"),
    ("immigration-deal", "every reasonable concession", "speech", "Leonard Fisk"),
    ("immigration-deal", "Nobody walked away", "speech", "Leonard Fisk"),
    ("immigration-deal", "The president wants a deal", "speech", "Leonard Fisk"),
    ("immigration-deal", "I am not going to point", "speech", "Carl Hoffmann"),
    ("immigration-deal", "We all have to look", "speech", "Carl Hoffmann"),
    ("immigration-deal", "Carl is a serious person", "speech", "Patricia Navarro"),
    ("immigration-deal", "If there is a path", "speech", "Patricia Navarro"),
    ("immigration-deal", "Families are going", "speech", "Rosa Delgado"),
    ("hospital-merger", "This is a consultation", "speech", "Fiona Grant"),
    ("hospital-merger", "We want to hear", "speech", "Fiona Grant"),
    ("hospital-merger", "Every time they say", "speech", "Harold Beck"),
    ("hospital-merger", "consultation", "scare", None),
    ("hospital-merger", "First it was", "speech", "Harold Beck"),
    ("hospital-merger", "I will not stand by", "speech", "Judith Carraway"),
    ("hospital-merger", "I cannot rule", "speech", "Fiona Grant"),
    ("hospital-merger", "cost lives", "speech", "Royal College of Emergency Medicine"),
    ("hospital-merger", "The evidence is clear", "speech", "Royal College of Emergency Medicine"),
    ("hospital-merger", "Make your voice heard", "speech", "Harold Beck"),
    ("hospital-merger", "This is our hospital", "speech", "Harold Beck"),
    ("trade-interview", "here to stay", "speech", "Helen Vasquez"),  # in the headline
    ("trade-interview", "Are the tariffs", "speech", "Daniel Kim"),
    ("trade-interview", "No. They are here", "speech", "Helen Vasquez"),
    ("trade-interview", "Some manufacturers", "speech", "Daniel Kim"),
    ("trade-interview", "I tell them", "speech", "Helen Vasquez"),
    ("trade-interview", "And the farmers", "speech", "Daniel Kim"),
    ("trade-interview", "We have a relief package", "speech", "Helen Vasquez"),
    ("trade-interview", "living in a different economy", "speech", "Thomas Reilly"),
    ("trade-interview", "Our members are laying off", "speech", "Thomas Reilly"),
    ("trade-interview", "That is not a talking point", "speech", "Thomas Reilly"),
    ("trade-interview", "I support holding", "speech", "Janet Olsen"),
    ("trade-interview", "but my farmers", "speech", "Janet Olsen"),
    ("westminster-row", "full confidence", "speech", "Downing Street"),
    ("westminster-row", "The minister has followed", "speech", None),  # a No 10 spokesman
    ("westminster-row", "deeply troubling", "speech", "Owen Prothero"),
    ("westminster-row", "If there is nothing", "speech", "Owen Prothero"),
    ("westminster-row", "I had no role", "speech", "Helen Ashdown"),
    ("westminster-row", "None.", "speech", "Helen Ashdown"),
    ("westminster-row", "The public deserve", "speech", "Daisy Okafor"),
    ("westminster-row", "not fit for purpose", "speech", "Malcolm Reeve"),
    ("westminster-row", "The system relies", "speech", "Malcolm Reeve"),  # Sir Malcolm
    ("westminster-row", "That is like", "speech", "Malcolm Reeve"),
    ("westminster-row", "Absolutely not", "speech", "Helen Ashdown"),  # the baroness
    ("westminster-row", "We have heard", "speech", "Owen Prothero"),
]


def found(doc: str, starts: str, among: list[Quotation] = FOUND) -> Quotation | None:
    return next((q for q in among if q.doc == doc and q.text.startswith(starts)), None)


# What the rules get wrong here, said honestly (docs/commands.md repeats it).
KNOWN_MISSES = {
    ("trade-interview", "here to stay"): (
        "a headline's speaker named only by a role (Trade chief) is not found"
    ),
}


def news_params() -> list[Any]:
    """Every expected quotation; the known misses marked strictly, so a fix shows as XPASS."""
    return [
        pytest.param(
            *case,
            id=f"{case[0]}:{case[1]}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case[:2]])]
            if case[:2] in KNOWN_MISSES
            else [],
        )
        for case in [*EXPECTED, *UNSEEN]
    ]


@pytest.mark.parametrize(("doc", "starts", "kind", "speaker"), news_params())
def test_news_quotation(doc: str, starts: str, kind: str, speaker: str | None) -> None:
    q = found(doc, starts, FOUND + FOUND_UNSEEN)
    assert q is not None
    assert (q.kind, q.speaker) == (kind, speaker)


def figures(
    expected: list[tuple[str, str, str, str | None]] = EXPECTED, among: list[Quotation] = FOUND
) -> dict[str, float]:
    """The three figures of docs/commands.md: found, right speaker, precision of speech."""
    speech = [e for e in expected if e[2] == "speech"]
    named = [e for e in speech if e[3] is not None]
    hits = {(d, s): found(d, s, among) for d, s, _, _ in expected}
    found_speech = [e for e in speech if (q := hits[(e[0], e[1])]) and q.kind == "speech"]
    right = [e for e in named if (q := hits[(e[0], e[1])]) and q.speaker == e[3]]
    listed = [q for q in among if q.kind == "speech"]
    expected_speech = {hits[(e[0], e[1])] for e in speech}
    return {
        "quotations": len(speech),
        "named": len(named),
        "found": len(found_speech) / len(speech),
        "right_speaker": len(right) / len(named),
        "speech_precision": sum(q in expected_speech for q in listed) / len(listed),
    }


def test_news_figures() -> None:
    f = figures()
    assert f["quotations"] >= 40
    assert f["found"] >= 0.95
    assert f["right_speaker"] >= 0.95
    assert f["speech_precision"] >= 0.95
    unseen = figures(UNSEEN, FOUND_UNSEEN)
    assert unseen["found"] >= 0.9
    assert unseen["right_speaker"] >= 0.9
    assert unseen["speech_precision"] >= 0.95


@pytest.mark.parametrize(
    ("expected", "among"), [(EXPECTED, FOUND), (UNSEEN, FOUND_UNSEEN)], ids=["news", "unseen"]
)
def test_every_quotation_of_the_corpus_is_in_the_table(
    expected: list[tuple[str, str, str, str | None]], among: list[Quotation]
) -> None:
    listed = {(q.doc, q.start) for q in among}
    tabled = {(q.doc, q.start) for d, s, _, _ in expected if (q := found(d, s, among)) is not None}
    assert listed == tabled


def one(text: str) -> list[Quotation]:
    doc = Document(id="t", file="t.txt", text=text, title="t")
    return list(corpus_quotations(Corpus("test", (doc,))))


def test_a_surname_shared_by_two_people_follows_the_title() -> None:
    found = one(
        "Mr John Reed and Mrs Anna Reed both spoke. “We object,” said Mrs Reed. "
        "“So do I,” Mr Reed said."
    )
    assert [q.speaker for q in found] == ["Anna Reed", "John Reed"]


def test_the_role_is_kept_out_of_the_name() -> None:
    (q,) = one("“We are reviewing the data,” said Senate Majority Leader Ruth Calder.")
    assert (q.speaker, q.role) == ("Ruth Calder", "Senate Majority Leader")
    (q,) = one("Sen. Ruth Calder, D-Ore., said: “We are reviewing the data.”")
    assert (q.speaker, q.role) == ("Ruth Calder", "D-Ore.")


def test_an_organisation_speaks() -> None:
    found = one(
        "“We do not comment on leaks,” the White House said.\n\n"
        "NHS England said: “Waiting lists are falling.”"
    )
    assert [(q.speaker, q.rule) for q in found] == [("White House", "cue"), ("NHS England", "cue")]


def test_a_pronoun_never_takes_a_person_it_excludes() -> None:
    found = one("Mrs Ada Holt met Mr Ben Cole. “It went well,” she said. “Very well,” he said.")
    assert [q.speaker for q in found] == ["Ada Holt", "Ben Cole"]


def test_the_glossary_name_only_where_the_document_matches_it() -> None:
    found = one(
        "Dr Jane Dixon, a GP in Leeds, said: “We are short of staff.” Dixon added: “Badly.”"
    )
    assert [q.speaker for q in found] == ["Jane Dixon", "Jane Dixon"]
    (q,) = one("Dr Dixon said: “Commissioning must be led by clinicians.”")
    assert q.speaker == "Michael Dixon"  # the glossary's only Dixon


def test_a_description_is_the_person_last_named_with_that_title() -> None:
    found = one(
        "President Gordon Whitaker met Sen. Ann Cole on Monday. "
        "“We made progress,” the president said. “Not enough,” the senator said."
    )
    assert [(q.speaker, q.rule) for q in found] == [
        ("Gordon Whitaker", "description"),
        ("Ann Cole", "description"),
    ]


def test_the_issue_examples() -> None:
    found = one(
        "“We will win,” Smith said.\n\nJones told reporters: “We will see.”\n\n"
        "Dr Emma Runswick said the government had “failed young doctors”.\n\n"
        "Tom Green spoke first. “We need more nurses,” according to union rep Alan Hughes.\n\n"
        "Ms Lee chaired. John Carter disagreed. “That is wrong,” he said."
    )
    assert [(q.kind, q.speaker) for q in found] == [
        ("speech", "Smith"),
        ("speech", "Jones"),
        ("speech", "Emma Runswick"),
        ("speech", "Alan Hughes"),
        ("speech", "John Carter"),
    ]


def test_a_long_paragraph_of_quotations_is_linear() -> None:
    """No timing here (benchmarks/ does that): a subprocess with a generous timeout."""
    import subprocess
    import sys

    code = (
        "from nhsalliance_cli.corpus.model import Document;"
        "from nhsalliance_cli.analyses.attribution.quotes import extract, People;"
        "t = 'Dr Smith said “we need more funding (as agreed)” at the meeting. ' * 15000;"
        "print(len(extract(Document(id='t', file='t', text=t, title='t'), People(()))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "15000"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("“This is a disgrace,” said Sen. Chuck Rowan (D-N.Y.).", "Chuck Rowan", "Sen."),
        ("In an interview with CNN, Warren said: “I will run.”", "Warren", None),
        ("Kemp, speaking at the White House, said: “We will build it.”", "Kemp", None),
        (
            "Ann Dale’s campaign manager, Robby Mook, said: “We are confident.”",
            "Robby Mook",
            "Ann Dale’s campaign manager",
        ),
        ("“No comment,” said Kim Conway, counselor to the president.", "Kim Conway", None),
        ("“We need a vote,” Sanders told The Washington Post.", "Sanders", None),
        ("FBI Director James Comey said: “We found no evidence.”", "James Comey", "FBI Director"),
        ("“I will not resign,” Ms. Patel said on Tuesday.", "Patel", "Ms."),
        ("Ed Lamb spoke. “We are done,” the Ohio Democrat said.", "Ed Lamb", "Ohio Democrat"),
    ],
)
def test_us_style_cues(text: str, speaker: str, role: str | None) -> None:
    (q,) = one(text)
    assert (q.kind, q.speaker, q.role) == ("speech", speaker, role)


def test_short_turns_in_an_exchange_are_speech_and_alternate() -> None:
    found = one(
        "“Will you stand again?” Ms Hale asked Mr Ross.\n\n“No,” Mr Ross said.\n\n"
        "“Why not?”\n\n“Tired.”"
    )
    assert [(q.kind, q.speaker, q.rule) for q in found] == [
        ("speech", "Hale", "cue"),
        ("speech", "Ross", "cue"),
        ("speech", "Hale", "alternation"),
        ("speech", "Ross", "alternation"),
    ]


def test_a_quoted_sentence_with_no_cue_is_the_nearest_named_persons() -> None:
    (q,) = one("Mrs Ada Holt stood up. “It is time.” The room fell silent.")
    assert (q.kind, q.speaker, q.rule) == ("speech", "Ada Holt", "nearest")
    (q,) = one("Mrs Ada Holt called the plan a “bold step” forward.")
    assert q.kind == "scare"  # not a sentence of its own


def test_a_person_after_a_preposition_is_not_the_speaker() -> None:
    (q,) = one("“We deny it,” a spokesman for Mr Smith said.")
    assert (q.kind, q.speaker) == ("speech", None)
    (q,) = one("Asked about Trump, Pence said: “No comment.”")
    assert q.speaker == "Pence"


def test_cues_read_across_the_line_breaks_of_wrapped_prose() -> None:
    (q, *_) = one(
        "Health campaigners gathered outside the town hall on Monday morning to\n"
        "protest. “We will not be silenced by anyone at all,” said\n"
        "Dr Jane Walsh, who chairs the local branch of the association, to cheers.\n\n"
        "Next paragraph."
    )
    assert (q.speaker, q.cue) == ("Jane Walsh", "said Dr Jane Walsh")


def test_a_description_by_role_is_the_person_given_that_role() -> None:
    found = one(
        "Dr Fiona Grant, the board's medical director, insisted nothing was decided. "
        "Mr Harold Beck disagreed. “It is a done deal,” he said. "
        "“It is not,” the medical director said."
    )
    assert [(q.speaker, q.rule) for q in found] == [
        ("Harold Beck", "pronoun"),
        ("Fiona Grant", "description"),
    ]
    (q,) = one(
        "Jo Hart, a spokeswoman for the campaign, spoke. “We are ready,” the spokeswoman said."
    )
    assert q.speaker == "Jo Hart"


def test_sir_and_a_first_name_is_the_knight() -> None:
    found = one(
        "Sir Malcolm Reeve, the former head of the civil service, spoke. "
        "“The rules are weak,” Sir Malcolm said. “Hillary knows it,” said Hillary Dunn. "
        "“I do,” Hillary said."
    )
    assert [q.speaker for q in found] == ["Malcolm Reeve", "Hillary Dunn", "Hillary Dunn"]
