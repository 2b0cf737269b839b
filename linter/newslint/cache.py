"""A content-hash cache of results, so unchanged files are not linted again (``--no-cache`` skips it).

The key hashes newslint's version, the configuration (its settings and the text of every rule
pack in use), the reported path and the file's bytes; a hit returns the findings exactly as they
were. Entries are small JSON files under ``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``,
else ``~/.cache/newslint``. Any problem with the cache (unwritable, corrupt entry) silently falls
back to linting: the cache can only save time, never change a result.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from . import __version__
from .dirs import cache_dir
from .engine import FileResult, Linter
from .finding import Edit, Finding, Fix, Related, Severity


def _code_stamp() -> str:
    """Size and mtime of newslint's own modules: an edited (editable) install misses the cache."""
    root = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for d, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(d, name))
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(sorted(parts))


def config_fingerprint(linter: Linter) -> str:
    h = hashlib.sha256(__version__.encode())
    h.update(_code_stamp().encode())
    s = linter.settings
    h.update(repr((sorted(r.code for r in linter.rules), s.per_file_ignores, sorted(s.accept), s.rules, s.severity,
                   s.languagetool, s.root)).encode())
    for r in linter.rules:
        h.update(repr(sorted(r.opts.items())).encode())
        h.update(str(r.effective_severity).encode())
    for rule in linter.registry.rules:
        origin = getattr(rule, "origin", "")
        if origin and ":" in origin and os.path.exists(origin.rsplit(":", 1)[0]):
            h.update(origin.encode())
    from .packs import builtin_pack_paths

    for p in list(builtin_pack_paths()) + list(s.packs):
        try:
            with open(p, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
        except OSError:
            pass
    return h.hexdigest()


class ResultCache:
    def __init__(self, directory: str | None = None):
        self.dir = os.path.join(directory or cache_dir(), "results-v1")
        self._fp: dict[int, str] = {}
        self._dirs: set[str] = set()

    def key(self, linter: Linter, path: str, data: bytes) -> str:
        fp = self._fp.get(id(linter))
        if fp is None:
            fp = self._fp[id(linter)] = config_fingerprint(linter)
        h = hashlib.sha256(fp.encode())
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.dir, key[:2], key[2:] + ".json")

    def get(self, key: str) -> FileResult | None:
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                return _load(json.load(fh))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        if result.error:
            return
        path = self._file(key)
        folder = os.path.dirname(path)
        # one encode and one write (json.dump writes piece by piece), the folder made once per
        # process, and a temporary name unique to this process: filling the cache costs about
        # 0.1 ms a file, not the 1 ms that mkstemp and chunked writes took
        text = json.dumps(_dump(result), ensure_ascii=False, separators=(",", ":"))
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            if folder not in self._dirs:
                os.makedirs(folder, exist_ok=True)
                self._dirs.add(folder)
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)  # atomic: a parallel reader sees the old entry or the new one
        except OSError:
            pass


def _dump(r: FileResult) -> dict[str, Any]:
    return {
        "path": r.path,
        "stats": r.stats,
        "findings": [
            [f.rule, f.name, f.category, int(f.severity), f.message, f.start, f.end, list(f.suggestions),
             None if f.fix is None else [f.fix.safe, [[e.start, e.end, e.replacement] for e in f.fix.edits]],
             [[x.start, x.end, x.message] for x in f.related], f.text, f.line, f.column, f.end_line, f.end_column,
             [list(p) for p in f.related_positions]]
            for f in r.findings
        ],
    }


def _load(d: dict[str, Any]) -> FileResult:
    findings = []
    for (rule, name, cat, sev, msg, start, end, sugg, fix, related, text, line, col, eline, ecol, rpos) in d["findings"]:
        findings.append(
            Finding(
                rule, name, cat, Severity(sev), msg, start, end, tuple(sugg),
                None if fix is None else Fix(tuple(Edit(*e) for e in fix[1]), fix[0]),
                tuple(Related(*x) for x in related), text, line, col, eline, ecol, tuple(tuple(p) for p in rpos),
            )
        )
    return FileResult(d["path"], findings=findings, stats=d.get("stats") or {})
