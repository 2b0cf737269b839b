"""NL9xx: suppression comments that suppress nothing or name an unknown rule.

The engine reports these itself, after the other rules have run and the suppressions
(``newslint.suppress``) have been applied, so the rules here only describe themselves.
"""
from __future__ import annotations

from typing import Iterable

from ..document import Document
from ..finding import Finding, Severity
from ..rule import Context, Rule


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    A stale ``newslint-disable`` hides future problems and misleads the next editor; remove it.
    The engine reports these after the other rules have run (so this rule has no ``check``).

    Bad:
        <!-- newslint-disable-next-line NL101 -->
        The minister spoke on Tuesday.
    Good:
        <!-- newslint-disable-next-line NL101 -->
        The minister spoke on Tusday.
    """

    code = "NL900"
    name = "unused-suppression"
    category = "style"
    severity = Severity.info
    summary = "A suppression comment that suppresses nothing"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()


class UnknownSuppressionRule(Rule):
    """A suppression comment that names a rule newslint does not know.

    Bad:
        <!-- newslint-disable-next-line NL999 -->
        The minister spoke on Tuesday.
    Good:
        <!-- newslint-disable-next-line known-typo -->
        The minister spoke on Tusday.
    """

    code = "NL901"
    name = "unknown-suppression-rule"
    category = "style"
    severity = Severity.warning
    summary = "A suppression comment names an unknown rule"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()


RULES = [UnusedSuppression, UnknownSuppressionRule]
