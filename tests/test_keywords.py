"""stats keywords: G2, its Bonferroni-corrected p-value and Hardie's log ratio, checked
against values worked out by hand."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from conftest import Invoke
from nhsalliance_cli.analyses.stats import keywords

# Target: "cat cat cat cat dog" (c = 5 tokens); reference: "dog" x 9 and "cat" (d = 10).
# For cat, a = 4 and b = 1; N = 15 and cat occurs 5 times, so the expected cells are
#   E11 = 5 * 5 / 15 = 5/3,  E12 = 5 * 10 / 15 = 10/3,  E21 = 10 * 5 / 15 = 10/3,
#   E22 = 10 * 10 / 15 = 20/3, and the observed ones 4, 1, 1, 9:
#   G2 = 2 (4 ln(4 / (5/3)) + ln(1 / (10/3)) + ln(1 / (10/3)) + 9 ln(9 / (20/3)))
#      = 2 (3.5018749 - 1.2039728 - 1.2039728 + 2.7009436) = 7.5897458
#   p = erfc(sqrt(G2 / 2)) = 0.0058702, times 2 items compared (cat, dog) = 0.0117404
#   log ratio = log2((4/5) / (1/10)) = log2(8) = 3
# dog is the same table the other way round: G2 the same, log ratio log2(0.2 / 0.9).
G2 = 7.5897458
P_RAW = 0.0058702
TARGET = (Counter({"cat": 4, "dog": 1}), 5)
REFERENCE = (Counter({"dog": 9, "cat": 1}), 10)


def test_hand_computed_g2_p_and_log_ratio() -> None:
    assert 2 * (
        4 * math.log(4 / (5 / 3)) + 2 * math.log(1 / (10 / 3)) + 9 * math.log(9 / (20 / 3))
    ) == pytest.approx(G2)
    [cat] = keywords(TARGET, REFERENCE, max_p=1)
    assert (cat.word, cat.count, cat.ref_count) == ("cat", 4, 1)
    assert (cat.per_1000, cat.ref_per_1000) == (800.0, 100.0)
    assert cat.loglik == pytest.approx(G2, abs=1e-4)
    assert cat.p == pytest.approx(2 * P_RAW, rel=1e-3)
    assert cat.log_ratio == 3.0
    [dog] = keywords(TARGET, REFERENCE, negative=True, max_p=1)
    assert dog.word == "dog"
    assert dog.loglik == pytest.approx(G2, abs=1e-4)
    assert dog.log_ratio == pytest.approx(math.log2(0.2 / 0.9), abs=1e-4)


def test_the_cut_is_bonferroni_corrected() -> None:
    # cat's own p (0.0059) is under 0.01, but not once corrected for the two items.
    assert keywords(TARGET, REFERENCE) == []
    assert [r.word for r in keywords(TARGET, REFERENCE, max_p=0.0118)] == ["cat"]
    assert keywords(TARGET, REFERENCE, max_p=0.0117) == []


def test_a_zero_counts_as_half_in_the_log_ratio() -> None:
    target = (Counter({"pbc": 6, "the": 94}), 100)
    reference = (Counter({"the": 1000}), 1000)
    [pbc] = keywords(target, reference, max_p=1)
    assert pbc.ref_count == 0
    assert pbc.log_ratio == pytest.approx(math.log2((6 / 100) / (0.5 / 1000)), abs=1e-4)
    assert pbc.loglik == pytest.approx(
        2
        * (
            6 * math.log(6 / (100 * 6 / 1100))
            + 94 * math.log(94 / (100 * 1094 / 1100))
            + 1000 * math.log(1000 / (1000 * 1094 / 1100))
        ),
        abs=1e-3,
    )


def test_min_count_and_equal_rates() -> None:
    target = (Counter({"a": 2, "b": 2}), 4)
    reference = (Counter({"a": 2, "b": 2}), 4)
    assert keywords(target, reference, max_p=1) == []  # the same rate is no keyword
    assert keywords(TARGET, REFERENCE, max_p=1, min_count=5) == []


@pytest.fixture
def pets(tmp_path: Path) -> Path:
    folder = tmp_path / "pets"
    folder.mkdir()
    (folder / "a.txt").write_text("cat cat cat cat dog\n", encoding="utf-8")
    (folder / "b.txt").write_text("dog dog dog dog dog\n\ndog dog dog dog cat\n", encoding="utf-8")
    (folder / "c.txt").write_text("fish fish\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "file,owner\na.txt,ann\nb.txt,bob\nc.txt,cy\n", encoding="utf-8"
    )
    return folder


def test_keywords_through_the_command_line(invoke: Invoke, pets: Path) -> None:
    base = ["--corpus", str(pets), "stats", "keywords", "--where", "owner=ann", "--min-count", "1"]
    rows = json.loads(invoke([*base, "--against", "owner=bob", "--max-p", "1", "--json"]).stdout)
    assert [r["word"] for r in rows] == ["cat"]
    assert list(rows[0]) == [
        "word",
        "count",
        "per_1000",
        "ref_count",
        "ref_per_1000",
        "loglik",
        "p",
        "log_ratio",
    ]
    assert rows[0]["loglik"] == pytest.approx(G2, abs=1e-4)
    assert rows[0]["p"] == pytest.approx(2 * P_RAW, rel=1e-3)
    # Against the rest (bob and cy), fish counts in the reference too: three items.
    rest = json.loads(invoke([*base, "--max-p", "1", "--json"]).stdout)
    assert {r["word"] for r in rest} == {"cat"}
    negative = json.loads(invoke([*base, "--max-p", "1", "--negative", "--json"]).stdout)
    assert {r["word"] for r in negative} == {"dog", "fish"}
    csv = invoke([*base, "--against", "owner=bob", "--max-p", "1", "--csv"]).stdout
    assert csv.splitlines()[0] == "word,count,per_1000,ref_count,ref_per_1000,loglik,p,log_ratio"
    none = invoke([*base, "--against", "owner=bob"])  # corrected p 0.0117: not under 0.01
    assert none.exit_code == 1 and "no keywords at p < 0.01" in none.stderr


def test_keyword_mistakes(invoke: Invoke, pets: Path) -> None:
    base = ["--corpus", str(pets), "stats", "keywords"]
    whole = invoke(base)
    assert whole.exit_code == 2 and "compares a sub-corpus with the rest" in whole.stderr
    same = invoke([*base, "--where", "owner=ann", "--against", "owner=ann"])
    assert same.exit_code == 2 and "the reference corpus is empty" in same.stderr
    bad = invoke([*base, "--where", "owner=ann", "--against", "ownr=bob"])
    assert bad.exit_code == 2 and "--against: no field 'ownr'; did you mean owner?" in bad.stderr
    size = invoke([*base, "--where", "owner=ann", "--size", "6"])
    assert size.exit_code == 2 and "--size must be from 1 to 5" in size.stderr


def test_ngram_keywords_stay_within_paragraphs(invoke: Invoke, pets: Path) -> None:
    args = ["--corpus", str(pets), "stats", "keywords", "--where", "owner=bob", "--size", "2"]
    rows = json.loads(invoke([*args, "--max-p", "1", "--min-count", "1", "--json"]).stdout)
    words = {r["word"]: r["count"] for r in rows}
    assert words["dog dog"] == 7  # 4 + 3: no "dog dog" across b.txt's paragraph break
