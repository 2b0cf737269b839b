"""The compiled-pattern store (newslint.rx): patterns served from it are the patterns re builds."""
import glob
import importlib
import pkgutil
import re

import pytest

import newslint
from newslint import rx

pytestmark = pytest.mark.skipif(not rx._SUPPORTED, reason="the store serves CPython 3.11-3.13 only")

SAMPLE = "\n".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob("seeds/*.txt")))


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NEWSLINT_REGEX_STORE", raising=False)
    monkeypatch.setattr(rx, "_store", None)
    monkeypatch.setattr(rx, "_added", 0)
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.span() + m.groups() for m in a.finditer(SAMPLE)] == [m.span() + m.groups() for m in b.finditer(SAMPLE)]


def _package_patterns() -> list[re.Pattern]:
    found = {}
    for info in pkgutil.walk_packages(newslint.__path__, "newslint."):
        if info.name.endswith("__main__"):  # importing it runs the command line
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[(value.pattern, value.flags)] = value
    return list(found.values())


def test_every_module_pattern_assembles_to_what_re_builds():
    import _sre

    patterns = _package_patterns()
    assert len(patterns) > 100
    from array import array

    for p in patterns:
        flags, packed, groups, groupindex, indexgroup = rx._assemble(p.pattern, p.flags)
        code = array("I")
        code.frombytes(packed)
        _same(_sre.compile(p.pattern, flags, code.tolist(), groups, groupindex, indexgroup), re.compile(p.pattern, p.flags))


def test_a_saved_store_serves_the_same_patterns(fresh_store, monkeypatch):
    specs = [(r"\b(?P<who>[A-Z][a-z]+)\s+(?:said|says)\b", 0), (r"kyiv|kiev", re.I), (r"^#{1,6} (.*)$", re.M), (r"[“”\"]", 0)]
    first = [rx.compile(p, f) for p, f in specs]
    assert rx.stats()["added"] == len(specs)
    rx.save()
    assert len(list(fresh_store.glob("regex-*.bin"))) == 1
    monkeypatch.setattr(rx, "_store", None)  # as a new process would start
    hits = rx.stats()["hits"]
    second = [rx.compile(p, f) for p, f in specs]
    assert rx.stats()["hits"] - hits == len(specs)
    for a, b in zip(first, second):
        _same(a, b)


def test_a_damaged_store_falls_back_to_re(fresh_store, monkeypatch):
    rx.compile(r"\bteh\b", 0)
    rx.save()
    (store,) = fresh_store.glob("regex-*.bin")
    store.write_bytes(b"not a marshal file")
    monkeypatch.setattr(rx, "_store", None)
    assert rx.compile(r"\bteh\b").findall("teh cat") == ["teh"]
    # an entry whose code the engine rejects is dropped and compiled again
    monkeypatch.setattr(rx, "_store", {(r"\bteh\b", 0): (32, b"\x01\x00\x00\x00\x02\x00\x00\x00", 0, {}, (None,))})
    assert rx.compile(r"\bteh\b").findall("teh cat") == ["teh"]


def test_the_store_can_be_switched_off(fresh_store, monkeypatch):
    monkeypatch.setenv("NEWSLINT_REGEX_STORE", "0")
    assert rx.compile(r"adn").search("this adn that")
    rx.save()
    assert not list(fresh_store.glob("regex-*.bin"))


def test_pattern_texts_do_not_depend_on_the_hash_seed(tmp_path):
    """A pattern built from a set in set order would have a new text in every process: the
    store would miss it and grow at each run."""
    import os
    import subprocess
    import sys

    script = (
        "import contextlib, io, hashlib\n"
        "from newslint import rx\n"
        "from newslint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--no-cache', '--jobs', '1', 'seeds', 'fixtures'])\n"
        "print(hashlib.sha256(repr(sorted(rx._store)).encode()).hexdigest(), len(rx._store))\n"
    )
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, NEWSLINT_CACHE_DIR=str(tmp_path / seed), NEWSLINT_REGEX_STORE="1")
        outs.append(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout)
    assert outs[0] == outs[1]
