"""Built-in Python rules, one rule family per module.

Each module defines rule classes (see ``newslint.rule.Rule``) and lists them in ``RULES``.
Registration is explicit: a new module is added to ``MODULES`` below. Code ranges:

======  ===========  ==================================================
NL1xx   spelling     known misspellings, dictionary spelling
NL2xx   mechanics    case and names (NL201-219), spacing, punctuation, a/an, quotes
NL3xx   readability  sentence and paragraph length, reading ease
NL4xx   table        Markdown pipe tables that do not render
NL5xx   attribution  unattributed claims, anonymous sources
NL6xx   ai-content   generated interviews, chatbot artefacts, stock phrasing
NL7xx   boilerplate  page chrome, repeated and glued-on copy
NL8xx   consistency  figures (consistency, figures), dates and ages (dates),
                    quotations and titles (details) that contradict
NL9xx   (engine)     suppression comments
LT.*    grammar      LanguageTool matches (optional backend)
======  ===========  ==================================================

Declarative rules (phrase lists, substitutions) live in YAML packs in the repository's
``rules/`` folder and use the same ranges.
"""
from __future__ import annotations

from typing import Iterator

from . import (
    attribution,
    boilerplate,
    case,
    consistency,
    dates,
    details,
    figures,
    generated,
    grammar,
    mechanics,
    readability,
    spelling,
    spun,
    suppression,
    tables,
)

MODULES = (
    spelling, case, mechanics, readability, grammar, tables, attribution, generated, spun, boilerplate,
    consistency, dates, details, figures, suppression,
)


def builtin_rules() -> Iterator[type]:
    for module in MODULES:
        yield from module.RULES
