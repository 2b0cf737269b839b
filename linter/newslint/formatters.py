"""Output formats, chosen by name: text, json, sarif, github, html (in :mod:`newslint.htmlreport`).

Each formatter is a small class with ``start()``, ``file(result)`` (called as results stream in,
in input order) and ``end(summary)``. Formats that can stream (text, github, json) write each file
as it arrives, so memory stays flat over many files; SARIF, whose rule list is known only at the
end, keeps its results in a temporary file until then, not in memory.
"""
from __future__ import annotations

import json
import os
import sys
from typing import IO, Any, Iterable

from . import __version__
from .engine import FileResult
from .finding import Finding, Severity

FORMATS = ("text", "json", "sarif", "github", "html")


class Formatter:
    def __init__(self, out: IO[str], *, color: bool = False, show_source: bool = True, quiet: bool = False):
        self.out = out
        self.color = color
        self.show_source = show_source
        self.quiet = quiet

    def start(self) -> None:
        pass

    def file(self, result: FileResult, lines: list[str] | None = None) -> None:
        pass

    def end(self, summary: dict[str, Any]) -> None:
        pass


# --- file names in reports ----------------------------------------------------------------------
def unicode_text(s: str) -> str:
    """``s`` as valid Unicode: the bytes of a file name that are not UTF-8 (which Python keeps as
    lone surrogates, U+DC80-U+DCFF) shown as ``\\xNN``; any other text is returned unchanged."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return "".join(
            c if not 0xD800 <= ord(c) <= 0xDFFF else f"\\x{ord(c) - 0xDC00:02x}" if ord(c) >= 0xDC80 and ord(c) <= 0xDCFF
            else f"\\u{ord(c):04x}"
            for c in s
        )


def shown_path(path: str) -> str:
    """A file name as the text output shows it: on one line, control characters (a newline in
    the name) escaped as in Python (``\\n``) and bytes that are not UTF-8 as ``\\xNN``."""
    if path.isprintable():
        return path
    out = []
    for ch in unicode_text(path):
        out.append(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


# --- text ------------------------------------------------------------------------------------
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


class TextFormatter(Formatter):
    """``path:line:col: severity CODE [name] message``, the source line with the span underlined,
    suggestions, and a summary line."""

    def _c(self, key: str, s: str) -> str:
        return f"{_COLORS[key]}{s}{_COLORS['reset']}" if self.color else s

    def file(self, result: FileResult, lines: list[str] | None = None) -> None:
        w = self.out.write
        path = shown_path(result.path)  # one line, whatever the file's name holds
        for f in result.findings:
            sev = str(f.severity)
            w(
                f"{self._c('bold', path)}:{f.line}:{f.column}: {self._c(sev, sev)} "
                f"{f.rule} [{f.name}] {f.message}\n"
            )
            if self.quiet:
                continue
            if self.show_source and lines is not None and 0 < f.line <= len(lines):
                window = _source_window(lines, f)
                if window is not None:
                    shown, offset, width = window
                    w(f"    {shown}\n")
                    w(f"    {' ' * offset}{self._c(sev, '^' * width)}\n")
            if f.suggestions:
                w(f"    {self._c('dim', 'suggestion:')} {', '.join(repr(s) for s in f.suggestions[:5])}\n")
            for line, col, _el, _ec, msg in f.related_positions:
                w(f"    {self._c('dim', 'related:')} {path}:{line}:{col}{': ' + msg if msg else ''}\n")

    def end(self, summary: dict[str, Any]) -> None:
        counts = summary["by_severity"]
        files = summary["files"]
        total = summary["findings"]
        parts = [f"{counts.get(s, 0)} {s}{'s' if counts.get(s, 0) != 1 and s != 'info' else ''}" for s in ("error", "warning", "info")]
        fixable = summary.get("fixable", 0)
        tail = f"; {fixable} fixable with --fix" if fixable else ""
        hidden = summary.get("baseline_hidden", 0)
        tail += f"; {hidden} hidden by the baseline" if hidden else ""
        if "fixed" in summary:
            tail += f"; {summary['fixed']} fixed, {summary['remaining']} remaining"
        if total:
            self.out.write(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}{tail}.\n")
        elif not self.quiet:
            self.out.write(f"No problems found in {files} file{'s' if files != 1 else ''}{tail}.\n")
        stats = summary.get("statistics")
        if stats:
            self.out.write("\nStatistics:\n")
            for code, row in sorted(stats["rules"].items()):
                self.out.write(f"  {row['count']:6d}  {code:8s} {row['name']} ({row['category']})\n")
            for path, metrics in stats.get("files", {}).items():
                if metrics:
                    shown = ", ".join(f"{k} {v}" for k, v in metrics.items())
                    self.out.write(f"  {path}: {shown}\n")


#: characters of a source line shown around a finding (a longer line is shown as a window)
SOURCE_WINDOW = 160


def _source_window(lines: Any, f: Finding) -> tuple[str, int, int] | None:
    """(the text shown, the caret's offset in it, the caret's width) for a finding's line, or
    None when the line is not known. Only a window of at most :data:`SOURCE_WINDOW` characters
    of the line is ever copied, so the text output grows with the findings, not with the
    length of their lines (a one-line megabyte file with 40,000 findings prints a few MB).

    ``lines`` is a list of the file's lines, or for a file linted in pieces a
    :class:`newslint.chunked.PackedLines`, whose ``segment`` gives the piece of a cut line that
    holds the finding's column."""
    col = f.column - 1  # 0-based, in the line
    segment = getattr(lines, "segment", None)
    if segment is not None:
        got = segment(f.line - 1, col)
        if got is None:
            return None
        col0, src = got
    else:
        col0, src = 0, lines[f.line - 1]
    start = col - col0  # in src
    end = len(src)
    while end and src[end - 1] in "\r\n" and end > len(src) - 2:
        end -= 1
    if not 0 <= start <= end:
        return None
    span_end = f.end_column - 1 - col0 if f.end_line == f.line else end
    left = 0 if end <= SOURCE_WINDOW and not col0 else max(0, min(start - 40, end - SOURCE_WINDOW))
    right = min(end, left + SOURCE_WINDOW)
    prefix = "…" if left or col0 else ""
    shown = prefix + src[left:right] + ("…" if right < end else "")
    offset = start - left + len(prefix)
    width = max(1, min(span_end, right) - start)
    return shown, offset, width


