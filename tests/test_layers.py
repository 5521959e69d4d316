"""The layers of the package (docs/development.md): each sub-package imports only the
layers below it, never a sibling of its own layer nor anything above; no import circle between
modules, nor between packages at any depth (``analyses.names`` and ``analyses.attribution``
counted as units); no module over 600 lines, no function over 60. Every import counts, at
module level or inside a function; an import under ``if TYPE_CHECKING:`` counts for the
layers, not for circles (it never runs)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nhsalliance_cli"
ROOT = "nhsalliance_cli"

# Bottom to top: the first part of a module's name under the package decides its layer.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("foundation", frozenset({"errors", "defaults", "progress"})),
    ("text", frozenset({"text"})),
    ("corpus", frozenset({"corpus"})),
    ("records", frozenset({"records"})),
    ("analyses and index", frozenset({"analyses", "index"})),
    ("output", frozenset({"output"})),
    ("library", frozenset({"api"})),
    ("command line", frozenset({"cli", "__main__"})),
)
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str) -> str | None:
    """The package's module an import names (``nhsalliance_cli.index`` for a name in
    ``index/__init__``); None for the root package and anything outside it."""
    while name and name != ROOT:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports(module: str) -> Iterator[tuple[str, bool]]:
    """Each module of the package that ``module`` imports, and whether the import runs
    (False under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        runs = id(node) not in typing_only
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (found := resolve(alias.name)) is not None:
                    yield found, runs
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                # `from nhsalliance_cli import stats` names a module; `from x import f` a name.
                found = resolve(f"{base}.{alias.name}") or resolve(base)
                if found is not None and found != module:
                    yield found, runs


GRAPH = {m: sorted({i for i, runs in imports(m) if runs}) for m in MODULES}


def top(module: str) -> str:
    """The package (or root module) a module belongs to: ``analyses`` for
    ``nhsalliance_cli.analyses.names.records``."""
    return module.removeprefix(f"{ROOT}.").split(".")[0]


def layer(module: str) -> int:
    """The rank of a module's layer, 0 at the bottom; the root package (which imports the
    library lazily, on first use) ranks with the command line."""
    if module == ROOT:
        return len(LAYERS) - 1
    for rank, (_, units) in enumerate(LAYERS):
        if top(module) in units:
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/development.md")


def climbs() -> set[tuple[str, str]]:
    """Imports that reach a higher layer, or a sibling package of the same layer."""
    return {
        (m, i)
        for m in MODULES
        if m != ROOT
        for i, _ in imports(m)
        if layer(i) > layer(m)
        or (layer(i) == layer(m) and top(i) != top(m) and is_package(i) and is_package(m))
    }


def is_package(module: str) -> bool:
    """Whether a module lies in a sub-package (``index``, ``analyses``), not at the root."""
    return (PACKAGE / top(module)).is_dir()


def circles(depth: int | None = None) -> list[set[str]]:
    """The import circles of the package, each module counted as its package ``depth``
    parts below the root (None: the modules themselves)."""
    return components(collapse(GRAPH, depth))


def collapse(graph: Mapping[str, Iterable[str]], depth: int | None) -> dict[str, set[str]]:
    """The graph of the packages ``depth`` parts below the root that hold its modules: a
    module deeper than that counts as its package; None keeps the modules."""

    def unit(m: str) -> str:
        parts = m.split(".")
        return m if depth is None else ".".join(parts[: 1 + depth])

    collapsed: dict[str, set[str]] = {}
    for m, targets in graph.items():
        collapsed.setdefault(unit(m), set()).update(unit(t) for t in targets if unit(t) != unit(m))
    return collapsed


def components(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_components_are_the_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"f"}, "f": {"e"}}
    assert sorted(map(sorted, components(graph))) == [["a", "b", "c"], ["e", "f"]]
    assert components({"a": {"b"}, "b": set()}) == []


def test_the_parser_sees_every_kind_of_import() -> None:
    """The layer test itself: module-level, function-level, relative and typing-only
    imports are all found (a parser that sees none would pass everything)."""
    cli = dict(imports(f"{ROOT}.cli.search"))
    assert cli[f"{ROOT}.cli.options"] is True  # module level
    assert cli[f"{ROOT}.api"] is False  # under TYPE_CHECKING
    assert cli[f"{ROOT}.analyses.concordance"] is True  # inside a function
    assert f"{ROOT}.cli.completion" in dict(
        imports(f"{ROOT}.cli.documents")
    )  # `from pkg import module`
    merge = dict(imports(f"{ROOT}.analyses.merge"))
    assert merge[f"{ROOT}.analyses.quotations"] is True  # in a function, below


def test_the_rules_catch_what_they_forbid() -> None:
    """A climb, a sibling of one layer and a package circle are seen on made-up graphs."""
    assert layer(f"{ROOT}.cli.search") > layer(f"{ROOT}.api.base") > layer(f"{ROOT}.text.tokens")
    assert layer(f"{ROOT}.index.build") == layer(f"{ROOT}.analyses.stats")
    assert top(f"{ROOT}.index.build") != top(f"{ROOT}.analyses.stats")  # siblings: a climb
    with pytest.raises(AssertionError, match="in no layer"):
        layer(f"{ROOT}.newthing")
    graph = {"p.a.x": {"p.b.y"}, "p.b.y": {"p.b.z"}, "p.b.z": {"p.a.w"}, "p.a.w": set()}
    assert components(graph) == []  # no circle between modules ...
    assert components(collapse(graph, 1)) == [{"p.a", "p.b"}]  # ... but one between packages


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer(module)


def test_no_climbing_import() -> None:
    assert sorted(climbs()) == []


@pytest.mark.parametrize("depth", [None, 1, 2])
def test_no_import_circle(depth: int | None) -> None:
    assert circles(depth) == []


def test_the_library_and_the_analyses_never_import_the_command_line() -> None:
    top_layer = len(LAYERS) - 1
    for module in MODULES:
        if layer(module) < top_layer:
            assert [i for i in GRAPH[module] if layer(i) == top_layer] == [], module


def test_modules_and_functions_stay_short() -> None:
    """Small enough to hold in one head: a module under 600 lines, a function under 60."""
    long_modules, long_functions = [], []
    for module, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MAX_MODULE_LINES:
            long_modules.append(module)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    long_functions.append(f"{module}.{node.name}")
    assert long_modules == []
    assert long_functions == []
