"""Look-ups said in other words: synonyms, derivations, number words, reordered clauses
and changed modals find their source; fabrications, synonym swaps that turn the meaning
round included, find nothing (tests/data/lookup/paraphrases*.toml, over the bundled
texts and a small folder of news reports)."""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from nhsalliance_cli.analyses.lookup.find import Match, find_quote
from nhsalliance_cli.analyses.lookup.words import words_of
from nhsalliance_cli.analyses.quotations import corpus_quotations
from nhsalliance_cli.corpus.model import Corpus
from nhsalliance_cli.index.opening import load_bundled, load_corpus
from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.text.stopwords import load_stopwords

DATA = ROOT / "tests" / "data" / "lookup"
FILES = ("paraphrases.toml", "paraphrases_unseen.toml", "paraphrases_heldout.toml")
STOP = load_stopwords()


@cache
def setting(which: str) -> tuple[Corpus, tuple[Quotation, ...]]:
    if which == "bundled":
        corpus = load_bundled()
    else:
        folder = Path(tempfile.mkdtemp()) / "news"
        shutil.copytree(DATA / "news_corpus", folder)
        corpus = load_corpus(str(folder))
    return corpus, tuple(corpus_quotations(corpus))


def lookup(typed: str, which: str) -> list[Match]:
    corpus, quotes = setting(which)
    return find_quote(corpus, typed, quotes, STOP)


def params(kind: str) -> list[Any]:
    found = []
    for file in FILES:
        with (DATA / file).open("rb") as f:
            for case in tomllib.load(f).get(kind, []):
                name = f"{file.split('.')[0]}: {case['typed'][:60]}"
                found.append(pytest.param(case, id=name))
    return found


# Misses, kept in the sets and reported (strict: a miss that is found fails the test, so
# the list stays true). None left: the last were "GP" for "general practitioner", "idea"
# for "concept" and a clause moved to the end ("..., Mayor Linda Carr said").
MISSES: set[str] = set()
# Fabrications that are a real sentence with one word swapped that the rules of
# changes.changed let through: two words WordNet relates within three links
# (withdraw, put; closed, created; spend, save), two nouns (contempt,
# confidence), a function word (against, to), a word put for several (ignore: support,
# enable and embrace), a word left out with another changed (next year, this year's).
FABRICATION_MISSES = {
    "the government should withdraw its full weight from CCGs and CCG leaders",
    "NHS Alliance has lost confidence in clinical commissioning leaders across the country",
    "the union members voted against strike action over pay",
    "NHS Alliance opposed integration between primary care and social care",
    "CCGs should give up control of the primary and secondary care budget",
    "the coalition Government as a whole needs to withdraw its support from CCGs",
    "we will meet next year at the NHS Alliance annual conference in Manchester",
    # paraphrases_heldout.toml
    "PBC, which is strongly opposed by the Department of Health, represents an official model",
    "Dr Dixon said managers should ignore doctors and act as co-leaders in commissioning",
    "the NHS Alliance had complete contempt for clinical commissioning leaders all over the "
    "country",
    "the National Commissioning Board must show that it really does misunderstand clinical "
    "commissioning",
    "our long term advocacy of patients against professional vested interests has inevitably "
    "made us famous",
    "in 2008 he and his partners closed the Culm Valley Integrated Centre for Health",
    "the biggest hurdle is the wisdom of expecting clinical commissioning groups to redesign care",
    "the council expects to spend 2.4 million pounds over two years",
    "members of the Rail Workers Union have voted to strike over pensions",
    "Mayor Linda Carr said the scheme would save about eleven million pounds a year",
    "we see children arriving every evening with empty stomachs",
}


@pytest.mark.parametrize("case", params("half_remembered"))
def test_paraphrases_find_their_source(case: dict[str, Any], request: Any) -> None:
    if case["typed"] in MISSES:
        reason = "no WordNet sense shared, or a clause moved"
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    found = lookup(case["typed"], case["corpus"])
    assert found, "no source found"
    best = found[0]
    assert best.doc == case["doc"]
    assert case["holds"] in best.passage
    if case["speaker"] != "*":
        assert best.speaker == (case["speaker"] or None)
    assert not best.polarity_differs
    text = {d.id: d.text for d in setting(case["corpus"])[0]}[best.doc]
    assert text[best.start : best.end] == best.passage


