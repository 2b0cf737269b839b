"""``--format html``: one self-contained HTML page for a run, usable as a CI artefact.

The page has a summary (totals, a bar chart of findings by category and severity, a table of
rules) and then each article with its findings highlighted in the text, numbered like
footnotes and explained in a list under it. Nothing is fetched: the style sheet is inline
(allowed by its hash in the page's Content-Security-Policy), the chart is inline SVG, and the
page has no script. Every piece of article text, message and path is HTML-escaped.

It reads the same per-file objects as ``--format json`` (:func:`newslint.formatters.file_object`)
and, like the SARIF formatter, keeps the articles' sections in a temporary file until the end of
the run (the summary at the top is known only then), so memory stays flat over many files.
"""
from __future__ import annotations

import base64
import hashlib
import tempfile
from collections import Counter
from html import escape
from typing import IO, Any

from . import __version__
from .engine import FileResult
from .finding import CATEGORIES
from .formatters import Formatter, file_object

SEVERITIES = ("error", "warning", "info")
_RANK = {"info": 1, "warning": 2, "error": 3}

STYLE = """
:root { --error: #b3261e; --warning: #9a5b00; --info: #1f5fa8; --line: #d9d9de; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; margin: 0; background: #f6f6f8; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; word-break: break-all; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.muted { color: var(--muted); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.totals { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 8px 0 0; padding: 0; list-style: none; }
.totals b { font-size: 20px; display: block; }
.sev { display: inline-block; min-width: 58px; text-align: center; border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 600; color: #fff; }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); } .sev.info { background: var(--info); }
.legend span { margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.legend .error { background: var(--error); } .legend .warning { background: var(--warning); } .legend .info { background: var(--info); }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 32px; }
@media (max-width: 800px) { .grid { grid-template-columns: 1fr; } }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eee; vertical-align: middle; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.files a { word-break: break-all; }
.text { white-space: pre-wrap; word-wrap: break-word; font: 15px/1.7 Georgia, "Times New Roman", serif; background: #fcfcfd;
        border: 1px solid #ececf0; border-radius: 6px; padding: 12px 16px; }
mark { background: none; color: inherit; border-bottom: 2px solid; padding: 1px 0; }
mark.error { background: #fbe3e1; border-color: var(--error); }
mark.warning { background: #fdf0d5; border-color: var(--warning); }
mark.info { background: #e3eefb; border-color: var(--info); }
mark.many { box-shadow: inset 0 -3px 0 rgba(0, 0, 0, .18); }
a.ref { font: 600 10px/1 system-ui, sans-serif; vertical-align: super; text-decoration: none; color: #fff; border-radius: 3px;
        padding: 1px 3px; margin: 0 1px; }
a.ref.error { background: var(--error); } a.ref.warning { background: var(--warning); } a.ref.info { background: var(--info); }
a.ref:target, li:target { outline: 3px solid #f2b705; }
ol.findings { padding-left: 28px; margin: 8px 0 0; }
ol.findings li { margin: 6px 0; padding: 2px 4px; }
.where { color: var(--muted); font-size: 13px; }
.quote { background: #f1f1f4; border-radius: 3px; padding: 0 3px; white-space: pre-wrap; }
.sub { font-size: 13px; color: var(--muted); margin-left: 4px; }
.error-box { color: var(--error); font-weight: 600; }
""".strip()


