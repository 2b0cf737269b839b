"""Curated names: the ``case.*`` lists of ``rules/names.yaml`` (and a newsroom's additions), built
once per configuration into the tables the rules look names up in.

* :func:`proper_names`: single words that are always capitalised (``case.proper``);
* :func:`name_phrases`: multi-word names (``case.phrases``), indexed by their rarest word;
* :func:`name_variants`: groups of spellings of one name (``case.variants``), as one pattern.

A rule that uses one of them declares its list with the shared constant below
(``lists = {PROPER_NAMES: PROPER_NAMES_LIST}``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .. import rx
from ..rule import Context, WordList
from . import per_config

PROPER_NAMES = "case.proper"
NAME_PHRASES = "case.phrases"
NAME_VARIANTS = "case.variants"

PROPER_NAMES_LIST = WordList(
    "single words that are always capitalised (countries, demonyms, cities, languages, months, days)",
    entry="word",
)
NAME_PHRASES_LIST = WordList("multi-word names written in a fixed case (North Korea, Kim Jong Un)", entry="phrase")
NAME_VARIANTS_LIST = WordList("spellings of one name; an article should keep to one (Kyiv, Kiev)", entry="group")


class ProperNames(NamedTuple):
    """The ``case.proper`` list: ``spelling`` maps each lower-cased name to its listed spelling;
    ``lower`` holds the lower-case forms that differ from it, made of ASCII letters only."""

    spelling: dict[str, str]
    lower: frozenset[str]


@per_config
def proper_names(ctx: Context) -> ProperNames:
    spelling = {str(w).lower(): str(w) for w in ctx.list(PROPER_NAMES)}
    lower = frozenset(w for w, c in spelling.items() if w != c and w.isalpha() and w.isascii())
    return ProperNames(spelling, lower)


class NamePhrases:
    """The multi-word names of ``case.phrases`` (single words there are ignored).

    ``parts`` pairs each phrase with the set of its lower-cased ASCII words; ``words`` is the
    union of those sets: the only lower-case words worth looking up in an article."""

    def __init__(self, entries) -> None:
        phrases = [str(p) for p in entries if " " in str(p)]
        self.parts: list[tuple[str, frozenset[str]]] = [(p, frozenset(re.findall(r"[a-z]+", p.lower()))) for p in phrases]
        # the phrases by their longest word (roughly the rarest; phrases without one are always
        # tried), so that an article's words pick out the few phrases worth testing
        self.by_word: dict[str, list[tuple[int, str, frozenset[str]]]] = {}
        self.always: list[tuple[int, str]] = []
        for n, (p, parts) in enumerate(self.parts):
            if parts:
                self.by_word.setdefault(max(sorted(parts), key=len), []).append((n, p, parts))
            else:
                self.always.append((n, p))
        self.keys = frozenset(self.by_word)
        self.words: frozenset[str] = frozenset().union(*(parts for _, parts in self.parts))

    def present(self, words: frozenset[str]) -> list[str]:
        """The phrases all of whose ASCII words (lower-cased) are in ``words``, in list order."""
        found = list(self.always)
        for w in words & self.keys:
            found.extend((n, p) for n, p, parts in self.by_word[w] if parts <= words)
        return [p for _, p in sorted(found)]


@per_config
def name_phrases(ctx: Context) -> NamePhrases:
    return NamePhrases(ctx.list(NAME_PHRASES))


class NameVariants:
    """The groups of ``case.variants`` (two or more spellings each).

    ``pattern`` finds any spelling as a whole word (None without groups); ``group_of`` maps a
    spelling to the index of its group; ``listed`` holds every spelling; ``first_words`` the
    first word of each, as the word table has it: no spelling can match in an article without
    one of them."""

    def __init__(self, entries) -> None:
        self.groups = [[str(v) for v in g] for g in entries if isinstance(g, list) and len(g) >= 2]
        alts = sorted({v for g in self.groups for v in g}, key=lambda v: (-len(v), v))  # one text every run
        # the look-ahead on first letters lets re skip to candidate positions (3x faster)
        firsts = "".join(sorted({re.escape(v[0]) for v in alts}))
        self.pattern = (
            rx.compile(rf"(?=[{firsts}])(?<![\w-])(?:" + "|".join(re.escape(v) for v in alts) + r")(?![\w-])") if alts else None
        )
        self.group_of = {v: i for i, g in enumerate(self.groups) for v in g}
        self.listed = frozenset(self.group_of)
        self.first_words = frozenset(
            re.findall(r"[^\W_]+", v.lower().replace("’", "'"))[0] for v in alts if re.search(r"[^\W_]", v)
        )


@per_config
def name_variants(ctx: Context) -> NameVariants:
    return NameVariants(ctx.list(NAME_VARIANTS))
