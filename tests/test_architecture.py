"""The package's layers, checked from the source (issue 13).

Imports go one way: cli -> config -> engine -> rules -> analysis -> document/finding. A rule module
imports the core and ``newslint.analysis``, never another rule module; the analysis layer never
imports a rule; nothing uses CPython's private regex internals; shared state has one home
(``analysis.per_document`` / ``analysis.per_config`` / ``Rule.setup``), never ad-hoc keys.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "linter" / "newslint"

#: what each layer may import from newslint (module names relative to the package)
CORE = {"document", "finding", "rule", "rx", "dirs", "record", "__init__"}
ALLOWED = {
    "rules": CORE | {"analysis", "lexicon", "wordstore"},
    "analysis": CORE | {"analysis", "lexicon", "wordstore"},
    "document": {"rx"},
    "finding": {"document", "record"},
    "rule": {"rx", "finding", "document", "record"},
    "record": set(),
}


def _modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _newslint_imports(path: Path, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, first component under newslint) of every import of the package, however spelled."""
    rel = path.relative_to(PKG).with_suffix("")
    package = list(rel.parts[:-1])  # the importing module's package, relative to newslint
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                parts = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "newslint":
                parts = node.module.split(".")[1:]
            else:
                continue
            if parts:
                out.append((node.lineno, ".".join(parts)))
            else:  # from . import x, y (in the package root) or from .. import x
                out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "newslint":
                    out.append((node.lineno, ".".join(a.name.split(".")[1:])))
    return out


def _layer(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_downwards(layer):
    bad = []
    for path, tree in _modules(PKG):
        if _layer(path) != layer:
            continue
        for line, target in _newslint_imports(path, tree):
            top = target.split(".")[0]
            if layer == "rules" and top == "rules" and path.name != "__init__.py":
                bad.append(f"{path.relative_to(PKG)}:{line}: a rule module imports another rule module ({target})")
            elif top not in ALLOWED[layer] and not (layer == "rules" and top == "rules" and path.name == "__init__.py"):
                bad.append(f"{path.relative_to(PKG)}:{line}: the {layer} layer imports newslint.{target}")
    assert not bad, "\n".join(bad)


def test_the_import_check_sees_relative_imports(tmp_path):
    """The check above must understand the spellings rule modules use."""
    tree = ast.parse("from .case import x\nfrom ..analysis.words import y\nfrom .. import rx\nimport newslint.engine\n")
    got = [t for _, t in _newslint_imports(PKG / "rules" / "fake.py", tree)]
    assert got == ["rules.case", "analysis.words", "rx", "engine"]


def test_no_private_regex_internals():
    for path in sorted(PKG.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name in ("_sre", "re._parser", "re._compiler", "sre_compile", "sre_parse"):
            assert name not in text, f"{path.relative_to(PKG)} names {name}"


def test_shared_state_has_one_home():
    """No ad-hoc caches on the Context or string-keyed memo entries on the Document."""
    for path, tree in _modules(PKG):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "__dict__" and isinstance(node.value, ast.Name) and node.value.id == "ctx":
                pytest.fail(f"{path.relative_to(PKG)}:{node.lineno}: ctx.__dict__ (use Rule.setup or analysis.per_config)")
            if isinstance(node, ast.Attribute) and node.attr in ("memo", "_memo"):
                pytest.fail(f"{path.relative_to(PKG)}:{node.lineno}: doc.{node.attr} (use analysis.per_document)")