# --- json ------------------------------------------------------------------------------------
def file_object(result: FileResult, *, findings: bool = True) -> dict[str, Any]:
    """One file's object in the JSON output (``files[i]``): its path, findings, and an error,
    note or statistics when it has them. The review server's ``POST /api/lint`` and the HTML
    report use this same object. ``findings=False`` leaves the list empty (for streaming)."""
    entry: dict[str, Any] = {"path": unicode_text(result.path), "findings": [f.to_dict() for f in result.findings] if findings else []}
    if result.error:
        entry["error"] = unicode_text(result.error)
    if result.note:
        entry["note"] = unicode_text(result.note)
    if result.stats:
        entry["statistics"] = result.stats
    return entry


class JsonFormatter(Formatter):
    """``{"newslint": VERSION, "files": [...], "summary": {...}}``, streamed file by file."""

    def start(self) -> None:
        self.out.write('{"newslint": %s, "files": [' % json.dumps(__version__))
        self.first = True

    def file(self, result: FileResult, lines: list[str] | None = None) -> None:
        head, tail = json.dumps(file_object(result, findings=False), ensure_ascii=False).split('"findings": []', 1)
        write = self.out.write
        write(("" if self.first else ",") + "\n  " + head + '"findings": [')
        # one finding at a time: a file with 100,000 findings is never held as one string
        for i, f in enumerate(result.findings):
            write((", " if i else "") + json.dumps(f.to_dict(), ensure_ascii=False))
        write("]" + tail)
        self.first = False

    def end(self, summary: dict[str, Any]) -> None:
        self.out.write('\n], "summary": %s}\n' % json.dumps(summary, ensure_ascii=False))


# --- github ----------------------------------------------------------------------------------
def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


class GithubFormatter(Formatter):
    """GitHub Actions workflow commands: ``::warning file=P,line=L,col=C,endLine=..,endColumn=..,title=CODE::message``."""

    LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}

    def file(self, result: FileResult, lines: list[str] | None = None) -> None:
        path = _gh_escape(unicode_text(result.path), True)
        if result.error:
            self.out.write(f"::error file={path},title=newslint::{_gh_escape(unicode_text(result.error))}\n")
        for f in result.findings:
            props = f"file={path},line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column},title={_gh_escape(f.rule + ' ' + f.name, True)}"
            msg = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
            self.out.write(f"::{self.LEVEL[f.severity]} {props}::{_gh_escape(msg)}\n")

    def end(self, summary: dict[str, Any]) -> None:
        self.out.write(f"newslint: {summary['findings']} finding(s) in {summary['files']} file(s)\n")


