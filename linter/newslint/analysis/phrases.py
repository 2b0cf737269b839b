"""Phrase matching on word tokens: many phrases found in one pass over an article's words."""
from __future__ import annotations

from collections import defaultdict
from itertools import compress, count
from typing import Iterable, Iterator

from .. import rx
from ..document import Document
from .words import word_table

#: a word token: letters (any script), digits, apostrophes inside words
WORD = rx.compile(r"[^\W_](?:[^\W_]|['’](?=[^\W_]))*")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as the word table spells it: lower-cased words, ’ folded to '."""
    if phrase.isalnum():  # most entries are one plain word (isalnum is re's [^\W_]+, in C)
        return (phrase.lower(),)
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(phrase))


class PhraseIndex:
    """Many phrases, matched on word tokens: a dict from first word to candidate phrases."""

    def __init__(self, phrases: Iterable[str] = (), keys: Iterable[tuple[str, ...]] = ()):
        self.by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.count = 0
        for key in [*keys, *map(phrase_key, phrases)]:
            if key:
                self.by_first[key[0]].append(key)
                self.count += 1
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)  # longest match first
        self.firsts = frozenset(self.by_first)  # set & set iterates the smaller side

    def finditer(self, doc: Document) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        t = word_table(doc)
        hits = t.vocabulary & self.firsts
        if not hits:
            return
        words, starts, ends = t.words, t.starts, t.ends
        text = doc.text
        n = len(words)
        by_first = self.by_first
        skip_to = 0
        # the indexes of words that start a phrase, picked out in C: Python sees only those
        for i in compress(count(), map(hits.__contains__, words)):
            if i < skip_to:
                continue
            w = words[i]
            for key in by_first[w]:
                k = len(key)
                if i + k <= n and all(words[i + j] == key[j] for j in range(1, k)) and _adjacent(text, starts, ends, i, k):
                    yield starts[i], ends[i + k - 1], key
                    skip_to = i + k
                    break


def _adjacent(text: str, starts: list[int], ends: list[int], i: int, k: int) -> bool:
    """Tokens of one phrase are separated only by spaces, hyphens or dashes within one line."""
    for j in range(i, i + k - 1):
        gap = text[ends[j] : starts[j + 1]]
        if len(gap) > 3 or gap.strip(" -\u00a0") != "" or "\n" in gap:
            return False
    return True