class HtmlFormatter(Formatter):
    """A self-contained HTML report (see the module's docstring)."""

    def __init__(self, out: IO[str], **kw: Any):
        super().__init__(out, **kw)
        self.spill: IO[str] | None = None
        self.index: list[tuple[str, str, Counter, str | None]] = []  # (anchor, path, by severity, error)
        self.by_category: dict[str, Counter] = {}
        self.by_rule: Counter = Counter()
        self.rule_info: dict[str, tuple[str, str]] = {}

    def start(self) -> None:
        self.spill = tempfile.TemporaryFile("w+", encoding="utf-8", prefix="newslint-html-")

    def file(self, result: FileResult, lines: list[str] | None = None) -> None:
        obj = file_object(result)
        n = len(self.index) + 1
        anchor = f"a{n}"
        severities: Counter = Counter()
        for f in obj["findings"]:
            severities[f["severity"]] += 1
            self.by_category.setdefault(f["category"], Counter())[f["severity"]] += 1
            self.by_rule[f["rule"]] += 1
            self.rule_info[f["rule"]] = (f["name"], f["category"])
        self.index.append((anchor, obj["path"], severities, obj.get("error")))
        text = "\n".join(lines) if lines is not None else None
        assert self.spill is not None
        self.spill.write(article_html(obj, text, anchor))

    def end(self, summary: dict[str, Any]) -> None:
        w = self.out.write
        digest = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
        total = summary["findings"]
        w(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{digest}'; img-src data:\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<meta name=\"generator\" content=\"newslint {escape(__version__)}\">\n"
            f"<title>newslint report: {total} finding{'s' if total != 1 else ''} in {summary['files']} file{'s' if summary['files'] != 1 else ''}</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n"
        )
        w(self._summary_html(summary))
        w("<main>\n")
        if self.spill is not None:
            self.spill.seek(0)
            while True:
                chunk = self.spill.read(1 << 16)
                if not chunk:
                    break
                w(chunk)
            self.spill.close()
            self.spill = None
        w("</main>\n</body>\n</html>\n")

    # --- the summary -----------------------------------------------------------------------
    def _summary_html(self, summary: dict[str, Any]) -> str:
        by_sev = summary["by_severity"]
        parts = [
            "<header>\n<h1>newslint report</h1>\n",
            f"<div class=\"muted\">newslint {escape(__version__)}</div>\n",
            "<section class=\"card\" id=\"summary\">\n<ul class=\"totals\">",
            f"<li><b>{summary['files']}</b>{_plural(summary['files'], 'file')}</li>",
            f"<li><b>{summary['findings']}</b>{_plural(summary['findings'], 'finding')}</li>",
        ]
        for s in SEVERITIES:
            parts.append(f"<li><b>{by_sev.get(s, 0)}</b><span class=\"sev {s}\">{s}</span></li>")
        if summary.get("fixable"):
            parts.append(f"<li><b>{summary['fixable']}</b>fixable with --fix</li>")
        if summary.get("errors"):
            parts.append(f"<li><b>{summary['errors']}</b>{_plural(summary['errors'], 'file')} not linted</li>")
        if summary.get("baseline_hidden"):
            parts.append(f"<li><b>{summary['baseline_hidden']}</b>hidden by the baseline</li>")
        parts.append("</ul>\n")
        if self.by_rule:
            parts.append("<div class=\"grid\">\n<div>\n<h3>By category</h3>\n")
            parts.append(category_chart(self.by_category))
            parts.append(
                "<div class=\"legend\">" + "".join(f"<span><i class=\"{s}\"></i>{s}</span>" for s in SEVERITIES) + "</div>\n"
            )
            parts.append("</div>\n<div>\n<h3>By rule</h3>\n")
            parts.append(self._rule_table())
            parts.append("</div>\n</div>\n")
        parts.append("<h3>Files</h3>\n<table class=\"files\">\n<tr><th>file</th>")
        parts.extend(f"<th class=\"n\">{s}</th>" for s in SEVERITIES)
        parts.append("</tr>\n")
        for anchor, path, sev, error in self.index:
            cells = "".join(f"<td class=\"n\">{sev.get(s, 0) or ''}</td>" for s in SEVERITIES)
            note = f" <span class=\"error-box\">(not linted)</span>" if error else ""
            parts.append(f"<tr><td><a href=\"#{anchor}\">{escape(path)}</a>{note}</td>{cells}</tr>\n")
        parts.append("</table>\n</section>\n</header>\n")
        return "".join(parts)

    def _rule_table(self) -> str:
        top = max(self.by_rule.values())
        rows = ["<table>\n<tr><th>rule</th><th>name</th><th>category</th><th class=\"n\">count</th><th></th></tr>\n"]
        for code, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            name, category = self.rule_info[code]
            width = max(1, round(80 * n / top))
            bar = f"<svg width=\"82\" height=\"10\" aria-hidden=\"true\"><rect width=\"{width}\" height=\"10\" rx=\"2\" fill=\"#6b7280\"/></svg>"
            rows.append(
                f"<tr><td><code>{escape(code)}</code></td><td>{escape(name)}</td><td>{escape(category)}</td>"
                f"<td class=\"n\">{n}</td><td>{bar}</td></tr>\n"
            )
        rows.append("</table>\n")
        return "".join(rows)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


