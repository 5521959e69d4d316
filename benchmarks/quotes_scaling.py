"""Quotation analysis must be linear: double the text, and the time should double.

    python benchmarks/quotes_scaling.py [--start 1875] [--doublings 3] [--index] [--unclosed]

Builds one paragraph of N copies of ``Dr Smith said “we need more funding (as agreed)” at
the meeting.`` (15,000 copies is about 1 MB), times the quotation analysis of it, doubles N
and prints each time and its ratio to the time before: about 2 means linear, about 4
quadratic. ``--index`` also times building the names index first, as ``quotes`` does;
``--unclosed`` uses ``Dr Smith said “we need more funding `` instead: every mark opened and
none closed (a paragraph of stray marks was once quadratic).
"""

from __future__ import annotations

import argparse
import time

from nhsalliance_cli.analyses.attribution.people import People
from nhsalliance_cli.analyses.attribution.quotes import extract
from nhsalliance_cli.analyses.quotations import corpus_quotations
from nhsalliance_cli.corpus.model import Corpus, Document

UNIT = "Dr Smith said “we need more funding (as agreed)” at the meeting. "
UNCLOSED = "Dr Smith said “we need more funding "


def timed(copies: int, with_index: bool, unit: str = UNIT) -> tuple[float, int]:
    doc = Document(id="bench", file="bench.txt", text=unit * copies, title="bench")
    start = time.perf_counter()
    if with_index:
        found = list(corpus_quotations(Corpus("bench", (doc,))))
    else:
        found = extract(doc, People(()))
    return time.perf_counter() - start, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=1875, help="copies in the first text")
    parser.add_argument("--doublings", type=int, default=3, help="how many times to double")
    parser.add_argument("--index", action="store_true", help="also build the names index")
    parser.add_argument("--unclosed", action="store_true", help="marks opened, never closed")
    args = parser.parse_args()
    unit = UNCLOSED if args.unclosed else UNIT
    previous = None
    copies = args.start
    print(f"{'copies':>8} {'chars':>10} {'quotes':>7} {'seconds':>8} {'ratio':>6}")
    for _ in range(args.doublings + 1):
        seconds, found = timed(copies, args.index, unit)
        ratio = f"{seconds / previous:6.2f}" if previous else "     -"
        print(f"{copies:>8} {copies * len(unit):>10} {found:>7} {seconds:>8.2f} {ratio}")
        previous = seconds
        copies *= 2


if __name__ == "__main__":
    main()
