"""The rule kinds a YAML pack can declare: existence, substitution, consistency, repetition.

Each ``kind:`` of a pack rule is a class here; :mod:`newslint.packs` validates a rule's keys and
builds a subclass with the rule's spec. Phrase lists are matched on word tokens through
:mod:`newslint.analysis.phrases`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import compress, count, islice
from operator import eq
from typing import Any, Iterator

from . import rx
from .analysis.phrases import PhraseSet, phrase_key, phrase_matcher
from .analysis.words import word_table
from .document import Document, offsets_of
from .finding import Finding, Fix, Related
from .rule import Context, Rule

#: a pack pattern that ran past its timeout (see :class:`newslint.rx.GuardedPattern`)
RegexTimeout = rx.PatternTimeout


class PackRule(Rule):
    spec: dict = {}
    compiled: list = []
    #: a built-in pack's rule (its patterns are tested with the project); a user's runs under the timeout
    trusted: bool = False

    @classmethod
    def compile_spec(cls) -> None:
        """Build what the spec alone determines (phrase indexes), once per class at pack load."""

    def message(self, **fields: str) -> str:
        # the pack loader allows only plain {field} substitutions (packcheck.template_problem)
        try:
            return self.spec["message"].format(**fields)
        except (KeyError, IndexError, ValueError):
            return self.spec["message"]

    def run_patterns(self, text: str) -> Iterator[Any]:
        """Matches of the rule's ``patterns`` (a user's run under the timeout: see
        :func:`newslint.rx.guarded`)."""
        for pat in self.compiled:
            yield from pat.finditer(text)


class ExistenceRule(PackRule):
    index: PhraseSet | None = None

    def setup(self, ctx: Context) -> None:
        tokens = [str(t) for t in self.spec.get("tokens") or []]
        name = self.spec.get("tokens_from")
        if name:  # the configuration's list, with the rule's own tokens
            tokens = [str(t) for t in ctx.list(name)] + tokens
        self.index = phrase_matcher(ctx).add(tokens) if tokens else None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        index = self.index
        exceptions = {phrase_key(e) for e in self.spec.get("exceptions") or []}
        line_scope = self.spec.get("scope") == "line"
        fix_kind = self.spec.get("fix", "none")
        if index is not None and not line_scope:
            for start, end, key in index.finditer(doc):
                if key in exceptions:
                    continue
                yield self._finding(doc, start, end, fix_kind)
        if self.compiled:
            text = doc.prose
            for m in self.run_patterns(text):
                start, end = (m.start(1), m.end(1)) if m.re.groups >= 1 and m.start(1) >= 0 else (m.start(), m.end())
                if end <= start or phrase_key(text[start:end]) in exceptions:
                    continue
                if line_scope and doc.line_of(start).kind == "code":
                    continue
                yield self._finding(doc, start, end, fix_kind)

    def _finding(self, doc: Document, start: int, end: int, fix_kind: str) -> Finding:
        fix = None
        if fix_kind == "delete-line":
            line = doc.line_of(start)
            # delete the whole line with its newline
            stop = doc.line_starts[line.number] if line.number < len(doc.line_starts) else line.end
            begin = line.start
            if stop == line.end and begin > 0:  # last line without newline: eat the newline before
                begin -= 1
            fix = Fix.replace(begin, stop, "")
        return self.finding(start, end, self.message(match=doc.text[start:end]), fix=fix)


def match_case(replacement: str, original: str) -> str:
    """Give a correction the capitalisation of the word it replaces."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionRule(PackRule):
    table: dict[tuple[str, ...], list[str]] = {}
    index: PhraseSet | None = None

    @classmethod
    def compile_spec(cls) -> None:
        # the pack loader has made every key a string and every value a string or a list of them
        cls.table = {phrase_key(wrong): right if type(right) is list else [right] for wrong, right in cls.spec["swap"].items()}

    def setup(self, ctx: Context) -> None:
        self.index = phrase_matcher(ctx).add(keys=self.table)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        exceptions = {phrase_key(e) for e in self.spec.get("exceptions") or []}
        accept = ctx.accept
        safe = self.spec.get("fix", "safe") == "safe"
        case_sensitive = not self.spec.get("ignorecase", True)
        for start, end, key in self.index.finditer(doc):
            original = doc.text[start:end]
            if key in exceptions or original in accept:
                continue
            opening = False
            if case_sensitive and original != original.lower() and not _proper_case(original, self.table[key]):
                # case-sensitive: 'LTE', 'ADN' (acronyms) or 'Teh' (a surname) are not 'let', 'and', 'the';
                # but a sentence's first word is capitalised by its place ("Untill we have ...")
                if not _capitalised_by_place(doc, start, end, original):
                    continue
                opening = True
            if _followed_by_sic(doc.text, end) or doc.text.startswith(("…", "..."), end):
                continue  # quoted as written; or cut off by an ellipsis (a teaser), not misspelled
            options = [match_case(o, original) for o in self.table[key]]
            # a capitalised word is never corrected unasked: it may still be a name
            fix = Fix.replace(start, end, options[0], safe=safe and not opening) if len(options) == 1 else None
            yield self.finding(
                start,
                end,
                self.message(match=original, replacement=" or ".join(f"'{o}'" for o in options)),
                suggestions=options,
                fix=fix,
            )


