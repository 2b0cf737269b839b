"""The Rule contract.

A rule is a class that describes itself (code, name, category, default severity, summary,
options with defaults, and a docstring with ``Bad:`` and ``Good:`` examples) and implements
:meth:`Rule.check`, which yields :class:`~newslint.finding.Finding` objects in character offsets.

To add a rule, copy a neighbour in ``newslint/rules/``, give it a new code in its family's range,
and add the class to that module's ``RULES`` list. The docstring examples are used by the docs
(``newslint explain``) and by ``tests/test_rule_examples.py``, which checks that every ``Bad:``
example produces a finding of that rule and every ``Good:`` example none.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Mapping, Sequence

from . import rx
from .finding import Finding, Fix, Related, Severity

if TYPE_CHECKING:
    from .document import Document


@dataclass(frozen=True)
class Option:
    """A rule option: its default, type and (optionally) allowed values or bounds."""

    default: Any
    help: str = ""
    type: type | None = None  # inferred from default when None; list means list of str
    choices: Sequence[Any] | None = None
    min: float | None = None
    max: float | None = None

    @property
    def kind(self) -> type:
        return self.type or type(self.default)


@dataclass
class Context:
    """Shared, per-run resources a rule may use. Built once per configuration."""

    accept: frozenset[str] = frozenset()  # words and names the newsroom says are correct
    lists: Mapping[str, Sequence[Any]] = field(default_factory=dict)  # merged pack lists
    settings: Mapping[str, Any] = field(default_factory=dict)  # global settings (languagetool url...)

    def list(self, name: str) -> Sequence[Any]:
        return self.lists.get(name, ())


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement check()."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.warning
    summary: ClassVar[str] = ""
    options: ClassVar[Mapping[str, Option]] = {}
    fixable: ClassVar[bool] = False
    #: where the rule comes from (module path or pack file); shown by ``newslint rules``
    origin: str = ""

    def __init__(self, options: Mapping[str, Any] | None = None, severity: Severity | None = None):
        self.opts: dict[str, Any] = {k: o.default for k, o in self.options.items()}
        if options:
            self.opts.update(options)
        self.effective_severity: Severity = severity or self.severity

    # --- what subclasses implement --------------------------------------------------------
    def check(self, doc: "Document", ctx: Context) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

    # --- helpers ----------------------------------------------------------------------------
    def finding(
        self,
        start: int,
        end: int,
        message: str,
        *,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule. A single-edit fix becomes the first suggestion."""
        sugg = tuple(suggestions)
        if fix is not None and not sugg and len(fix.edits) == 1 and (fix.edits[0].start, fix.edits[0].end) == (start, end):
            sugg = (fix.edits[0].replacement,)
        sev = self.effective_severity if severity is None or self.effective_severity != self.severity else severity
        return Finding(
            rule=self.code,
            name=self.name,
            category=self.category,
            severity=sev,
            message=message,
            start=start,
            end=end,
            suggestions=sugg,
            fix=fix,
            related=tuple(related),
        )

    @classmethod
    def describe(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def examples(cls) -> tuple[list[str], list[str]]:
        return parse_examples(cls.describe())


_SECTION = rx.compile(r"^(Bad|Good):\s*$", re.M)


def parse_examples(doc: str) -> tuple[list[str], list[str]]:
    """Examples in a docstring: an indented block under ``Bad:`` / ``Good:``.

    Each block is one example; blank lines inside the block are kept, and a line of ``---`` on
    its own separates two examples in one block.
    """
    bad: list[str] = []
    good: list[str] = []
    matches = list(_SECTION.finditer(doc))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(doc)
        body = doc[m.end() : end].split("\n")
        block: list[str] = []
        for line in body[1:] if body and body[0] == "" else body:
            if line.strip() and not line.startswith(("    ", "\t")):
                break
            block.append(line[4:] if line.startswith("    ") else line.lstrip("\t"))
        text = "\n".join(block).strip("\n")
        for example in re.split(r"^---$", text, flags=re.M):
            example = example.strip("\n")
            if example:
                (bad if m.group(1) == "Bad" else good).append(example + "\n")
    return bad, good


def sorted_findings(findings: Iterable[Finding]) -> Iterator[Finding]:
    return iter(sorted(findings, key=lambda f: f.sort_key))
