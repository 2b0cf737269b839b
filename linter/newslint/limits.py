"""Bounds on what newslint reads, so that no input can make a run hang or exhaust memory.

Every limit has a default and an environment variable that changes it (a positive integer):

* ``NEWSLINT_MAX_FILE_BYTES`` (default 268,435,456: 256 MiB): an article, standard input or a
  baseline (articles over 1 MB are linted in pieces, so memory stays flat up to this size);
* ``NEWSLINT_MAX_CONFIG_BYTES`` (default 8,388,608: 8 MiB): a configuration file, a rule pack, an
  ``accept`` file;
* ``NEWSLINT_MAX_YAML_NODES`` (default 1,000,000): the values of one YAML document (a
  configuration, a pack), every alias counted as the values it stands for, so that a
  400-byte "billion laughs" file is refused at once instead of filling memory.

Only regular files are read: a FIFO, a device (``/dev/zero``), a socket or a folder given as an
article, a configuration, a pack or an accept file is refused with a clear error instead of
blocking or reading without end. The checks are made on the open file (``fstat``), opened
non-blocking, so a FIFO cannot stall the open itself.
"""
from __future__ import annotations

import errno
import os
import stat

__all__ = ["limit", "check_environment", "read_regular", "check_regular", "LIMITS"]

#: name -> (environment variable, default)
LIMITS = {
    "file": ("NEWSLINT_MAX_FILE_BYTES", 256 * 1024 * 1024),
    "config": ("NEWSLINT_MAX_CONFIG_BYTES", 8 * 1024 * 1024),
    "yaml-nodes": ("NEWSLINT_MAX_YAML_NODES", 1_000_000),
}


def limit(name: str) -> int:
    """The limit ``name`` (a key of :data:`LIMITS`): its environment variable if set and valid,
    else its default (:func:`check_environment` reports an invalid setting once, at start)."""
    var, default = LIMITS[name]
    raw = os.environ.get(var)
    if raw:
        try:
            value = int(raw.replace("_", ""))
        except ValueError:
            return default
        if value > 0:
            return value
    return default


def check_environment() -> str | None:
    """A one-line message for a limit variable set to something other than a positive integer."""
    for var, _ in LIMITS.values():
        raw = os.environ.get(var)
        if raw:
            try:
                ok = int(raw.replace("_", "")) > 0
            except ValueError:
                ok = False
            if not ok:
                return f"{var}={raw!r}: must be a positive whole number of {'nodes' if 'NODES' in var else 'bytes'}"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"


def too_large(size: int, name: str, what: str) -> OSError:
    var, _ = LIMITS[name]
    return OSError(errno.EFBIG, f"{what} is larger than the limit of {_size(limit(name))} ({size:,} bytes; "
                                f"set {var} to allow more)")


def check_regular(st: os.stat_result, name: str | None = None, what: str = "the file") -> None:
    """Raise OSError (with a readable ``strerror``) unless ``st`` is a regular file within the
    limit ``name``."""
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, f"{_kind(st.st_mode)}, not a regular file")
    if name is not None and st.st_size > limit(name):
        raise too_large(st.st_size, name, what)


def read_regular(path: str | os.PathLike, name: str = "config", what: str = "the file") -> bytes:
    """The bytes of ``path``, a regular file no larger than the limit ``name``. Raises OSError
    (``strerror`` says why) for a file that is not regular, too large, or unreadable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        check_regular(os.fstat(fd), name, what)
        cap = limit(name)
        chunks = []
        got = 0
        while True:
            chunk = os.read(fd, min(1 << 20, cap + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if got > cap:  # the file grew while it was read
                raise too_large(got, name, what)
        return b"".join(chunks)
    finally:
        os.close(fd)
