"""The layers of the package (docs/development.md): no import circles between modules, and
no import that climbs from the corpus, index and analysis modules to the command line,
its renderer or the library above them. Every import counts, at module level or inside a
function; an import under ``if TYPE_CHECKING:`` counts for the layers, not for circles (it
never runs)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "nhsalliance_cli"
ROOT = "nhsalliance_cli"

# The command line and what renders for it: the top layer.
COMMAND_LINE = {"options", "output", "display", "pager", "env", "streams", "completion", "__main__"}
COMMAND_LINE_PACKAGES = {"cli"}
LIBRARY = {"api"}  # the public API: below the command line, above everything else

# Crossings and circles known and left for later: none now (the index hands its warnings
# back with the corpus instead of saying them through options). A new one fails the tests.
KNOWN_CLIMBS: set[tuple[str, str]] = set()
KNOWN_CIRCLES: list[set[str]] = []


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


def layer(module: str) -> int:
    """0: corpus, index, text and analyses (and their records); 1: the library; 2: the
    command line and its renderer."""
    short = module.removeprefix(f"{ROOT}.")
    if short.split(".")[0] in COMMAND_LINE_PACKAGES or short in COMMAND_LINE:
        return 2
    if short.split(".")[0] in LIBRARY:
        return 1
    return 0 if module != ROOT else 2


def climbs() -> set[tuple[str, str]]:
    return {(m, i) for m in MODULES if m != ROOT for i, _ in imports(m) if layer(i) > layer(m)}


def circles() -> list[set[str]]:
    """The import circles of the package, a sub-package and its modules counted as one."""

    def unit(m: str) -> str:
        return f"{ROOT}.index" if m.startswith(f"{ROOT}.index") else m

    graph: dict[str, set[str]] = {}
    for m, targets in GRAPH.items():
        graph.setdefault(unit(m), set()).update(unit(t) for t in targets if unit(t) != unit(m))
    return components(graph)


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
    assert cli[f"{ROOT}.options"] is True  # module level
    assert cli[f"{ROOT}.api"] is False  # under TYPE_CHECKING
    assert cli[f"{ROOT}.concordance"] is True  # inside a function
    assert f"{ROOT}.cli.app" in dict(imports(f"{ROOT}.cli"))  # `from pkg import module`
    assert dict(imports(f"{ROOT}.analyses"))[f"{ROOT}.quotes"] is True  # in a function, below


def test_no_new_climbing_import() -> None:
    assert climbs() - KNOWN_CLIMBS == set()


def test_no_new_import_circle() -> None:
    assert [c for c in circles() if not any(c <= known for known in KNOWN_CIRCLES)] == []


def test_the_library_and_the_analyses_never_import_the_command_line() -> None:
    for module in MODULES:
        if layer(module) < 2:
            up = [i for i in GRAPH[module] if layer(i) == 2 and (module, i) not in KNOWN_CLIMBS]
            assert up == [], module


def test_no_climbing_import_at_all() -> None:
    assert climbs() == set()


def test_no_import_circle_at_all() -> None:
    assert circles() == []
