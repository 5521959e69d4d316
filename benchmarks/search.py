"""Search speed on a generated 50 MB corpus against ripgrep, measured side by side.

    python benchmarks/search.py [--size-mb 50] [--runs 3] [WORD ...]

The corpus is the bundled texts copied into thousands of files. For each word the script
times `rg -i -w --json WORD DIR` and `nhsalliance --corpus DIR search WORD --json` alternately
and prints the medians, the number of hits and the ratio. It also times a search of the
bundled corpus against the bare interpreter start-up, to show that start-up dominates there.
Needs ripgrep (`rg`) on the PATH.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORDS = ["Darzi", "commissioning", "the"]


def make_corpus(folder: Path, size_mb: int) -> int:
    texts = [p.read_bytes() for p in sorted((ROOT / "corpus").glob("*.txt"))]
    total = count = 0
    while total < size_mb * 1_000_000:
        data = texts[count % len(texts)]
        (folder / f"doc{count:06d}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return count


def timed(argv: list[str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, check=False).stdout
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="*", default=DEFAULT_WORDS)
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rg = shutil.which("rg")
    if rg is None:
        sys.exit("benchmarks/search.py needs ripgrep: install it (apt-get install ripgrep)")
    ours = [sys.executable, "-m", "nhsalliance_cli"]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_corpus(folder, args.size_mb)
        print(f"corpus: {files} files, {args.size_mb} MB")
        print(f"{'word':<15} {'hits':>7} {'ripgrep':>9} {'nhsalliance':>12} {'ratio':>7}")
        for word in args.words:
            rg_argv = [rg, "-i", "-w", "--json", word, str(folder)]
            our_argv = [*ours, "--corpus", str(folder), "search", word, "--json"]
            timed(rg_argv), timed(our_argv)  # warm the page cache
            rg_times, our_times, hits = [], [], 0
            for _ in range(args.runs):
                rg_times.append(timed(rg_argv)[0])
                elapsed, out = timed(our_argv)
                our_times.append(elapsed)
                hits = out.count(b'{"doc": ')
            a, b = statistics.median(rg_times), statistics.median(our_times)
            print(f"{word:<15} {hits:>7} {a:>8.2f}s {b:>11.2f}s {b / a:>6.1f}x")

    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp, "hello.py")
        hello.write_text("import typer\n\ntyper.run(lambda name='world': print(name))\n")
        bare = [sys.executable, str(hello)]
        bundled = [*ours, "search", "commissioning", "--json"]
        a = statistics.median(timed(bare)[0] for _ in range(10))
        b = statistics.median(timed(bundled)[0] for _ in range(10))
    print(f"bundled corpus: search {b * 1000:.0f}ms; a bare Typer app starts in {a * 1000:.0f}ms")


if __name__ == "__main__":
    main()
