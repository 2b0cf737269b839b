"""Word frequencies for the spelling rules: the ``wordfreq`` package's English list, offline.

The lexicon (:mod:`newslint.lexicon`, from pyspellchecker) says whether a word is *spelled*
right; it misses much of today's news vocabulary (tech, influencer, admin, femme fatale).
``wordfreq`` (Apache-2.0, data frozen in its wheel: ``wordfreq/data/large_en.msgpack.gz``,
~320k words from news, books, subtitles, Wikipedia and the web) says how *often* a word is
written. Web text contains typos too ("teh" is common there), so a frequency alone never makes
a word right: the spelling rule compares a word with its one-edit neighbours and reports it only
when a neighbour is written hundreds of times more often (the noisy-channel idea).

Frequencies are Zipf values: log10 of the frequency per billion words (``the`` 7.7, ``tech`` 4.7,
a word seen once in a billion 0). The list is read on first use and kept for the process: the
~29k words of Zipf 3 or more (all that a correction or a part of a run-together word may be) as a
dict, the rest left packed and searched one word at a time (~0.02 s and ~5 MB of RSS, ~8 MB once a
rare word was asked about, instead of ~0.13 s and ~25 MB for a dict of all ~320k words); nothing is downloaded. Without the package every word has frequency 0 and the rules fall
back to the lexicon alone.
"""
from __future__ import annotations

import math
from functools import lru_cache

from ..lexicon import one_edit



#: the spelling rules look up only words at least this frequent in the table (a correction, a part
#: of a run-together word); any rarer word is asked about one at a time (:func:`zipf`)
_COMMON_FLOOR = 3.0


class _Data:
    """The wheel's data file, read as far as needed. Its buckets come most frequent first, so
    only the first ~9% of it (~240 kB of ~2.6 MB of msgpack) is decompressed and unpacked for the
    ~29k common words (Zipf >= ``_COMMON_FLOOR``), kept as a dict. A rarer word is looked for in
    the packed bytes, decompressed only as far as the rarest bucket asked about. Unpacking all
    ~320k words into a dict took ~0.1 s and ~25 MB per process."""

    _CHUNK = 1 << 16

    def __init__(self, compressed: bytes):
        import zlib

        import msgpack

        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip
        self._pending = compressed
        self._parts: list[bytes] = []
        self._raw = b""
        self._unpacker = msgpack.Unpacker(raw=False)
        self._more()
        n = self._parse(self._unpacker.read_array_header)
        header = self._parse(self._unpacker.unpack)
        # the 'cB' format: a header, then one list of words per centibel of frequency, from 0 down
        if not (n >= 1 and isinstance(header, dict) and header.get("format") == "cB"):
            raise ValueError("unknown wordfreq data format")
        self.values = [round(9.0 - i / 100, 2) for i in range(n - 1)]  # each bucket's Zipf frequency
        # where each bucket read so far starts, then where the last one read ends
        self.offsets: list[int] = [self._unpacker.tell()]
        common = 0
        while common < len(self.values) and self.values[common] >= _COMMON_FLOOR:
            common += 1
        self._read_to(common)
        self.common: dict = {}
        for k in range(common):
            bucket = self.bucket(k)
            if bucket:
                self.common.update(dict.fromkeys(bucket, self.values[k]))

    def _more(self) -> bool:
        """Decompress another chunk and feed it to the unpacker; False at the end of the data."""
        while self._pending or not self._inflate.eof:
            chunk = self._inflate.decompress(self._pending, self._CHUNK)
            self._pending = self._inflate.unconsumed_tail
            if chunk:
                self._parts.append(chunk)
                self._unpacker.feed(chunk)
                return True
            if self._inflate.eof or not self._pending:
                break
        return False

    def _parse(self, step):
        import msgpack

        while True:
            try:
                return step()
            except msgpack.OutOfData:
                if not self._more():
                    raise ValueError("truncated wordfreq data") from None

    def _read_to(self, k: int) -> None:
        """Find the bounds of the first k buckets."""
        k = min(k, len(self.values))
        while len(self.offsets) <= k:
            self._parse(self._unpacker.skip)
            self.offsets.append(self._unpacker.tell())

    @property
    def raw(self) -> bytes:
        if len(self._parts) != 1 or self._parts[0] is not self._raw:
            self._raw = b"".join(self._parts)
            self._parts = [self._raw]
        return self._raw

    def bucket(self, k: int) -> list:
        import msgpack

        self._read_to(k + 1)
        return msgpack.unpackb(self.raw[self.offsets[k] : self.offsets[k + 1]], raw=False)

    def zipf(self, word: str, floor: float = 0.0) -> float:
        """The frequency of any word, or 0.0 if it is below ``floor``: only the buckets down to
        ``floor`` are searched. A word's frequency is the last bucket that holds it (as
        dict.update would have it)."""
        import bisect

        last = len(self.values)
        while last and self.values[last - 1] < floor:
            last -= 1
        self._read_to(last)
        b = word.encode("utf-8")
        n = len(b)
        head = bytes([0xA0 | n]) if n < 32 else b"\xd9" + bytes([n]) if n < 256 else b"\xda" + n.to_bytes(2, "big") if n < 65536 else b"\xdb" + n.to_bytes(4, "big")
        needle = head + b
        raw = self.raw
        offsets = self.offsets
        end = offsets[last]
        found = 0.0
        seen = -1
        i = raw.find(needle, offsets[0], end)
        while i >= 0:
            k = bisect.bisect_right(offsets, i) - 1  # the bucket the hit lies in
            if k > seen:
                seen = k  # the bytes may also lie inside a longer word: ask the bucket itself
                if word in self.bucket(k):
                    found = self.values[k]
            i = raw.find(needle, i + 1, end)
        return found


