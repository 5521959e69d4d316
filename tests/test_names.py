from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Invoke, write_corpus
from nhsalliance_cli.analyses.names.acronyms import long_form
from nhsalliance_cli.analyses.names.records import build_index, extract, merge
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.index.opening import load_bundled
from nhsalliance_cli.text.namewords import normalize

BUNDLED = load_bundled()
INDEX = build_index(BUNDLED)


def corpus_of(*texts: str) -> Corpus:
    docs = tuple(
        Document(id=f"t{i}", file=f"t{i}.txt", text=t, title=f"t{i}") for i, t in enumerate(texts)
    )
    return Corpus("test", docs)


def best(query: str, index: object = INDEX) -> str | None:
    found = index.lookup(query)  # type: ignore[attr-defined]
    return found[0][0].entity.name if found else None


# --- extraction ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "candidate", "expected"),
    [
        ("HSF", "the expression of heat shock factor", "heat shock factor"),
        ("PBC", "and today’s practice-based commissioning", "practice-based commissioning"),
        ("CCGs", "with the creation of Clinical Commissioning Groups", None),
        ("NHSCC", "NHS Clinical Commissioners", "NHS Clinical Commissioners"),
        (
            "QOF",
            "paid through the Quality and Outcomes Framework",
            "Quality and Outcomes Framework",
        ),
        ("HSMC", "University of Birmingham", None),
        ("XYZ", "nothing like it here", None),
    ],
)
def test_schwartz_hearst_long_form(short: str, candidate: str, expected: str | None) -> None:
    result = long_form(short, candidate)
    if short == "CCGs":
        assert result == "Clinical Commissioning Groups"
    else:
        assert result == expected


def test_acronyms_defined_in_new_ways() -> None:
    corpus = corpus_of(
        "Integrated Care Boards (ICBs) replaced them. The ICB chair spoke.\n"
        "Funding flows through the QOF (Quality and Outcomes Framework) each year.\n"
        "Use evidence-based medicine (EBM) where you can.\n"
        "Dr Roe (pictured) spoke on 4 May (2021). HSMC (University of Birmingham) hosted.\n"
    )
    found = {e.name: e for e in merge(extract(corpus))}
    assert found["Integrated Care Board"].aliases == ("ICB", "ICBs", "Integrated Care Boards")
    assert found["Integrated Care Board"].kind == "organisation"
    assert found["Quality and Outcomes Framework"].aliases == ("QOF",)
    assert found["evidence-based medicine"].kind == "term"
    assert not any(
        e.name.lower().startswith("university") and "HSMC" in e.aliases for e in found.values()
    )
    index = build_index(corpus)
    assert best("icb", index) == "Integrated Care Board"
    assert best("icbs", index) == "Integrated Care Board"
    assert best("ebm", index) == "evidence-based medicine"


def test_people_with_titles_and_quoted_by_name() -> None:
    corpus = corpus_of(
        "Dr Jane Roe, chair of the Widget Trust, said the plan would work. Dr Roe’s view "
        "was clear.\nSam Okafor, chief nurse, Widget Trust said: “We agree.”\n"
        "The Government said nothing. Prof Ann Lee OBE was there.\n"
    )
    people = {e.name: e for e in extract(corpus) if e.kind == "person"}
    assert set(people) == {"Jane Roe", "Sam Okafor", "Ann Lee"}
    assert "Dr Roe" in people["Jane Roe"].aliases and "Roe" in people["Jane Roe"].aliases
    index = build_index(corpus)
    roe = next(e for e in index.entries if e.entity.name == "Jane Roe")
    assert len(roe.mentions) == 2
    assert best("jane roe", index) == "Jane Roe"
    assert best("okafor", index) == "Sam Okafor"


def test_organisations_split_and_classified() -> None:
    corpus = corpus_of(
        "Work with the King’s Fund and NHS Confederation and the Widget Trust continued.\n"
        "NHS England’s Five Year Forward View was published. The Widget Act passed.\n"
    )
    found = {e.name: e.kind for e in extract(corpus)}
    assert found["Widget Trust"] == "organisation"
    assert found["NHS Confederation"] == "organisation"
    assert found["Five Year Forward View"] == "publication"
    assert found["Widget Act"] == "publication"
    assert "King’s Fund and NHS Confederation" not in found