def _capitalised_by_place(doc: Document, start: int, end: int, original: str) -> bool:
    """A one-word misspelling capitalised only because it opens a sentence ("Untill we have the
    properties"): the word opens its sentence (or the quotation that opens it), the next word is
    in lower case (so no name goes on: "Teh Hong Piow"), and the article never writes the word
    capitalised inside a sentence (where it would be a name)."""
    if " " in original or not original[:1].isupper() or not original[1:].islower():
        return False
    i = doc.sentence_index(start)
    if i < 0 or doc.prose[doc.sentences[i].start : start].strip("“‘\"'( ") != "":
        return False
    nxt = doc.prose[end : end + 40].lstrip(" ,")
    if not nxt[:1].islower() or nxt.split(None, 1)[0].rstrip(",.") in _SPEAKER_VERBS:
        return False  # "Teh Hong Piow ...", "Teh said ...": a name
    for j in offsets_of(doc.text, (original,)):
        k = doc.sentence_index(j)
        if j != start and k >= 0 and doc.prose[doc.sentences[k].start : j].strip("“‘\"'( "):
            return False  # written capitalised inside a sentence too: a name
    return True


#: words that follow a name far more often than a sentence's misspelt first word
_SPEAKER_VERBS = frozenset(
    "said says told tells added asked replied wrote writes explained argued noted warned insisted denied "
    "who whose and or".split()
)


def _proper_case(original: str, options: list[str]) -> bool:
    """A capitalised word that a case-sensitive substitution may still correct: one capital then
    lower case, when every correction is capitalised too (Tusday -> Tuesday, Febuary -> February)."""
    return original[:1].isupper() and original[1:].islower() and all(o[:1].isupper() for o in options)


def _followed_by_sic(text: str, end: int) -> bool:
    return text.startswith(" [sic]", end) or text.startswith("[sic]", end)


class ConsistencyRule(PackRule):
    @classmethod
    def compile_spec(cls) -> None:
        cls.groups = [[str(v) for v in g] for g in cls.spec["either"]]
        cls.group_of = {phrase_key(v): gi for gi, g in enumerate(cls.groups) for v in g}

    def setup(self, ctx: Context) -> None:
        self.index = phrase_matcher(ctx).add(v for g in self.groups for v in g)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: dict[int, dict[tuple[str, ...], list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for start, end, key in self.index.finditer(doc):
            seen[self.group_of[key]][key].append((start, end))
        for gi, variants in seen.items():
            if len(variants) < 2:
                continue
            counts = Counter({k: len(v) for k, v in variants.items()})
            # majority wins; on a tie, the variant that appears first
            first = {k: v[0][0] for k, v in variants.items()}
            major = max(counts, key=lambda k: (counts[k], -first[k]))
            ms, me = variants[major][0]
            major_text = doc.text[ms:me]
            for key, spans in variants.items():
                if key == major:
                    continue
                for start, end in spans:
                    yield self.finding(
                        start,
                        end,
                        self.message(match=doc.text[start:end], other=major_text),
                        suggestions=[match_case(major_text, doc.text[start:end])],
                        related=[Related(ms, me, f"'{major_text}' is used here")],
                    )


#: words that a capitalised pair never names ("The The Guardian" is a slip)
_PAIR_FUNCTION_WORDS = frozenset("the a an of in on at to and or for by with from as is was it he she we they".split())


def _doubled_name(text: str, first: str, second_start: int, after: str) -> bool:
    """Two capitalised words, no more, and a capitalised word one space after them (``after`` is
    its first character, or ""): the pair opens a name ("the New New York Deli"), not a slip;
    "Rs Rs 102", "The The Guardian" and "Word Word Word" stay slips."""
    return (
        first[:1].isupper()
        and text[second_start : second_start + 1].isupper()
        and after.isupper()
        and first.lower() not in _PAIR_FUNCTION_WORDS
    )


class RepetitionRule(PackRule):
    @classmethod
    def compile_spec(cls) -> None:
        cls.exceptions = {phrase_key(e) for e in cls.spec.get("exceptions") or []}
        # which words count, matched whole against one word at a time: a user's pattern runs under
        # the timeout like every user-supplied pattern (the pack loader has compiled it once
        # already, to report an error at its line); a built-in one with re, ten times faster here
        pattern = cls.spec.get("pattern")
        if not pattern:
            cls.want = None
        elif cls.trusted:
            cls.want = rx.compile(pattern)
        else:
            cls.want = rx.guarded(pattern, 0, f"{cls.origin}: rule {cls.code} ({cls.name})", lazy=True)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        t = word_table(doc)
        words, starts, ends = t.words, t.starts, t.ends
        text = doc.text
        want = self.want
        safe = self.spec.get("fix", "safe") == "safe"
        n = len(words)
        # indexes i where word i equals word i + 1, found in C (map/compress): repeats are rare,
        # so the Python loop below only visits those few places
        doubled = compress(count(), map(eq, words, islice(words, 1, None)))
        resume = 0  # a run of three or more is reported once, from its first word
        for i in doubled:
            if i < resume:
                continue
            j = i  # extend a run of the same word repeated back to back ("the the the")
            while j + 1 < n and words[j + 1] == words[i] and text[ends[j] : starts[j + 1]] in (" ", "\u00a0"):
                j += 1
            if j == i:
                continue
            a0, a1, b1 = starts[i], ends[i], ends[j]
            wa = text[a0:a1]
            run = text[a0:b1]
            if (
                (words[i], words[i + 1]) not in self.exceptions
                # a lower-case word before its capitalised twin opens a name: "new New York"
                and not (wa[:1].islower() and text[starts[i + 1] : starts[i + 1] + 1].isupper())
                and not (j == i + 1 and _doubled_name(text, wa, starts[j], text[starts[j + 1]] if j + 1 < n and text[ends[j] : starts[j + 1]] == " " else ""))
                and (want is None or want.fullmatch(wa))
                and doc.line_of(a0).kind not in ("table", "code")
            ):
                yield self.finding(a0, b1, self.message(match=run, word=wa), fix=Fix.replace(a0, b1, wa, safe=safe))
            resume = j + 1
