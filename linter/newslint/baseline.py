"""Baselines: record today's findings so an archive can adopt newslint and CI fails only on new ones.

A finding's fingerprint is a hash of its rule, its file (relative to the baseline's folder), the
text it covers and the stripped content of its line, never its line number, so it survives
lines being added or removed above it. Identical fingerprints are counted: a baseline with two
'adn' on the same kind of line hides two, and a third is new.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable

from .engine import FileResult
from .finding import Finding

VERSION = 1


class BaselineError(Exception):
    pass


def _rel(path: str, base_dir: str) -> str:
    try:
        return os.path.relpath(os.path.abspath(path), base_dir).replace(os.sep, "/")
    except ValueError:
        return path.replace(os.sep, "/")


def fingerprint(f: Finding, line_text: str, rel_path: str) -> str:
    return _fingerprint(f, " ".join(line_text.split()), rel_path)


def _fingerprint(f: Finding, normal_line: str, rel_path: str) -> str:
    import hashlib  # here, not at the top: a run without a baseline never loads OpenSSL

    key = "\x1f".join((f.rule, rel_path, f.text, normal_line))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _normal_lines(lines: list[str] | None):
    """f -> its line, whitespace normalised, worked out once per line (a long line with many
    findings is not normalised again for each)."""
    done: dict[int, str] = {}

    def of(f: Finding) -> str:
        got = done.get(f.line)
        if got is None:
            got = done[f.line] = " ".join(lines[f.line - 1].split()) if lines and 0 < f.line <= len(lines) else ""
        return got

    return of


class Baseline:
    def __init__(self, path: str, counts: dict[str, Counter] | None = None):
        self.path = path
        self.base_dir = os.path.dirname(os.path.abspath(path))
        self.counts: dict[str, Counter] = counts or {}

    @classmethod
    def load(cls, path: str) -> "Baseline":
        from .limits import read_regular

        try:
            data = json.loads(read_regular(path, "file", "the baseline").decode("utf-8"))
        except OSError as e:
            raise BaselineError(f"{path}: cannot read baseline: {e.strerror or e}") from None
        except json.JSONDecodeError as e:
            raise BaselineError(f"{path}:{e.lineno}: invalid baseline JSON: {e.msg}") from None
        except (UnicodeDecodeError, RecursionError) as e:
            raise BaselineError(f"{path}: invalid baseline JSON: {type(e).__name__}") from None
        if not isinstance(data, dict) or data.get("newslint-baseline") != VERSION or not isinstance(data.get("files"), dict):
            raise BaselineError(f"{path}: not a newslint baseline (write one with --write-baseline)")
        files = data["files"]
        for p, fps in files.items():
            if not isinstance(fps, dict) or not all(isinstance(k, str) and type(v) is int for k, v in fps.items()):
                raise BaselineError(f"{path}: not a newslint baseline: the entry for {p!r} is not a table of counts")
        return cls(path, {p: Counter(fps) for p, fps in files.items()})

    def record(self, result: FileResult, lines: list[str] | None) -> None:
        rel = _rel(result.path, self.base_dir)
        c = self.counts.setdefault(rel, Counter())
        line = _normal_lines(lines)
        for f in result.findings:
            c[_fingerprint(f, line(f), rel)] += 1

    def filter(self, result: FileResult, lines: list[str] | None) -> int:
        """Drop findings the baseline knows; return how many were hidden."""
        rel = _rel(result.path, self.base_dir)
        left = Counter(self.counts.get(rel, {}))
        kept: list[Finding] = []
        line = _normal_lines(lines)
        for f in result.findings:
            fp = _fingerprint(f, line(f), rel)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                kept.append(f)
        hidden = len(result.findings) - len(kept)
        result.findings = kept
        return hidden

    def save(self) -> None:
        data = {
            "newslint-baseline": VERSION,
            "files": {p: dict(sorted(c.items())) for p, c in sorted(self.counts.items()) if c},
        }
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=False)
            fh.write("\n")
        os.replace(tmp, self.path)


def total(results: Iterable[FileResult]) -> int:
    return sum(len(r.findings) for r in results)