def test_headlines_are_not_mined_for_names() -> None:
    corpus = corpus_of("CCGs Must Control Primary Care Budget Group Says\n\nA plain sentence.")
    assert [e for e in extract(corpus) if e.kind == "organisation"] == []


# --- the bundled index -----------------------------------------------------------------


def test_mentions_agree_with_an_independent_count() -> None:
    dixon = next(e for e in INDEX.entries if e.entity.name == "Michael Dixon")
    expected = sum(len(re.findall(r"(?<![^\W_])Dixon(?![^\W_])", d.text)) for d in BUNDLED)
    assert len(dixon.mentions) == expected
    assert dixon.docs == tuple(d.id for d in BUNDLED)
    assert dixon.first_seen == "2009-02" and dixon.last_seen == "2015"


def test_longer_names_win_overlaps() -> None:
    nhs = next(e for e in INDEX.entries if e.entity.name == "National Health Service")
    alliance = next(e for e in INDEX.entries if e.entity.name == "NHS Alliance")
    standalone = sum(len(re.findall(r"(?<![^\W_])NHS(?![^\W_])", d.text)) for d in BUNDLED)
    assert len(nhs.mentions) < standalone
    by_doc = {
        doc: {(s.start, s.end) for d, s in alliance.mentions if d == doc} for doc in alliance.docs
    }
    for doc_id, span in nhs.mentions:
        assert not any(a <= span.start < b for a, b in by_doc.get(doc_id, ()))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("darzy", "Lord Darzi"),
        ("Lansly", "Andrew Lansley"),
        ("rick stern", "Rick Stern"),
        ("dr dixon", "Michael Dixon"),
        ("kings fund", "King's Fund"),
        ("King’s Fund", "King's Fund"),
        ("nhs confed", "NHS Confederation"),
        ("confed", "NHS Confederation"),
        ("Cullomton", "Cullompton"),
        ("pbc", "practice-based commissioning"),
        ("practice based commissioning", "practice-based commissioning"),
        ("ccg", "clinical commissioning group"),
        ("CCGs", "clinical commissioning group"),
        ("clinical-commissioning groups", "clinical commissioning group"),
        ("pcts", "primary care trust"),
        ("health and social care act", "Health and Social Care Act 2012"),
        ("Breaking Boundries", "Breaking Boundaries"),
    ],
)
def test_lookup_is_robust_to_typos_case_acronyms_plurals_punctuation(
    query: str, expected: str
) -> None:
    assert best(query) == expected


@pytest.mark.parametrize("query", ["banana", "zebra crossing", "qwertyuiop", "xq"])
def test_unrelated_queries_match_nothing(query: str) -> None:
    assert INDEX.lookup(query) == []


def test_normalize() -> None:
    assert normalize("King’s  Fund") == normalize("kings fund") == "kings fund"
    assert normalize("Health & Social-Care") == "health and social care"


# --- the command -----------------------------------------------------------------------

NAME_FIELDS = [
    "name", "kind", "aliases", "score", "mentions", "docs", "first_seen", "last_seen",
    "origin", "note",
]  # fmt: skip


def test_names_listing(invoke: Invoke) -> None:
    rows = json.loads(invoke(["names", "--json"]).stdout)
    assert all(list(r) == NAME_FIELDS for r in rows)
    assert all(r["mentions"] > 0 and r["score"] is None for r in rows)
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(
        kinds, key=["person", "organisation", "place", "term", "publication"].index
    )
    everything = json.loads(invoke(["names", "--all", "--json"]).stdout)
    assert len(everything) > len(rows)
    assert any(r["name"] == "Jeremy Hunt" and r["mentions"] == 0 for r in everything)