_FILL = {"error": "#b3261e", "warning": "#9a5b00", "info": "#1f5fa8"}


def category_chart(by_category: dict[str, Counter]) -> str:
    """A horizontal bar per category, stacked by severity, as inline SVG (with a text
    alternative: each bar's title and a visible count)."""
    order = [c for c in CATEGORIES if c in by_category] + sorted(c for c in by_category if c not in CATEGORIES)
    if not order:
        return ""
    top = max(sum(by_category[c].values()) for c in order)
    label_w, bar_w, row_h = 110, 300, 22
    height = row_h * len(order)
    out = [
        f"<svg class=\"chart\" role=\"img\" aria-label=\"findings by category\" width=\"{label_w + bar_w + 50}\" height=\"{height}\" "
        f"viewBox=\"0 0 {label_w + bar_w + 50} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
    ]
    for i, cat in enumerate(order):
        y = i * row_h
        counts = by_category[cat]
        total = sum(counts.values())
        detail = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts.get(s))
        out.append(f"<g><title>{escape(cat)}: {total} ({escape(detail)})</title>")
        out.append(f"<text x=\"{label_w - 6}\" y=\"{y + 15}\" text-anchor=\"end\" fill=\"#1d1d1f\">{escape(cat)}</text>")
        x = float(label_w)
        for s in SEVERITIES:
            if counts.get(s):
                w = max(2.0, bar_w * counts[s] / top)
                out.append(f"<rect x=\"{x:.1f}\" y=\"{y + 4}\" width=\"{w:.1f}\" height=\"{row_h - 8}\" fill=\"{_FILL[s]}\"/>")
                x += w
        out.append(f"<text x=\"{x + 5:.1f}\" y=\"{y + 15}\" fill=\"#5f6368\">{total}</text></g>")
    out.append("</svg>\n")
    return "".join(out)


# --- an article --------------------------------------------------------------------------------
def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def offsets(starts: list[int], size: int, finding: dict) -> tuple[int, int]:
    """A finding's (start, end) offsets from its 1-based line and code-point column (the
    Document's convention: lines end at ``\\n``; ``starts`` from :func:`line_starts`), clamped to
    the text's ``size``."""

    def at(line: int, col: int) -> int:
        if line < 1:
            return 0
        if line > len(starts):
            return size
        return min(starts[line - 1] + max(col, 1) - 1, size)

    a = at(finding["line"], finding["column"])
    return a, max(a, at(finding["end_line"], finding["end_column"]))


