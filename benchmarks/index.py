"""The corpus index's speed goals, measured side by side, on generated 50 MB and 200 MB folders.

    python benchmarks/index.py [--sizes 50,200] [--runs 5]

For each size the script generates a folder of texts (the bundled texts copied into thousands
of files, as benchmarks/search.py does), then measures, interleaving each pair of programs and
taking medians of wall time:

- warm `search WORD --json` against `rg -i -w --json WORD` (Darzi, commissioning, the);
- warm `list`, `names`, `quotes`, `stats words`, `trend`, `quote` against a bare Typer app;
- the cold first search (index build included), a search after one file changed, the first
  line of `search the --jsonl`, the memory of `search the --json`, and the index's size.

Targets (issue 10) are printed beside each ratio. Needs ripgrep (`rg`) on the PATH. The
index goes to a temporary cache folder, never the user's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import make_corpus
from startup import BARE_APP

OURS = [sys.executable, "-m", "nhsalliance_cli"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one run; its output is thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {code}")
    return time.perf_counter() - start, usage.ru_maxrss


def first_line(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    return elapsed


def paired(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of ``a`` and ``b``, run alternately (the machine is noisy)."""
    xs, ys = [], []
    for _ in range(runs):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def row(what: str, ours: float, ref: float, ref_name: str, target: str) -> None:
    ratio = ours / ref if ref else float("inf")
    print(f"{what:<34} {ours:>8.3f}s {ref_name:<12} {ref:>7.3f}s {ratio:>6.2f}x   {target}")


def measure(
    tmp: Path, size: int, runs: int, env: dict[str, str], bare_argv: list[str], rg: str
) -> None:
    folder = tmp / f"corpus{size}"
    folder.mkdir()
    files = make_corpus(folder, size)
    ours = [*OURS, "--corpus", str(folder)]
    print(f"\n{size} MB, {files} files (medians of {runs} runs, wall time)")
    print(f"{'what':<34} {'ours':>9} {'reference':<12} {'':>8} {'ratio':>7}   target")
    cold, _ = run([*ours, "search", "Darzi", "--json"], env)
    corpus_bytes = sum(p.stat().st_size for p in folder.iterdir())
    index_bytes = sum(p.stat().st_size for p in (tmp / "cache").rglob("*.sqlite3"))
    print(f"{'cold first search (build included)':<34} {cold:>8.3f}s   target <= 10 s at 50 MB")
    print(
        f"{'index size':<34} {index_bytes / 1e6:>7.1f}MB  corpus {corpus_bytes / 1e6:.1f} MB"
        f"  {index_bytes / corpus_bytes:.2f}x   target <= 2x"
    )
    targets = {
        "Darzi": "<= 2x (50 MB), <= 1x (200 MB)",
        "commissioning": "<= 3x",
        "the": "<= 4x",
    }
    for word, target in targets.items():
        a, b = paired(
            lambda w=word: run([*ours, "search", w, "--json"], env)[0],  # type: ignore[misc]
            lambda w=word: run([rg, "-i", "-w", "--json", w, str(folder)], env)[0],  # type: ignore[misc]
            runs,
        )
        row(f"search {word} --json", a, b, "ripgrep", target)
    commands = {
        "list --json": (["list", "--json"], "<= 1.5x"),
        "names --json": (["names", "--json"], "<= 5x"),
        "quotes --json": (["quotes", "--json"], "<= 5x"),
        "stats words --json": (["stats", "words", "--json"], "<= 5x"),
        "trend CCG --json": (["trend", "CCG", "--json"], "<= 5x"),
        "quote ... --json": (
            ["quote", "the new CCGs risk becoming bureaucratic", "--json"],
            "<= 8x",
        ),
    }
    for label, (extra, target) in commands.items():
        run([*ours, *extra], env)  # the first run computes what the index caches
        a, b = paired(
            lambda e=extra: run([*ours, *e], env)[0],  # type: ignore[misc]
            lambda: run(bare_argv, env)[0],
            runs,
        )
        row(label, a, b, "bare Typer", target)
    warm, _ = paired(lambda: run([*ours, "search", "Darzi", "--json"], env)[0], lambda: 0.0, runs)
    changed = []
    for i in range(runs):
        victim = sorted(folder.iterdir())[i * 7 % files]
        with open(victim, "a", encoding="utf-8") as f:
            f.write(f"\nAn added line {i}.\n")
        changed.append(run([*ours, "search", "Darzi", "--json"], env)[0])
    after = statistics.median(changed)
    print(
        f"{'search after one file changed':<34} {after:>8.3f}s warm {warm:>7.3f}s"
        f"  +{after - warm:.3f}s   target <= +0.5 s"
    )
    a, b = paired(
        lambda: first_line([*ours, "search", "the", "--jsonl"], env),
        lambda: run(bare_argv, env)[0],
        runs,
    )
    row("first line of search the --jsonl", a, b, "bare Typer", "<= 2x")
    _, rss = run([*ours, "search", "the", "--json"], env)
    print(f"{'memory of search the --json':<34} {rss / 1024:>7.0f}MB   target < 250 MB")
    shutil.rmtree(folder)
    shutil.rmtree(tmp / "cache")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200", help="corpus sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rg = shutil.which("rg")
    if rg is None:
        sys.exit("benchmarks/index.py needs ripgrep: install it (apt-get install ripgrep)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp, "cache"))}
        env.pop("NHSALLIANCE_NO_INDEX", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code reused, as after an install
        bare = Path(tmp, "bare.py")
        bare.write_text(BARE_APP)
        bare_argv = [sys.executable, str(bare)]
        for size in (int(s) for s in args.sizes.split(",")):
            measure(Path(tmp), size, args.runs, env, bare_argv, rg)


if __name__ == "__main__":
    main()
