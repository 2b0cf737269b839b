"""Word tokens of an article's prose, shared by every rule that works on words."""
from __future__ import annotations

from itertools import accumulate, compress, repeat
from operator import add

from .. import rx
from ..document import Document
from . import per_document

#: the letters that a case-insensitive pattern matches to an ASCII letter although ``str.lower()``
#: does not make them one (dotted capital I, dotless i, long s): a text holding one of them cannot
#: be ruled out by looking for a lower-case word in its ``lower()``
ODD_CASE = "İıſ"

_SPLIT = rx.compile(r"([^\W_]+(?:'[^\W_]+)*)")
# the same without the underscore exclusion, 30% faster; used when the text has no underscore
_SPLIT_NO_UNDERSCORE = rx.compile(r"(\w+(?:'\w+)*)")
#: a word character (\w) beyond Latin-1: the text is split with _SPLIT then
_WIDE_WORD_CHAR = rx.compile(r"[^\W\x00-\xff]")
#: an apostrophe that does not stand between two word characters: a separator
_LONE_APOSTROPHE = rx.compile(r"'(?<!\w')|'(?!\w)")
_ASCII_BYTES = bytes(range(128))


def _blanking_table(underscore_is_word: bool) -> bytes:
    """Latin-1 byte -> itself for a word character (re's \\w is str.isalnum() or "_") and the
    apostrophe, else a space."""
    return bytes(c if chr(c).isalnum() or c == 39 or (c == 95 and underscore_is_word) else 32 for c in range(256))


_BLANK_KEEP_UNDERSCORE = _blanking_table(True)
_BLANK_UNDERSCORE = _blanking_table(False)


def _split_latin1(low: str) -> "tuple[list[str], list[int], list[int]] | None":
    """The words of ``low`` (lower case, ’ folded) with their offsets, as _SPLIT (or
    _SPLIT_NO_UNDERSCORE) finds them, when every word character in it is Latin-1 (else None).

    Done in C without a regex match per word: every other character becomes a space (a byte
    table over the Latin-1 encoding; the characters beyond it, none of them word characters,
    are encoded as "?", which is blanked too), so does an apostrophe that does not join two
    word characters, and ``split(" ")`` cuts the words; each piece and its separator add up
    to the next piece's offset."""
    if not low.isascii() and _WIDE_WORD_CHAR.search(
        low.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    ):
        return None
    table = _BLANK_UNDERSCORE if "_" in low else _BLANK_KEEP_UNDERSCORE
    blanked = low.encode("latin-1", "replace").translate(table).decode("latin-1")
    if "'" in blanked:
        blanked = _LONE_APOSTROPHE.sub(" ", blanked)
    parts = blanked.split(" ")
    offsets = list(accumulate(map(add, map(len, parts), repeat(1)), initial=0))
    words = list(filter(None, parts))
    starts = list(compress(offsets, parts))
    return words, starts, list(map(add, starts, map(len, words)))