def test_names_lookup_json(invoke: Invoke) -> None:
    rows = json.loads(invoke(["names", "ccg", "--json"]).stdout)
    assert rows[0]["name"] == "clinical commissioning group"
    assert rows[0]["score"] == 100.0
    assert {"CCG", "CCGs"} <= set(rows[0]["aliases"])
    people = json.loads(invoke(["names", "dixon", "--kind", "person", "--json"]).stdout)
    # Sarah Wrixon, the press contact, is a person too, a near spelling further down
    assert (people[0]["name"], people[0]["score"]) == ("Michael Dixon", 100.0)


def test_names_mentions_are_concordance_lines(invoke: Invoke) -> None:
    result = invoke(["names", "nhs confed", "--mentions", "--json"])
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    texts = {d.id: d.text for d in BUNDLED}
    for h in hits:
        assert list(h) == [
            "doc",
            "start",
            "end",
            "line",
            "match",
            "left",
            "right",
            "query",
            "date",
            "date_inferred",
        ]
        assert texts[h["doc"]][h["start"] : h["end"]] == h["match"] == "NHS Confederation"
    plain = invoke(["names", "darzi", "--mentions"])
    assert plain.stderr == "nhsalliance: mentions of Lord Darzi (person)\n"
    assert "Lord  Darzi" not in plain.stdout and "Darzi" in plain.stdout


def test_names_no_match(invoke: Invoke) -> None:
    result = invoke(["names", "zebra crossing"])
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == ["nhsalliance: no name matches 'zebra crossing'"]  # no junk hints
    as_json = invoke(["names", "zebra crossing", "--json"])
    assert as_json.exit_code == 1 and json.loads(as_json.stdout) == []
    near = invoke(["names", "Health Writers", "--min-score", "95"])
    assert near.stderr.splitlines()[1] == (
        "nhsalliance: closest: Health Writers Guild (organisation, score 88.3)"
    )
    looser = invoke(["names", "Health Writers", "--min-score", "50", "--json"])
    assert looser.exit_code == 0 and json.loads(looser.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["names", "--mentions"], "--mentions needs a NAME"),
        (["names", "x", "--kind", "animal"], "unknown kind 'animal'"),
        (["names", "x", "--min-score", "101"], "Invalid value for '--min-score'"),
        (["names", "..."], "has no letters or digits"),
    ],
)
def test_names_mistakes_exit_2(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_names_on_a_user_corpus(invoke: Invoke, tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "c",
        {"a.txt": "Integrated Care Boards (ICBs) began in 2022. Each ICB has a board."},
    )
    rows = json.loads(invoke(["names", "icb", "--corpus", str(folder), "--json"]).stdout)
    assert rows[0]["name"] == "Integrated Care Board"
    assert rows[0]["origin"] == "corpus"
    assert rows[0]["mentions"] == 3  # the long form, "ICBs" beside it, and "ICB"


def test_search_suggests_a_known_name(invoke: Invoke) -> None:
    result = invoke(["search", "confed"])
    assert result.exit_code == 1
    assert "did you mean 'NHS Confederation'? (organisation, 3 mentions" in result.stderr


def test_a_dotted_acronym_looks_up_its_name(invoke: Invoke) -> None:
    """N.H.S. and B.M.A., as American papers write them, are NHS and BMA."""
    for typed, name in (
        ("N.H.S.", "National Health Service"),
        ("b.m.a.", "British Medical Association"),
    ):
        rows = json.loads(invoke(["names", typed, "--json"]).stdout)
        assert rows[0]["name"] == name and rows[0]["score"] == 100


def test_a_dotted_acronym_in_the_text_is_a_mention(invoke: Invoke, tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "c", {"a.txt": "The N.H.S. is broken, the B.M.A. said.\n", "b.txt": "The NHS.\n"}
    )
    rows = json.loads(invoke(["--corpus", str(folder), "names", "NHS", "--json"]).stdout)
    assert rows[0]["name"] == "National Health Service"
    assert rows[0]["mentions"] == 2 and rows[0]["docs"] == ["a", "b"]
