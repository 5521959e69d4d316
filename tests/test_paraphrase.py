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
from nhsalliance_cli.corpus import Corpus, load_bundled, load_corpus
from nhsalliance_cli.lookup import Match, find_quote
from nhsalliance_cli.names import build_index
from nhsalliance_cli.quotation import Quotation
from nhsalliance_cli.quotes import corpus_quotations
from nhsalliance_cli.stats import load_stopwords

DATA = ROOT / "tests" / "data" / "lookup"
FILES = ("paraphrases.toml", "paraphrases_unseen.toml")
STOP = load_stopwords()


@cache
def setting(which: str) -> tuple[Corpus, tuple[Quotation, ...]]:
    if which == "bundled":
        corpus = load_bundled()
    else:
        folder = Path(tempfile.mkdtemp()) / "news"
        shutil.copytree(DATA / "news_corpus", folder)
        corpus = load_corpus(str(folder))
    return corpus, tuple(corpus_quotations(corpus, build_index(corpus)))


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


@pytest.mark.parametrize("case", params("half_remembered"))
def test_paraphrases_find_their_source(case: dict[str, Any]) -> None:
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
def test_fabrications_find_nothing(case: dict[str, Any]) -> None:
    assert lookup(case["typed"], case["corpus"]) == []
