"""Record classes: the field-wise repr and equality of a dataclass, without importing dataclasses.

newslint's data classes (Finding, Settings, FileResult...) would naturally be dataclasses, but
``import dataclasses`` brings ``inspect``, ``ast`` and ``tokenize`` with it: some 7 ms of every
start, a tenth of a one-article run. A record class writes its own ``__init__`` and names its
fields, in order, in ``__match_args__`` (as a dataclass does, for ``match`` statements);
:class:`Record` gives it the repr and the equality a dataclass has (and, being mutable, no hash),
:class:`FrozenRecord` the hash and read-only fields of a frozen one.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Record", "FrozenRecord"]


class Record:
    """Repr and equality over the fields named in ``__match_args__``; unhashable, as a mutable
    dataclass is. A field named in ``_repr_hidden`` is left out of the repr."""

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()
    _repr_hidden: frozenset[str] = frozenset()

    def _values(self) -> tuple:
        return tuple([getattr(self, n) for n in self.__match_args__])

    def __repr__(self) -> str:
        shown = [f"{n}={getattr(self, n)!r}" for n in self.__match_args__ if n not in self._repr_hidden]
        return f"{type(self).__qualname__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class FrozenRecord(Record):
    """A :class:`Record` whose fields cannot be assigned after ``__init__`` (which sets them with
    :meth:`_init`), hashed by its fields, as a frozen dataclass."""

    __slots__ = ()

    def _init(self, **fields: Any) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")
