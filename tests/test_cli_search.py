from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke, write_corpus
from nhsalliance_cli.index.opening import load_bundled
from nhsalliance_cli.output.env import Environment

HIT_FIELDS = [
    "doc", "start", "end", "line", "match", "left", "right", "query", "date", "date_inferred",
]  # fmt: skip
COUNT_FIELDS = ["doc", "count", "words", "per_1000"]
TEXTS = {d.id: d.text for d in load_bundled()}


def hits(invoke: Invoke, *args: str) -> list[dict[str, Any]]:
    result = invoke(["search", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_json_fields_and_exact_offsets(invoke: Invoke) -> None:
    found = hits(invoke, "commissioning")
    assert found and all(list(h) == HIT_FIELDS for h in found)
    for h in found:
        text = TEXTS[str(h["doc"])]
        start, end = int(h["start"]), int(h["end"])
        assert text[start:end] == h["match"]
        assert h["line"] == text.count("\n", 0, start) + 1
        assert h["query"] == "commissioning"
    # Document order: oldest document first, then by position.
    order = list(dict.fromkeys(h["doc"] for h in found))
    assert order == [d for d in TEXTS if d in order]


def test_contexts_hold_the_window_of_words(invoke: Invoke) -> None:
    found = hits(invoke, "Darzi", "--window", "3")
    assert [h["left"] for h in found] == ["commissioning to Lord", "perhaps, with the"]
    assert [h["right"] for h in found] == ["and sitting on", "Strategy, when it"]
    bare = hits(invoke, "Darzi", "--window", "0")
    assert all(h["left"] == "" and h["right"] == "" for h in bare)


def test_typography_in_the_corpus(invoke: Invoke) -> None:
    assert [h["match"] for h in hits(invoke, "it's")][:1] == ["It’s"]
    assert len(hits(invoke, "King's Fund")) == 3
    phrase = hits(invoke, "practice based commissioning")
    assert sorted(str(h["match"]) for h in phrase) == [
        "Practice Based Commissioning",
        "practice based commissioning",
        "practice-based commissioning",
    ]
    assert any(h["match"] == "Dixon" and "’s" not in str(h["right"]) for h in hits(invoke, "Dixon"))
    assert all(h["match"] == "GP" for h in hits(invoke, "GP"))


def test_wildcard_and_alternatives(invoke: Invoke) -> None:
    words = {str(h["match"]).lower() for h in hits(invoke, "commission*")}
    assert {"commissioned", "commissioning", "commissioners"} <= words
    both = hits(invoke, "PBC", "CCG")
    assert {h["query"] for h in both} == {"PBC", "CCG"}


def test_regex_search(invoke: Invoke) -> None:
    found = hits(invoke, "--regex", r"CCGs?\b")
    assert {h["match"] for h in found} == {"CCG", "CCGs"}
    docs = [h["doc"] for h in found]
    assert docs.count("westminster-health-forum-2013") == 7


def test_sort_by_right_then_left_context(invoke: Invoke) -> None:
    found = hits(invoke, "commission*", "--sort", "R1,R2", "--doc", "dixon-retire")
    assert {h["doc"] for h in found} == {"dixon-retirement"}
    r1 = [re.findall(r"[^\W_]+", str(h["right"]))[:1] for h in found]
    keys = [w[0].lower() if w else "" for w in r1]
    assert keys == sorted(keys)
    left = hits(invoke, "commissioning", "--sort", "L1")
    l1 = [re.findall(r"[^\W_]+", str(h["left"]))[-1].lower() for h in left if h["left"]]
    assert l1 == sorted(l1)


def test_limit_and_doc_filter(invoke: Invoke) -> None:
    assert len(hits(invoke, "NHS", "--limit", "3")) == 3
    only = hits(invoke, "NHS", "--doc", "new-year", "--doc", "nott")
    assert {h["doc"] for h in only} == {"new-year-message-2013", "nottingham-address-2009"}


def test_count_json_csv_and_total(invoke: Invoke) -> None:
    result = invoke(["search", "PBC", "CCG", "--count", "--json", "--all-docs"])
    rows = json.loads(result.stdout)
    assert all(list(r) == COUNT_FIELDS for r in rows)
    docs = rows  # one row per document: the total is for the terminal only
    assert [r["doc"] for r in docs] == list(TEXTS)
    assert sum(r["count"] for r in docs) == len(hits(invoke, "PBC", "CCG"))
    nott = docs[0]
    assert nott["count"] == 6
    assert nott["per_1000"] == round(6 * 1000 / nott["words"], 2)
    args = ["search", "PBC", "--count", "--csv", "--all-docs"]
    table = list(csv.DictReader(io.StringIO(invoke(args).stdout)))
    assert len(table) == len(TEXTS) and sum(int(r["count"]) for r in table) == 6
    plain = invoke(["search", "PBC", "--count", "--all-docs"]).stdout.splitlines()
    assert plain[-1].split()[:2] == ["total", "6"]


def test_count_and_plot_list_the_documents_with_hits(invoke: Invoke) -> None:
    """Without --all-docs, the documents without a hit are left out; the total is whole."""
    rows = json.loads(invoke(["search", "PBC", "CCG", "--count", "--json"]).stdout)
    every = json.loads(invoke(["search", "PBC", "CCG", "--count", "--json", "--all-docs"]).stdout)
    assert rows == [r for r in every if r["count"]]
    assert len(rows) < len(every)
    plain = invoke(["search", "PBC", "--count"]).stdout.splitlines()
    assert len(plain) == 3  # the header, the one document, the total
    assert plain[-1].split()[:6] == ["total", "(1", "of", "5", "documents)", "6"]
    plot = invoke(["search", "PBC", "--plot"]).stdout.splitlines()
    assert [line.split()[0] for line in plot] == ["nottingham-address-2009", "total"]
    assert plot[-1] == "total (1 of 5 documents): 6 hits"
    assert len(invoke(["search", "PBC", "--plot", "--all-docs"]).stdout.splitlines()) == 6
    bad = invoke(["search", "PBC", "--all-docs"])
    assert bad.exit_code == 2 and "--all-docs goes with --count or --plot" in bad.stderr


def test_piped_kwic_lines_align_the_match(invoke: Invoke) -> None:
    out = invoke(["search", "commissioning", "--doc", "nott"]).stdout
    lines = out.splitlines()
    text = TEXTS["nottingham-address-2009"]
    assert len(lines) == len(re.findall(r"(?<![^\W_])commissioning(?![^\W_])", text, re.I))
    assert all(line.startswith("nottingham-address-2009:") for line in lines)
    columns = {line.lower().index("  commissioning  ") for line in lines}
    assert len(columns) == 1
    assert "\x1b[" not in out


def test_terminal_kwic_highlights_and_fits(invoke: Invoke) -> None:
    out = invoke(["search", "Darzi"], env=Environment.terminal(width=80)).stdout
    assert "\x1b[" in out
    plain = invoke(["search", "Darzi"], env=Environment.terminal(width=80, color=False)).stdout
    assert all(len(line) <= 80 for line in plain.splitlines())
    assert "Darzi" in plain


def test_no_match_exits_1_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke(["search", "Darzy"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "nhsalliance: no matches",
        "nhsalliance: did you mean 'Darzi'? (2 hits)",
    ]
    typo = invoke(["search", "practise based comissioning", "--json"])
    assert typo.exit_code == 1 and json.loads(typo.stdout) == []
    assert "did you mean 'practice based commissioning'? (3 hits)" in typo.stderr
    nothing = invoke(["search", "zyxwvut"])
    assert nothing.exit_code == 1 and nothing.stderr == "nhsalliance: no matches\n"
    exact_case = invoke(["search", "nhs", "--case-sensitive"])
    assert exact_case.exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--regex", "("], "invalid regular expression '(': missing )"),
        (["search"], "give a word or phrase to search for"),
        (["search", ""], "empty query"),
        (["search", "--"], "give a word or phrase"),
        (["search", "—"], "has no letters or digits"),
        (["search", "x", "--sort", "R0"], "unknown sort key 'R0'"),
        (["search", "x", "--sort", "R1,R2,L1,L2"], "at most 3 keys"),
        (["search", "x", "--window", "-1"], "--window must be between 0 and 100"),
        (["search", "x", "--limit", "0"], "Invalid value for '--limit'"),
        (["search", "x", "--doc", "zzz"], "no document 'zzz'"),
        (["search", "x", "--json", "--jsonl"], "cannot be used together"),
        (["search", "a" * 2000], "the limit is 1000"),
        (["search", "NHS\x1b[31m"], "control characters"),
    ],
)
def test_search_mistakes_exit_2(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_user_corpus_crlf_and_no_break_spaces(invoke: Invoke, press_folder: Path) -> None:
    found = hits(invoke, "practice based commissioning", "--corpus", str(press_folder))
    texts = {
        "2019-budget-release": (press_folder / "2019-budget_release.txt").read_bytes().decode(),
        "news-item": (press_folder / "news item.txt").read_bytes().decode(),
    }
    assert [h["doc"] for h in found] == ["2019-budget-release", "news-item"]
    for h in found:
        assert texts[str(h["doc"])][int(h["start"]) : int(h["end"])] == h["match"]
    assert found[1]["match"] == "practice\u00a0based\ncommissioning"
    assert found[1]["line"] == 4
    assert "\n" not in str(found[1]["left"]) + str(found[1]["right"])


def test_long_runs_without_words_still_give_full_contexts(invoke: Invoke, tmp_path: Path) -> None:
    text = "one two " + "-" * 5000 + " three four TARGET five " + "." * 5000 + " six seven"
    folder = write_corpus(tmp_path / "c", {"t.txt": text})
    (hit,) = hits(invoke, "target", "--corpus", str(folder), "--window", "6")
    assert re.findall(r"\w+", str(hit["left"])) == ["one", "two", "three", "four"]
    assert re.findall(r"\w+", str(hit["right"])) == ["five", "six", "seven"]