@pytest.mark.parametrize("case", params("fabrications"))
def test_fabrications_find_nothing(case: dict[str, Any], request: Any) -> None:
    if case["typed"] in FABRICATION_MISSES:
        reason = "a real sentence with one word swapped, which the rules let through"
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    assert lookup(case["typed"], case["corpus"]) == []


# --- the issue's cases and the new rules ------------------------------------------------


def test_the_issue_look_ups_are_found() -> None:
    (best, *_) = lookup("there is growing disillusion and mistrust among these leaders", "bundled")
    assert best.doc == "ccgs-emasculated" and best.score >= 66
    assert "[-growing disillusion-] {+spreading disillusionment+}" in best.diff
    (best, *_) = lookup("commissioning could become a Mary Celeste", "bundled")
    assert best.doc == "ccgs-emasculated" and not best.polarity_differs
    assert best.note is not None and '"could"' in best.note  # the modal change is shown
    typed = "a hundred and twelve locality commissioning groups were set up and led by GPs"
    (best, *_) = lookup(typed, "bundled")
    assert best.doc == "nottingham-address-2009"
    assert "a hundred and twelve" not in best.diff.split("[-")[-1]  # aligned as one unit
    assert "112" in best.diff and "[-a hundred and twelve-]" not in best.diff


def test_number_words_whole() -> None:
    from nhsalliance_cli.analyses.lookup.words import words_of

    assert [w.units for w in words_of("a hundred and twelve")] == [("112",)]
    assert [w.units for w in words_of("two thousand and nine")] == [("2009",)]
    assert [w.units for w in words_of("twenty-five per cent")] == [("25", "percent")]
    assert [w.units for w in words_of("25%")] == [("25", "percent")]
    assert [w.units for w in words_of("nineteen eighty-four")] == [("1984",)]
    assert [w.units for w in words_of("one two")] == [("1",), ("2",)]


def test_an_antonym_counts_against_a_match() -> None:
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus
    from nhsalliance_cli.analyses.lookup.words import Similarity

    sim = Similarity(thesaurus())
    assert sim.opposed("increase", "decrease") and sim.opposed("right", "wrong")
    assert not sim.opposed("growing", "spreading")
    typed = "payment by results would move money in the right direction"
    assert lookup(typed, "bundled") == []
    assert sim("mistrust", "distrust") == sim("kid", "child") > 0  # one sense
    assert 0 < sim("disillusion", "disillusionment") < 1  # one family
    assert sim("could", "risked") > 0 and sim("could", "should") == 0


def test_the_thesaurus_reads_only_the_lines_it_needs() -> None:
    from nhsalliance_cli.analyses.lookup.thesaurus import bases, thesaurus

    t = thesaurus()
    assert t.entry("became") == t.entry("become")
    assert t.entry("zzzz") is None
    assert "grow" in bases("growing") and "stop" in bases("stopped")


