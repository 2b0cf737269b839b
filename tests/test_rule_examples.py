"""Every rule describes itself and its docstring examples work (proselint's examples test)."""
import re

import pytest

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.finding import CATEGORIES, Severity
from newslint.registry import build_registry

REGISTRY = build_registry()
LINTER = Linter(Settings(select=["ALL"]))
# rules the engine reports itself, or that need an external server
NO_STANDALONE = {"LT"}


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda r: r.code)
def test_rule_describes_itself(rule):
    assert re.fullmatch(r"(NL\d{3}|LT)", rule.code)
    assert re.fullmatch(r"[a-z][a-z0-9-]+", rule.name)
    assert rule.category in CATEGORIES
    assert isinstance(rule.severity, Severity)
    assert rule.summary and len(rule.summary) < 100
    bad, good = rule.examples()
    assert bad, f"{rule.code} has no Bad: example"
    assert good, f"{rule.code} has no Good: example"


@pytest.mark.parametrize("rule", [r for r in REGISTRY.rules if r.code not in NO_STANDALONE], ids=lambda r: r.code)
def test_bad_examples_fail_and_good_examples_pass(rule):
    bad, good = rule.examples()
    for text in bad:
        findings, errors = LINTER.lint(Document(text, "example.txt"))
        assert not errors
        assert any(f.rule == rule.code for f in findings), f"{rule.code} missed its Bad example:\n{text}"
    for text in good:
        findings, errors = LINTER.lint(Document(text, "example.txt"))
        assert not errors
        hits = [f for f in findings if f.rule == rule.code]
        assert not hits, f"{rule.code} fired on its Good example:\n{text}\n{[f.message for f in hits]}"


def test_codes_and_names_are_unique():
    codes = [r.code for r in REGISTRY.rules]
    names = [r.name for r in REGISTRY.rules]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
