"""Layers point down: no import cycle among rasd's modules, counting the imports written inside functions (which
Python tolerates, so only a reading of the source finds them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("import_cycles", ROOT / "scripts/import_cycles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_cycles", module)
    spec.loader.exec_module(module)
    return module


def test_no_import_cycle_in_rasd():
    script = _script()
    assert script.cycles(script.import_graph(ROOT / "rasd")) == []


def test_a_function_level_import_cycle_is_found(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..c import g\n")
    (pkg / "c.py").write_text("import typing\nif typing.TYPE_CHECKING:\n    import pkg.d\n\ndef g():\n    import pkg.a\n")
    (pkg / "d.py").write_text("import pkg.c\n")
    script = _script()
    graph = script.import_graph(pkg)
    assert graph["pkg.c"] == {"pkg.a"}  # the TYPE_CHECKING import is left out
    assert script.cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_the_api_does_not_import_the_cli():
    script = _script()
    assert script.forbidden_imports(script.import_graph(ROOT / "rasd")) == []


def test_a_forbidden_import_is_found():
    script = _script()
    graph = {"rasd.api.routes": {"rasd.cli.render", "rasd.store"}, "rasd.cli": {"rasd.api.app"}}
    assert script.forbidden_imports(graph) == [("rasd.api.routes", "rasd.cli.render")]
