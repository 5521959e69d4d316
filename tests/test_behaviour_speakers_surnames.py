"""Speakers who share a surname, told apart by title, gender, first name and recency.

Each text names two people with one surname, then quotes one of them by a shorter form.
The people are invented and the cases run over several names, so no rule can lean on one.
"""

from __future__ import annotations

import pytest

from nhsalliance_cli.analyses.attribution.people import People
from nhsalliance_cli.analyses.attribution.quotes import extract
from nhsalliance_cli.corpus.model import Document

# (surname, a man's first name, a woman's first name): all in the first-name list.
FAMILIES = [("Burrows", "Alan", "Mary"), ("Okafor", "David", "Susan"), ("Pryce", "John", "Helen")]
FAMILY_IDS = [f[0] for f in FAMILIES]


def speakers(text: str) -> list[str | None]:
    found = extract(Document("t", "t.txt", text, "t"), People(()))
    return [q.speaker for q in found if q.kind == "speech"]


@pytest.mark.parametrize(("surname", "man", "woman"), FAMILIES, ids=FAMILY_IDS)
@pytest.mark.parametrize("professor_first", [True, False])
def test_the_title_chooses(surname: str, man: str, woman: str, professor_first: bool) -> None:
    other = "Tom" if man != "Tom" else "Sam"
    professor = f"Professor {man} {surname}, a surgeon, chairs the board."
    mister = f"Mr {other} {surname}, his cousin, runs the pharmacy."
    intro = f"{professor} {mister}" if professor_first else f"{mister} {professor}"
    text = (
        f"{intro}\n\n“The board will meet in May,” said Professor {surname}.\n\n"
        f"“The shop will stay open,” said Mr {surname}."
    )
    # The title decides, whichever of the two was named last.
    assert speakers(text) == [f"{man} {surname}", f"{other} {surname}"]


@pytest.mark.parametrize(("surname", "man", "woman"), FAMILIES, ids=FAMILY_IDS)
@pytest.mark.parametrize("man_first", [True, False])
def test_the_gender_of_the_title_chooses(
    surname: str, man: str, woman: str, man_first: bool
) -> None:
    him = f"{man} {surname} chairs the board."
    her = f"{woman} {surname} runs the pharmacy."
    intro = f"{him} {her}" if man_first else f"{her} {him}"
    text = (
        f"{intro}\n\n“The board will meet in May,” said Mr {surname}.\n\n"
        f"“The shop will stay open,” said Mrs {surname}.\n\n"
        f"“We agree on that,” said Ms {surname}."
    )
    assert speakers(text) == [f"{man} {surname}", f"{woman} {surname}", f"{woman} {surname}"]


@pytest.mark.parametrize(("surname", "man", "woman"), FAMILIES, ids=FAMILY_IDS)
def test_a_first_name_alone_chooses(surname: str, man: str, woman: str) -> None:
    text = (
        f"{man} {surname}, a surgeon, chairs the board. {woman} {surname}, a pharmacist, "
        "runs the pharmacy.\n\n"
        f"“The board will meet in May,” said {man}.\n\n"
        f"“The shop will stay open,” said {woman}.\n\n"
        f"“Not before June,” said {man}."
    )
    assert speakers(text) == [f"{man} {surname}", f"{woman} {surname}", f"{man} {surname}"]


@pytest.mark.parametrize(("surname", "man", "woman"), FAMILIES, ids=FAMILY_IDS)
def test_a_bare_surname_is_the_one_named_in_full_most_recently(
    surname: str, man: str, woman: str
) -> None:
    text = (
        f"Dr {man} {surname} chairs the board.\n\n"
        f"“We will meet in May,” said {surname}.\n\n"
        f"Dr {woman} {surname} runs the pharmacy.\n\n"
        f"“The shop stays open,” said {surname}.\n\n"
        f"{man} {surname} disagreed.\n\n"
        f"“Not before June,” said {surname}.\n\n"
        f"“Nor after it,” said Dr {surname}."
    )
    first, second = f"{man} {surname}", f"{woman} {surname}"
    assert speakers(text) == [first, second, first, first]


@pytest.mark.parametrize(("surname", "man", "woman"), FAMILIES, ids=FAMILY_IDS)
def test_a_surname_before_any_full_name_is_the_first_named(
    surname: str, man: str, woman: str
) -> None:
    text = (
        f"“We will meet in May,” said {surname}.\n\n"
        f"Dr {woman} {surname} runs the pharmacy. Dr {man} {surname} chairs the board."
    )
    assert speakers(text) == [f"{woman} {surname}"]


def test_one_person_of_a_surname_needs_no_choosing() -> None:
    text = (
        "Mrs Jane Ferris spoke first. Mr Paul Ockham spoke next.\n\n"
        "“It will not do,” said Mrs Ferris.\n\n“It will,” said Ockham.\n\n"
        "“It must,” said Ferris."
    )
    assert speakers(text) == ["Jane Ferris", "Paul Ockham", "Jane Ferris"]
