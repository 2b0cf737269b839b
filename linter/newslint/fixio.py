"""Writing ``--fix`` results back without losing anything: links, owners and other writers.

A file is rewritten only when that is safe, and the rewrite keeps what the file was:

* A symbolic link is followed and its target fixed; the link stays a link and a note says so.
* The file is locked with an advisory ``flock`` from before it is read until it is written, so
  a second ``newslint --fix`` on the same file (with other rules selected, say) waits, then
  reads what the first one wrote: neither side's fixes are lost. A lock held for longer than
  ``LOCK_TIMEOUT`` seconds is an error for that file.
* A file without write permission (for this user, or with no write bit at all) is linted but
  not rewritten: an error for that file (exit 2); the other files are still fixed.
* A file changed by another program after it was read (its content, size, modification time
  or inode) is left as it is, with an error: its new content is never overwritten.
* The new content first goes to a temporary file beside the target (which shows that the
  folder is writable, the disk has room and the text encodes). A plain file is then replaced by
  it atomically, with the mode, owner and group of the original. A file with more than one hard
  link, or whose owner cannot be given to the temporary file (not running as that user or
  root), is written in place instead, so that every link and the owner stay; that copy is not
  atomic against a crash in the middle of it.
* Temporary files are named ``.newslint-fix-<host>-<pid>-<random>.tmp``. One that a killed
  run left behind is removed by the next ``--fix`` in its folder, once its process is gone (same
  host) or it is older than ``STALE_SECONDS``; so is the ``.newslint-XXXXXXXX`` name of older
  versions, by age alone.

The lock needs ``fcntl`` (POSIX): where it is missing, files are fixed without one.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import socket
import stat
import tempfile
import time
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

#: seconds to wait for another process's lock on a file before giving up on it
LOCK_TIMEOUT = 60.0
#: a temporary file this old is stale whatever its process
STALE_SECONDS = 3600.0

_HOST = hashlib.blake2b(socket.gethostname().encode("utf-8", "replace"), digest_size=4).hexdigest()
TEMP_PREFIX = ".newslint-fix-"
TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"\.newslint-fix-([0-9a-f]{8})-(\d+)-[A-Za-z0-9_]+\.tmp\Z")
_LEGACY_TEMP = re.compile(r"\.newslint-[a-z0-9_]{8}\Z")  # tempfile.mkstemp(prefix=".newslint-")
_CLEANED: set[str] = set()  # folders already cleaned by this process


class FixRefused(Exception):
    """The file cannot be fixed safely; the message is one line, without the path."""


def _pread(fd: int, n: int, pos: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, n, pos)
    os.lseek(fd, pos, os.SEEK_SET)  # pragma: no cover - not POSIX
    return os.read(fd, n)


def _pwrite(fd: int, data: memoryview, pos: int) -> int:
    if hasattr(os, "pwrite"):
        return os.pwrite(fd, data, pos)
    os.lseek(fd, pos, os.SEEK_SET)  # pragma: no cover - not POSIX
    return os.write(fd, data)


def _digest(fd: int) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    pos = 0
    while True:
        block = _pread(fd, 1 << 20, pos)
        if not block:
            return h.digest()
        h.update(block)
        pos += len(block)


class Temp:
    """A temporary file beside the target, written in order and then installed by
    :meth:`Target.install` or discarded."""

    def __init__(self, directory: str):
        fd, self.name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{_HOST}-{os.getpid()}-", suffix=TEMP_SUFFIX, dir=directory)
        self.fh: BinaryIO = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.fh.write(data)

    def discard(self) -> None:
        try:
            if not self.fh.closed:
                self.fh.close()
        finally:
            try:
                os.unlink(self.name)
            except FileNotFoundError:
                pass


class Target:
    """One file being fixed: resolved through symlinks, locked, and its state when read kept so
    that a change by another program is seen before anything is written.

    Use as a context manager; :meth:`read` (or :meth:`stream`) the content, then
    :meth:`replace` it (or write a :meth:`temp` and :meth:`install` it)."""

    def __init__(self, path: str, timeout: float | None = None):
        self.path = path
        self.real = os.path.realpath(path)
        self.timeout = LOCK_TIMEOUT if timeout is None else timeout
        #: notes about the file worth telling the user (the symlink followed, stale files removed)
        self.notes: list[str] = []
        if os.path.islink(path):
            self.notes.append(f"{path} is a symbolic link: fixing its target {self.real}")
        self.fd = -1
        self.st: os.stat_result | None = None
        self.digest: bytes | None = None
        self.writable = False

    # --- locking ------------------------------------------------------------------------------
    def __enter__(self) -> "Target":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        """Open and lock the file (raises OSError, or FixRefused for a file that is not a
        regular file or stays locked). The file locked is the one the path names once the lock
        is held: one replaced meanwhile (by another --fix) is opened again."""
        deadline = time.monotonic() + self.timeout
        while True:
            self.writable = os.access(self.real, os.W_OK)
            # O_NONBLOCK: opening a FIFO must not wait for a writer
            flags = (os.O_RDWR if self.writable else os.O_RDONLY) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
            try:
                fd = os.open(self.real, flags)
            except PermissionError:
                if not self.writable:
                    raise
                self.writable = False
                continue
            try:
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode):
                    raise FixRefused("not a regular file: not fixed")
                if fcntl is not None and not self._lock(fd, deadline):
                    raise FixRefused(
                        f"locked by another process (another newslint --fix?) for {self.timeout:g} s: not fixed"
                    )
                try:
                    now = os.stat(self.real)
                except FileNotFoundError:
                    now = None
                if now is not None and (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
                    self.fd, self.st = fd, os.fstat(fd)
                    if not stat.S_IMODE(self.st.st_mode) & 0o222:
                        self.writable = False  # read-only by its mode, even for root
                    return
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # replaced while we waited: lock the new file
            if now is None:
                raise FileNotFoundError(errno.ENOENT, "removed while waiting for its lock", self.real)

    @staticmethod
    def _lock(fd: int, deadline: float) -> bool:
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing drops the lock
            self.fd = -1

    # --- reading ------------------------------------------------------------------------------
    def read(self) -> bytes:
        """The whole content, as locked."""
        chunks = []
        pos = 0
        while True:
            block = _pread(self.fd, 1 << 20, pos)
            if not block:
                break
            chunks.append(block)
            pos += len(block)
        data = b"".join(chunks)
        self.digest = hashlib.blake2b(data, digest_size=16).digest()
        return data

    def head(self, n: int) -> bytes:
        """The first ``n`` bytes."""
        return _pread(self.fd, n, 0)

    def stream(self) -> BinaryIO:
        """A binary stream over the locked file from its start (for a large file read in
        pieces); the caller closes it."""
        self.digest = _digest(self.fd)
        return os.fdopen(os.dup(self.fd), "rb")

    # --- writing ------------------------------------------------------------------------------
    def temp(self) -> Temp:
        """A temporary file beside the target (stale ones of killed runs removed first)."""
        if not self.writable:
            raise FixRefused("read-only file: not fixed")
        directory = os.path.dirname(self.real)
        removed = clean_stale(directory)
        if removed:
            self.notes.append(f"removed {removed} stale temporary file(s) of an interrupted --fix in {directory}")
        return Temp(directory)

    def replace(self, data: bytes) -> None:
        tmp = self.temp()
        try:
            tmp.write(data)
        except BaseException:
            tmp.discard()
            raise
        self.install(tmp)

    def check_unchanged(self) -> None:
        """Raise FixRefused if the file is read-only, or was changed after it was read."""
        if not self.writable:
            raise FixRefused("read-only file: not fixed")
        assert self.st is not None and self.digest is not None
        try:
            now = os.stat(self.real)
        except FileNotFoundError:
            now = None
        cur = os.fstat(self.fd)
        if (
            now is None
            or (now.st_dev, now.st_ino) != (self.st.st_dev, self.st.st_ino)
            or (cur.st_size, cur.st_mtime_ns) != (self.st.st_size, self.st.st_mtime_ns)
            or _digest(self.fd) != self.digest
        ):
            raise FixRefused("changed by another program while it was being fixed: left as it is (run --fix again)")

    def install(self, tmp: Temp) -> None:
        """Put the temporary file's content in place of the target; the temporary file is
        gone afterwards whatever happens. Raises FixRefused or OSError and then changes
        nothing (except when an in-place write itself fails)."""
        try:
            tmp.fh.flush()
            self.check_unchanged()
            st = self.st
            assert st is not None
            tfd = tmp.fh.fileno()
            in_place = st.st_nlink > 1
            if not in_place:
                try:
                    if (st.st_uid, st.st_gid) != (os.fstat(tfd).st_uid, os.fstat(tfd).st_gid):
                        os.fchown(tfd, st.st_uid, st.st_gid)
                    os.fchmod(tfd, stat.S_IMODE(st.st_mode))
                except PermissionError:
                    in_place = True  # the owner cannot be kept on a new file: keep this one
            if in_place:
                tmp.fh.close()
                with open(tmp.name, "rb") as fh:
                    pos = 0
                    while block := fh.read(1 << 20):
                        view = memoryview(block)
                        while view:
                            n = _pwrite(self.fd, view, pos)
                            view, pos = view[n:], pos + n
                os.ftruncate(self.fd, pos)
                self.st = os.fstat(self.fd)
            else:
                tmp.fh.close()
                os.replace(tmp.name, self.real)
        finally:
            tmp.discard()


def clean_stale(directory: str, now: float | None = None) -> int:
    """Remove the temporary files of interrupted --fix runs in ``directory`` (once a process
    and folder): regular files of this user named as :class:`Temp` names them whose process is
    gone (same host) or that are older than ``STALE_SECONDS``, and those of older versions
    older than that. Returns how many were removed."""
    if now is None:
        if directory in _CLEANED:
            return 0
        _CLEANED.add(directory)
        now = time.time()
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for e in entries:
        if not e.name.startswith(".newslint-"):
            continue
        m = _TEMP.match(e.name)
        if not m and not _LEGACY_TEMP.match(e.name):
            continue
        try:
            st = e.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            continue
        old = now - st.st_mtime > STALE_SECONDS
        if m and not old:
            host, pid = m.group(1), int(m.group(2))
            if host != _HOST or pid == os.getpid() or _alive(pid):
                continue
        elif not old:
            continue
        try:
            os.unlink(e.path)
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
