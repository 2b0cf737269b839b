"""A content-hash cache of results, so unchanged files are not linted again (``--no-cache`` skips it).

The key hashes newslint's version and code, the versions of the libraries that shape results
(:func:`newslint.dirs.versions`), the configuration (its settings and the text of every rule
pack in use), the reported path and the file's bytes; a hit returns the findings exactly as they
were. Entries are rows of one SQLite database, ``results-v3.sqlite3`` in the cache directory
(``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``; 0700,
the database 0600): each process reads through its own connection, and the process that writes
the report stores a run's new entries a few hundred at a time, in one transaction each. Each row
carries a digest of its value (a damaged row is a miss). The database keeps the newest
:attr:`ResultCache.MAX_ENTRIES` entries (100,000, about 60 MB for news articles): older ones are
deleted as new ones are written. (Version 1 kept one small file per
entry; creating a file cost about 0.8 ms on the disks measured, as much as linting the article,
and made a first run with the cache 70% slower than one without it.) Any problem with the cache
(unwritable, locked, corrupt) silently falls back to linting: the cache can only save time,
never change a result.
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
    from .dirs import versions

    h = hashlib.sha256(__version__.encode())
    h.update(versions().encode())
    h.update(_code_stamp().encode())
    h.update(os.environ.get("NEWSLINT_LANGUAGETOOL_URL", "").encode())  # the grammar rule's server
    s = linter.settings
    h.update(repr((sorted(r.code for r in linter.rules), s.per_file_ignores, sorted(s.accept), s.rules, s.severity,
                   s.languagetool, s.root, s.prose_fields, [p.pattern for p in s.ignore_patterns])).encode())
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
    FILE = "results-v3.sqlite3"
    #: pending entries written per transaction
    BATCH = 256
    #: entries kept (the oldest written are deleted past it): a 100,000-article archive fits
    MAX_ENTRIES = 100_000

    def __init__(self, directory: str | None = None):
        self.directory = directory
        self.path = os.path.join(directory or cache_dir(), self.FILE)
        self._fp: dict[int, str] = {}
        self._conn: Any = None
        self._pid = 0
        self._pending: list[tuple[str, str, str]] = []
        self._failed = False

    def key(self, linter: Linter, path: str, data: bytes) -> str:
        fp = self._fp.get(id(linter))
        if fp is None:
            fp = self._fp[id(linter)] = config_fingerprint(linter)
        h = hashlib.sha256(fp.encode())
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _db(self) -> Any:
        """This process's connection (a connection must not cross a fork: workers open their own)."""
        if self._failed:
            return None
        if self._conn is None or self._pid != os.getpid():
            try:
                import sqlite3

                from . import dirs

                folder = dirs.ensure_private(self.directory) if self.directory else dirs.private_dir()
                if folder is None:
                    raise OSError("no private cache directory")
                # created 0600 by us (SQLite gives its -wal and -shm files the same mode); a
                # database someone else owns, or a link, is not opened
                os.close(os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600))
                st = os.stat(self.path)
                if hasattr(os, "getuid") and st.st_uid != os.getuid():
                    raise OSError("cache database owned by someone else")
                if st.st_mode & 0o077:
                    os.chmod(self.path, 0o600)
                conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a writer
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL, digest TEXT NOT NULL)")
            except Exception:  # unwritable directory, not a database, no sqlite3: lint without
                self._failed = True
                return None
            self._conn, self._pid, self._pending = conn, os.getpid(), []
        return self._conn

    def get(self, key: str) -> FileResult | None:
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value, digest FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            if _digest(row[0]) != row[1]:
                from .dirs import note

                note(f"results cache {self.path}: an entry was damaged or altered (its digest does not match): "
                     "the file is linted again")
                return None
            return _load(json.loads(row[0]))
        except Exception:  # a locked or damaged database, a damaged entry: a miss
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Queue an entry; it is written with the next batch (:meth:`flush`)."""
        if result.error or self._failed:
            return
        value = json.dumps(_dump(result), ensure_ascii=False, separators=(",", ":"))
        self._pending.append((key, value, _digest(value)))
        if len(self._pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        db = self._db() if pending else None
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO results (key, value, digest) VALUES (?, ?, ?)", pending)
            # rowids grow with every write: all but the newest MAX_ENTRIES rows go
            newest = db.execute("SELECT max(rowid) FROM results").fetchone()[0] or 0
            if newest > self.MAX_ENTRIES:
                db.execute("DELETE FROM results WHERE rowid <= ?", (newest - self.MAX_ENTRIES,))
            db.execute("COMMIT")
        except Exception:  # locked for longer than the timeout, disk full: these stay unstored
            try:
                db.execute("ROLLBACK")
            except Exception:
                pass

    def __len__(self) -> int:
        db = self._db()
        try:
            return db.execute("SELECT count(*) FROM results").fetchone()[0] if db is not None else 0
        except Exception:
            return 0


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


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
