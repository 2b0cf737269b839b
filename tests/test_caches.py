"""newslint's disk caches: one private directory, data only, keyed on versions, bounded."""
import os
import pickle

import pytest

from newslint import dirs, packs
from newslint.cache import ResultCache
from newslint.config import Settings
from newslint.engine import Linter

PACK = """\
rules:
  - code: NL950
    name: cached-pack
    kind: existence
    category: style
    summary: a pack for the parse cache
    tokens: [teh cat]
lists:
  numbers: [1, 2.5, true, null, "three"]
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _same(a, b):
    assert type(a) is type(b)
    if isinstance(a, dict):
        assert list(a) == list(b) and (a.line, a.key_lines) == (b.line, b.key_lines)
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
    else:
        assert a == b


def test_versions_name_newslint_and_the_libraries_that_shape_results():
    from importlib.metadata import version

    import newslint

    v = dirs.versions()
    assert v.startswith(f"newslint={newslint.__version__};")
    for name in dirs.RESULT_LIBRARIES:
        assert f"{name}={version(name)};" in v
    assert len(dirs.stamp()) == 8 and int(dirs.stamp(), 16) >= 0


def test_pack_parses_are_cached_as_json_and_equal_a_fresh_parse(cache, tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK)
    first = packs.load_yaml_cached(pack)
    (entry,) = (cache / "packs-v2").iterdir()
    assert entry.suffix == ".json" and entry.stat().st_mode & 0o777 == 0o600
    assert (cache / "packs-v2").stat().st_mode & 0o777 == 0o700 and cache.stat().st_mode & 0o777 == 0o700
    second = packs.load_yaml_cached(pack)
    _same(first, packs.load_yaml(pack))
    _same(second, first)


def test_a_planted_pickle_is_never_loaded_and_a_tampered_entry_is_rebuilt(cache, tmp_path, monkeypatch):
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK)
    packs.load_yaml_cached(pack)
    (entry,) = (cache / "packs-v2").iterdir()
    good = entry.read_bytes()
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("pickle.load on a cache file"))
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("pickle.loads on a cache file"))
    entry.write_bytes(pickle.dumps({"rules": []}))
    _same(packs.load_yaml_cached(pack), packs.load_yaml(pack))
    entry.write_bytes(good.replace(b"teh cat", b"the dog"))  # the digest no longer matches
    assert packs.load_yaml_cached(pack)["rules"][0]["tokens"] == ["teh cat"]
    assert entry.read_bytes() == good


def test_a_cache_directory_owned_by_someone_else_is_not_used(cache, tmp_path, monkeypatch):
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    _same(packs.load_yaml_cached(pack), packs.load_yaml(pack))
    assert not (cache / "packs-v2").exists() or not any((cache / "packs-v2").iterdir())


def test_the_pack_parse_cache_is_bounded(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "PARSE_CACHE_ENTRIES", 3)
    for i in range(5):
        pack = tmp_path / f"p{i}.yaml"
        pack.write_text(PACK)
        packs.load_yaml_cached(pack)
    assert len(list((cache / "packs-v2").iterdir())) == 3


def test_earlier_cache_layouts_are_removed(cache, tmp_path, monkeypatch):
    (cache / "packs-v1").mkdir(parents=True)
    (cache / "packs-v1" / "x.pickle").write_bytes(b"\x80")
    (cache / "regex-v2-cpython-311-3.11.7-20221023.bin").write_bytes(b"\x00")
    (cache / "results-v2.sqlite3").write_bytes(b"")
    monkeypatch.setattr(dirs, "_legacy_checked", False)
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK)
    packs.load_yaml_cached(pack)
    assert sorted(p.name for p in cache.iterdir()) == ["packs-v2"]


def test_results_cache_is_private_digested_and_bounded(cache, monkeypatch):
    from newslint.engine import FileResult

    rc = ResultCache()
    monkeypatch.setattr(ResultCache, "MAX_ENTRIES", 5)
    monkeypatch.setattr(ResultCache, "BATCH", 2)
    for i in range(9):
        rc.put(f"k{i}", FileResult(f"a{i}.txt", findings=[], stats={}))
    rc.flush()
    assert len(rc) <= 5 and rc.get("k8") is not None and rc.get("k0") is None
    assert (cache / ResultCache.FILE).stat().st_mode & 0o777 == 0o600
    # a row whose value was altered is a miss
    rc._db().execute("UPDATE results SET value = replace(value, 'a8.txt', 'b8.txt') WHERE key = 'k8'")
    assert rc.get("k8") is None and rc.get("k7").path == "a7.txt"


def test_results_cache_key_depends_on_library_versions(cache, monkeypatch):
    linter = Linter(Settings(select=["NL101"]))
    a = ResultCache().key(linter, "a.txt", b"x")
    monkeypatch.setattr(dirs, "_versions", dirs.versions().replace("regex=", "regex=0"))
    assert ResultCache().key(linter, "a.txt", b"x") != a
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", "http://localhost:1")
    assert ResultCache().key(Linter(Settings(select=["NL101"])), "a.txt", b"x") != a


def test_a_word_image_is_read_mapped_and_a_damaged_one_is_rebuilt(cache, capsys):
    from newslint.wordstore import WordStore, cached_image

    rows = lambda: [("budget", 1.0), ("council", 2.0)]  # noqa: E731
    first = cached_image("words-test", "t.sqlite3", rows)
    assert WordStore(first).learn(["budget"]) is None
    (entry,) = (cache / "words-test").iterdir()
    good = entry.read_bytes()
    mapped = cached_image("words-test", "t.sqlite3", lambda: pytest.fail("rebuilt an intact image"))
    assert isinstance(mapped, memoryview) and bytes(mapped) == bytes(first)
    store = WordStore(mapped)
    store.learn(["council", "mayor"])
    assert store.found == {"council": 2.0} and store.absent == {"mayor"}
    for damaged in (good[:-7] + b"garbage", b"", good[:40]):
        entry.write_bytes(damaged)
        again = cached_image("words-test", "t.sqlite3", rows)
        assert bytes(again) == bytes(first) and entry.read_bytes() == good
