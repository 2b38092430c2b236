"""The architecture, checked: no import cycle among the project's modules, imports flow one way through the layers,
function-local imports only where a reason is written down, one route table, and a reason for every per-process
``lru_cache`` (the one caching tier is flask-caching: dashboard/cache.py).

The import graph is read from the source with ``ast`` (every ``import``, also inside functions), resolved to the
project's modules, and its strongly connected components are found with Tarjan's algorithm.
"""
from __future__ import annotations

import ast
import pathlib
import re

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("dashboard", "layouts", "callbacks")


def _modules() -> dict[str, pathlib.Path]:
    out = {"app": REPO / "app.py"}
    for pkg in PACKAGES:
        for path in sorted((REPO / pkg).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import of ``name`` loads (a package's __init__, or the module itself)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: pathlib.Path, local_only: bool = False) -> list[tuple[str, int]]:
    """(imported project module, line) for every import in the module (or only those inside functions)."""
    tree = ast.parse(path.read_text())
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    nodes = ([n for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(fn)] if local_only else list(ast.walk(tree)))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # 'from pkg import mod' imports the module pkg.mod; 'from mod import name' imports mod
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found.append((target, node.lineno))
            parts = (target or "").split(".")  # importing a.b.c runs the packages a and a.b first
            found += [(pkg, node.lineno) for pkg in (".".join(parts[:k]) for k in range(1, len(parts)))
                      if pkg in MODULES and pkg != module and not module.startswith(pkg + ".")]
    return found


def _graph() -> dict[str, set[str]]:
    return {m: {t for t, _ in _imports(m, p)} for m, p in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read_and_a_cycle_would_be_found():
    graph = _graph()
    assert len(graph) > 100 and "dashboard.share.routes" in graph["dashboard.factory"]
    assert {"dashboard.views", "dashboard.store"} <= graph["dashboard.share.frames"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_among_the_project_modules():
    assert _cycles(_graph()) == []


# lower layers never import higher ones (the brief: ingest -> curated -> store -> queries -> figures (pure) ->
# the card pipeline -> layouts, callbacks)
FORBIDDEN = {
    "dashboard.figures": ("dashboard.store", "dashboard.queries", "dashboard.views", "dashboard.viewdefs",
                          "dashboard.share", "dashboard.cache", "layouts", "callbacks"),
    "dashboard.queries": ("dashboard.figures", "dashboard.views", "dashboard.viewdefs", "dashboard.share",
                          "layouts", "callbacks"),
    "dashboard.store": ("dashboard.queries", "dashboard.figures", "dashboard.views", "layouts", "callbacks"),
    "dashboard.share": ("layouts", "callbacks", "dashboard.factory"),
    "dashboard.viewdefs": ("layouts", "callbacks", "dashboard.share"),
    "dashboard.ingest": ("dashboard.store", "dashboard.queries", "dashboard.views", "dashboard.share", "layouts",
                         "callbacks"),
    "layouts": ("callbacks",),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_flow_one_way(layer):
    bad = []
    for module, deps in _graph().items():
        if module == layer or module.startswith(layer + "."):
            bad += [(module, d) for d in deps if any(d == f or d.startswith(f + ".") for f in FORBIDDEN[layer])]
    assert not bad, bad


# function-local imports that remain, each for a reason
LOCAL_IMPORTS = {
    ("dashboard.factory", "callbacks"): "the factory is the composition root: it discovers the pages (layouts, "
                                        "callbacks), which import dashboard",
    ("dashboard.factory", "layouts"): "as above",
    ("dashboard.factory", "layouts.not_found"): "as above",
    ("dashboard.factory", "layouts.components"): "as above (the router localises Dash's own component texts)",
    ("dashboard.factory", "layouts.first_view"): "as above (the static first view of a page, built per request)",
    ("dashboard.factory", "layouts.site_search"): "as above: the header's country search",
    ("dashboard.factory", "layouts.cards"): "as above (the router prefills chart cards' texts: no layout shift)",
    ("dashboard.factory", "callbacks.site_search"): "as above: the header's country search registers its callbacks",
    ("dashboard.factory", "callbacks.cards"): "as above: every chart card's \"shown\" fingerprint is cleared once drawn",
    ("dashboard.views", "dashboard.viewdefs"): "view modules register themselves into the registry they import",
}


def test_function_local_imports_only_where_a_reason_is_written_down():
    found = {(m, t) for m, p in MODULES.items() for t, _ in _imports(m, p, local_only=True)
             if not m.startswith("dashboard.ingest")}
    assert found <= set(LOCAL_IMPORTS), sorted(found - set(LOCAL_IMPORTS))


def test_one_route_table():
    """Every page the router serves is in share/urls.PAGES (the one route table), and every entry has a page."""
    from dashboard.share import urls
    from dashboard.factory import discover_pages

    patterns = {p.pattern for p, _ in discover_pages()}
    expected = {"^" + urls.page_route(name).rstrip("/") + "/?$" for name in urls.PAGES}
    assert patterns == expected
    for path in sorted((REPO / "layouts").glob("*.py")):
        text = path.read_text()
        assert not re.search(r'^ROUTE = "', text, re.M), f"{path.name}: a route written out instead of page_route()"


def test_every_lru_cache_follows_the_documented_rule():
    """The caching tier is flask-caching (shared, keyed with the bundle version; dashboard/cache.py says when a
    per-process lru_cache may stay): each one outside the ingest (which runs once per build) is bounded and takes
    the bundle version as its first argument, so it can never serve an old bundle's data."""
    found, bad = 0, []
    for module, path in MODULES.items():
        if module.startswith("dashboard.ingest"):
            continue
        for fn in ast.walk(ast.parse(path.read_text())):
            if not isinstance(fn, ast.FunctionDef):
                continue
            for dec in fn.decorator_list:
                name = ast.unparse(dec)
                if "lru_cache" not in name:
                    continue
                found += 1
                first = fn.args.args[0].arg if fn.args.args else None
                if first != "version" or "maxsize=None" in name:
                    bad.append(f"{path.relative_to(REPO)}:{fn.lineno} {fn.name}({first}) {name}")
    assert found >= 20 and not bad, bad


def test_no_module_draws_dash_table_whose_script_the_pages_leave_out():
    """The pages leave dash_table's script out (factory.UNNEEDED_SCRIPTS): a DataTable in a layout would not draw.
    Any mention of it in code (``dash_table``, ``DataTable``) other than that rule is one."""
    found = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            else:
                names = [getattr(node, "attr", None) or getattr(node, "id", None) or ""]
            found += [(name, node.lineno, n) for n in names if "dash_table" in n or "DataTable" in n]
    assert found == [], found
