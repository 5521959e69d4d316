"""--variants: a known name or acronym matches every form the names index has for it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, Invoke
from nhsalliance_cli.output.env import Environment

USER_CORPUS = ROOT / "tests" / "data" / "lookup" / "user_corpus"


def total(invoke: Invoke, args: list[str]) -> int:
    rows = json.loads(invoke(["search", *args, "--count", "--json"]).stdout)
    return sum(int(r["count"]) for r in rows)  # one record per document, no total


def test_ccg_finds_every_form(invoke: Invoke) -> None:
    assert total(invoke, ["CCG"]) == 1
    assert total(invoke, ["CCG", "--variants"]) == 26  # CCG 1, CCGs 17, the long form 8
    hits = json.loads(invoke(["search", "CCG", "--variants", "--json"]).stdout)
    assert {h["query"] for h in hits} == {"CCG"}
    forms = {h["match"].casefold() for h in hits}
    assert forms == {"ccg", "ccgs", "clinical commissioning groups"}
    assert len({(h["doc"], h["start"]) for h in hits}) == len(hits)  # no hit twice


def test_the_long_form_and_plural_find_the_acronym(invoke: Invoke) -> None:
    assert total(invoke, ["clinical commissioning groups", "--variants"]) == 26
    assert total(invoke, ["CCGs", "--variants"]) == 26


def test_queries_that_name_nothing_are_unchanged(invoke: Invoke) -> None:
    for args in (["commissioning"], ["commission*"], ["--regex", r"CCGs?\b"]):
        assert total(invoke, [*args, "--variants"]) == total(invoke, args)


def test_trend_counts_agree_with_search(invoke: Invoke) -> None:
    rows = json.loads(invoke(["trend", "CCG", "--variants", "--json"]).stdout)
    args = ["search", "CCG", "--variants", "--count", "--json", "--all-docs"]
    counts = json.loads(invoke(args).stdout)
    assert {r["doc"]: r["count"] for r in rows} == {c["doc"]: c["count"] for c in counts}
    assert {r["query"] for r in rows} == {"CCG"}


def test_collocates_of_every_form(invoke: Invoke) -> None:
    plain = invoke(["stats", "collocates", "CCG", "--json"])
    wide = json.loads(invoke(["stats", "collocates", "CCG", "--variants", "--json"]).stdout)
    assert plain.exit_code == 1  # one hit: nothing occurs twice near it
    assert wide and all(r["observed"] >= 2 for r in wide)


def test_a_hint_on_a_terminal_only(invoke: Invoke) -> None:
    hint = "nhsalliance: CCG is also written CCGs, clinical commissioning groups: add --variants"
    on_tty = invoke(["search", "CCG"], env=Environment.terminal())
    assert on_tty.stderr.splitlines() == [hint]
    trend = invoke(["trend", "CCG"], env=Environment.terminal())
    assert hint in trend.stderr.splitlines()
    assert invoke(["search", "CCG"]).stderr == ""  # a pipe
    assert invoke(["search", "CCG", "--variants"], env=Environment.terminal()).stderr == ""
    plain_word = invoke(["search", "commissioning"], env=Environment.terminal())
    assert plain_word.stderr == ""


def test_quotes_contains_keeps_matching_every_form(invoke: Invoke) -> None:
    rows = json.loads(invoke(["quotes", "--contains", "CCG", "--json"]).stdout)
    assert rows and any("CCGs" in r["text"] for r in rows)


def test_variants_on_a_user_corpus(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "press"
    shutil.copytree(USER_CORPUS, folder)
    args = ["--corpus", str(folder), "search"]
    hits = json.loads(invoke([*args, "PCN", "--variants", "--json"]).stdout)
    assert {h["match"] for h in hits} == {"PCN", "PCNs", "Primary Care Networks"}
    assert {h["query"] for h in hits} == {"PCN"}
    hint = invoke([*args, "ICB"], env=Environment.terminal()).stderr
    assert hint == "nhsalliance: ICB is also written Integrated Care Board: add --variants\n"


def test_an_acronym_finds_its_dotted_form(invoke: Invoke, tmp_path: Path) -> None:
    """American papers write N.H.S. and B.M.A.: --variants finds them as NHS and BMA, an
    acronym the names index does not know included; without it, only what was typed."""
    from conftest import write_corpus

    folder = write_corpus(
        tmp_path / "c",
        {
            "nyt.txt": "The N.H.S. is not for sale, the B.M.A. said. The XYZ and X.Y.Z. agree.\n",
            "bbc.txt": "The NHS will survive, the BMA said.\n",
        },
    )

    def hits(*args: str) -> list[str]:
        out = invoke(["--corpus", str(folder), "search", *args, "--json"]).stdout
        return sorted(h["match"] for h in json.loads(out))

    assert hits("NHS") == ["NHS"]
    assert hits("NHS", "--variants") == ["N.H.S", "NHS"]
    assert hits("BMA", "--variants") == ["B.M.A", "BMA"]
    assert hits("XYZ", "--variants") == ["X.Y.Z", "XYZ"]  # not a known name: still dotted