class WordTable:
    """The prose's words as parallel lists, built in C: ``split`` plus ``accumulate`` for offsets.

    ``words[i]`` is lower-cased with ’ folded to '; ``starts[i]``/``ends[i]`` are its offsets.
    """

    __slots__ = ("words", "starts", "ends", "_set")

    def __init__(self, prose: str, low: str | None = None):
        if low is None:  # else ``prose.lower()``, given
            low = prose.lower()
        if len(low) != len(prose):  # a few characters lower-case to two (İ): keep offsets exact
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in prose)
        low = low.replace("’", "'")
        self._set: frozenset[str] | None = None
        found = _split_latin1(low)
        if found is not None:
            self.words, self.starts, self.ends = found
            return
        parts = (_SPLIT if "_" in low else _SPLIT_NO_UNDERSCORE).split(low)
        bounds = list(accumulate(map(len, parts)))
        self.words: list[str] = parts[1::2]
        self.starts: list[int] = bounds[0::2][: len(self.words)]
        self.ends: list[int] = bounds[1::2]

    def indexes_of(self, keys: "set[str] | frozenset[str] | dict") -> list[int]:
        """Indexes of the words in ``keys`` (empty at once when none occurs): rules use them to
        run a costly pattern only in small windows around its keywords."""
        present = self.vocabulary & (keys.keys() if isinstance(keys, dict) else keys)
        if not present:
            return []
        # one pass of set look-ups in C (map, compress): Python sees only the hits
        words = self.words
        return list(compress(range(len(words)), map(present.__contains__, words)))

    @property
    def vocabulary(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(self.words)
        return self._set


@per_document
def word_table(doc: Document) -> WordTable:
    """The article's prose as a :class:`WordTable` (from the prose lower-cased once, shared with
    :func:`lower_prose`)."""
    return WordTable(doc.prose, lower_prose(doc))


@per_document
def words(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, lowercased word with ’ folded to ') over the document's prose."""
    t = word_table(doc)
    return list(zip(t.starts, t.ends, t.words))


@per_document
def lower_prose(doc: Document) -> str:
    """``doc.prose.lower()``, computed once. Its length may differ from the prose's (a few
    characters lower-case to two): callers that map offsets back compare the lengths first."""
    prose = doc.prose
    if prose is doc.text:  # nothing blanked or softened (most articles): the text lowered once
        return lower_text(doc)
    return prose.lower()


@per_document
def lower_text(doc: Document) -> str:
    """``doc.text.lower()``, computed once (for substring gates; offsets may differ)."""
    return doc.text.lower()


@per_document
def lower_bytes(doc: Document) -> bytes:
    """:func:`lower_text` in UTF-8: a substring is in the text exactly when its UTF-8 is in these
    bytes, and bytes are searched several times faster than a text with a character beyond
    Latin-1 (a curly quote is enough) for the short markers pack gates look for."""
    return lower_text(doc).encode("utf-8", "surrogatepass")


def utf8(s: object) -> bytes:
    """``str(s)`` in UTF-8, as :func:`lower_bytes` holds it."""
    return str(s).encode("utf-8", "surrogatepass")


def holds_any(doc: Document, substrings) -> bool:
    """Whether the article holds one of ``substrings`` (lower case), whatever its case: the
    ``contains`` gate of a pack entry (a speed-up only: the entry's pattern decides)."""
    # map in C (no generator frame per substring); str() as before, for a number in a pack list
    return any(map(lower_bytes(doc).__contains__, map(utf8, substrings)))


# every byte but an ASCII letter becomes a space
_ASCII_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else ord(" ") for c in range(256))


def _ascii_runs(text: str) -> frozenset[str]:
    """The same as ``frozenset(re.findall("[A-Za-z]+", text))``, twice as fast: other characters
    are encoded as "?" and blanked out by a byte table, and split() cuts the runs in C."""
    blanked = text.encode("ascii", "replace").translate(_ASCII_LETTERS_ONLY)
    return frozenset(blanked.decode("ascii").split())


@per_document
def ascii_words(doc: Document) -> frozenset[str]:
    """The distinct runs of ASCII letters in the prose, case kept."""
    return _ascii_runs(doc.prose)


@per_document
def lower_ascii_words(doc: Document) -> frozenset[str]:
    """Those of :func:`ascii_words` written in lower case."""
    return frozenset(filter(str.islower, ascii_words(doc)))


@per_document
def capital_ascii_words(doc: Document) -> frozenset[str]:
    """Those of :func:`ascii_words` with a capital in them, case kept."""
    return ascii_words(doc) - lower_ascii_words(doc)


@per_document
def capitalised_ascii_words(doc: Document) -> frozenset[str]:
    """Those of :func:`ascii_words` with a capital in them, lower-cased."""
    return frozenset(map(str.lower, capital_ascii_words(doc)))