def highlight(text: str, findings: list[dict], prefix: str) -> str:
    """The text as HTML, every finding's span wrapped in ``<mark>`` (overlaps split into
    segments, each naming all the findings that cover it in ``data-f``) and a numbered link to
    the finding's entry where it starts. A finding with an empty span gets only its link."""
    starts = line_starts(text)
    spans = [offsets(starts, len(text), f) for f in findings]
    starts_at: dict[int, list[int]] = {}
    for i, (a, _b) in enumerate(spans):
        starts_at.setdefault(a, []).append(i)
    cuts = sorted({0, len(text), *(a for a, _ in spans), *(b for _, b in spans)})
    out: list[str] = []
    by_start = sorted(range(len(spans)), key=lambda i: spans[i])
    active: list[int] = []
    k = 0
    for pos, nxt in zip(cuts, cuts[1:] + [None]):
        for i in starts_at.get(pos, ()):
            sev = findings[i]["severity"]
            out.append(
                f"<a class=\"ref {sev}\" id=\"{prefix}r{i + 1}\" href=\"#{prefix}f{i + 1}\" "
                f"title=\"{escape(findings[i]['rule'])}\">{i + 1}</a>"
            )
        if nxt is None:
            break
        while k < len(by_start) and spans[by_start[k]][0] <= pos:
            active.append(by_start[k])
            k += 1
        active = [i for i in active if spans[i][1] > pos]
        piece = escape(text[pos:nxt], quote=False)
        if not active:
            out.append(piece)
            continue
        sev = max((findings[i]["severity"] for i in active), key=_RANK.__getitem__)
        ids = " ".join(f"{prefix}f{i + 1}" for i in sorted(active))
        title = "\n".join(f"{findings[i]['rule']}: {findings[i]['message']}" for i in sorted(active))
        many = " many" if len(active) > 1 else ""
        out.append(f"<mark class=\"{sev}{many}\" data-f=\"{ids}\" title=\"{escape(title)}\">{piece}</mark>")
    return "".join(out)


def _quote(s: str) -> str:
    return f"<span class=\"quote\">{escape(s, quote=False)}</span>"


def article_html(obj: dict, text: str | None, anchor: str) -> str:
    """One article's section: its path, the highlighted text and the list of its findings."""
    findings = obj["findings"]
    prefix = anchor + "-"
    counts = Counter(f["severity"] for f in findings)
    shown = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITIES if counts.get(s)) or "no findings"
    parts = [f"<section class=\"card article\" id=\"{anchor}\">\n<h2>{escape(obj['path'])}</h2>\n<div class=\"muted\">{shown}</div>\n"]
    if obj.get("error"):
        parts.append(f"<p class=\"error-box\">{escape(obj['error'])}</p>\n")
    if text is not None and (findings or not obj.get("error")):
        parts.append(f"<div class=\"text\">{highlight(text, findings, prefix)}</div>\n")
    if findings:
        parts.append("<ol class=\"findings\">\n")
        for i, f in enumerate(findings, 1):
            sev = f["severity"]
            parts.append(
                f"<li id=\"{prefix}f{i}\" data-rule=\"{escape(f['rule'])}\" data-line=\"{f['line']}\" data-column=\"{f['column']}\">"
                f"<span class=\"sev {sev}\">{sev}</span> <code>{escape(f['rule'])}</code> {escape(f['name'])}"
                f"<span class=\"sub\">{escape(f['category'])}</span> "
                f"<a class=\"where\" href=\"#{prefix}r{i}\">line {f['line']}, column {f['column']}</a><br>"
                f"<span class=\"message\">{escape(f['message'])}</span>"
            )
            if f["suggestions"]:
                parts.append("<br><span class=\"where\">suggestion:</span> " + ", ".join(_quote(s) for s in f["suggestions"][:5]))
            for r in f["related"]:
                msg = f": {escape(r['message'])}" if r["message"] else ""
                parts.append(f"<br><span class=\"where\">related: line {r['line']}, column {r['column']}{msg}</span>")
            parts.append("</li>\n")
        parts.append("</ol>\n")
    stats = obj.get("statistics")
    if stats:
        shown_stats = "; ".join(f"{escape(str(k))} {escape(str(v))}" for k, v in stats.items())
        parts.append(f"<p class=\"where\">metrics: {shown_stats}</p>\n")
    parts.append("</section>\n")
    return "".join(parts)
