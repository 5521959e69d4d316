"""Does the work grow linearly with the text? Doubles the input and prints the time ratios.

    python benchmarks/scaling.py [--start CHARS] [--steps N]

Each case builds a one-document corpus in memory from a hostile paragraph (no line
breaks, the shape of issue #14's fixture) at START characters, then twice that, and so
on, and times one analysis on it (CPU time, the best of three runs). Linear work shows
ratios near 2 from one size to the next; quadratic work shows ratios near 4.

Cases:
- names: the names index (acronym definitions, capitalised names, people) of a paragraph
  of 'Dr Smith said “we need more funding (as agreed)” at the meeting.' repeated;
- did-you-mean: what 'search qqqzzx' does when nothing matches (the corpus's word forms,
  then the names index);
- acronyms: a paragraph dense with parenthesised acronym definitions;
- regex: '--regex (a|aa)+$' (catastrophic for a backtracking engine) on a run of 'a'.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from nhsalliance_cli.analyses.names.records import build_index
from nhsalliance_cli.analyses.vocabulary import search_hints
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.search import compile_regex, find

FIXTURE = "Dr Smith said “we need more funding (as agreed)” at the meeting. "
ACRONYMS = "the Clinical Commissioning Groups (CCGs) and practice-based commissioning (PBC) "


def corpus_of(text: str) -> Corpus:
    return Corpus("scaling", (Document(id="p", file="p.txt", text=text, title="p"),))


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def run_names(size: int) -> None:
    build_index(corpus_of(repeated(FIXTURE, size)))


def run_hints(size: int) -> None:
    list(search_hints(corpus_of(repeated(FIXTURE, size)), ["qqqzzx"]))


def run_acronyms(size: int) -> None:
    build_index(corpus_of(repeated(ACRONYMS, size)))


def run_regex(size: int) -> None:
    find("a" * size + "b", [compile_regex("(a|aa)+$")])


CASES: dict[str, Callable[[int], None]] = {
    "names": run_names,
    "did-you-mean": run_hints,
    "acronyms": run_acronyms,
    "regex": run_regex,
}


def cpu_seconds(case: Callable[[int], None], size: int, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        case(size)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", type=int, default=125_000, help="first size, in characters")
    parser.add_argument("--steps", type=int, default=4, help="how many doublings")
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="only these")
    args = parser.parse_args()
    for name in args.case or list(CASES):
        case = CASES[name]
        print(f"{name}:")
        previous = None
        for step in range(args.steps + 1):
            size = args.start * 2**step
            seconds = cpu_seconds(case, size)
            ratio = f"{seconds / previous:5.2f}x" if previous else "     -"
            print(f"  {size:>10,} chars  {seconds:8.3f} s  {ratio}")
            previous = max(seconds, 1e-6)


if __name__ == "__main__":
    main()
