"""The index's speed and size goals (issue 17), measured side by side on two kinds of folder.

    python benchmarks/index.py [--folder copies|real|both] [--sizes 50,200] [--runs 5]
                               [--real-dir DIR]

Two kinds of folder, each at every size asked for:

- copies: the bundled texts copied into thousands of files (benchmarks/search.py);
- real: distinct pages of English documentation (benchmarks/realtext.py builds them once into
  --real-dir, by default the user's cache; they are copied to a temporary folder, since the
  benchmark edits files).

Each folder is scanned first for what the measures need: a rare word (in a handful of
documents: the one closest to 3, a whole word of 6 to 14 ASCII letters), a word it lacks, a common
word for `trend` (the longest word among those in the most documents), and a sentence for
`quote` (8 to 16 plain words, one left out, as a half-remembered quotation). The speaker for
`quotes --speaker` is the commonest of the first `quotes --json` (a name of two words or
more if there is one), the query for `names` the
first person (else name) of the first `names --json`, the document for `show` the first hit
of the rare word: each is printed with its table. The table, in Markdown, gives for each
measure the median wall time over --runs runs interleaved with its reference (a bare Typer
app, or `rg -i -w --json`), the ratio, the peak memory (max RSS of the process and the
processes it waited for, over all its runs) and the issue's goal:

- warm `search RARE --json`, `search ABSENT`, `list --limit 20 --json`, `show DOC`,
  `names QUERY --json`, `quotes --speaker X --json`, `stats words --limit 50 --json`,
  `trend WORD --json`: <= 2x a bare Typer app at 50 MB, <= 2.5x above;
- warm `quote "..." --json`: <= 3x;
- `search commissioning --json`: <= 5x ripgrep (and the same for the folder's common word,
  since documentation never says commissioning); `search the --json`: <= 8x;
- the cost of a hit: (search the - search RARE) / hits of the, goal ~3 us;
- each of the warm commands right after one file changed (a line appended to a different
  file before each run), against the same command's warm median: <= +0.3 s; the median of
  the run after that one is printed too, since it should be warm again;
- the first `quotes --json` and the first `names --json` on a cold folder (an empty cache;
  the operating system's file cache stays warm), index build included, one run each:
  <= 20 s up to 50 MB, then growing linearly (0.4 s a MB: <= 80 s at 200 MB); these run
  with stderr on a pseudo-terminal, as a user's, and "with progress throughout" is measured
  as the longest time with nothing new on it, from the start to the exit (<= 1 s: every
  step of more than half a second shows progress, and a bar redraws well within a second);
- the index's size against the corpus's (`index status --json`, after every measure has run
  once): <= 2x;
- the peak memory of any command: < 250 MB (the goal is stated at 200 MB);
- the first line of `search the --jsonl` (issue 10's goal, <= 2x);

and once, on the bundled texts, `list --json` against a bare Typer app: <= 1.25x.

Needs ripgrep (`rg`). The index goes to temporary cache folders, never the user's; the
machine should be otherwise idle for figures worth publishing (on a shared machine, run
--runs 3 for a smoke test only).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realtext
from search import make_corpus
from startup import BARE_APP

OURS = [sys.executable, "-m", "nhsalliance_cli"]
WORDS = re.compile(r"\w+")
PLAIN_SENTENCE = re.compile(r"[A-Z][a-z]*(?:,? [A-Za-z]+)+\.")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MB = 1_000_000


@dataclass(frozen=True)
class Picks:
    """What a folder's scan chose for the measures, and what it found."""

    files: int
    corpus_bytes: int
    types: int  # distinct \w+ tokens, case folded
    rare: str
    rare_docs: int
    absent: str
    common: str
    common_docs: int
    sentence: str


@dataclass
class Table:
    """The rows of one folder's table, and the peak memory seen for each command."""

    title: str
    rows: list[tuple[str, ...]] = field(default_factory=list)
    peaks: dict[str, int] = field(default_factory=dict)  # label -> KB

    def peak(self, label: str, kb: int) -> None:
        self.peaks[label] = max(self.peaks.get(label, 0), kb)


