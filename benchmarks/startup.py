"""Start-up time of the CLI against a bare Typer hello-world, measured side by side.

    python benchmarks/startup.py [--runs N]

Both programs run alternately under the same interpreter; the script prints the median wall
time and the median CPU time (user + system, steadier on a busy machine) of each, and their
ratios. Targets: within 1.25x of the bare app for list, 1.5x for a quote look-up.
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

BARE_APP = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""

COMMANDS = {
    "list --json": ["list", "--json"],
    "show ID --json": ["show", "dixon-retire", "--json"],
    "search WORD --json": ["search", "commissioning", "--json"],
    "quote TEXT": ["quote", "the new CCGs risk becoming bureaucratic"],
}


# Byte code is written and reused, as after an install: PYTHONDONTWRITEBYTECODE would
# make every run compile the package from source.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp, "bare.py")
        bare.write_text(BARE_APP)
        bare_argv = [sys.executable, str(bare)]
        print(
            f"{'command':<20} {'wall':>8} {'bare':>8} {'ratio':>6}   "
            f"{'cpu':>8} {'bare':>8} {'ratio':>6}"
        )
        for label, extra in COMMANDS.items():
            ours_argv = [sys.executable, "-m", "nhsalliance_cli", *extra]
            timed(ours_argv), timed(bare_argv)  # warm the file cache
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed(ours_argv))
                theirs.append(timed(bare_argv))
            wa, wb = (statistics.median(t[0] for t in runs) for runs in (ours, theirs))
            ca, cb = (statistics.median(t[1] for t in runs) for runs in (ours, theirs))
            print(
                f"{label:<20} {wa * 1000:>6.0f}ms {wb * 1000:>6.0f}ms {wa / wb:>5.2f}x   "
                f"{ca * 1000:>6.0f}ms {cb * 1000:>6.0f}ms {ca / cb:>5.2f}x"
            )


if __name__ == "__main__":
    main()
