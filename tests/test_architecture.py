"""The house rules that keep the apps apart (docs/architecture.md, "The import rule"):

- anything may import ``core``; ``core`` imports no app;
- any app may import ``targets.registry`` (the public seam for measures fed live);
- ``portal`` may import the services, selectors and models of the apps whose citizen
  pages it hosts (``onestop``, ``petitions``);
- ``seed`` and the root modules (``api``, ``urls``) may import anything;
- nothing else crosses from one app into another.

And no source module over 600 lines outside migrations.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "xaso"
ROOT_MODULES = {"api", "urls"}  # xaso/api.py, xaso/urls.py: they assemble every app
FREE_APPS = {"seed"}
PORTAL_FRONTS = {"onestop", "petitions"}
PORTAL_MAY_USE = {"services", "selectors", "models"}
MAX_LINES = 600


def _sources():
    for path in sorted(SRC.rglob("*.py")):
        yield path, path.relative_to(SRC)


def _imported_modules(tree: ast.AST) -> set[str]:
    """Every ``xaso.…`` module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("xaso."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("xaso"):
                continue
            parts = node.module.split(".")
            if len(parts) == 2:  # from xaso.onestop import services → xaso.onestop.services
                found.update(f"{node.module}.{a.name}" for a in node.names)
            else:
                found.add(node.module)
    return found


def _allowed(source_app: str, target: str) -> bool:
    parts = target.split(".")  # ["xaso", app, module, ...]
    if len(parts) < 2:
        return True
    app = parts[1]
    if app in (source_app, "core"):
        return True
    if source_app in FREE_APPS or source_app in ROOT_MODULES:
        return True
    if parts[1:3] == ["targets", "registry"]:
        return source_app != "core"  # the seam is for apps; core stays below them all
    return (
        source_app == "portal"
        and app in PORTAL_FRONTS
        and len(parts) > 2
        and parts[2] in PORTAL_MAY_USE
    )


def test_it_allows_only_the_documented_imports_between_apps():
    wrong = []
    for path, relative in _sources():
        source_app = relative.parts[0].removesuffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target in sorted(_imported_modules(tree)):
            if not _allowed(source_app, target):
                wrong.append(f"{relative} → {target}")
    assert wrong == []


def test_the_rule_itself_refuses_a_sideways_import():
    # The checker must be able to fail: a petitions module reaching into onestop, core
    # reaching up into an app, portal into another app's views.
    assert not _allowed("petitions", "xaso.onestop.services")
    assert not _allowed("core", "xaso.targets.models")
    assert not _allowed("core", "xaso.targets.registry")
    assert not _allowed("portal", "xaso.onestop.views")
    assert not _allowed("onestop", "xaso.targets.exports")
    assert _allowed("onestop", "xaso.targets.registry")
    assert _allowed("portal", "xaso.petitions.services")
    assert _imported_modules(ast.parse("def f():\n from xaso.onestop import views\n")) == {
        "xaso.onestop.views"
    }


def test_no_source_module_is_over_600_lines():
    long = {
        str(relative): n
        for path, relative in _sources()
        if "migrations" not in relative.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
