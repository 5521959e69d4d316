"""Substitutions, changed words and opposites between a typed quotation and its source,
on units built in the test (changes.substitutions)."""

from __future__ import annotations

from nhsalliance_cli.analyses.lookup.changes import Changes, _acronym, substitutions
from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus
from nhsalliance_cli.analyses.lookup.words import Similarity, Unit, Word

SIM = Similarity(thesaurus())


def side(*texts: str) -> tuple[list[Unit], list[Word]]:
    """One content unit a word (a word written "GP=general practitioner" stands for
    several)."""
    units: list[Unit] = []
    words: list[Word] = []
    for i, text in enumerate(texts):
        shown, _, stands = text.partition("=")
        parts = tuple(stands.split()) if stands else (shown.lower(),)
        words.append(Word(0, 0, shown, parts))
        units += [Unit(p, i, True) for p in parts]
    return units, words


def changes(
    typed: tuple[str, ...], source: tuple[str, ...], same: list[tuple[int, int]]
) -> Changes:
    query, q_words = side(*typed)
    units, s_words = side(*source)
    pairs = [(i, j, 1.0) for i, j in same]
    return substitutions(query, units, pairs, SIM, (q_words, s_words))


def test_at_most_two_swaps_are_credited() -> None:
    typed = ("clinicians", "growing", "leaders", "danger", "boards", "speed", "patients")
    source = ("clinicians", "spreading", "leaders", "threat", "boards", "pace", "patients")
    found = changes(typed, source, [(0, 0), (2, 2), (4, 4), (6, 6)])
    assert found.swapped == 2 and found.changed == [] and found.opposites == []


def test_a_swap_at_either_end_is_not_credited_but_can_be_changed() -> None:
    found = changes(("growing", "leaders"), ("spreading", "leaders"), [(1, 1)])
    assert found.swapped == 0 and found.changed == []
    found = changes(("leaders", "help"), ("leaders", "hurt"), [(0, 0)])
    assert found.changed == [("help", "hurt")] and found.swapped == 0


def test_an_acronym_for_its_words_is_one_word() -> None:
    # "GP" typed as what it stands for, against one other source word: not a change
    # unless both are acronyms.
    typed = ("every", "GP=general practitioner", "valley")
    found = changes(typed, ("every", "doctor", "valley"), [(0, 0), (3, 2)])
    assert found.changed == [] and found.swapped == 0
    found = changes(typed, ("every", "PCT", "valley"), [(0, 0), (3, 2)])
    assert found.changed == [("GP", "PCT")]


def test_what_an_acronym_looks_like() -> None:
    assert _acronym("GP") and _acronym("CCGs") and _acronym("NAPC")
    assert not _acronym("A") and not _acronym("Gp") and not _acronym("G2")


def test_one_swap_after_the_first_word_counts_once() -> None:
    found = changes(
        ("clinicians", "growing", "leaders"),
        ("clinicians", "spreading", "leaders"),
        [(0, 0), (2, 2)],
    )
    assert found.swapped == 1 and found.near == 0


def test_the_negation_the_source_adds_is_named() -> None:
    from nhsalliance_cli.analyses.lookup.changes import meaning

    typed = [Unit("not", 0, True), Unit("leave", 1, True)]
    said = [Unit("not", 0, True), Unit("never", 1, True), Unit("leave", 2, True)]
    differs, note = meaning(typed, said)
    assert differs and note == 'the source says "never", which the quotation leaves out'


def test_small_words_of_opposite_meaning_are_opposites() -> None:
    """more for less, after for before, against for for: stop words, but a swap of one for
    its opposite turns the meaning round and costs as an antonym does."""
    from nhsalliance_cli.analyses.lookup.find import find_quote
    from nhsalliance_cli.corpus.model import Corpus, Document

    text = "The plan would allow more community work before the election.\n"
    corpus = Corpus("t", (Document(id="d", file="d.txt", text=text, title="d"),))
    (exact,) = find_quote(corpus, "the plan would allow more community work", [], frozenset())
    assert exact.score == 100
    swapped = find_quote(corpus, "the plan would allow less community work", [], frozenset(), 0)
    assert swapped[0].note is not None and '"more", the opposite of "less"' in swapped[0].note
    assert swapped[0].score < 66
