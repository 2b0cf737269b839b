"""Compiled regular expressions kept between runs, as ``__pycache__`` keeps bytecode.

``re.compile`` parses and assembles a pattern in pure Python; for newslint's few hundred
patterns that is about 60 ms at every start, a third of a one-article run and most of what a
parallel run does before its workers can start. What the assembly produces is a plain list of
integers that ``re`` hands to the regex engine (``_sre.compile``), so :func:`compile` stores that
list (with the pattern's flags and group names) in one file and, on later starts, hands it to
the engine directly. The store is keyed by the exact pattern text and flags, and its file name
carries the interpreter version and the engine's magic number, so an upgrade starts a new
store. The engine validates the code it is given, so a damaged file cannot produce a wrong
pattern: anything unexpected falls back to ``re.compile``, which is also what interpreters
other than CPython 3.11-3.13 (whose ``re`` internals this follows) always get.

The store is ``regex-v2-<version>.bin`` in newslint's cache directory (see
:func:`newslint.dirs.cache_dir`); :func:`save` writes it when a run compiled patterns it did
not hold. ``NEWSLINT_REGEX_STORE=0`` turns it off. Deleting the file is always safe.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
from array import array
from typing import Any

__all__ = ["compile", "save", "stats"]

#: patterns a store may hold: the built-in and pack patterns are a few hundred; the bound keeps
#: patterns built from article text (if a rule ever did that) from growing the file without end
MAX_ENTRIES = 4096

#: the engine's code units are 32 bits; they are kept packed (4 bytes each, not an int object and a
#: list slot each: the store costs about 0.5 MB of memory instead of 3 MB in every process)
_SUPPORTED = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] <= (3, 13) and array("I").itemsize == 4

_store: dict[tuple[str, int], tuple] | None = None  # loaded on first use
_added = 0
_hits = 0
_misses = 0


def _enabled() -> bool:
    return _SUPPORTED and os.environ.get("NEWSLINT_REGEX_STORE", "1") != "0"


def store_path() -> str:
    import _sre

    from .dirs import cache_dir

    tag = f"{sys.implementation.cache_tag}-{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}-{_sre.MAGIC}"
    return os.path.join(cache_dir(), f"regex-v2-{tag}.bin")


def _load() -> dict[tuple[str, int], tuple]:
    global _store
    if _store is None:
        _store = {}
        try:
            with open(store_path(), "rb") as fh:
                data = marshal.loads(fh.read())  # marshal.load(fh) reads piecemeal: 20x slower
            if isinstance(data, dict):
                _store = data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    return _store


def _assemble(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern itself, with the
    code packed as bytes."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = array("I", [int(c) for c in _compiler._code(p, flags)]).tobytes()
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | p.state.flags), code, p.state.groups - 1, groupindex, tuple(indexgroup))


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """``re.compile(pattern, flags)``, served from the store when it holds the pattern."""
    global _added, _hits, _misses
    if not isinstance(pattern, str) or not _enabled():
        return re.compile(pattern, flags)
    import _sre

    flags = int(flags)
    store = _load()
    key = (pattern, flags)
    entry = store.get(key)
    if entry is not None:
        try:
            flags_, packed, groups, groupindex, indexgroup = entry
            code = array("I")
            code.frombytes(packed)
            compiled = _sre.compile(pattern, flags_, code.tolist(), groups, groupindex, indexgroup)
            _hits += 1
            return compiled
        except Exception:  # a damaged entry: compile afresh below
            del store[key]
    _misses += 1
    compiled = re.compile(pattern, flags)
    if len(store) < MAX_ENTRIES:
        try:
            entry = _assemble(pattern, flags)
            if entry[0] == compiled.flags and entry[2] == compiled.groups and entry[3] == compiled.groupindex:
                store[key] = entry
                _added += 1
        except Exception:  # internals not as expected: this pattern is simply not stored
            pass
    return compiled


def save() -> None:
    """Write the store if this process compiled patterns it did not hold (atomically; a run
    that cannot write simply compiles them again next time)."""
    global _added
    if not _added or _store is None or not _enabled():
        return
    path = store_path()
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(_store, fh)
        os.replace(tmp, path)
        _added = 0
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass


def stats() -> dict[str, Any]:
    """Counts for this process: patterns served from the store, compiled, and added."""
    return {"hits": _hits, "misses": _misses, "added": _added, "enabled": _enabled()}
