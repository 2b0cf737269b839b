"""newslint's one cache directory, and what every cache in it is keyed on.

Everything newslint keeps between runs (the results cache, the compiled lexicon, the parsed
packs, verb forms, which pyproject.toml files configure nothing) lives under :func:`cache_dir`,
in a directory private to the user (0700, and it must be the user's own: a directory owned by
someone else is not used). Caches hold data only (SQLite rows, JSON, plain text), never
pickles, marshal data or code, and each entry is keyed on :func:`stamp`: newslint's version and
the versions of the libraries that shape its results. An upgrade of any of them starts new
entries, and every cache keeps a bounded number of entries (the oldest are evicted). Deleting
the directory is always safe.
"""
from __future__ import annotations

import os
import sys
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import mmap

#: distributions whose version changes what newslint reports (parsing, the dictionary, packs,
#: readability, pattern matching, verb forms, phrase matching)
RESULT_LIBRARIES = ("markdown-it-py", "pyspellchecker", "wordfreq", "pyyaml", "textstat", "regex", "lemminflect", "pyahocorasick")

#: files and folders of earlier cache layouts, removed when a cache is next written
_LEGACY = ("packs-v1", "results-v2.sqlite3", "results-v2.sqlite3-wal", "results-v2.sqlite3-shm")
_LEGACY_PREFIXES = ("regex-v2-",)

_versions: str | None = None


def cache_dir() -> str:
    """``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``."""
    base = os.environ.get("NEWSLINT_CACHE_DIR")
    if base:
        return base
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(xdg, "newslint")


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _dist_versions(names: tuple[str, ...]) -> dict[str, str]:
    """The installed versions of ``names``, read from the ``<name>-<version>.dist-info`` folder
    names in the ``site-packages`` folders on ``sys.path`` (the wheel/PEP 376 layout: one
    directory listing each).
    importlib.metadata gives the same answer but importing it costs about 100 ms here, more than
    a whole one-article run; it is used only for a distribution not found this way."""
    want = {_normal(n): n for n in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        if len(found) == len(want):
            break
        if not entry.endswith(("site-packages", "dist-packages")):  # not the working directory (it may be huge)
            continue
        try:
            listing = os.listdir(entry)
        except OSError:
            continue
        for item in listing:
            if item.endswith((".dist-info", ".egg-info")):
                stem = item.rsplit(".", 1)[0]
                name, _, version = stem.partition("-")
                key = _normal(name)
                if key in want and want[key] not in found and version:
                    found[want[key]] = version.split("-", 1)[0]
    for n in names:
        if n not in found:
            try:
                from importlib.metadata import version

                found[n] = version(n)
            except Exception:  # not installed (then it shapes nothing) or unreadable metadata
                found[n] = "?"
    return found


def versions() -> str:
    """``newslint=0.1.0;markdown-it-py=4.3.0;...;python=3.12.1``: computed once per process."""
    global _versions
    if _versions is None:
        from . import __version__

        libs = _dist_versions(RESULT_LIBRARIES)
        py = ".".join(map(str, sys.version_info[:3]))
        _versions = ";".join([f"newslint={__version__}", *(f"{n}={libs[n]}" for n in RESULT_LIBRARIES), f"python={py}"])
    return _versions


def stamp() -> str:
    """A short digest of :func:`versions`, for file names and keys."""
    return digest(versions())


def digest(data: bytes | memoryview | str) -> str:
    """Eight hex digits that tell cache entries apart and catch a damaged one: the CRC-32 of
    ``data`` (str as UTF-8), from zlib, which checks a 3 MB word image in about half a
    millisecond. Not a cryptographic hash, and it need not be one: the cache directory is the
    user's own (see :func:`private_dir`), and whoever can write there could rewrite any digest."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}"


def private_dir(*parts: str) -> str | None:
    """``cache_dir()/parts``, created private to the user (see :func:`ensure_private`)."""
    root = cache_dir()
    path = ensure_private(os.path.join(root, *parts), root)
    if path is not None:
        _remove_legacy(root)
    return path


_noted: set[str] = set()


def note(message: str) -> None:
    """A one-line note on standard error, once per process for each message."""
    if message not in _noted:
        _noted.add(message)
        try:
            print(f"newslint: note: {message}", file=sys.stderr)
        except Exception:  # no usable standard error: a note is not worth failing for
            pass


def ensure_private(path: str, root: str | None = None) -> str | None:
    """``path`` (and ``root`` above it), created 0700; None when it cannot be made or is not the
    user's own (a cache someone else can write is never read)."""
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        for d in {root or path, path}:
            st = os.stat(d)
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                note(f"cache folder {d} belongs to another user: not used (set NEWSLINT_CACHE_DIR)")
                return None
            if st.st_mode & 0o077:
                os.chmod(d, 0o700)
    except OSError:
        return None
    return path


_legacy_checked = False


def _remove_legacy(root: str) -> None:
    global _legacy_checked
    if _legacy_checked:
        return
    _legacy_checked = True
    try:
        names = os.listdir(root)
    except OSError:
        return
    for name in names:
        if name in _LEGACY or name.startswith(_LEGACY_PREFIXES):
            path = os.path.join(root, name)
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    import shutil

                    shutil.rmtree(path, ignore_errors=True)
                else:
                    os.unlink(path)
            except OSError:
                pass


def evict(directory: str, suffix: str, keep: int) -> None:
    """Delete all but the ``keep`` most recently written files ending in ``suffix``."""
    try:
        entries = [e for e in os.scandir(directory) if e.name.endswith(suffix) and e.is_file(follow_symlinks=False)]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns, reverse=True)
        for e in entries[keep:]:
            os.unlink(e.path)
    except OSError:
        pass


