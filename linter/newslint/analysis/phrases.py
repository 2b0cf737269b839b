"""Phrase matching on word tokens: many phrases found in one pass over an article's words."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .. import rx
from ..document import Document
from . import per_config
from .words import word_table

if TYPE_CHECKING:
    from ..rule import Context

#: a word token: letters (any script), digits, apostrophes inside words
WORD = rx.compile(r"[^\W_](?:[^\W_]|['’](?=[^\W_]))*")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as the word table spells it: lower-cased words, ’ folded to '."""
    if phrase.isalnum():  # most entries are one plain word (isalnum is re's [^\W_]+, in C)
        return (phrase.lower(),)
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(phrase))


class PhraseMatcher:
    """Every phrase set of one configuration in one Aho-Corasick automaton (pyahocorasick).

    Rules register their phrase sets in :meth:`Rule.setup` (``phrase_matcher(ctx).add(...)``);
    an article's words are then scanned once for all of them, whatever their number, and each
    rule reads the matches of its own set. Phrases are matched on word tokens (see
    :func:`phrase_key`): the automaton runs over the article's lower-cased words joined by single
    spaces, and each phrase is stored with a space on either side, so it matches whole words only.
    """

    def __init__(self) -> None:
        self._sets: dict[tuple[str, ...], list[int]] = {}  # phrase key -> the sets that hold it
        #: one-word phrases -> the sets that hold them: found by set look-ups on the article's
        #: vocabulary, so the automaton (built at the first scan) holds only the longer phrases
        self._words: dict[str, list[int]] = {}
        self._count = 0
        self._automaton: Any = None
        #: the phrases of two words or more by their longest word (see :meth:`_candidates`)
        self._by_word: dict[str, list[tuple[str, ...]]] | None = None
        #: the one-word phrases as a set: intersected with a vocabulary in C by set look-ups of the
        #: smaller (a dict's keys view iterates the other operand, the article's vocabulary, with
        #: a slower look-up per word)
        self._word_set: frozenset[str] | None = None

    def add(self, phrases: Iterable[str] = (), keys: Iterable[tuple[str, ...]] = ()) -> "PhraseSet":
        """Register a set of phrases (or ready-made keys); returns the handle to match it with."""
        sid = self._count
        self._count += 1
        sets, words = self._sets, self._words
        for key in [*keys, *map(phrase_key, phrases)]:
            if key:
                owners = sets.setdefault(key, []) if len(key) > 1 else words.setdefault(key[0], [])
                if not owners or owners[-1] != sid:
                    owners.append(sid)
        self._automaton = None  # built again, with the new set, on the next scan
        self._by_word = None
        self._word_set = None
        return PhraseSet(self, sid)

    def _candidates(self, vocabulary: frozenset[str]) -> list[tuple[str, ...]] | None:
        """The phrases of two words or more whose words all occur in the article (a phrase is
        matched on whole word tokens, so it can match only then), found by set look-ups from
        each phrase's longest word; None when there are too many to look for one by one (then
        the automaton scans the article's words)."""
        by_word = self._by_word
        if by_word is None:
            by_word = self._by_word = {}
            for key in self._sets:
                by_word.setdefault(max(sorted(key), key=len), []).append(key)
        found = [key for w in vocabulary.intersection(by_word) for key in by_word[w] if vocabulary.issuperset(key)]
        return found if len(found) <= _FEW_PHRASES else None

    def _build(self) -> Any:
        """The automaton of the phrases of two words or more (False when there are none)."""
        if not self._sets:
            return False
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key, owners in self._sets.items():
            stored = " " + " ".join(key) + " "
            automaton.add_word(stored, (key, len(stored), tuple(owners)))
        automaton.make_automaton()
        return automaton

    def scan(self, doc: Document) -> dict[int, list[tuple[int, int, tuple[str, ...]]]]:
        """The matches of every set in an article, by set: (start, end, key), in text order,
        longest first at each word, without overlaps within a set. Computed once per article."""
        cache = doc.analyses
        try:
            return cache[self]
        except KeyError:
            pass
        out: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        t = word_table(doc)
        words = t.words
        if (self._sets or self._words) and words:
            found: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
            word_set = self._word_set
            if word_set is None:
                word_set = self._word_set = frozenset(self._words)
            one_word = word_set & t.vocabulary
            if one_word:
                for i in t.indexes_of(one_word):
                    key = (words[i],)
                    for sid in self._words[words[i]]:
                        found.setdefault(sid, []).append((i, 1, key))
            few = self._candidates(t.vocabulary) if self._sets else []
            if few:  # each phrase at the indexes of its first word (as the automaton finds them)
                sets = self._sets
                firsts: dict[str, list[tuple[str, ...]]] = {}
                for key in few:
                    firsts.setdefault(key[0], []).append(key)
                n = len(words)
                for i in t.indexes_of(frozenset(firsts)):
                    for key in firsts[words[i]]:
                        k = len(key)
                        if i + k <= n and tuple(words[i : i + k]) == key:
                            for sid in sets[key]:
                                found.setdefault(sid, []).append((i, k, key))
            elif few is None:
                if self._automaton is None:
                    self._automaton = self._build()
                joined = " " + " ".join(words) + " "
                for end, (key, length, owners) in self._automaton.iter(joined):
                    # ``end`` is the stored phrase's last character (its closing space); words
                    # hold no spaces, so the spaces before the phrase count the words before it
                    # (in C: matches are few, and most articles have none)
                    i = joined.count(" ", 0, end - length + 1)
                    k = len(key)
                    for sid in owners:
                        found.setdefault(sid, []).append((i, k, key))
            text, starts, ends = doc.prose, t.starts, t.ends  # soft line breaks are spaces there
            for sid, cands in found.items():
                cands.sort(key=lambda c: (c[0], -c[1]))
                kept = []
                skip_to = 0
                for i, k, key in cands:
                    if i < skip_to:
                        continue
                    if _adjacent(text, starts, ends, i, k):
                        kept.append((starts[i], ends[i + k - 1], key))
                        skip_to = i + k
                out[sid] = kept
        cache[self] = out
        return out


#: more candidate phrases than this in one article: the automaton finds them in one pass
_FEW_PHRASES = 8


class PhraseSet:
    """One rule's phrases within its configuration's :class:`PhraseMatcher`."""

    __slots__ = ("matcher", "sid")

    def __init__(self, matcher: PhraseMatcher, sid: int):
        self.matcher, self.sid = matcher, sid

    def finditer(self, doc: Document) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """(start, end, key) of each match in the article's text, in order."""
        return iter(self.matcher.scan(doc).get(self.sid, ()))


@per_config
def phrase_matcher(ctx: Context) -> PhraseMatcher:
    """The configuration's phrase automaton (rules add their sets in ``Rule.setup``)."""
    return PhraseMatcher()


def _adjacent(text: str, starts: list[int], ends: list[int], i: int, k: int) -> bool:
    """Tokens of one phrase are separated only by spaces, hyphens or dashes within one line (a
    soft break inside a paragraph is a space in the prose)."""
    for j in range(i, i + k - 1):
        gap = text[ends[j] : starts[j + 1]]
        if len(gap) > 3 or gap.strip(" -\u00a0") != "" or "\n" in gap:
            return False
    return True
