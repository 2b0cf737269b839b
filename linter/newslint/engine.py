"""The engine: run the selected rules over a Document, apply suppressions, resolve positions."""
from __future__ import annotations

from typing import Any, Iterable

from . import suppress
from .analysis.words import lower_bytes
from .config import Settings, closest, path_matches
from .document import Document
from .finding import Finding, Severity
from .kinds import RegexTimeout
from .record import Record
from .registry import Registry, build_registry
from .rule import Context, Rule
from .selection import finding_code_matches, is_subcode, select_rules, selector_matches

#: rules the engine itself reports (no check() of their own)
ENGINE_RULES = suppress.ENGINE_CODES


class FileResult(Record):
    """Everything reported for one input. Picklable, so workers can send it back."""

    path: str
    findings: list[Finding]
    error: str | None  # the file could not be linted (exit 2)
    note: str | None  # skipped with a note (binary file)
    stats: dict[str, Any]
    #: set on a results-cache miss: the key to store the result under, in the reporting process
    cache_key: str | None
    fixed: int  # findings --fix fixed in this file
    #: notes about a file that was linted (a symlink fixed through its target); unlike
    #: ``note`` they do not mean it was skipped
    notes: list[str]

    __match_args__ = ("path", "findings", "error", "note", "stats", "cache_key", "fixed", "notes")

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,  # None: a new list (and so for stats and notes)
        error: str | None = None,
        note: str | None = None,
        stats: dict[str, Any] | None = None,
        cache_key: str | None = None,
        fixed: int = 0,
        notes: list[str] | None = None,
    ) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        self.error = error
        self.note = note
        self.stats = {} if stats is None else stats
        self.cache_key = cache_key
        self.fixed = fixed
        self.notes = [] if notes is None else notes


class Linter:
    """The selected, configured rule instances for one configuration."""

    def __init__(self, settings: Settings | None = None, registry: Registry | None = None):
        self.settings = settings or Settings()
        self.registry = registry or build_registry(self.settings.packs)
        self.context = Context(
            accept=self.settings.accept,
            lists=self.registry.lists,
            settings={"languagetool": self.settings.languagetool},
            declared=frozenset(self.registry.declared),
            user_lists=self.registry.user_lists,
        )
        self.rules = self._instantiate()
        self.context.rules = tuple(self.rules)
        for rule in self.rules:
            rule.setup(self.context)
        self.by_code: dict[str, type[Rule]] = self.registry.by_code()

    def _instantiate(self) -> list[Rule]:
        return select_rules(self.settings, self.registry.rules, self.registry.find)

    def _file_ignores(self, path: str) -> list[str]:
        return [x for glob, sels in self.settings.per_file_ignores.items() if path_matches(path, glob, self.settings.root) for x in sels]

    def rules_for(self, path: str) -> list[Rule]:
        flat = self._file_ignores(path)
        if not flat:
            return self.rules
        return [r for r in self.rules if not any(selector_matches(x, type(r)) and not is_subcode(x, type(r)) for x in flat)]

    def _subcode_settings(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Ignore and severity settings that name some findings of a rule (``LT.EN_QUOTES``)."""
        ignores = [x for x in self.settings.ignore + self._file_ignores(doc.path) if "." in x]
        severities = {x: v for x, v in self.settings.severity.items() if "." in x}
        if not ignores and not severities:
            return findings
        out = []
        for f in findings:
            if any(finding_code_matches(x, f.rule) for x in ignores):
                continue
            for sel, level in severities.items():
                if finding_code_matches(sel, f.rule):
                    f.severity = level
            out.append(f)
        return out

    def excluded(self, path: str) -> bool:
        return any(path_matches(path, g, self.settings.root) for g in self.settings.exclude)

    def lint(self, doc: Document) -> tuple[list[Finding], list[str]]:
        """Findings (suppressions applied, positions resolved, sorted) and internal errors."""
        rules = self.rules_for(doc.path)
        findings: list[Finding] = []
        errors: list[str] = []
        for rule in rules:
            if rule.code in ENGINE_RULES:
                continue
            try:
                for f in rule.check(doc, self.context):
                    if 0 <= f.start <= f.end <= len(doc.text):
                        findings.append(f)
                    else:
                        errors.append(f"rule {rule.code} reported an out-of-range span {f.start}-{f.end}")
            except RegexTimeout as e:
                errors.append(str(e))
            except Exception as e:  # a rule bug must not take the run down
                import traceback

                tb = traceback.extract_tb(e.__traceback__)[-1]
                errors.append(
                    f"internal error in rule {rule.code} ({rule.name}): {type(e).__name__}: {e} "
                    f"[{tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}]; please report it"
                )
        findings = doc.guard(findings)  # nothing reported or fixed in front matter, templates, embeds
        errors += doc.problems
        findings = self._subcode_settings(doc, findings)
        findings = self._suppress(doc, findings, rules)
        findings = _dedupe(findings)
        for f in findings:
            f.resolve(doc)
        findings.sort(key=lambda f: f.sort_key)
        return findings, errors

    def _suppress(self, doc: Document, findings: list[Finding], rules: list[Rule]) -> list[Finding]:
        if b"newslint-" not in lower_bytes(doc) and b"[sic]" not in lower_bytes(doc):
            return findings
        smap = suppress.parse(doc)
        findings, used = smap.apply(findings, self.by_code)
        active = {r.code: r for r in rules}
        unused_rule = active.get("NL900")
        if unused_rule is not None:
            for s in smap.unused(used):
                what = ", ".join(s.rules) if s.rules else "all rules"
                findings.append(
                    unused_rule.finding(s.comment[0], s.comment[1], f"This suppression ({what}) suppresses nothing; remove it")
                )
        unknown_rule = active.get("NL901")
        if unknown_rule is not None:
            for start, end, sel in smap.unknown_selectors(self.registry.rules):
                choices = [r.code for r in self.registry.rules] + [r.name for r in self.registry.rules]
                findings.append(unknown_rule.finding(start, end, f"Unknown rule '{sel}' in suppression{closest(sel, choices)}"))
        return findings


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop exact duplicates (same rule, same span). Grammar-backend duplicates of our own
    findings on the same span are dropped too: newslint's own rule wins."""
    seen: set[tuple] = set()
    spans: set[tuple[int, int]] = {(f.start, f.end) for f in findings if not f.rule.startswith("LT.")}
    out = []
    for f in findings:
        key = (f.rule, f.start, f.end)
        if key in seen or (f.rule.startswith("LT.") and (f.start, f.end) in spans):
            continue
        seen.add(key)
        out.append(f)
    return out


def fails(findings: Iterable[Finding], fail_on: Severity) -> bool:
    return any(f.severity >= fail_on for f in findings)


def lint_text(text: str, path: str = "<text>", linter: Linter | None = None) -> list[Finding]:
    """Convenience for tests and library users: lint a string with the default configuration."""
    linter = linter or default_linter()
    findings, errors = linter.lint(Document(text, path))
    if errors:
        raise RuntimeError("; ".join(errors))
    return findings


_DEFAULT: Linter | None = None


def default_linter() -> Linter:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Linter()
    return _DEFAULT
