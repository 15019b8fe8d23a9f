"""The structure measures an outside review reads: import arrows that run back up the layers,
import cycles between modules, and the longest functions.

Layers, bottom to top: `cms` (the shared layer and editorial pages), `accounts`, then the domain
apps `consultation` and `council`, which may use everything below them and not each other; the
project's wiring (URL conf, settings, the demo command) sits on top and may use them all. An arrow
runs back up when a module imports one of a higher layer or a sibling domain app; imports inside
functions count too, since they are how a circle is usually hidden.

    python scripts/measure_structure.py [root]
"""

import ast
import sys
from pathlib import Path

LAYERS = {"cms": 0, "accounts": 1, "consultation": 2, "council": 2}
# The project's own wiring sits above every app: the URL conf, the settings and the demo command.
PROJECT = ("cms.urls", "cms.wsgi", "cms.settings", "cms.management.commands.seed_demo")


def layer(module):
    if module.startswith(PROJECT):
        return 3
    return LAYERS[module.split(".")[0]]


def modules(root):
    for path in sorted(root.glob("*/**/*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[0] not in LAYERS or "migrations" in parts or "tests" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path, path.name == "__init__.py"


def imports(name, tree, known, is_package):
    package = name.split(".") + ([""] if is_package else [])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level] if node.level else []
            stem = ".".join([*base, node.module] if node.module else base)
            targets = [f"{stem}.{alias.name}" for alias in node.names] + [stem]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def main(root):
    found = list(modules(root))
    trees = {name: ast.parse(path.read_text(), str(path)) for name, path, _ in found}
    packages = {name for name, _, is_package in found if is_package}
    known = set(trees)
    graph = {name: set(imports(name, tree, known, name in packages)) for name, tree in trees.items()}
    upward = sorted(
        (source, target)
        for source, targets in graph.items()
        for target in targets
        if source.split(".")[0] != target.split(".")[0] and layer(target) >= layer(source) < 3
    )
    print(f"modules: {len(trees)}, import arrows: {sum(map(len, graph.values()))}")
    print(f"arrows running back up or across domain apps: {len(upward)}")
    for source, target in upward:
        print(f"  {source} -> {target}")
    found = cycles(graph)
    print(f"import cycles: {len(found)}")
    for component in found:
        print("  " + " <-> ".join(component))
    functions = sorted(
        (
            (node.end_lineno - node.lineno + 1, f"{name}.{node.name}")
            for name, tree in trees.items()
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ),
        reverse=True,
    )
    print("longest functions (lines):")
    for length, qualified in functions[:8]:
        print(f"  {length:4d}  {qualified}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent))
