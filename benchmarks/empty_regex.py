"""Regexes that can match the empty string against a plain word search, side by side.

    python benchmarks/empty_regex.py [--size-mb 50] [--runs 3]

On the bundled texts and on a generated corpus (the bundled texts copied into thousands
of files), times `search WORD --json` and `search --regex PATTERN --json` alternately and
prints the medians and each pattern's ratio to the word search. Goal: 10x at most.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import make_corpus

WORD = "commissioning"
PATTERNS = [r"(\w+\s?)*$", r"x*", r"\b", r"[A-Z]*CCG\w*", r"(?m)^\s*$"]


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False, env=env)
    return time.perf_counter() - start


def compare(label: str, base: list[str], runs: int, env: dict[str, str]) -> None:
    commands = {WORD: [*base, "search", WORD, "--json"]}
    commands |= {p: [*base, "search", "--regex", p, "--json"] for p in PATTERNS}
    for argv in commands.values():  # warm the index and the caches once
        subprocess.run(argv, capture_output=True, check=False, env=env)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for key, argv in commands.items():
            times[key].append(timed(argv, env))
    word = statistics.median(times[WORD])
    print(f"{label}: {WORD!r} {word:.3f} s")
    for key in PATTERNS:
        median = statistics.median(times[key])
        print(f"  {key:<16} {median:8.3f} s  {median / word:6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    ours = [sys.executable, "-m", "nhsalliance_cli"]
    compare("bundled texts", ours, args.runs, env)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp), args.size_mb)
        compare(f"{args.size_mb} MB, {files} files", [*ours, "--corpus", tmp], args.runs, env)


if __name__ == "__main__":
    main()
