"""Speaker classes from a new user's review: gender from first names, a continuation
(she added) going back to the last speaker it fits, appositions around a name, partial
quotations in reported speech, and `names` finding people named beside a reporting verb.
Invented people and texts, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke
from nhsalliance_cli.analyses.attribution.personwords import gender_of_first_name
from nhsalliance_cli.analyses.quotations import corpus_quotations
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.records.quotation import Quotation


def one(text: str) -> list[Quotation]:
    doc = Document(id="t", file="t.txt", text=text, title="t")
    return list(corpus_quotations(Corpus("test", (doc,))))


def test_first_names_give_a_gender_only_where_unambiguous() -> None:
    assert gender_of_first_name(("Sarah", "Lindqvist")) == "f"
    assert gender_of_first_name(("Tom", "Brannigan")) == "m"
    for ambiguous in ("Sam", "Alex", "Jordan", "Chris", "Jamie"):
        assert gender_of_first_name((ambiguous, "Smith")) == ""
    assert gender_of_first_name(("Sarah",)) == ""  # a single word may be a surname


def test_a_pronoun_skips_a_person_whose_first_name_excludes_it() -> None:
    found = one(
        "“The wards are full,” said Nora Quill, a nurse. Transport Secretary Ian Vale told "
        "MPs the plan was “on track”. She added: “Nobody believes that.”"
    )
    assert [(q.text[:8], q.speaker) for q in found] == [
        ("The ward", "Nora Quill"),
        ("on track", "Ian Vale"),
        ("Nobody b", "Nora Quill"),
    ]
    found = one(
        "Olivia Marsh spoke first. Gareth Penn spoke next. “It went badly,” she said. "
        "“Very,” he said."
    )
    assert [q.speaker for q in found] == ["Olivia Marsh", "Gareth Penn"]


def test_a_title_outweighs_a_first_name() -> None:
    found = one("Mrs Tom Reid spoke after Peter Vance. “We object,” she said.")
    assert [q.speaker for q in found] == ["Tom Reid"]


def test_an_ambiguous_first_name_leaves_the_pronoun_to_the_nearest() -> None:
    found = one("Helen Brooks spoke. Sam Ortega replied. “Thank you,” he said.")
    assert [q.speaker for q in found] == ["Sam Ortega"]


def test_he_added_goes_back_to_the_last_speaker_it_fits() -> None:
    found = one(
        "“We will not close the ward,” said Martin Oduya. His deputy, Alice Wren, was "
        "at the meeting too. He added: “Not while I am here.”"
    )
    assert [q.speaker for q in found] == ["Martin Oduya", "Martin Oduya"]


def test_a_role_phrase_then_the_name_between_commas_is_that_person() -> None:
    cases = [
        ("“We are failing,” said the trust’s medical director, Dr Omar Said.", "Omar Said"),
        ("“We are failing,” said Shelter's head of policy, Ann Lee.", "Ann Lee"),
        ("“We are failing,” the union's regional organiser, Gwen Hale, said.", "Gwen Hale"),
        ("The board's finance director, Ivo Kral, said: “We are failing.”", "Ivo Kral"),
        ("“We are failing,” said the council’s leader Dr Nina Ash.", "Nina Ash"),
        ("“We are failing,” said a local GP, Dr Ann Hale.", "Ann Hale"),
        ("“We are failing,” said one of the organisers, Jane Roe.", "Jane Roe"),
        ("“We are failing,” said the mother of two, Kerry Dunn.", "Kerry Dunn"),
        ("“We are failing,” said Rachel Ng's deputy, Tom Hall.", "Tom Hall"),
    ]
    for text, speaker in cases:
        (q,) = one(text)
        assert (q.kind, q.speaker) == ("speech", speaker), text
        assert q.role  # the phrase is kept as the role


def test_a_phrase_that_is_no_role_does_not_take_the_name_after_it() -> None:
    (q,) = one("“We are failing,” said the report, Health Matters.")
    assert (q.kind, q.speaker) == ("speech", None)
    (q,) = one("“We are failing,” said the director, who asked not to be named.")
    assert (q.kind, q.speaker) == ("speech", None)


def test_a_fragment_quoted_in_reported_speech_is_the_speakers() -> None:
    cases = [
        ("According to Okafor, the grant would “barely cover the rent”.", "Okafor"),
        ("The grant, according to Dr Lena Voss, would “barely cover the rent”.", "Lena Voss"),
        ("Gov. Maria Tellez called the ruling “reckless and cruel.”", "Maria Tellez"),
        ("Rep. Dan Pruitt branded the deal “a giveaway”.", "Dan Pruitt"),
        ("Mr Ivo Kral described the cuts as “brutal”.", "Ivo Kral"),
        ("Sen. Ann Rivera hailed the deal as “historic”.", "Ann Rivera"),
        ("Rep. Joe Kemp, a Democrat, called the bill “a betrayal”.", "Joe Kemp"),
        (
            "According to the trust’s chief nurse, Dr Ama Boateng, wards are “at breaking point”.",
            "Ama Boateng",
        ),
    ]
    for text, speaker in cases:
        (q,) = one(text)
        assert (q.kind, q.speaker, q.rule) == ("speech", speaker, "reported"), text


def test_a_fragment_an_unnamed_person_is_reported_saying_is_speech_with_no_speaker() -> None:
    for text in (
        "According to a spokesman for the council, the service “remains under review.”",
        "According to senior officials, the talks were “going nowhere”.",
        "A spokeswoman for the bank said the rate was “under constant review”.",
    ):
        (q,) = one(text)
        assert (q.kind, q.speaker) == ("speech", None), text


def test_scare_quotes_and_titles_stay_what_they_are() -> None:
    for text, kind in (
        ("According to the report, the NHS is in “crisis”.", "scare"),
        ("According to figures released today, waiting times are “stable”.", "scare"),
        ("The so-called “efficiency savings” were cuts.", "scare"),
        ("Mrs Ada Holt called the plan a “bold step” forward.", "scare"),
        ("Sen. Ruth Calder called for an end to “zombie” schemes.", "scare"),
        ("Ms Jo Baird called the plan “Fair Deal for Families”.", "title"),
        ("The charity launched a scheme called “warm spaces” last winter.", "scare"),
        ("Ms Baird launched a scheme called “warm spaces”.", "scare"),
        ("Critics said the so-called “reforms” were cuts.", "scare"),
        ("Residents said the “consultation” was a sham.", "scare"),
        ("According to Wikipedia, the word “nice” once meant foolish.", "scare"),
        ("The report called for “urgent action”.", "scare"),
        ("The new policy, dubbed “the bedroom tax” by critics, was dropped.", "scare"),
        ("Mr Hill, who called the plan “nonsense”, resigned.", "speech"),
        ("Sen. Ann Rivera attacked the “bedroom tax”.", "scare"),
        ("Sen. Ann Rivera hailed the “historic” deal.", "scare"),
        ("Mr Hill said the firm was wrong about what it calls “lean staffing”.", "scare"),
        ("Ms Roe said the cuts were what is known as “salami slicing”.", "scare"),
        ("Dr Ann Hale, a GP, called the plan “a fantasy”.", "speech"),
    ):
        (q,) = one(text)
        assert q.kind == kind, text


def _people_of(text: str) -> set[str]:
    from nhsalliance_cli.analyses.names.records import build_index

    doc = Document(id="t", file="t.txt", text=text, title="t")
    index = build_index(Corpus("test", (doc,)))
    entities = [e.entity for e in index.entries]
    return {e.name for e in entities if e.kind == "person" and "corpus" in e.origin}


def test_names_finds_every_person_quotes_names_as_a_speaker() -> None:
    text = (
        "“The wards are full,” said Nora Quill.\n\n"
        "Bede Arkwright said the plan was late.\n\n"
        "“We will act,” says councillor Tamsin Roe.\n\n"
        "Local resident Ivor Penhale, 72, said he had waited a month.\n\n"
        "Labour MP Ruth Askew said: “Not good enough.”\n\n"
        "“No,” the report said. Kiran Dass, a nurse, told reporters she was tired."
    )
    speakers = {q.speaker for q in one(text) if q.speaker}
    people = _people_of(text)
    assert {"Nora Quill", "Bede Arkwright", "Tamsin Roe", "Ivor Penhale", "Ruth Askew"} <= people
    assert "Kiran Dass" in people
    assert speakers <= people
    titled = _people_of(
        "Sen. Carlos Rivera called the law “cruel”. President Gordon Whitaker rejected it. "
        "According to Ama Boateng, wards are “at breaking point”."
    )
    assert {"Carlos Rivera", "Gordon Whitaker", "Ama Boateng"} <= titled


def test_names_does_not_take_places_or_organisations_beside_a_verb_for_people() -> None:
    people = _people_of(
        "Downing Street said the minister had its confidence. Greenway Services said "
        "it was sorry. “Fine,” said Sky News. The Royal College of Emergency Medicine said "
        "waits were long. Ministers told Parliament nothing."
    )
    assert people == set()


def test_names_lookup_finds_a_person_only_quoted(tmp_path: Path, invoke: Invoke) -> None:
    (tmp_path / "a.txt").write_text(
        "Pledge row\n\n“It is a crisis,” said Sarah Lindqvist, who chairs the group.\n",
        encoding="utf-8",
    )
    result = invoke(["names", "lindqvist", "--corpus", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["name"] == "Sarah Lindqvist"


def test_people_beside_verbs_are_found_in_linear_time() -> None:
    """No timing here: a subprocess with a generous timeout, on a text of many cues."""
    import subprocess
    import sys

    code = (
        "from nhsalliance_cli.analyses.attribution.cues import named_beside_verbs;"
        "t = ('Local resident Ann Penn, 72, said it was late. “No,” said Tom Hill, who '"
        "'said nothing, told, warned and added said ' + 'Aa ' * 30) * 6000;"
        "print(len(named_beside_verbs(t)) >= 12000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "True"


def test_a_pronoun_after_a_phrase_before_it_is_the_speaker() -> None:
    """Speaking in the Commons, he said: the subject is what follows the last comma."""
    (q,) = one(
        "Jeremy Hunt has defended the contract. Speaking in the Commons, he said: "
        '"I want to work with doctors, not against them."'
    )
    assert (q.kind, q.speaker) == ("speech", "Jeremy Hunt")


def test_he_added_after_someone_named_in_the_paragraph_is_them() -> None:
    """She added normally keeps the last speaker; not when the pronoun's person is named
    in the same paragraph, before the quotation, as the subject of reported speech."""
    quotes = one(
        'Local MP Ben Wallace spoke first. "People want to know," the Conservative MP said.\n\n'
        "Unison regional organiser Kevin Morris, 51, said staff had been told nothing. "
        '"We will hold them to that," he added.\n\n'
        'Mr Wallace went on. "We need answers," he added.'
    )
    assert [q.speaker for q in quotes] == ["Ben Wallace", "Kevin Morris", "Ben Wallace"]