# --- sarif -----------------------------------------------------------------------------------
class SarifFormatter(Formatter):
    """SARIF 2.1.0 for GitHub code scanning.

    The log lists the rules that have results and each result names its rule's index in that
    list, which is known only at the end of the run. So the results are not held in memory:
    each is written to a temporary file as one line of compact JSON when its file comes in,
    and the log is written at the end, the results read back one at a time. Memory stays flat
    however many files and findings the run has."""

    LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
    #: GitHub code scanning accepts at most this many results per run
    MAX_RESULTS = 25_000
    HELP_URI = "https://pypi.org/project/newslint/#rules"

    def __init__(self, out: IO[str], *, rules: Iterable[type] = (), root: str | None = None, **kw: Any):
        super().__init__(out, **kw)
        self.rules = list(rules)
        self.seen_codes: set[str] = set()
        self.count = 0
        self.dropped = 0  # results over MAX_RESULTS, left out
        self.spill: IO[str] | None = None  # the results so far, one JSON object a line
        self.invocation_notes: list[dict] = []
        #: artifact URIs are relative to this folder (the repository root), with uriBaseId
        self.root = os.path.abspath(root) if root else repository_root(os.getcwd())

    def file(self, result: FileResult, lines: list[str] | None = None) -> None:
        loc = _artifact(result.path, self.root)
        if result.error:
            self.invocation_notes.append(
                {"level": "error", "message": {"text": unicode_text(result.error)}, "locations": [{"physicalLocation": {"artifactLocation": loc}}]}
            )
        seen: dict[str, int] = {}
        for f in result.findings:
            if self.count >= self.MAX_RESULTS:
                self.dropped += 1
                continue
            if self.spill is None:
                import tempfile

                self.spill = tempfile.TemporaryFile("w+", encoding="utf-8", prefix="newslint-sarif-")
            self.seen_codes.add(f.rule)
            res = _sarif_result(f, loc)
            res["partialFingerprints"] = {"newslint/v2": _fingerprint(f, lines, seen)}
            self.spill.write(json.dumps(res, ensure_ascii=False) + "\n")
            self.count += 1

    def end(self, summary: dict[str, Any]) -> None:
        seen_codes = self.seen_codes
        rules = []
        index = {}
        for r in self.rules:
            if r.code in seen_codes or r.code == "LT":
                index[r.code] = len(rules)
                rules.append(
                    {
                        "id": r.code,
                        "name": r.name,
                        "shortDescription": {"text": r.summary or r.name},
                        "fullDescription": {"text": (r.describe().split("\n\n")[0] or r.name)[:1000]},
                        "help": _rule_help(r),
                        "helpUri": self.HELP_URI,
                        "defaultConfiguration": {"level": self.LEVEL[r.severity]},
                        "properties": {"category": r.category, "tags": [r.category]},
                    }
                )
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "newslint",
                    "version": __version__,
                    "informationUri": "https://pypi.org/project/newslint/",
                    "rules": rules,
                }
            },
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(self.root) + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_RESULTS] if self.count else [],
        }
        notes = list(self.invocation_notes)
        if self.dropped:
            notes.append(
                {
                    "level": "warning",
                    "message": {
                        "text": f"{self.count + self.dropped} results; only the first {self.MAX_RESULTS:,} are in this log "
                        "(GitHub code scanning's limit per run): lint fewer files per run, or raise --fail-on"
                    },
                }
            )
        if notes:
            run["invocations"] = [
                {"executionSuccessful": not self.invocation_notes, "toolExecutionNotifications": notes}
            ]
            if self.dropped:
                run["properties"] = {"resultsCapped": True, "resultsTotal": self.count + self.dropped}
        doc = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        }
        text = json.dumps(doc, ensure_ascii=False, indent=1)
        if not self.count:
            self.out.write(text + "\n")
            return
        # the same text as json.dump of the whole log with the results in place (indent=1)
        mark = json.dumps(_RESULTS)
        head, tail = text.split(mark, 1)
        pad = "\n" + head[head.rindex("\n") + 1 :]  # the indentation of a result in the list
        write = self.out.write
        write(head)
        assert self.spill is not None
        self.spill.seek(0)
        for i, line in enumerate(self.spill):
            res = json.loads(line)
            rid = res["ruleId"]
            base = rid.split(".")[0] if rid.startswith("LT.") else rid
            if base in index:
                res["ruleIndex"] = index[base]
            write(("," + pad if i else "") + json.dumps(res, ensure_ascii=False, indent=1).replace("\n", pad))
        write(tail + "\n")
        self.spill.close()
        self.spill = None


