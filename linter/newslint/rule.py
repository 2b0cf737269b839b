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

import itertools
import re
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Iterable, Iterator, Mapping, Sequence

from . import rx
from .finding import Finding, Fix, Related, Severity
from .record import FrozenRecord, Record

if TYPE_CHECKING:
    from .document import Document


class Option(NamedTuple):
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


_CONTEXT_KEYS = itertools.count()

#: what one entry of a word list is (see :class:`WordList`)
ENTRY_KINDS = ("word", "phrase", "pattern", "group", "mapping")


class WordList(FrozenRecord):
    """A word list a rule reads from the packs: declared on the rule, validated on load.

    ``entry`` says what one entry is:

    * ``word``: a string without spaces (``experts``);
    * ``phrase``: a string of one or more words (``condition of anonymity``);
    * ``pattern``: a regular expression, checked to compile;
    * ``group``: a list of two or more strings (spelling variants of one name);
    * ``mapping``: a mapping whose keys are those of ``keys`` (name -> expected type), of which
      ``required`` must be present. With ``keys=None`` any key is allowed, and each value is a list
      of strings (``{troops: [soldiers, forces]}``).

    A pack that extends a list nobody declared, or gives an entry of the wrong shape or an unknown
    key, is rejected with its file, line and a did-you-mean.
    """

    help: str
    entry: str
    keys: Mapping[str, Any] | None
    required: tuple[str, ...]

    __match_args__ = ("help", "entry", "keys", "required")

    def __init__(self, help: str, entry: str = "word", keys: Mapping[str, Any] | None = None, required: tuple[str, ...] = ()) -> None:
        self._init(help=help, entry=entry, keys=keys, required=required)
        if self.entry not in ENTRY_KINDS:
            raise ValueError(f"WordList entry must be one of {', '.join(ENTRY_KINDS)}, not {self.entry!r}")


class Context(Record):
    """Shared resources of one configuration, built once and given to every rule.

    Per-configuration state lives in two declared places only: :meth:`Rule.setup` (a rule's own)
    and :func:`newslint.analysis.per_config` (shared by several rules); both are kept here.
    """

    accept: frozenset[str]  # words and names the newsroom says are correct
    lists: Mapping[str, Sequence[Any]]  # merged pack lists
    settings: Mapping[str, Any]  # global settings (languagetool url...)
    #: the names of the lists the configuration's rules declare; reading any other is a bug
    declared: frozenset[str] | None
    #: the lists that a configuration's own packs add entries to: their patterns are the
    #: user's, compiled with :meth:`pattern` (under the timeout)
    user_lists: frozenset[str]
    #: the configuration's selected rules (read-only: a rule may defer to another, as NL102 does
    #: to the words a substitution pack corrects)
    rules: tuple["Rule", ...]
    #: per-configuration resources built by :func:`newslint.analysis.per_config`, keyed by builder
    resources: dict[Any, Any]
    #: identifies this configuration in per-document caches (see ``analysis.per_document``)
    key: int

    __match_args__ = ("accept", "lists", "settings", "declared", "user_lists", "rules", "resources", "key")

    def __init__(
        self,
        accept: frozenset[str] = frozenset(),
        lists: Mapping[str, Sequence[Any]] | None = None,  # None: a new empty dict
        settings: Mapping[str, Any] | None = None,  # None: a new empty dict
        declared: frozenset[str] | None = None,
        user_lists: frozenset[str] = frozenset(),
        rules: tuple["Rule", ...] = (),
        resources: dict[Any, Any] | None = None,  # None: a new empty dict
        key: int | None = None,  # None: the next number
    ) -> None:
        self.accept = accept
        self.lists = {} if lists is None else lists
        self.settings = {} if settings is None else settings
        self.declared = declared
        self.user_lists = user_lists
        self.rules = rules
        self.resources = {} if resources is None else resources
        self.key = next(_CONTEXT_KEYS) if key is None else key

    _repr_hidden = frozenset({"resources", "key"})
    __eq__ = object.__eq__  # one configuration: equal only to itself
    __hash__ = object.__hash__

    def pattern(self, name: str, pattern: str, flags: int = 0) -> Any:
        """A pattern built from the entries of list ``name``: compiled on first use
        (:func:`newslint.rx.compile`) when only built-in packs fill the list, else under the
        timeout with a budget per run (:func:`newslint.rx.guarded`), as every user-supplied
        pattern is."""
        from . import rx

        if name in self.user_lists:
            return rx.guarded(pattern, flags, f"list '{name}'")
        return rx.compile(pattern, flags)

    def list(self, name: str) -> Sequence[Any]:
        """The merged entries of a declared word list (empty when no pack fills it)."""
        if self.declared is not None and name not in self.declared:
            raise KeyError(f"word list '{name}' is read but no rule declares it (add it to the rule's `lists`)")
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
    #: the word lists this rule reads (``ctx.list(name)``), by name; see :class:`WordList`
    lists: ClassVar[Mapping[str, WordList]] = {}
    #: where the rule comes from (module path or pack file); shown by ``newslint rules``
    origin: str = ""

    def __init__(self, options: Mapping[str, Any] | None = None, severity: Severity | None = None):
        self.opts: dict[str, Any] = {k: o.default for k, o in self.options.items()}
        if options:
            self.opts.update(options)
        self.effective_severity: Severity = severity or self.severity

    # --- what subclasses implement --------------------------------------------------------
    def setup(self, ctx: Context) -> None:
        """Build this rule's per-configuration state (sets and patterns made from ``ctx``'s lists).

        Called once per configuration, before the first :meth:`check`. State shared by several
        rules belongs in the analysis layer instead (``newslint.analysis.per_config``)."""

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
        import inspect  # here, not at the top: only explain and the docs need it

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
