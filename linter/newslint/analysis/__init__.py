"""The analysis layer: what several rules need, computed once and shared.

Rules import the core (``newslint.document``, ``newslint.finding``, ``newslint.rule``) and this
package, never another rule module (``tests/test_architecture.py`` enforces it). Two kinds of
shared work live here, each behind a decorator so that a contributor never names a cache key:

* :func:`per_document`: an analysis of one article (its word table, its figures, its tables),
  computed on first use and kept on the :class:`~newslint.document.Document`. The cache key is the
  function itself, so two modules cannot collide and a result never depends on which rule asked
  first.
* :func:`per_config`: a resource built from one configuration's word lists (compiled patterns,
  sets, phrase automata), built on first use and kept on the :class:`~newslint.rule.Context`.

An analysis that needs both (an article's figures, classified by the configuration's noun
classes) is a :func:`per_document` function of ``(doc, ctx)``: it is cached per document and
per configuration.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Context

T = TypeVar("T")

__all__ = ["per_document", "per_config"]


def per_document(fn: Callable[..., T]) -> Callable[..., T]:
    """Compute ``fn(doc)`` or ``fn(doc, ctx)`` once per document (and configuration).

    The result is kept in the document's analysis cache under the decorated function, so every
    rule that asks gets the same object. Results must be treated as read-only by callers.
    """

    @functools.wraps(fn)
    def get(doc: "Document", ctx: "Context | None" = None) -> T:
        cache = doc.analyses
        key = get if ctx is None else (get, ctx.key)
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = fn(doc) if ctx is None else fn(doc, ctx)
            return value

    return get


def per_config(fn: Callable[["Context"], T]) -> Callable[["Context"], T]:
    """Build ``fn(ctx)`` once per configuration, on first use, and share it between rules."""

    @functools.wraps(fn)
    def get(ctx: "Context") -> T:
        cache = ctx.resources
        try:
            return cache[get]
        except KeyError:
            value = cache[get] = fn(ctx)
            return value

    return get