@lru_cache(maxsize=1)
def _data() -> _Data | None:
    try:
        return _read_data_file()
    except Exception:
        return None


@lru_cache(maxsize=1)
def _table() -> dict:
    """{word: Zipf frequency}, every word: only for another layout of the data (the wordfreq
    package is asked) or for a floor below ``_COMMON_FLOOR``. Importing the wordfreq package
    itself would also import its tokenizers (ftfy, langcodes), for nothing the rules use."""
    data = _data()
    if data is not None:
        table: dict = {}
        for k, v in enumerate(data.values):
            bucket = data.bucket(k)
            if bucket:
                table.update(dict.fromkeys(bucket, v))
        return table
    try:  # another layout of the data: ask the package
        from wordfreq import get_frequency_dict

        return {w: round(math.log10(f) + 9.0, 2) for w, f in get_frequency_dict("en", wordlist="large").items() if f > 0}
    except Exception:  # not installed or damaged: spell with the lexicon alone
        return {}


def _data_path() -> str:
    import importlib.util
    import os

    spec = importlib.util.find_spec("wordfreq")  # locates the package without importing it
    if spec is None or not spec.origin:
        raise ImportError("wordfreq")
    return os.path.join(os.path.dirname(spec.origin), "data", "large_en.msgpack.gz")


def _common_image() -> bytes | None:
    """The common words' table as a cached database image (see :mod:`newslint.wordstore`), keyed on
    the versions of newslint and its libraries, the data file's identity and the floor."""
    import os

    from .. import dirs
    from ..wordstore import cached_image

    try:
        path = _data_path()
        st = os.stat(path)
    except (ImportError, OSError):
        return None
    key = f"{dirs.stamp()}|{path}|{st.st_size}|{int(st.st_mtime)}|{_COMMON_FLOOR}"
    name = f"common-{dirs.digest(key)}.sqlite3"
    return cached_image("wordfreq", name, lambda: _data().common.items() if _data() is not None else ())


@lru_cache(maxsize=1)
def _common():
    """{word: Zipf frequency} for the words of Zipf >= ``_COMMON_FLOOR``: the cached image (asked a
    batch of words at a time, :class:`newslint.wordstore.WordStore`), else a dict."""
    from ..wordstore import WordStore

    try:
        image = _common_image()
    except Exception:  # a damaged data file: read below, or spell without it
        image = None
    if image is not None:
        store = WordStore(image)
        if len(store):
            return store
    data = _data()
    if data is not None:
        return data.common
    return {w: z for w, z in _table().items() if z >= _COMMON_FLOOR}


def _among(table, words) -> dict:
    """{word: Zipf} for those of ``words`` in ``table`` (a dict or a word store)."""
    if isinstance(table, dict):
        return {w: table[w] for w in words if w in table}
    return table.among(words)


def _read_data_file() -> _Data:
    with open(_data_path(), "rb") as fh:
        return _Data(fh.read())


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the frequency list could be loaded."""
    return bool(len(_common()))


@lru_cache(maxsize=16384)
def zipf(word: str, floor: float = 0.0) -> float:
    """The Zipf frequency of a lower-case word (0.0 when the list does not know it). With a
    ``floor``, a word less frequent than that is given 0.0 too, and the rarer part of the list,
    most of it, is not read: ask with a floor whenever only a frequency above it matters."""
    z = _common().get(word)
    if z is not None:
        return z if z >= floor else 0.0
    if floor >= _COMMON_FLOOR and available():
        return 0.0  # every word that frequent is among the common ones
    data = _data()
    if data is not None:
        return data.zipf(word, floor)
    z = _table().get(word, 0.0)
    return z if z >= floor else 0.0


def _at_least(floor: float) -> dict:
    """A table holding every word with a Zipf frequency of at least ``floor``."""
    return _common() if floor >= _COMMON_FLOOR else _table()


@lru_cache(maxsize=16384)
def neighbours(word: str, floor: float = 3.0) -> tuple[tuple[str, float], ...]:
    """Words one edit (letter dropped, added, changed, or two adjacent letters swapped) from a
    lower-case ``word`` with a Zipf frequency of at least ``floor``, most frequent first."""
    table = _at_least(floor)
    if not table:
        return ()
    found = [(c, z) for c, z in _among(table, one_edit(word)).items() if z >= floor]
    found.sort(key=lambda x: (-x[1], x[0]))
    return tuple(found)


@lru_cache(maxsize=4096)
def split_pair(word: str, floor: float = 4.0) -> tuple[str, str] | None:
    """Two frequent words that ``word`` is run together from ("thismountainous"), or None.
    Both parts must have a Zipf frequency of at least ``floor`` and be two letters or longer
    (one-letter words run into the next only for 'a', which is too common a prefix to judge)."""
    table = _at_least(floor)
    if not table:
        return None
    best = None
    known = _among(table, [p for i in range(2, len(word) - 1) for p in (word[:i], word[i:])])
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        za, zb = known.get(a, 0.0), known.get(b, 0.0)
        if za and zb:
            if za >= floor and zb >= floor:
                score = min(za, zb)
                if best is None or score > best[0]:
                    best = (score, a, b)
    return None if best is None else (best[1], best[2])


__all__ = ["available", "zipf", "neighbours", "split_pair"]
