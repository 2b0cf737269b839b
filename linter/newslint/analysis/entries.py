"""Lists of pattern entries from the packs, compiled once per configuration, and run with gates.

A pack list read here holds phrases or regular expressions (``rules/ai-content.yaml`` and
``rules/boilerplate.yaml`` describe the format):

* :func:`compiled_entries`: each entry (a regex string, or a mapping with ``pattern``) compiled,
  with its mapping; case-insensitive unless the entry says ``case: true``;
* :func:`combined`: all regexes of a list as one alternation (one scan instead of many);
* :func:`word_set` / :func:`word_set_cased`: a list of phrases as a set;
* :func:`gated_list` / :func:`run_entries`: a list of phrases (matched on whole words, tried only
  when all their words occur) and patterns with a ``gate`` (words, one of which must occur) or
  ``contains`` (substrings of the raw text). An article tries only the entries it can match, and
  a gated entry runs only over the lines where its gate words occur.

The gates are the loaded lists' own (``gate:`` keys and the words of phrases), per
configuration: a newsroom's additions are gated like the built-in entries, and nothing is
copied by hand into Python. Each rule builds its gated lists in ``Rule.setup``, so that every
gate word of the configuration is a registered keyword before the first article: the lines of a
gate word come from the shared keyword index (:class:`_GateLines`), and a list run by several
rules is run once per article.
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import repeat
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from .. import rx
from ..document import Document
from . import per_config, per_document
from .keywords import add_keywords
from .keywords import word_hits
from .lines import norm_prose, norm_text
from .words import ODD_CASE, lower_bytes, utf8, word_table

if TYPE_CHECKING:
    from ..rule import Context

__all__ = [
    "GATED_KEYS",
    "per_list",
    "compiled_entries",
    "combined",
    "word_set",
    "word_set_cased",
    "Entry",
    "GatedList",
    "gated_list",
    "run_entries",
    "word_lines",
    "markers",
    "holds_marker",
]

T = TypeVar("T")

#: the keys of a gated list's mapping entry (a rule adds those it reads itself: ``what``...)
GATED_KEYS: dict[str, Any] = {"pattern": str, "gate": list, "contains": list, "case": bool, "scan": str}


def per_list(build: Callable[[Context, str], T]) -> Callable[[Context, str], T]:
    """``build(ctx, name)`` once per configuration and list name (a :func:`per_config` table)."""

    @per_config
    def table(ctx: Context) -> dict[str, T]:
        return {}

    @functools.wraps(build)
    def get(ctx: Context, name: str) -> T:
        t = table(ctx)
        try:
            return t[name]
        except KeyError:
            value = t[name] = build(ctx, name)
            return value

    return get


def _flags(spec: dict) -> int:
    return re.M | (0 if spec.get("case") else re.I)


@per_list
def compiled_entries(ctx: Context, name: str) -> list[tuple[re.Pattern, dict]]:
    """A list of regexes (strings or mappings with ``pattern``), each compiled with its mapping.

    Matching is case-insensitive unless the entry says ``case: true``."""
    out = []
    for item in ctx.list(name):
        spec = dict(item) if isinstance(item, dict) else {"pattern": str(item)}
        out.append((ctx.pattern(name, str(spec["pattern"]), _flags(spec)), spec))
    return out


@per_list
def combined(ctx: Context, name: str) -> re.Pattern | None:
    """All regexes of a list as one case-insensitive alternation (one scan instead of many)."""
    parts = []
    for item in ctx.list(name):
        pat = str(item["pattern"]) if isinstance(item, dict) else str(item)
        parts.append(f"(?:{pat})")
    return ctx.pattern(name, "|".join(parts), re.I | re.M) if parts else None


@per_list
def word_set(ctx: Context, name: str) -> frozenset[str]:
    """A list of phrases as a set, lower case, spaces normalised."""
    return frozenset(" ".join(str(p).lower().split()) for p in ctx.list(name))


@per_list
def word_set_cased(ctx: Context, name: str) -> frozenset[str]:
    """A list of phrases as a set, case kept, spaces normalised."""
    return frozenset(" ".join(str(p).split()) for p in ctx.list(name))


# --- substring gates -----------------------------------------------------------------------------

#: bytes by how often they occur in English prose, the commonest first; any other byte is rarer
_COMMON_BYTES = b" etaoinsrhldcumfpgwybv,.k0129-'\"\n345678jxqz"


def _rarity(byte: int) -> int:
    i = _COMMON_BYTES.find(byte)
    return len(_COMMON_BYTES) if i < 0 else i


def markers(substrings) -> tuple[tuple[bytes, bytes], ...]:
    """``contains`` substrings as (probe, UTF-8) pairs for :func:`holds_marker`: the probe is the
    substring's rarest byte (empty for a one-byte substring, which is its own probe)."""
    return tuple(map(_marker, map(utf8, substrings)))


