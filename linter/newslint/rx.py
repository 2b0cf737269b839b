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

__all__ = ["compile", "check", "LazyPattern"]

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