def write_private(path: str, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (a temporary file in the same folder, then a
    rename), readable by the user only. False when it could not be written."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def read_own(path: str, mapped: bool = False) -> "bytes | mmap.mmap | None":
    """The bytes of ``path`` if it is a regular file owned by the user, else None (with a note
    when it is there but not a regular file of the user's: it is then never read). With
    ``mapped``, a file that is not empty comes as a read-only memory map: a large entry (the
    lexicon's 3 MB image) is then hashed and loaded from the page cache without being copied
    (cache files are replaced by renaming, never rewritten in place, so a map stays valid)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        import errno

        if e.errno == errno.ELOOP:
            note(f"cache entry {path} is a symbolic link: not read; rebuilt")
        return None
    try:
        import stat

        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            note(f"cache entry {path} is not a file of this user's: not read; rebuilt")
            return None
        if mapped and st.st_size:
            import mmap

            return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read()
    except OSError:
        return None
    finally:
        if fd != -1:
            os.close(fd)


_SEAL = b"newslint-cache digest="


def seal(body: bytes) -> bytes:
    """``body`` behind a first line holding its digest (see :func:`unseal`)."""
    return _SEAL + digest(body).encode() + b"\n" + body


def read_sealed(path: str, mapped: bool = False) -> memoryview | None:
    """The body of the sealed cache entry at ``path`` (:func:`read_own` then
    :func:`sealed_body`), or None when there is none; an entry that is there but damaged or
    altered (its digest does not match) is reported in a one-line note, and the caller rebuilds
    it. With ``mapped`` the view is of a read-only memory map of the file."""
    data = read_own(path, mapped)
    body = sealed_body(data)
    if body is None and data:
        note(f"cache entry {path} was damaged or altered (its digest does not match): rebuilt")
    return body


def unseal(data: bytes | None) -> bytes | None:
    """The body of a :func:`seal`-ed entry, or None when it is missing, damaged or tampered with."""
    body = sealed_body(data)
    return None if body is None else bytes(body)


def sealed_body(data: "bytes | mmap.mmap | None") -> memoryview | None:
    """:func:`unseal` without copying the body (a view of ``data``)."""
    if not data:
        return None
    end = data.find(b"\n", 0, 200)
    if end < 0 or data[: len(_SEAL)] != _SEAL:
        return None
    body = memoryview(data)[end + 1:]
    if data[len(_SEAL):end] != digest(body).encode():
        return None
    return body