def _marker(b: bytes) -> tuple[bytes, bytes]:
    return (bytes([max(b, key=_rarity)]) if len(b) > 1 else b"", b)


def holds_marker(text: bytes, pairs: tuple[tuple[bytes, bytes], ...]) -> bool:
    """Whether ``text`` (:func:`lower_bytes`) holds one of the substrings of :func:`markers`: a
    substring absent in full is usually told by its rarest byte, one byte looked for (memchr)
    several times faster than the substring; a byte of it absent, it is absent (the same answers
    as ``any(b in text ...)``)."""
    for probe, b in pairs:
        if probe in text and b in text:
            return True
    return False


# --- gated lists ---------------------------------------------------------------------------------


class Entry:
    """One compiled list entry and its gate (words or substrings that must occur for it to run)."""

    __slots__ = ("rx", "spec", "gate", "subset", "contains", "on_text", "key")

    def __init__(self, rx: re.Pattern, spec: dict, gate: frozenset[str], subset: bool, contains: tuple[str, ...]):
        self.rx, self.spec, self.gate, self.subset, self.contains = rx, spec, gate, subset, contains
        self.on_text = spec.get("scan") == "text"
        # a phrase needs all its words: it is looked for near its longest (rarest) one (the first
        # in alphabetical order of equally long ones, so every process picks the same)
        self.key = max(sorted(gate), key=len) if subset and gate else None


_WORD = rx.compile(r"[^\W_]+(?:'[^\W_]+)*")
_GAP = r"(?:[\s\u00a0]*[-–—][\s\u00a0]*|[\s\u00a0]+)"


def _entries(items, compile: Callable[[str, int], Any] = rx.compile) -> list[Entry]:
    """Entries of a gated list. A phrase (a string) is matched on whole words, case-insensitive,
    and tried only when all its words occur in the article; a mapping has a ``pattern`` (regex;
    case-insensitive unless ``case: true``), an optional ``gate`` (words, lower case, one of which
    must occur for the pattern to be tried: a speed-up only) and ``contains`` (substrings, lower
    case, of the raw text, whatever its case, with the same role)."""
    out = []
    for item in items:
        if isinstance(item, dict):
            spec = dict(item)
            gate = frozenset(str(g).lower().replace("’", "'") for g in spec.get("gate") or ())
            contains = tuple(str(c) for c in spec.get("contains") or ())
            out.append(Entry(compile(str(spec["pattern"]), _flags(spec)), spec, gate, False, contains))
        else:
            toks = _WORD.findall(str(item).lower().replace("’", "'"))
            if not toks:
                continue
            phrase_rx = rx.compile(r"(?<![\w'])" + _GAP.join(re.escape(t) for t in toks) + r"(?![\w]|'\w)", re.I)
            out.append(Entry(phrase_rx, {"phrase": str(item)}, frozenset(toks), True, ()))
    return out


class GatedList:
    """Entries of one list, indexed by gate word so an article tries only the entries it can match."""

    __slots__ = ("entries", "always", "by_word", "words", "by_contains")

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.always: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        by_contains: dict[bytes, list[int]] = {}  # in UTF-8, looked for in lower_bytes (with a probe)
        for i, e in enumerate(entries):
            if not e.gate and not e.contains:
                self.always.append(i)
            if e.gate:
                keys = [e.key] if e.subset else list(e.gate)
                for k in keys:
                    self.by_word.setdefault(k, []).append(i)
            for c in e.contains:
                by_contains.setdefault(utf8(c), []).append(i)
        self.by_contains = tuple((_marker(c), idx) for c, idx in by_contains.items())
        #: the words whose lines the entries are run over (gate words, a phrase's longest word)
        self.words = frozenset(self.by_word)

    def wanted(self, vocab: frozenset[str], text: bytes) -> list[Entry]:
        """The entries to run on an article with this vocabulary and text (:func:`lower_bytes`)."""
        chosen = set(self.always)
        for w in self.words & vocab:
            for i in self.by_word[w]:
                e = self.entries[i]
                if not e.subset or e.gate <= vocab:
                    chosen.add(i)
        for (probe, c), idx in self.by_contains:
            if probe in text and c in text:
                chosen.update(idx)
        if not chosen:
            return []
        return [self.entries[i] for i in sorted(chosen)]

    def run(self, doc: Document, ctx: Context) -> list[tuple[re.Match, dict]]:
        """Matches of every wanted entry, over the normalised prose (or raw text when the entry
        says ``scan: text``). An entry gated by words is run only over the lines where its gate
        words occur (a phrase: its longest word), so a pattern must not span lines. Computed once
        per article (several rules read the same list)."""
        if not self.entries:
            return []
        gates = _gate_lines(doc, ctx)
        done = gates.runs.get(self)
        if done is None:
            done = gates.runs[self] = self._run(doc, ctx, gates)
        return done

    def _run(self, doc: Document, ctx: Context, lines: _GateLines) -> list[tuple[re.Match, dict]]:
        out: list[tuple[re.Match, dict]] = []
        vocab = word_table(doc).vocabulary
        soft = None  # whether soft line breaks were read as spaces in the prose
        low = lower_bytes(doc)
        for e in self.wanted(vocab, low):
            hay = norm_text(doc) if e.on_text else norm_prose(doc)
            if e.gate and not e.on_text and (not e.contains or _gate_words_only(e, doc, low)):
                if e.subset:
                    ranges = lines.of(doc, e.key)
                else:
                    keys = e.gate & vocab  # in C; the order of several does not matter (sorted below)
                    if len(keys) == 1:
                        ranges = lines.of(doc, next(iter(keys)))
                    else:
                        ranges = sorted({r for k in keys for r in lines.of(doc, k)})
                if soft is None:
                    soft = lines.soft
                    if soft is None:
                        soft = lines.soft = doc.prose.count("\n") < doc.text.count("\n")
                if soft:  # a line of a wrapped paragraph: the phrase may run on into the next line
                    ranges = list(dict.fromkeys(doc.line_bounds(a) for a, _ in ranges))
                spec = e.spec
                for a, b in ranges:
                    for m in e.rx.finditer(hay, a, b):
                        if m.end() > m.start():
                            out.append((m, spec))
                continue
            for m in e.rx.finditer(hay):
                if m.end() > m.start():
                    out.append((m, e.spec))
        return out


