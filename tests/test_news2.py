"""Speakers and names on news written in every style (tests/data/news2, tuned, and
tests/data/news2-unseen, written before the rules and kept aside): NYT '' quotes, British
single quotes, guillemets, long descriptions, unnamed sources, headings and pronouns. The
figures docs/commands.md reports are measured here; then the classes of the issue, each
with cases of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from news2_tables import TUNED, TUNED_PEOPLE, UNSEEN, UNSEEN_PEOPLE, Row
from speaker_figures import figures, found, people_figures

from nhsalliance_cli.analyses.attribution.merging import merge_speakers
from nhsalliance_cli.analyses.names.records import build_index
from nhsalliance_cli.analyses.quotations import document_quotations
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.records.quotation import Quotation

DATA = Path(__file__).parent / "data"


def attributed(folder: str) -> tuple[Corpus, list[Quotation]]:
    corpus = load_corpus(str(DATA / folder))
    return corpus, merge_speakers(document_quotations(doc) for doc in corpus)


TUNED_CORPUS, TUNED_FOUND = attributed("news2")
UNSEEN_CORPUS, UNSEEN_FOUND = attributed("news2-unseen")


def test_news2_figures() -> None:
    tuned = figures(TUNED, TUNED_FOUND)
    assert tuned["found"] == 1.0
    assert tuned["named"] == 1.0
    assert tuned["pronoun"] >= 0.95
    assert tuned["precision"] == 1.0
    precision, recall = people_figures(TUNED_CORPUS, TUNED_PEOPLE)
    assert precision == 1.0
    assert recall >= 0.95
    unseen = figures(UNSEEN, UNSEEN_FOUND)
    assert unseen["found"] >= 0.95
    assert unseen["named"] >= 0.95
    assert unseen["pronoun"] >= 0.9
    assert unseen["precision"] == 1.0
    precision, recall = people_figures(UNSEEN_CORPUS, UNSEEN_PEOPLE)
    assert precision >= 0.95
    assert recall >= 0.85


@pytest.mark.parametrize(
    "row", [*TUNED, *UNSEEN], ids=[f"{r[0]}:{r[1]}" for r in [*TUNED, *UNSEEN]]
)
def test_news2_quotation(row: Row) -> None:
    doc, starts, kind, speaker, _ = row
    q = found(doc, starts, TUNED_FOUND + UNSEEN_FOUND)
    assert q is not None
    assert (q.kind, q.speaker) == (kind, speaker)


def one(text: str) -> list[Quotation]:
    return document_quotations(Document(id="t", file="t.txt", text=text, title="t"))


# --- every quotation style -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "''We will not back down,'' said Gloria T. Vance. ''Not now.''",
        "``We will not back down,'' said Gloria T. Vance. ``Not now.''",
        "\u2018\u2018We will not back down,\u2019\u2019 said Gloria T. Vance.",
        "\u00abWe will not back down\u00bb, said Gloria T. Vance.",
        "\u00ab We will not back down \u00bb, said Gloria T. Vance.",
        "'We will not back down,' said Gloria T. Vance. 'It's not over.'",
    ],
)
def test_every_quotation_style_reads_the_same(text: str) -> None:
    quotes = one(text)
    assert quotes[0].text.rstrip(",") == "We will not back down"
    assert [q.speaker for q in quotes] == ["Gloria T. Vance"] * len(quotes)
    for q in quotes:
        assert q.text[:1] not in "'`\u2018\u00ab " and q.text[-1:] not in "'\u2019\u00bb "
        assert q.text == text[q.start : q.end]


def test_typewriter_quotations_over_paragraphs() -> None:
    text = (
        "''The first paragraph goes on,'' said Nora Quill, the union's leader.\n\n"
        "''We have waited for years.\n\n''We will not wait any longer,'' she said."
    )
    quotes = one(text)
    assert [q.speaker for q in quotes] == ["Nora Quill", "Nora Quill"]
    assert quotes[1].text == "We have waited for years.\nWe will not wait any longer,"
    assert quotes[1].paragraphs == 2


# --- cues as news writes them -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            "Ruth Amberley, the Democratic attorney general of Vermont, one of the states "
            "suing the agency, said: \u201cWe will see them in court.\u201d",
            "Ruth Amberley",
            "the Democratic attorney general of Vermont, one of the states suing the agency",
        ),
        (
            "\u201cWe are close,\u201d said Gov. Andrew M. Pellham, a Democrat who faces "
            "re-election next year.",
            "Andrew M. Pellham",
            "Gov.",
        ),
        ("\u201cNo deal,\u201d said Del. Stacia Plunkett.", "Stacia Plunkett", "Del."),
        ("\u201cNo deal,\u201d said Rep. Carl B. Ranford Jr.", "Carl B. Ranford Jr.", "Rep."),
        ("\u201cNo deal,\u201d said Sen. Hollis Dean III.", "Hollis Dean III", "Sen."),
        ("\u201cNo deal,\u201d said Baroness Wendy Arlott.", "Wendy Arlott", "Baroness"),
        ("\u201cNo deal,\u201d said the Rev. Lionel Marsh.", "Lionel Marsh", "Rev."),
        ("\u201cThey lied,\u201d Newsline\u2019s Joel Parrack said.", "Joel Parrack", None),
    ],
)
def test_titles_out_of_the_name_initials_and_suffixes_in(
    text: str, speaker: str, role: str | None
) -> None:
    (q,) = one(text)
    assert q.speaker == speaker
    if role is not None:
        assert q.role == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("\u201cWe need a win,\u201d said a spokesman for Corvane.", "a spokesman for Corvane"),
        (
            "A spokeswoman for the Department of Energy said: \u201cWe are reviewing it.\u201d",
            "A spokeswoman for the Department of Energy",
        ),
        ("\u201cNobody knows,\u201d officials said.", None),
        (
            "\u201cIt is over,\u201d said one Republican strategist who has worked on "
            "several Senate campaigns.",
            "one Republican strategist",
        ),
        (
            "Officials at the Federal Aviation Administration said: \u201cSafety first.\u201d",
            "Officials at the Federal Aviation Administration",
        ),
        ("\u201cWe object,\u201d said Forty-one.", None),
    ],
)
def test_unnamed_sources_speak_unnamed_with_their_organisation(text: str, role: str | None) -> None:
    (q,) = one(text)
    assert (q.kind, q.speaker) == ("speech", None)
    assert q.role == role


@pytest.mark.parametrize(
    "text",
    [
        "Nurses at a hospital in Cumbria warned that the ward was "
        "\u201cputting lives at risk\u201d.",
        "Del. Ana Ruiz of the Virgin Islands, who sits on the panel, spoke. "
        "\u201cNobody asked us,\u201d she said.",
        "X.\n\nVolunteers for Trump knocked on doors. "
        "\u201cEvery vote counts,\u201d said one of them.",
        "\u201cIt is a fight,\u201d said a voter in New Hampshire.",
        "\u201cWe are not surprised,\u201d said a person who works in the London office.",
    ],
)
def test_a_speaker_is_never_a_place_a_phrase_or_a_heading(text: str) -> None:
    for q in one(text):
        assert q.speaker not in {
            "Cumbria",
            "Virgin Islands",
            "Trump",
            "X. Trump",
            "New Hampshire",
            "London",
        }


# --- coreference ---------------------------------------------------------------------------


def test_a_named_cue_wins_over_the_last_speaker() -> None:
    quotes = one(
        "\u201cThis is wrong,\u201d said Alvin Shepherd. \u201cWe will march,\u201d said "
        "Representative Charles B. Rankin.\n\nDonald Tramp spoke first. \u201cWe are "
        "winning,\u201d Fenwick, a top Tramp surrogate, said."
    )
    assert [q.speaker for q in quotes] == ["Alvin Shepherd", "Charles B. Rankin", "Fenwick"]


def test_pronouns_take_the_nearest_person_the_text_allows() -> None:
    quotes = one(
        "Marisol Ortega met Howard Tsai on Monday. \u201cIt went well,\u201d she said.\n\n"
        "Later Hans Bergmann, a German member of the European Parliament, answered Ms. "
        "Ortega. \u201cThreats are no strategy,\u201d he said.\n\n"
        "Edward G. Renfrew campaigned with Maria L. Castellanos. \u201cShe will win,\u201d "
        "he said. Ms. Castellanos smiled. \u201cWe will see,\u201d she said."
    )
    assert [q.speaker for q in quotes] == [
        "Marisol Ortega",
        "Hans Bergmann",
        "Edward G. Renfrew",
        "Maria L. Castellanos",
    ]


def test_surnames_and_titled_forms_resolve_to_the_fullest_form() -> None:
    quotes = one(
        "Gerald P. Hanlon Jr., the chief executive of Keystone Midstream, praised the vote. "
        "\u201cCertainty lets us invest,\u201d Mr. Hanlon said. \u201cWe will,\u201d Hanlon added."
    )
    assert [q.speaker for q in quotes] == ["Gerald P. Hanlon Jr.", "Gerald P. Hanlon Jr."]


# --- names that are names --------------------------------------------------------------------


def test_people_are_found_without_a_title_or_a_cue() -> None:
    text = (
        "Mayor Unveils Budget With Deep Cuts To Libraries\n\n"
        "Helen Marsh and Samuel Okafor met Maria L. Castellanos in New Hampshire. The "
        "Virgin Islands delegation and Meridian Pictures sent no one. Okafor left early.\n"
    )
    index = build_index(Corpus("t", (Document(id="t", file="t.txt", text=text, title="t"),)))
    people = {e.entity.name: len(e.mentions) for e in index.entries if e.entity.kind == "person"}
    mentioned = {name for name, n in people.items() if n}
    assert {"Helen Marsh", "Samuel Okafor", "Maria L. Castellanos"} <= mentioned
    assert people["Samuel Okafor"] == 2  # Okafor alone later
    assert not mentioned & {
        "Unveils Budget With",
        "New Hampshire",
        "Virgin Islands",
        "Meridian Pictures",
    }


def test_kinds_from_evidence_and_sequences_that_run_into_phrases() -> None:
    text = (
        "Later Bill Carver thanked the crowd, and Bill Carver left.\n\n"
        "The Health and Social Care Bill passed. Dr Amy Reid Thanked Carver For his help, "
        "and the board thanked her.\n"
    )
    index = build_index(Corpus("t", (Document(id="t", file="t.txt", text=text, title="t"),)))
    kinds = {e.entity.name: e.entity.kind for e in index.entries if e.entity.origin == "corpus"}
    assert kinds["Bill Carver"] == "person"  # a first name: not a publication
    assert kinds["Amy Reid"] == "person"
    assert not {"Later Bill Carver", "Amy Reid Thanked Carver", "Reid Thanked"} & set(kinds)


def test_one_person_under_one_name_whatever_the_middle_initial() -> None:
    text = (
        "Donald J. Tramp said: \u201cWe will win.\u201d Later Donald Tramp said it again. "
        "Eric Tramp said: \u201cYes.\u201d\n"
    )
    index = build_index(Corpus("t", (Document(id="t", file="t.txt", text=text, title="t"),)))
    people = {e.entity.name: e.entity.aliases for e in index.entries if e.entity.origin == "corpus"}
    assert people == {"Donald J. Tramp": ("Donald Tramp",), "Eric Tramp": ()}
    merged = merge_speakers([one(text)])
    assert [q.speaker for q in merged] == ["Donald J. Tramp", "Eric Tramp"]