def test_closest_candidate_on_stderr(invoke: Any) -> None:
    import json

    typed = "commissioning could become a Mary Juniper if its leaders left"
    result = invoke(["quote", typed, "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    lines = result.stderr.splitlines()
    assert lines[0] == "nhsalliance: no source found"
    assert lines[1].startswith("nhsalliance: closest: ") and "ccgs-emasculated" in lines[1]
    assert len(lines) == 2 and len(lines[1]) < 300
    far = invoke(["quote", "zebra crossings are painted white and black"])
    assert far.exit_code == 1 and far.stderr == "nhsalliance: no source found\n"


def test_a_misspelt_name_missing_its_kind_word_is_found(invoke: Any) -> None:
    import json

    rows = json.loads(invoke(["names", "Nuffeld", "--json"]).stdout)
    assert rows[0]["name"] == "Nuffield Trust"


@pytest.mark.parametrize(
    "typed",
    [
        " ".join(["twenty"] * 150),  # a year rule that would chain
        "a hundred a thousand a million per cent per cent % 25%% nineteen",
        "amongst whilst " * 40,
        "could could must might " * 40,
    ],
)
def test_hostile_look_ups_end_quickly_and_cleanly(typed: str) -> None:
    for which in ("bundled", "news"):
        found = lookup(typed[:1000], which)
        assert all(0 <= m.score <= 100 for m in found)


def test_number_words_in_a_long_run_are_read_in_pairs_at_most() -> None:
    from nhsalliance_cli.analyses.lookup.words import words_of

    units = [w.units for w in words_of(" ".join(["twenty"] * 5))]
    assert units == [("2020",), ("2020",), ("20",)]


def test_a_year_said_in_words_is_found_in_words_or_digits(tmp_path: Path) -> None:
    folder = tmp_path / "years"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Old mill\n\n2 May 2020\n\nThe mill was built in seventeen ten by the river Wey.\n",
        "utf-8",
    )
    corpus = load_corpus(str(folder))
    quotes = tuple(corpus_quotations(corpus))
    (best, *_) = find_quote(corpus, "the mill was built in 1710 by the river", quotes, STOP)
    assert best.doc == "a" and "seventeen ten" in best.passage


# --- words changed for others ------------------------------------------------------------


def test_a_changed_word_is_named_and_rejects_the_sentence() -> None:
    # One word of a real sentence changed for one WordNet does not relate to it.
    typed = "these cuts will help the poorest families most"
    assert lookup(typed, "news") == []
    corpus, quotes = setting("news")
    (best, *_) = find_quote(corpus, typed, quotes, STOP, min_score=0)
    assert best.note is not None and 'the source says "hurt", not "help"' in best.note
    assert not best.polarity_differs
    # The same sentence with a near word (WordNet links them) is found.
    (best, *_) = lookup("these cuts will damage the poorest families most", "news")
    assert best.doc == "2024-council-budget" and best.note is None


@pytest.mark.parametrize(
    ("typed", "said", "expected"),
    [
        ("help", "hurt", True),  # verbs WordNet never links
        ("rigid", "nimble", True),  # adjectives
        ("locally", "centrally", True),  # adverbs
        ("barriers", "boundaries", False),  # nouns: left alone
        ("growing", "spreading", False),  # a few links apart
        ("crushed", "dashed", False),
        ("given", "left", False),  # irregular forms read as their base
        ("2003", "1993", True),  # numbers
        ("2003", "single", False),
        ("could", "risked", False),  # a modal is a change of its own kind
    ],
)
def test_which_words_count_as_changed(typed: str, said: str, expected: bool) -> None:
    from nhsalliance_cli.analyses.lookup.changes import changed
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus
    from nhsalliance_cli.analyses.lookup.words import Similarity, Unit

    sim = Similarity(thesaurus())
    assert changed(Unit(typed, 1, True), Unit(said, 1, True), sim, (typed, said)) is expected


@pytest.mark.parametrize(
    ("typed", "said", "expected"),
    [
        ("PCT", "PCG", True),  # two acronyms
        ("Leeds", "Nottingham", True),  # two names that do not start alike
        ("Mary", "Marie", False),  # a variant of one name
        ("leeds", "Nottingham", False),  # typed in lower case: not known to be a name
    ],
)
def test_names_and_acronyms_changed(typed: str, said: str, expected: bool) -> None:
    from nhsalliance_cli.analyses.lookup.changes import changed
    from nhsalliance_cli.analyses.lookup.words import Similarity, Unit

    a, b = Unit(typed.lower(), 1, True), Unit(said.lower(), 1, True)
    assert changed(a, b, Similarity(), (typed, said)) is expected


def test_the_first_typed_word_capitalised_is_not_taken_for_a_name() -> None:
    from nhsalliance_cli.analyses.lookup.changes import changed
    from nhsalliance_cli.analyses.lookup.words import Similarity, Unit

    a, b = Unit("councillor", 0, True), Unit("mayor", 3, True)
    assert not changed(a, b, Similarity(), ("Councillor", "Mayor"))


def test_relatedness_reads_every_sense_and_its_links() -> None:
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus

    t = thesaurus()
    assert t.related_at_all("danger", "threat") and t.related_at_all("adapt", "flex")
    assert t.related_at_all("help", "hurt") is False
    # Links apart: enormous, huge two (both like "large"); adapt, flex three.
    assert [t.related_at_all("enormous", "huge", n) for n in (1, 2, 3)] == [False, True, True]
    assert [t.related_at_all("adapt", "flex", n) for n in (1, 2, 3)] == [False, False, True]
    assert t.related_at_all("zzzz", "help") is None
    assert t.predicative("nimble") and not t.predicative("barrier")
    assert t.senses("given") > t.senses("give")  # its own senses and its base's


def test_a_row_of_similarities_is_the_similarity_of_each_pair() -> None:
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus
    from nhsalliance_cli.analyses.lookup.words import Similarity, words_of

    typed = [
        "growing", "distrust", "could", "come_back", "112", "disillusion", "percent",
        "regained", "become", "not", "spreading", "must", "leaders",
    ]  # fmt: skip
    corpus, _ = setting("bundled")
    units = {u for doc in corpus for w in words_of(doc.text) for u in w.units}
    fast, slow = Similarity(thesaurus()), Similarity(thesaurus())
    for unit in sorted(units):
        assert fast.row(typed, unit) == [slow(a, unit) for a in typed], unit
    assert Similarity().row(["growing"], "growing") == [1.0]


def test_an_opposite_through_a_broader_sense() -> None:
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus
    from nhsalliance_cli.analyses.lookup.words import Similarity

    sim = Similarity(thesaurus())
    # recognise is a way to accept, whose opposite is reject; either way round.
    assert sim.opposed("reject", "recognise") and sim.opposed("recognise", "reject")
    assert sim.opposed("keep", "lose") and sim.opposed("disable", "enable")
    for a, b in [("idea", "concept"), ("growing", "spreading"), ("seen", "viewed")]:
        assert not sim.opposed(a, b), (a, b)
    assert not sim.opposed("reject", "not") and not sim.opposed("2009", "2008")
    typed = "specialists increasingly reject a primary care led NHS"
    assert lookup(typed, "bundled") == []


def test_a_swap_a_link_apart_in_wordnet_earns_more(tmp_path: Path) -> None:
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus
    from nhsalliance_cli.analyses.lookup.words import Similarity

    sim = Similarity(thesaurus())
    assert sim.near("idea", "concept") and sim.near("concept", "idea")
    assert not sim.near("idea", "budget") and not sim.near("could", "might")
    # The window leaves out "idea", which its paragraph has elsewhere: the swap still
    # counts (a bound from the whole paragraph would have skipped it).
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Club news\n\n4 May 2021\n\nThe walking club was the first to propose the concept"
        " of a canal trail and was mocked for it. Later the same idea won a county prize.\n",
        "utf-8",
    )
    corpus = load_corpus(str(folder))
    quotes = tuple(corpus_quotations(corpus))
    typed = "the walking club was the first to suggest the idea of a canal trail"
    (best, *_) = find_quote(corpus, typed, quotes, STOP)
    assert "[-idea-] {+concept+}" in best.diff