_RESULTS = "\u0000newslint-results"  # stands in for the results while the log around them is laid out


def repository_root(start: str) -> str:
    """The nearest folder at or above ``start`` with a ``.git`` (the repository root), else ``start``."""
    here = os.path.abspath(start)
    d = here
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return here
        d = parent


def _file_uri(path: str) -> str:
    from pathlib import Path

    return Path(path).as_uri()


def _artifact(path: str, root: str) -> dict:
    """An artifactLocation: relative to the repository root (uriBaseId %SRCROOT%) when the file
    lies under it, else an absolute file URI; standard input keeps its shown name."""
    if path in ("-", "<stdin>"):
        return {"uri": _uri(path)}
    full = os.path.abspath(path)
    rel = os.path.relpath(full, root) if full.startswith(root.rstrip(os.sep) + os.sep) else None
    if rel is None:
        return {"uri": _file_uri(full)}
    return {"uri": _uri(rel), "uriBaseId": "%SRCROOT%"}


def _fingerprint(f: Finding, lines: list[str] | None, seen: dict[str, int]) -> str:
    """Stable across edits elsewhere in the file (no line numbers: the rule, the matched text
    and the content of its line), distinct for distinct findings (a second identical finding on
    an identical line gets the next occurrence number)."""
    import hashlib

    context = ""
    if lines is not None and 0 < f.line <= len(lines):
        # the normalised line, once per line of a file (``seen`` is the file's): a long line
        # with many findings is not normalised again for each of them
        context = seen.get(f.line)  # type: ignore[assignment]
        if context is None:
            context = seen[f.line] = " ".join(lines[f.line - 1].split())  # type: ignore[index]
    key = hashlib.sha256("\0".join((f.rule, f.text, context)).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    n = seen.get(key, 0) + 1
    seen[key] = n
    return f"{key}:{n}"


def _rule_help(r: Any) -> dict:
    """The rule's whole description, as text and as Markdown (its examples in code blocks)."""
    text = r.describe().strip() or r.name
    md = [f"**{r.code} {r.name}** ({r.category})", ""]
    for line in text.split("\n"):
        md.append(line)
    md += ["", f"Run `newslint explain {r.code}` for its options and word lists."]
    return {"text": text[:4000], "markdown": "\n".join(md)[:8000]}


def _uri(path: str) -> str:
    p = path.replace(os.sep, "/")
    if p.startswith("./"):
        p = p[2:]
    from urllib.parse import quote

    return quote(p.encode("utf-8", "surrogateescape"), safe="/:@-._~")  # a name's own bytes, %-encoded


def _region(line: int, col: int, end_line: int, end_col: int) -> dict:
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": max(end_col, 1)}


def _sarif_result(f: Finding, loc: dict) -> dict:
    res: dict[str, Any] = {
        "ruleId": f.rule,
        "level": SarifFormatter.LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": loc,
                    "region": _region(f.line, f.column, f.end_line, f.end_column),
                }
            }
        ],
    }
    if f.related_positions:
        res["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {"artifactLocation": loc, "region": _region(a, b, c, d)},
                "message": {"text": m or "related"},
            }
            for i, (a, b, c, d, m) in enumerate(f.related_positions)
        ]
    if f.suggestions:
        res["properties"] = {"suggestions": list(f.suggestions)}
    return res


def make_formatter(name: str, out: IO[str] | None = None, **kw: Any) -> Formatter:
    out = out or sys.stdout
    if name == "html":
        from .htmlreport import HtmlFormatter

        kw.pop("rules", None)
        return HtmlFormatter(out, **kw)
    cls = {"text": TextFormatter, "json": JsonFormatter, "sarif": SarifFormatter, "github": GithubFormatter}[name]
    if cls is not SarifFormatter:
        kw.pop("rules", None)
    return cls(out, **kw)
