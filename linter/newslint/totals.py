"""The totals of a lint run: counts for the summary line and the exit code."""
from __future__ import annotations

from collections import Counter
from typing import Any

from .engine import FileResult
from .finding import Severity
from .record import Record


class Totals(Record):
    """Counts over the files of one run, fed one :class:`FileResult` at a time."""

    statistics: bool  # keep per-rule and per-file statistics (``--statistics``)
    files: int
    errors: int  # inputs that could not be linted (exit 2)
    hidden: int  # findings hidden by a baseline
    failed: bool  # a finding at or above its file's fail-on severity
    fixable: int
    fixed: int  # findings --fix fixed
    changed: int  # files --diff would change
    by_severity: Counter
    by_rule: Counter
    rule_info: dict[str, tuple[str, str]]
    file_stats: dict[str, dict]
    metric_sums: dict[str, float]
    metric_counts: dict[str, int]

    __match_args__ = (
        "statistics", "files", "errors", "hidden", "failed", "fixable", "fixed", "changed", "by_severity", "by_rule",
        "rule_info", "file_stats", "metric_sums", "metric_counts",
    )

    def __init__(
        self,
        statistics: bool = False,
        files: int = 0,
        errors: int = 0,
        hidden: int = 0,
        failed: bool = False,
        fixable: int = 0,
        fixed: int = 0,
        changed: int = 0,
        by_severity: Counter | None = None,  # None: a new Counter (and so below: a new dict)
        by_rule: Counter | None = None,
        rule_info: dict[str, tuple[str, str]] | None = None,
        file_stats: dict[str, dict] | None = None,
        metric_sums: dict[str, float] | None = None,
        metric_counts: dict[str, int] | None = None,
    ) -> None:
        self.statistics = statistics
        self.files = files
        self.errors = errors
        self.hidden = hidden
        self.failed = failed
        self.fixable = fixable
        self.fixed = fixed
        self.changed = changed
        self.by_severity = Counter() if by_severity is None else by_severity
        self.by_rule = Counter() if by_rule is None else by_rule
        self.rule_info = {} if rule_info is None else rule_info
        self.file_stats = {} if file_stats is None else file_stats
        self.metric_sums = {} if metric_sums is None else metric_sums
        self.metric_counts = {} if metric_counts is None else metric_counts

    def add(self, result: FileResult, fail_on: Severity | None) -> None:
        """Count one file's findings (``fail_on`` None: the file failed to lint)."""
        for f in result.findings:
            self.by_severity[str(f.severity)] += 1
            self.by_rule[f.rule] += 1
            self.rule_info[f.rule] = (f.name, f.category)
            if f.fix is not None and f.fix.safe:
                self.fixable += 1
            if fail_on is not None and f.severity >= fail_on:
                self.failed = True
        if result.stats:
            if self.statistics:
                self.file_stats[result.path] = result.stats
            for k, v in result.stats.items():
                if isinstance(v, (int, float)):
                    self.metric_sums[k] = self.metric_sums.get(k, 0.0) + v
                    self.metric_counts[k] = self.metric_counts.get(k, 0) + 1

    def summary(self, fixing: bool = False) -> dict[str, Any]:
        """The run's summary object (the ``summary`` of the JSON output)."""
        out: dict[str, Any] = {
            "files": self.files,
            "findings": sum(self.by_severity.values()),
            "by_severity": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "errors": self.errors,
            "fixable": 0 if fixing else self.fixable,
            "baseline_hidden": self.hidden,
        }
        if self.metric_sums:
            out["mean"] = {k: round(self.metric_sums[k] / self.metric_counts[k], 2) for k in sorted(self.metric_sums)}
        if self.statistics:
            out["statistics"] = {
                "rules": {
                    code: {"count": n, "name": self.rule_info[code][0], "category": self.rule_info[code][1]}
                    for code, n in self.by_rule.most_common()
                },
                "files": self.file_stats,
            }
        return out

    def exit_code(self) -> int:
        """2 if an input could not be linted, 1 if a finding reached fail-on, else 0."""
        if self.errors:
            return 2
        return 1 if self.failed else 0