def words_of(path: Path) -> set[str]:
    return set(WORDS.findall(path.read_text(encoding="utf-8", errors="replace").lower()))


def plain_sentences(text: str) -> Iterator[str]:
    """Sentences of prose paragraphs (not code blocks), words and commas only."""
    for block in text.split("\n\n"):
        if block.startswith((" ", "\t")) or "\n " in block:
            continue
        for sentence in SENTENCE_END.split(" ".join(block.split())):
            if PLAIN_SENTENCE.fullmatch(sentence) and 8 <= len(sentence.split()) <= 16:
                yield sentence


def scan(folder: Path) -> Picks:
    """One pass over the folder: document frequencies, a rare, an absent and a common word."""
    files = sorted(folder.glob("*.txt"))
    df: Counter[str] = Counter()
    size = 0
    for path in files:
        df.update(words_of(path))
        size += path.stat().st_size
    candidates = [w for w in df if w.isascii() and w.isalpha() and 6 <= len(w) <= 14] or list(df)
    rare = min(candidates, key=lambda w: (abs(df[w] - 3), len(w), w))
    common = max(candidates, key=lambda w: (df[w], len(w), w))
    absent = "xyzzyplugh"
    while absent in df:
        absent += "q"
    sentence = ""
    for path in files[len(files) // 2 :] + files[: len(files) // 2]:
        found = next(plain_sentences(path.read_text(encoding="utf-8", errors="replace")), "")
        if found:
            words = found.rstrip(".").split()
            sentence = " ".join(words[: len(words) // 2] + words[len(words) // 2 + 1 :])
            break
    return Picks(len(files), size, len(df), rare, df[rare], absent, common, df[common], sentence)


def run(argv: list[str], env: dict[str, str], out: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one run; output to ``out`` or thrown away."""
    start = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {code}")
    return elapsed, usage.ru_maxrss


def run_on_terminal(argv: list[str], env: dict[str, str], out: Path) -> tuple[float, int, float]:
    """Wall seconds, peak memory (KB) and the longest time with nothing new on the terminal
    (from the start to the exit) of one run whose stderr is a pseudo-terminal, as a user's
    would be, so that the command draws its progress; stdout goes to ``out``."""
    controller, terminal = pty.openpty()
    start = last = time.perf_counter()
    silence = 0.0
    with open(out, "wb") as sink:
        proc = subprocess.Popen(
            argv, stdout=sink, stderr=terminal, env={**env, "TERM": "xterm-256color"}
        )
    os.close(terminal)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        ready, _, _ = select.select([controller], [], [], 0.05)
        now = time.perf_counter()
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal is closed: the process has ended
                chunk = b""
            if chunk:
                silence = max(silence, now - last)
                last = now
        if pid:
            break
    elapsed = time.perf_counter() - start
    silence = max(silence, elapsed - (last - start))
    os.close(controller)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {code}")
    return elapsed, usage.ru_maxrss, silence


def first_line(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    return elapsed


def records(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        return []
    loaded = json.loads(text)
    return loaded if isinstance(loaded, list) else [loaded]


def typer_goal(size: int) -> float:
    return 2.0 if size <= 50 else 2.5


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


class Bench:
    """The measures of one folder, with its cache, its picks and its table."""

    def __init__(
        self, folder: Path, size: int, runs: int, env: dict[str, str], bare: list[str]
    ) -> None:
        self.folder = folder
        self.size = size
        self.runs = runs
        self.env = env
        self.ours = [*OURS, "--corpus", str(folder)]
        self.bare = bare

    def timed(self, argv: list[str], table: Table, label: str, out: Path | None = None) -> float:
        elapsed, kb = run(argv, self.env, out)
        table.peak(label, kb)
        return elapsed

    def paired(
        self, table: Table, label: str, ours: list[str], ref: list[str]
    ) -> tuple[float, float]:
        """Medians of our command and a reference, run alternately (the machine is noisy)."""
        xs, ys = [], []
        for _ in range(self.runs):
            xs.append(self.timed(ours, table, label))
            ys.append(run(ref, self.env)[0])
        return statistics.median(xs), statistics.median(ys)

    def changed(self, table: Table, label: str, argv: list[str], turn: int) -> tuple[float, float]:
        """Medians of a command right after one file changed and of the run after that one,
        which should be warm again (a line appended to a different file each time)."""
        files = sorted(self.folder.glob("*.txt"))
        after, following = [], []
        for i in range(self.runs):
            victim = files[(turn * self.runs + i) * 7919 % len(files)]
            with open(victim, "a", encoding="utf-8") as f:
                f.write(f"\nAn added line, {turn} {i}.\n")
            after.append(self.timed(argv, table, label))
            following.append(self.timed(argv, table, label))
        return statistics.median(after), statistics.median(following)


def cold_first(bench: Bench, table: Table, out: Path, command: str, cache: Path) -> Path:
    """Times the first `COMMAND --json` on an empty cache folder, stderr on a terminal;
    returns its output's file."""
    env = {**bench.env, "XDG_CACHE_HOME": str(cache)}
    elapsed, kb, silence = run_on_terminal([*bench.ours, command, "--json"], env, out)
    label = f"first `{command} --json`, cold"
    table.peak(label, kb)
    goal = 0.4 * max(50, bench.size)
    table.rows.append(
        (
            label,
            seconds(elapsed),
            "(one run, index build included)",
            "",
            f"<= {goal:.0f} s",
            verdict(elapsed <= goal),
        )
    )
    # A step of more than half a second shows its progress: a bar redraws well within 1 s.
    table.rows.append(
        (
            f"{label}: longest time without progress on the terminal",
            seconds(silence),
            "",
            "",
            "<= 1 s",
            verdict(silence <= 1.0),
        )
    )
    return out


def pick_speaker(quotes: list[dict[str, Any]]) -> str | None:
    """The commonest speaker, a name of two words or more if there is one."""
    speakers = Counter(str(q["speaker"]) for q in quotes if q.get("speaker"))
    return min(speakers, key=lambda s: (" " not in s, -speakers[s], s)) if speakers else None


def pick_name(names: list[dict[str, Any]]) -> str | None:
    people = [str(n["name"]) for n in names if n.get("kind") == "person"]
    anyone = people or [str(n["name"]) for n in names]
    return anyone[0] if anyone else None


def measure(
    folder: Path, kind: str, size: int, runs: int, base: dict[str, str], bare: list[str], rg: str
) -> None:
    with tempfile.TemporaryDirectory(prefix="nhsalliance-bench-") as scratch:
        tmp = Path(scratch)
        print(f"\nscanning {folder} ...", file=sys.stderr)
        picks = scan(folder)
        env = {**base, "XDG_CACHE_HOME": str(tmp / "cache")}
        bench = Bench(folder, size, runs, env, bare)
        title = (
            f"{kind}, {size} MB: {picks.files:,} files, {picks.corpus_bytes / MB:.1f} MB, "
            f"{picks.types:,} distinct words"
        )
        table = Table(title)
        print("cold runs ...", file=sys.stderr)
        # The first builds the cache the warm measures use; the second, a cache of its own.
        quotes = records(cold_first(bench, table, tmp / "quotes.json", "quotes", tmp / "cache"))
        names = records(cold_first(bench, table, tmp / "names.json", "names", tmp / "cold"))
        shutil.rmtree(tmp / "cold", ignore_errors=True)
        speaker = pick_speaker(quotes) or pick_name(names) or "smith"
        query = pick_name(names) or picks.common
        hits_out = tmp / "rare.json"
        run([*bench.ours, "search", picks.rare, "--json"], bench.env, hits_out)
        rare_hits = records(hits_out)
        doc = rare_hits[0]["doc"] if rare_hits else "document"
        warm: dict[str, tuple[list[str], float]] = {
            f"`search {picks.rare} --json` (rare: {picks.rare_docs} docs)": (
                ["search", picks.rare, "--json"],
                typer_goal(size),
            ),
            f"`search {picks.absent}` (absent)": (["search", picks.absent], typer_goal(size)),
            "`list --limit 20 --json`": (["list", "--limit", "20", "--json"], typer_goal(size)),
            f"`show {doc}`": (["show", doc], typer_goal(size)),
            f"`names {query} --json`": (["names", query, "--json"], typer_goal(size)),
            f"`quotes --speaker {speaker} --json`": (
                ["quotes", "--speaker", speaker, "--json"],
                typer_goal(size),
            ),
            "`stats words --limit 50 --json`": (
                ["stats", "words", "--limit", "50", "--json"],
                typer_goal(size),
            ),
            f"`trend {picks.common} --json` ({picks.common_docs} docs)": (
                ["trend", picks.common, "--json"],
                typer_goal(size),
            ),
            f'`quote "{picks.sentence}" --json`': (["quote", picks.sentence, "--json"], 3.0),
        }
        print("warm-up ...", file=sys.stderr)
        for extra, _ in warm.values():
            run([*bench.ours, *extra], bench.env)  # the first run computes what is kept
        # On documentation, commissioning is absent: the folder's common word is measured too.
        against_rg = {"commissioning": 5.0, picks.common: 5.0, "the": 8.0}
        hits: dict[str, int] = {}
        for word in against_rg:
            count_out = tmp / "count.json"
            run([*bench.ours, "search", word, "--count", "--json"], bench.env, count_out)
            hits[word] = sum(int(r["count"]) for r in records(count_out))
        status_out = tmp / "status.json"
        run([*bench.ours, "index", "status", "--json"], bench.env, status_out)
        status = records(status_out)[0]
        ratio = status["index_bytes"] / max(1, status["corpus_bytes"])
        table.rows.append(
            (
                "index size",
                f"{status['index_bytes'] / MB:.1f} MB",
                f"corpus {status['corpus_bytes'] / MB:.1f} MB",
                f"{ratio:.2f}x",
                "<= 2x",
                verdict(ratio <= 2),
            )
        )

        print("warm commands ...", file=sys.stderr)
        medians: dict[str, float] = {}
        for label, (extra, goal) in warm.items():
            a, b = bench.paired(table, label, [*bench.ours, *extra], bench.bare)
            medians[label] = a
            table.rows.append(
                (
                    label,
                    seconds(a),
                    f"bare Typer {seconds(b)}",
                    f"{a / b:.2f}x",
                    f"<= {goal:g}x",
                    verdict(a / b <= goal),
                )
            )

        print("against ripgrep ...", file=sys.stderr)
        for word, goal in against_rg.items():
            label = f"`search {word} --json` ({hits[word]:,} hits)"
            run([rg, "-i", "-w", "--json", word, str(folder)], bench.env)  # the file cache
            a, b = bench.paired(
                table,
                label,
                [*bench.ours, "search", word, "--json"],
                [rg, "-i", "-w", "--json", word, str(folder)],
            )
            medians[label] = a
            table.rows.append(
                (
                    label,
                    seconds(a),
                    f"ripgrep {seconds(b)}",
                    f"{a / b:.2f}x",
                    f"<= {goal:g}x",
                    verdict(a / b <= goal),
                )
            )
        rare_label = next(iter(warm))
        the_label = f"`search the --json` ({hits['the']:,} hits)"
        per_hit = (medians[the_label] - medians[rare_label]) / max(1, hits["the"])
        table.rows.append(
            (
                "cost of a hit of `search the --json`, beyond `search RARE --json`",
                f"{per_hit * 1e6:.1f} us",
                "",
                "",
                "~3 us",
                verdict(per_hit <= 3e-6),
            )
        )
        xs, ys = [], []
        for _ in range(runs):
            xs.append(first_line([*bench.ours, "search", "the", "--jsonl"], bench.env))
            ys.append(run(bench.bare, bench.env)[0])
        a, b = statistics.median(xs), statistics.median(ys)
        table.rows.append(
            (
                "first line of `search the --jsonl`",
                seconds(a),
                f"bare Typer {seconds(b)}",
                f"{a / b:.2f}x",
                "<= 2x",
                verdict(a / b <= 2),
            )
        )

        print("after one file changed ...", file=sys.stderr)
        for turn, (label, (extra, _)) in enumerate(warm.items()):
            after, following = bench.changed(table, label, [*bench.ours, *extra], turn)
            extra_s = after - medians[label]
            table.rows.append(
                (
                    f"{label} after one file changed",
                    seconds(after),
                    f"warm {seconds(medians[label])}; the run after {seconds(following)}",
                    f"{extra_s:+.3f} s",
                    "<= +0.3 s",
                    verdict(extra_s <= 0.3),
                )
            )
        print_table(table)


def print_table(table: Table) -> None:
    print(f"\n### {table.title}\n")
    print("| measure | ours | reference | ratio | goal | |")
    print("| --- | --- | --- | --- | --- | --- |")
    for cells in table.rows:
        print("| " + " | ".join(cells) + " |")
    print("\n| command | peak memory | goal |")
    print("| --- | --- | --- |")
    for label, kb in table.peaks.items():
        print(f"| {label} | {kb / 1024:.0f} MB | < 250 MB {verdict(kb < 250 * 1024)} |")
    sys.stdout.flush()


def bundled(runs: int, env: dict[str, str], bare: list[str]) -> None:
    """`list --json` on the bundled texts against a bare Typer app."""
    argv = [*OURS, "list", "--json"]
    run(argv, env)
    xs, ys = [], []
    for _ in range(max(10, 3 * runs)):
        xs.append(run(argv, env)[0])
        ys.append(run(bare, env)[0])
    a, b = statistics.median(xs), statistics.median(ys)
    print("\n### bundled texts\n")
    print("| measure | ours | reference | ratio | goal | |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(
        f"| `list --json` | {seconds(a)} | bare Typer {seconds(b)} | {a / b:.2f}x | <= 1.25x | "
        f"{verdict(a / b <= 1.25)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--folder", choices=["copies", "real", "both"], default="both")
    parser.add_argument("--sizes", default="50,200", help="folder sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (3: quick)")
    parser.add_argument(
        "--real-dir", type=Path, default=None, help="where realtext.py builds (default: cache)"
    )
    args = parser.parse_args()
    rg = shutil.which("rg")
    if rg is None:
        sys.exit("benchmarks/index.py needs ripgrep: install it (apt-get install ripgrep)")
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = ["copies", "real"] if args.folder == "both" else [args.folder]
    real_dir: Path = args.real_dir or realtext.default_out()
    if "real" in kinds:
        realtext.build({s: real_dir / f"real-{s}" for s in sizes}, 200, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="nhsalliance-bench-") as scratch:
        tmp = Path(scratch)
        bare = tmp / "bare.py"
        bare.write_text(BARE_APP)
        base = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
        bare_argv = [sys.executable, str(bare)]
        base.pop("NHSALLIANCE_NO_INDEX", None)
        base.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code reused, as after an install
        print(f"# benchmarks/index.py: medians of {args.runs} interleaved runs, wall time")
        bundled(args.runs, base, bare_argv)
        for size in sizes:
            for kind in kinds:
                folder = tmp / f"{kind}-{size}"
                if kind == "copies":
                    folder.mkdir()
                    make_corpus(folder, size)
                else:
                    shutil.copytree(real_dir / f"real-{size}", folder)
                    (folder / "BUILT").unlink()
                measure(folder, kind, size, args.runs, base, bare_argv, rg)
                shutil.rmtree(folder)


if __name__ == "__main__":
    main()
