"""Word tables kept between runs as SQLite database images, looked up without loading them whole.

The lexicon (165,000 words) and the frequency list's common words (29,000) would each cost tens of
milliseconds to load as a Python set or dict, most of a one-article run; a run over one article asks
about a thousand words. So each table is built once, stored in the cache directory as an SQLite
database image behind a digest (:func:`newslint.dirs.seal`: plain data, nothing in it can run; a
damaged or tampered file is rebuilt), opened in memory with ``sqlite3.Connection.deserialize``
(Python 3.11+; about 3 ms for a 3 MB image) and asked one batch of words at a time, the answers
remembered. A process that goes on to ask about many words loads the table whole instead
(:attr:`WordStore.asked` tells the owner when).
"""
from __future__ import annotations

import os
import threading
from typing import Callable, Iterable

__all__ = ["available", "cached_image", "WordStore"]


def available() -> bool:
    """Whether SQLite can open a database image in memory here (Python 3.11+)."""
    import sqlite3

    return hasattr(sqlite3.Connection, "deserialize")


def _encode(rows: Iterable[tuple[str, float]]) -> bytes:
    import sqlite3

    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE TABLE w (word TEXT PRIMARY KEY, value NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO w VALUES (?, ?)", sorted(rows))
        db.commit()
        return bytes(db.serialize())
    finally:
        db.close()


def cached_image(folder_name: str, name: str, rows: Callable[[], Iterable[tuple[str, float]]], keep: int = 4,
                 legacy: tuple[str, ...] = ()) -> bytes | memoryview | None:
    """The image of the table ``name`` (a file name ending in ``.sqlite3``) from the private cache
    folder ``folder_name``, built from ``rows()`` (word, value) and stored first if it is missing or
    damaged; the newest ``keep`` images are kept, and files of earlier layouts (names ending in one
    of ``legacy``) are removed when an image is written. None when images cannot be opened here or the
    cache directory cannot be used: the owner then builds its table in memory."""
    from . import dirs

    if not available():
        return None
    folder = dirs.private_dir(folder_name)
    if folder is None:
        return None
    path = os.path.join(folder, name)
    body = dirs.read_sealed(path, mapped=True)
    if body is not None:
        return body
    image = _encode(rows())
    if dirs.write_private(path, dirs.seal(image)):
        dirs.evict(folder, ".sqlite3", keep)
        for suffix in legacy:
            dirs.evict(folder, suffix, 0)
    return image


class WordStore:
    """A table of (word, value) in an image opened in memory, asked in batches; answers are kept.

    Safe to share between threads (one lock) and across ``fork`` (a child opens its own
    connection on first use)."""

    def __init__(self, image: bytes | memoryview):
        self._image = image
        self._lock = threading.Lock()
        self._open()
        #: word -> value for every word asked about that the table holds
        self.found: dict[str, float] = {}
        #: the words asked about that it does not hold
        self.absent: set[str] = set()
        #: how many words were looked up in the database so far
        self.asked = 0
        self._count: int | None = None

    def _open(self) -> None:
        import sqlite3

        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.deserialize(self._image)
        self._db, self._pid = db, os.getpid()

    def _query(self, sql: str, params: list) -> list[tuple]:
        with self._lock:
            if self._pid != os.getpid():  # a forked child: its own connection
                self._open()
            return self._db.execute(sql, params).fetchall()

    def learn(self, words: Iterable[str]) -> None:
        """Look up those of ``words`` not asked about before."""
        found, absent = self.found, self.absent
        new = [w for w in dict.fromkeys(words) if w not in found and w not in absent]
        if not new:
            return
        self.asked += len(new)
        for i in range(0, len(new), 900):  # under SQLite's bound on parameters
            part = new[i:i + 900]
            for w, v in self._query(f"SELECT word, value FROM w WHERE word IN ({','.join('?' * len(part))})", part):
                found[w] = v
            absent.update(w for w in part if w not in found)

    def get(self, word: str, default=None):
        if word not in self.found and word not in self.absent:
            self.learn((word,))
        return self.found.get(word, default)

    def among(self, words: Iterable[str]) -> dict[str, float]:
        """{word: value} for those of ``words`` the table holds."""
        words = list(words)
        self.learn(words)
        found = self.found
        return {w: found[w] for w in words if w in found}

    def rows(self) -> list[tuple[str, float]]:
        """Every (word, value) of the table."""
        return self._query("SELECT word, value FROM w", [])

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._query("SELECT count(*) FROM w", [])[0][0]
        return self._count