def test_clauses_in_another_order() -> None:
    from nhsalliance_cli.analyses.lookup.find import _rotations

    typed = "the scheme would cost about eleven million pounds a year, Mayor Linda Carr said"
    words = words_of(typed)
    (rotated,) = _rotations(typed, words)
    assert " ".join(w.text for w in rotated).startswith("Mayor Linda Carr said the scheme")
    assert len(_rotations("a, b; c", words_of("a, b; c"))) == 2
    assert _rotations("no clauses here", words_of("no clauses here")) == []
    assert _rotations("a, b, c, d", words_of("a, b, c, d")) == []  # a list, not clauses
    (best, *_) = lookup(typed, "news")
    assert best.doc == "2025-school-meals" and best.score >= 66


def test_the_source_words_in_place_of_the_last_typed_words_are_compared() -> None:
    # The source has three words more before them ("on the table"): the passage's words
    # answering to "unfair and unaffordable" still reach "fair", the opposite of "unfair".
    corpus, quotes = setting("news")
    typed = "the train operators said the offer was unfair and unaffordable"
    (best, *_) = find_quote(corpus, typed, quotes, STOP, min_score=0)
    assert "{+on the table+} was" in best.diff and "{+fair+}" in best.diff
    assert best.note is not None and '"fair", the opposite of "unfair"' in best.note
    assert lookup(typed, "news") == []
