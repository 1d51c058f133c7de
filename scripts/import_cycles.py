"""Import cycles inside the `rasd` package, counting imports written inside functions too.

    python scripts/import_cycles.py [--root rasd]     # prints each cycle and forbidden import; exit 1 if any

Python tolerates a cycle when one side imports inside a function, so the interpreter never reports it; but such a
cycle still means two layers lean on each other (issue 18: "layers point down"). This reads every module's source
with `ast` (no import is executed), records every `import rasd.x` / `from rasd.x import y` / relative import at any
depth, and lists the strongly connected components of that graph with more than one module (or a module importing
itself). `from rasd.pkg import name` counts as an edge to `rasd.pkg.name` when that is a module, else to `rasd.pkg`.
An import under `if TYPE_CHECKING:` is left out: it never runs, it only names types.

Besides cycles, `FORBIDDEN` names imports that break the layering even without a cycle (the API serves what the
store and the renderers give; it never imports the command line).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (importer prefix, imported prefix) pairs that must not occur: a layer that must not lean on another.
FORBIDDEN: tuple[tuple[str, str], ...] = (("rasd.api", "rasd.cli"),)


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package under `package_dir`, by dotted name (a package by its own name)."""
    base = package_dir.parent
    out = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(base).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every Import / ImportFrom node at any depth, skipping the bodies of `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """module -> the package's modules it imports (anywhere in its source)."""
    modules = module_names(package_dir)
    top = package_dir.name
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                    anchor = anchor[:len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                if not (target == top or target.startswith(top + ".")):
                    continue
                # `import rasd.a.b` names the module rasd.a.b (or the nearest enclosing one that exists).
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        out.append(sorted(component))
    return sorted(out)


def forbidden_imports(graph: dict[str, set[str]], rules=FORBIDDEN) -> list[tuple[str, str]]:
    """(importer, imported) edges that a rule forbids, sorted."""

    def under(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    return sorted((a, b) for a, targets in graph.items() for b in targets
                  for above, below in rules if under(a, above) and under(b, below))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(ROOT / "rasd"), help="the package directory")
    args = ap.parse_args()
    graph = import_graph(Path(args.root))
    found = cycles(graph)
    for component in found:
        print(f"cycle of {len(component)}: " + " ".join(component))
        for name in component:
            inside = sorted(graph[name] & set(component))
            print(f"  {name} -> {', '.join(inside)}")
    bad = forbidden_imports(graph)
    for a, b in bad:
        print(f"forbidden: {a} imports {b}")
    print(f"{len(found)} cycle(s) among {len(graph)} modules; {len(bad)} forbidden import(s)")
    return 1 if found or bad else 0


if __name__ == "__main__":
    sys.exit(main())
