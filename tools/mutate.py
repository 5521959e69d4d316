"""Mutation testing: make one small, plausible bug at a time and see whether the tests notice.

    python tools/mutate.py nhsalliance_cli/text/search.py --tests tests/test_search.py \
        tests/test_behaviour_wildcards.py [--function NAME] [--max N] [--seed S]

The package, the tests and what they read are copied to a temporary folder; each mutant is
written into the copy alone and the given tests are run on it (``pytest -x -q``, one process
at a time, with a timeout). A mutant is *killed* when the tests fail, *survives* when they
pass, and *times out* when they run past the timeout (a mutant that loops: counted as killed,
since a hanging test run is noticed). Survivors are printed with file:line, the original line
and the mutated one; then a table of killed, survived and timed-out mutants per module.

The mutants are made with the standard library's ``ast``: comparisons flipped (``<`` and
``<=``, ``==`` and ``!=``, ``in`` and ``not in``...), ``+`` and ``-`` swapped (so ``+ 1``
becomes ``- 1``), ``and`` and ``or`` swapped, ``not`` dropped, integer and boolean constants
changed, ``bisect_left`` and ``bisect_right`` swapped, ``min`` and ``max`` swapped, slice bounds
off by one, and ``return x`` made ``return None``. Each is a change of one expression in the
source, so the rest of the file stays as it was.

Mutants known to be equivalent (no test can tell them from the original, since behaviour
does not change) are listed in EQUIVALENT below and reported as such, not as survivors.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the tests need besides the package: their data, the texts, the docs they check.
COPIED = ("nhsalliance_cli", "tests", "corpus", "docs", "README.md", "pyproject.toml", "LICENSE")

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
}
_NAME_SWAPS = {
    "bisect_left": "bisect_right",
    "bisect_right": "bisect_left",
    "min": "max",
    "max": "min",
}

# (module, original line, mutated line), stripped: mutants that cannot change behaviour,
# each with the reason. Found by this script's runs and read one by one.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    (
        "nhsalliance_cli/analyses/concordance.py",
        "date_inferred: bool = False # ... worked out, not printed in the text",
        "date_inferred: bool = True # ... worked out, not printed in the text",
    ): "a default never used: every Hit is made with date_inferred given",
    (
        "nhsalliance_cli/analyses/concordance.py",
        "if len(piece) > CAP and _LONG_TOKEN_RE.search(piece):",
        "if (len(piece) > CAP or _LONG_TOKEN_RE.search(piece)):",
    ): "a fast path: the substitution changes only tokens longer than CAP, which a piece "
    "of CAP characters or fewer cannot hold",
    (
        "nhsalliance_cli/analyses/lookup/find.py",
        "date_inferred: bool = False",
        "date_inferred: bool = True",
    ): "a default never used: every Match is made with date_inferred given",
    (
        "nhsalliance_cli/analyses/lookup/find.py",
        "table = [[0.0] * (m + 1) for _ in range(n + 1)]",
        "table = [[0.0] * (m + 1) for _ in range(n + 2)]",
    ): "an extra row of the alignment table that is never read",
    (
        "nhsalliance_cli/analyses/lookup/find.py",
        "return not SENTENCE_END.search(text, words[wa].end, words[wb].start + 1)",
        "return not SENTENCE_END.search(text, words[wa].end, words[wb].start + 2)",
    ): "a sentence end needs white space after it, and the search cannot see past its end "
    "or find one inside the word that starts there",
    (
        "nhsalliance_cli/analyses/stats.py",
        "words = [fold(t) for t in tokens(doc.text[start:end])]",
        "words = [fold(t) for t in tokens(doc.text[start:(end + 1)])]",
    ): "a paragraph is trimmed and ends at a line break: the character after it is white "
    "space, which adds no token",
    (
        "nhsalliance_cli/text/tokens.py",
        "while end > start and text[end - 1].isspace():",
        "while (end >= start) and text[end - 1].isspace():",
    ): "the loop before stops at a letter unless all is white space: either way the span "
    "added (or not) is the same",
    (
        "nhsalliance_cli/index/build.py",
        "BLOCK_DOCS = 128",
        "BLOCK_DOCS = 129",
    ): "a block's size is tuning: the answers do not depend on it",
    (
        "nhsalliance_cli/index/build.py",
        "BLOCK_BYTES = 4_000_000",
        "BLOCK_BYTES = 4000001",
    ): "a block's size is tuning: the answers do not depend on it",
    (
        "nhsalliance_cli/index/build.py",
        "if workers < 2:",
        "if workers < 3:",
    ): "parallel or not, the blocks are analysed alike: the same index",
    (
        "nhsalliance_cli/index/build.py",
        "if size < PARALLEL_BYTES or blocks < 2:",
        "if (size <= PARALLEL_BYTES) or blocks < 2:",
    ): "parallel or not, the blocks are analysed alike: the same index",
    (
        "nhsalliance_cli/index/build.py",
        "if size < PARALLEL_BYTES or blocks < 2:",
        "if size < PARALLEL_BYTES or (blocks <= 2):",
    ): "parallel or not, the blocks are analysed alike: the same index",
    (
        "nhsalliance_cli/index/build.py",
        'if "fork" not in multiprocessing.get_all_start_methods():',
        "if ('fork' in multiprocessing.get_all_start_methods()):",
    ): "parallel or not, the blocks are analysed alike: the same index",
    (
        "nhsalliance_cli/index/build.py",
        'cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1',
        'cores = len(os.sched_getaffinity(1)) if hasattr(os, "sched_getaffinity") else 1',
    ): "the number of workers: the same index with any",
    (
        "nhsalliance_cli/index/build.py",
        "return max(1, min(cores, 8, blocks))",
        "return max(1, max(cores, 8, blocks))",
    ): "the number of workers: the same index with any",
    (
        "nhsalliance_cli/analyses/attribution/cast.py",
        "if named.words not in fulls and len(fulls) < _MAX_SHARING:",
        "if (named.words not in fulls or len(fulls) < _MAX_SHARING):",
    ): "a name listed twice resolves as once: the same person by the same rules",
    (
        "nhsalliance_cli/text/search.py",
        "return Query(pattern, compiled, is_regex=True, folded=False)",
        "return Query(pattern, compiled, is_regex=True, folded=True)",
    ): "folded is read only for word queries; a regex query's case lives in its RE2 options",
}


@dataclass(frozen=True)
class Mutant:
    module: str  # path relative to the repository, as given
    line: int
    function: str  # the innermost function or method, "" at module level
    kind: str
    original: str  # the source line, stripped
    mutated: str  # the same line after the change, stripped
    source: str  # the whole mutated module


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    status: str  # killed, survived, timeout, equivalent
    seconds: float


def _segment_offsets(lines: Sequence[str], node: ast.AST) -> tuple[int, int]:
    """Character offsets of ``node`` in the source joined from ``lines`` (kept ends)."""
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:
        # ast columns count UTF-8 bytes.
        text = lines[lineno - 1]
        return starts[lineno - 1] + len(text.encode("utf-8")[:col].decode("utf-8"))

    end_lineno = getattr(node, "end_lineno", None)
    end_col = getattr(node, "end_col_offset", None)
    assert end_lineno is not None and end_col is not None
    return offset(node.lineno, node.col_offset), offset(end_lineno, end_col)  # type: ignore[attr-defined]


def _changes(node: ast.AST) -> Iterator[tuple[str, ast.AST, str]]:
    """(kind, the node replaced, its replacement's source) for each mutation of ``node``."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is not None:
                ops = list(node.ops)
                ops[i] = swap()
                new = ast.Compare(node.left, ops, node.comparators)
                yield "comparison", node, f"({ast.unparse(new)})"
    elif isinstance(node, ast.BinOp):
        swapped = _BINOP_SWAPS.get(type(node.op))
        if swapped is not None:
            new_op = ast.BinOp(node.left, swapped(), node.right)
            yield "arithmetic", node, f"({ast.unparse(new_op)})"
    elif isinstance(node, ast.AugAssign):
        swapped = _BINOP_SWAPS.get(type(node.op))
        if swapped is not None:
            yield "arithmetic", node, ast.unparse(ast.AugAssign(node.target, swapped(), node.value))
    elif isinstance(node, ast.BoolOp):
        other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield "boolean", node, f"({ast.unparse(ast.BoolOp(other, node.values))})"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not dropped", node, f"({ast.unparse(node.operand)})"
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            yield "constant", node, repr(not node.value)
        elif isinstance(node.value, int):
            yield "constant", node, repr(node.value + 1)
    elif isinstance(node, ast.Name) and node.id in _NAME_SWAPS and isinstance(node.ctx, ast.Load):
        yield "name", node, _NAME_SWAPS[node.id]
    elif isinstance(node, ast.Attribute) and node.attr in _NAME_SWAPS:
        yield "name", node, f"{ast.unparse(node.value)}.{_NAME_SWAPS[node.attr]}"
    elif isinstance(node, ast.Slice):
        for bound in (node.lower, node.upper):
            if bound is not None and not isinstance(bound, ast.Constant):
                yield "slice", bound, f"({ast.unparse(bound)} + 1)"
    elif isinstance(node, ast.Return) and not (
        node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)
    ):
        yield "return None", node, "return None"


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes not to mutate: annotations, decorators, f-string parts, type-checking code."""
    skip: set[int] = set()

    def all_of(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            all_of(node)
        elif isinstance(node, ast.arg | ast.AnnAssign):
            all_of(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if not isinstance(node, ast.ClassDef):
                all_of(node.returns)
            for decorator in node.decorator_list:  # frozen=True and the like
                all_of(decorator)
        elif isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            all_of(node)
    return skip


def _functions(tree: ast.Module) -> dict[int, str]:
    """The innermost function (Class.method) around each node, by node id."""
    where: dict[int, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = name
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = f"{name}.{child.name}" if name else child.name
            where[id(child)] = inner
            visit(child, inner)

    visit(tree, "")
    return where


def mutants(module: str, function: str | None = None) -> list[Mutant]:
    """Every mutant of ``module`` (inside ``function`` only, if given: a name or Class.name)."""
    source = (ROOT / module).read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    skip = _skipped(tree)
    where = _functions(tree)
    found: list[Mutant] = []
    for node in ast.walk(tree):
        if id(node) in skip or not hasattr(node, "lineno"):
            continue
        name = where.get(id(node), "")
        if function and not (name == function or name.endswith("." + function)):
            continue
        for kind, target, replacement in _changes(node):
            start, end = _segment_offsets(lines, target)
            new_source = source[:start] + replacement + source[end:]
            try:
                ast.parse(new_source)
            except SyntaxError:
                continue
            line_start = source.rfind("\n", 0, start) + 1
            line_end = source.find("\n", end)
            line_end = len(source) if line_end < 0 else line_end
            original = " ".join(source[line_start:line_end].split())
            mutated_end = line_end + len(new_source) - len(source)
            mutated = " ".join(new_source[line_start:mutated_end].split())
            found.append(
                Mutant(module, target.lineno, name, kind, original, mutated, new_source)  # type: ignore[attr-defined]
            )
    found.sort(key=lambda m: (m.line, m.kind, m.mutated))
    return found


def _copy(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache", "*.pyc")
    for name in COPIED:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=ignore)
        elif path.exists():
            shutil.copy2(path, dest / name)


def _run_tests(copy: Path, tests: Sequence[str], timeout: float) -> str:
    """passed, failed or timeout: the given tests run on the copy."""
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "XDG_CACHE_HOME": str(copy / ".cache"),  # the copy's indexes, not the user's
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += ["--hypothesis-seed=0", *tests]
    try:
        result = subprocess.run(
            command, cwd=copy, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    # Any failure counts: failing tests (1), a module that no longer imports (2, 4).
    return "passed" if result.returncode == 0 else "failed"


def run(
    modules: Sequence[str], tests: Sequence[str], chosen: Sequence[Mutant], timeout: float
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        copy = Path(tmp)
        _copy(copy)
        if _run_tests(copy, tests, timeout * 3) != "passed":
            raise SystemExit("mutate: the tests fail before any mutation (or are not found)")
        originals = {m: (copy / m).read_text(encoding="utf-8") for m in modules}
        for number, mutant in enumerate(chosen, start=1):
            key = (mutant.module, mutant.original, mutant.mutated)
            if key in EQUIVALENT:
                outcomes.append(Outcome(mutant, "equivalent", 0.0))
                continue
            target = copy / mutant.module
            target.write_text(mutant.source, encoding="utf-8")
            began = time.monotonic()
            try:
                status = _run_tests(copy, tests, timeout)
            finally:
                target.write_text(originals[mutant.module], encoding="utf-8")
            status = {"passed": "survived", "failed": "killed"}.get(status, status)
            outcomes.append(Outcome(mutant, status, time.monotonic() - began))
            print(
                f"[{number}/{len(chosen)}] {status:8} {mutant.module}:{mutant.line} {mutant.kind}",
                file=sys.stderr,
                flush=True,
            )
    return outcomes


def report(outcomes: Sequence[Outcome]) -> str:
    out: list[str] = []
    survivors = [o for o in outcomes if o.status == "survived"]
    if survivors:
        out.append("Survivors:")
        for o in survivors:
            m = o.mutant
            where = f" in {m.function}" if m.function else ""
            out.append(f"{m.module}:{m.line}{where} ({m.kind})")
            out.append(f"  - {m.original}")
            out.append(f"  + {m.mutated}")
        out.append("")
    out.append(
        f"{'module':40} {'mutants':>7} {'killed':>6} {'survived':>8} {'timeout':>7} "
        f"{'equiv.':>6} {'killed %':>8}"
    )
    by_module: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_module.setdefault(o.mutant.module, []).append(o)
    for module, found in by_module.items():
        count = {s: sum(1 for o in found if o.status == s) for s in _STATUSES}
        judged = len(found) - count["equivalent"]
        caught = count["killed"] + count["timeout"]
        share = f"{100 * caught / judged:.1f}" if judged else "-"
        out.append(
            f"{module:40} {len(found):7} {count['killed']:6} {count['survived']:8} "
            f"{count['timeout']:7} {count['equivalent']:6} {share:>8}"
        )
    return "\n".join(out)


_STATUSES = ("killed", "survived", "timeout", "equivalent")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tools/mutate.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "modules", nargs="+", help="module files, e.g. nhsalliance_cli/text/search.py"
    )
    parser.add_argument("--tests", nargs="+", required=True, help="test files to run")
    parser.add_argument("--function", help="mutate only inside this function (or Class.method)")
    parser.add_argument("--max", type=int, default=0, help="at most N mutants per module, sampled")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant's run")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args(argv)
    chosen: list[Mutant] = []
    for module in args.modules:
        if not (ROOT / module).is_file():
            parser.error(f"no module {module!r} under {ROOT}")
        found = mutants(module, args.function)
        if args.max and len(found) > args.max:
            found = sorted(random.Random(args.seed).sample(found, args.max), key=lambda m: m.line)
        chosen += found
    if args.list:
        for m in chosen:
            print(f"{m.module}:{m.line} ({m.kind})\n  - {m.original}\n  + {m.mutated}")
        return 0
    if not chosen:
        parser.error("no mutants: is --function right?")
    outcomes = run(args.modules, args.tests, chosen, args.timeout)
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
