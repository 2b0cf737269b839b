"""Regular expressions compiled on first use.

newslint's modules define a few hundred patterns at import time, and ``re.compile`` parses and
assembles each in pure Python: compiling them all costs about 60 ms at every start, although a
run over one article reaches only some of them (a plain-text article never needs the table or
Markdown patterns, a short one never needs the rules its length gates off). :func:`compile`
therefore returns a :class:`LazyPattern`: ``.pattern`` and the requested ``.flags`` are there at
once, and the first use of anything else (``search``, ``finditer``, ``sub``, ``groups``...)
compiles the pattern with :func:`re.compile` and binds the compiled pattern's methods onto the
proxy itself, so every later call goes straight to the compiled pattern (one instance-dict
look-up, as cheap as a method look-up on a real pattern).

Only public APIs are used, on every Python newslint supports. An invalid pattern raises
:class:`re.error` at its first use, naming the pattern; code that must reject a bad pattern up
front (a pattern from a pack or a configuration) calls :func:`re.compile` or :func:`check`.
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["compile", "check", "LazyPattern", "guarded", "GuardedPattern", "PatternTimeout", "PATTERN_TIMEOUT"]

#: the compiled pattern's attributes a proxy forwards (bound onto it when it compiles)
_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn", "scanner",
              "groups", "groupindex")


class LazyPattern:
    """A pattern that compiles itself (with :func:`re.compile`) the first time it is used.

    Before that, ``pattern`` and ``flags`` (the flags given to :func:`compile`) are plain
    attributes; afterwards ``flags`` is the compiled pattern's (with ``re.UNICODE`` and inline
    flags added, as :func:`re.compile` reports them)."""

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.pattern = pattern
        self.flags = self._given = int(flags)

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiling it now if this is its first use)."""
        d = self.__dict__
        p = d.get("_compiled")
        if p is None:
            try:
                p = re.compile(self.pattern, self._given)
            except re.error as e:
                raise re.error(f"{e.msg} in pattern {self.pattern!r}", e.pattern, e.pos) from None
            d["_compiled"] = p
            d["flags"] = p.flags
            for name in _FORWARDED:
                d[name] = getattr(p, name)
        return p

    def __getattr__(self, name: str) -> Any:
        # reached only for attributes not yet on the instance: the forwarded ones before the
        # first compile, and whatever a real pattern has that is not forwarded
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r}, {self.flags!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            other = other.compiled()
        if isinstance(other, re.Pattern):
            return self.compiled() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __reduce__(self) -> tuple:
        # pickled (to worker processes) as the call that makes it, never as compiled code
        return (compile, (self.pattern, self._given))

    def __copy__(self) -> LazyPattern:
        return self

    def __deepcopy__(self, memo: dict) -> LazyPattern:
        return self


def compile(pattern: str | bytes, flags: int | re.RegexFlag = 0) -> LazyPattern:  # noqa: A001 - mirrors re.compile
    """``re.compile(pattern, flags)``, deferred to the pattern's first use."""
    return LazyPattern(pattern, flags)


def check(pattern: str | bytes, flags: int | re.RegexFlag = 0) -> re.Pattern:
    """Compile now (for patterns that must be validated up front); raises :class:`re.error`."""
    return re.compile(pattern, flags)


# --- user-supplied patterns ----------------------------------------------------------------------
#: seconds one user-supplied pattern may run over one document (all its matches together)
PATTERN_TIMEOUT = 1.0


class PatternTimeout(Exception):
    """A user-supplied pattern ran past :data:`PATTERN_TIMEOUT` on a document, or was switched
    off for the run after doing so on an earlier one. The message names the pattern and where it
    was written."""


class GuardedPattern:
    """A pattern written by a user (a pack's ``patterns:`` or ``pattern:``, a list entry of a
    newsroom's own pack, a configuration's ``ignore-patterns``), compiled with the ``regex``
    module (``VERSION0``: Python's ``re`` syntax and behaviour) and run under its timeout.

    One mechanism for every such pattern, with a budget per run: one call (a whole ``finditer``
    included) may run for :data:`PATTERN_TIMEOUT` seconds (the regex module checks its clock
    now and then, so a stopped call may overrun it a little), and a pattern that reaches it is
    stopped, reported (:class:`PatternTimeout`) and switched off for the rest of the run, so a
    catastrophic pattern costs its timeout once per process, not once per file. Later calls
    raise at once, so each file it would have run on says it was not checked."""

    __slots__ = ("pattern", "origin", "dead", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, origin: str = ""):
        self.pattern = pattern
        self.origin = origin
        self.dead: str | None = None
        self._flags = int(flags)
        self._compiled: Any = None

    @property
    def _rx(self) -> Any:
        """The compiled pattern (compiled on first use; raises ``regex.error``)."""
        p = self._compiled
        if p is None:
            import regex  # imported only when a pattern of this kind is used: 15 ms of start-up

            p = self._compiled = regex.compile(self.pattern, self._flags | regex.VERSION0)
        return p

    @property
    def flags(self) -> int:
        return self._rx.flags

    @property
    def groups(self) -> int:
        return self._rx.groups

    @property
    def groupindex(self) -> Any:
        return self._rx.groupindex

    def __repr__(self) -> str:
        return f"rx.guarded({self.pattern!r})"

    def __reduce__(self) -> tuple:
        return (guarded, (self.pattern, self._flags, self.origin, True))

    def _stop(self) -> PatternTimeout:
        where = f"{self.origin}: " if self.origin else ""
        if self.dead is None:
            self.dead = f"{where}pattern /{self.pattern}/ ran past {PATTERN_TIMEOUT:g}s on an earlier file and is switched off for this run"
            return PatternTimeout(f"{where}pattern /{self.pattern}/ took over {PATTERN_TIMEOUT:g}s and was stopped "
                                  f"(switched off for the rest of the run)")
        return PatternTimeout(self.dead)

    def _call(self, method: str, *args: Any, **kw: Any) -> Any:
        if self.dead is not None:
            raise self._stop()
        try:
            return getattr(self._rx, method)(*args, timeout=PATTERN_TIMEOUT, **kw)
        except TimeoutError:
            raise self._stop() from None

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("search", string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("match", string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("fullmatch", string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self._call("sub", repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return self._call("subn", repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list:
        return self._call("split", string, maxsplit)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> list:
        return [m.group() if self.groups == 0 else (m.group(1) if self.groups == 1 else m.groups())
                for m in self.finditer(string, pos, endpos)]

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        """The matches, as ``re``'s ``finditer`` gives them, within one deadline: the regex
        module restarts its timeout at every match, so the time left is checked between them."""
        import time

        if self.dead is not None:
            raise self._stop()
        deadline = time.perf_counter() + PATTERN_TIMEOUT
        it = self._rx.finditer(string, pos, len(string) if endpos is None else endpos, timeout=PATTERN_TIMEOUT)
        while True:
            try:
                m = next(it)
            except StopIteration:
                return
            except TimeoutError:
                raise self._stop() from None
            yield m
            if time.perf_counter() > deadline:
                raise self._stop()


def guarded(pattern: str, flags: int | re.RegexFlag = 0, origin: str = "", lazy: bool = False) -> GuardedPattern:
    """A user-supplied pattern under the timeout (see :class:`GuardedPattern`), compiled now
    (raising :class:`re.error` when it does not compile) unless ``lazy``: then at first use,
    for patterns already known to compile (the pack loader has compiled them once)."""
    p = GuardedPattern(pattern, int(flags), origin)
    if not lazy:
        import regex

        try:
            p._rx
        except regex.error as e:
            raise re.error(str(e), pattern) from None
    return p