def _gate_words_only(e: Entry, doc: Document, low: bytes) -> bool:
    """Whether an entry with both ``gate`` words and ``contains`` substrings was chosen by its gate
    words alone (the text holds none of the substrings): every match holds a gate word or a
    substring (the gate's promise, checked by tests/test_gates.py), so it then holds a gate word
    and is run over their lines like an entry with only a gate. Not when the text holds İ, ı or
    ſ, which match an ASCII letter case-insensitively but make another word of the word table."""
    return not holds_marker(low, markers(e.contains)) and not any(c in doc.text for c in ODD_CASE)


@per_list
def gated_list(ctx: Context, name: str) -> GatedList:
    """A list compiled as a :class:`GatedList`; its gate words are registered keywords.

    Call it from ``Rule.setup``: the gate words of all the lists built before the first article
    are then found by the shared keyword index's one pass over each article's words."""
    gl = GatedList(_entries(ctx.list(name), lambda p, f: ctx.pattern(name, p, f)))
    add_keywords(gl.words)  # found by the shared keyword index's one pass
    return gl


def run_entries(doc: Document, ctx: Context, name: str) -> list[tuple[re.Match, dict]]:
    """Matches of every wanted entry of a list (see :meth:`GatedList.run`)."""
    return gated_list(ctx, name).run(doc, ctx)


class _GateLines:
    """The lines of gate words in one article (each word's found once, from the shared keyword
    index), whether its prose reads soft line breaks as spaces, and each gated list's matches.

    Kept in the document's analyses, so it must not refer to the document: a reference cycle
    would keep every document alive until a full garbage collection."""

    __slots__ = ("found", "soft", "runs")

    def __init__(self) -> None:
        self.found: dict[str, list[tuple[int, int]]] = {}
        self.soft: bool | None = None
        self.runs: dict[GatedList, list[tuple[re.Match, dict]]] = {}

    def of(self, doc: Document, word: str) -> list[tuple[int, int]]:
        """(start, end) of the lines on which a word (lower case, ' folded) occurs, in order."""
        got = self.found.get(word)
        if got is None:
            got = self.found[word] = self._find(doc, word)
        return got

    @staticmethod
    def _find(doc: Document, word: str) -> list[tuple[int, int]]:
        # the gate words are registered keywords: their indexes come from the shared index (a
        # word registered after the article's hits were taken: from the word table)
        t = word_table(doc)
        idx = word_hits(doc).get(word)
        if idx is None:
            if word not in t.vocabulary:
                return []
            idx = t.indexes_of({word})
        starts = t.starts
        line_starts = doc.line_starts
        n_lines = len(line_starts)
        text_len = len(doc.text)
        # the number of each occurrence's line (1-based), in order, each line once (in C)
        numbers = dict.fromkeys(map(bisect.bisect_right, repeat(line_starts), map(starts.__getitem__, idx)))
        return [(line_starts[ln - 1], line_starts[ln] - 1 if ln < n_lines else text_len) for ln in numbers]


@per_document
def _gate_lines(doc: Document, ctx: Context) -> _GateLines:
    return _GateLines()


def word_lines(doc: Document, ctx: Context, word: str) -> list[tuple[int, int]]:
    """(start, end) of the lines on which a word (lower case, ' folded) occurs, in order."""
    return _gate_lines(doc, ctx).of(doc, word)
