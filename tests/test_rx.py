"""newslint.rx: patterns compiled on first use, with public APIs only."""
import copy
import glob
import importlib
import pathlib
import pickle
import pkgutil
import re

import pytest

import newslint
from newslint import rx

SAMPLE = "\n".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob("seeds/*.txt")))


def _package_patterns() -> list:
    found = {}
    for info in pkgutil.walk_packages(newslint.__path__, "newslint."):
        if info.name.endswith("__main__"):  # importing it runs the command line
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, rx.LazyPattern):
                found[(value.pattern, value._given)] = value
    return list(found.values())


def test_every_module_pattern_matches_as_re_compile_does():
    patterns = _package_patterns()
    assert len(patterns) > 100
    for p in patterns:
        ref = re.compile(p.pattern, p._given)
        assert [m.span() + m.groups() for m in p.finditer(SAMPLE)] == [m.span() + m.groups() for m in ref.finditer(SAMPLE)], p.pattern
        assert (p.pattern, p.flags, p.groups, p.groupindex) == (ref.pattern, ref.flags, ref.groups, ref.groupindex)


def test_every_method_gives_what_re_gives():
    spec = (r"\b(?P<who>[A-Z][a-z]+)\s+(said|says)\b", re.M)
    p, ref = rx.compile(*spec), re.compile(*spec)
    text = "Ana said it. Then Bob says no.\nCy said"
    assert p.search(text).span() == ref.search(text).span()
    assert p.match(text).group("who") == "Ana"
    assert p.fullmatch("Ana said").groups() == ref.fullmatch("Ana said").groups()
    assert p.findall(text) == ref.findall(text)
    assert p.split(text) == ref.split(text)
    assert p.sub(r"\g<who> wrote", text) == ref.sub(r"\g<who> wrote", text)
    assert p.subn(lambda m: m.group(1).upper(), text) == ref.subn(lambda m: m.group(1).upper(), text)
    assert p.search(text, 5).span() == ref.search(text, 5).span()
    assert p.groups == 2 and p.groupindex == {"who": 1}


def test_pattern_and_flags_do_not_compile(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or real(*a))
    p = rx.compile(r"kyiv|kiev", re.I)
    assert (p.pattern, p.flags) == (r"kyiv|kiev", re.I)
    assert calls == []
    assert p.search("in Kyiv")
    assert p.flags == re.compile(r"kyiv|kiev", re.I).flags  # now the compiled pattern's flags (re.UNICODE added)


def test_compiles_once_and_binds_the_methods(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or real(*a))
    p = rx.compile(r"\bteh\b")
    for _ in range(3):
        assert p.findall("teh cat teh") == ["teh", "teh"]
        assert p.sub("the", "teh") == "the"
    assert len(calls) == 1
    # later calls go straight to the compiled pattern's own methods, found on the instance
    compiled = p.compiled()
    assert vars(p)["search"] == compiled.search and vars(p)["finditer"] == compiled.finditer


def test_an_invalid_pattern_raises_re_error_naming_it_at_first_use():
    p = rx.compile(r"(?P<x>ab")  # no error yet: nothing is compiled at import time
    with pytest.raises(re.error, match=r"\(\?P<x>ab"):
        p.search("abc")
    with pytest.raises(re.error):  # and again, not a half-built proxy
        p.findall("abc")
    with pytest.raises(re.error):
        rx.check(r"(?P<x>ab")


def test_pickle_and_copy_keep_the_pattern():
    p = rx.compile(r"(\d+)\s*%", re.A)
    for q in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p)):
        assert q.findall("up 5 % and 7%") == ["5", "7"]
        assert q.pattern == p.pattern
    assert p == re.compile(r"(\d+)\s*%", re.A) and hash(p) == hash(re.compile(r"(\d+)\s*%", re.A))


def test_no_private_re_internals_under_linter():
    root = pathlib.Path(__file__).resolve().parents[1] / "linter"
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in ("_sre", "re._parser", "re._compiler", "sre_compile", "sre_parse"):
            assert name not in text, f"{path} names {name}"
