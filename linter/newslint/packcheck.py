"""Checks made on what a user writes before newslint uses it: the size of a YAML document once
its aliases are expanded, the items of a pack rule's fields, and message templates.

Imported only when YAML is parsed or a pack other than the built-in ones is loaded (the built-in
packs are checked by the test suite), so a start that needs neither does not load this module.
"""
from __future__ import annotations

from typing import Any

__all__ = ["check_nodes", "check_items", "template_problem", "TEMPLATE_FIELDS"]


def check_nodes(root: Any) -> None:
    """Refuse a YAML document whose nodes, every alias counted as the nodes it stands for, are
    more than the ``yaml-nodes`` limit (:mod:`newslint.limits`): nine lines of nested aliases
    ("billion laughs") stand for 9**9 strings and would fill memory as soon as anything walks
    them. The composed graph shares aliased nodes, so this count costs one visit per distinct
    node (sizes are memoised by node), and it stops as soon as the limit is passed."""
    import yaml

    from .limits import LIMITS, limit

    cap = limit("yaml-nodes")
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are still being counted
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        if not done and id(node) in open_:
            raise yaml.constructor.ConstructorError(None, None, "an alias refers to the list or mapping it is in", node.start_mark)
        if done:
            open_.discard(id(node))
            total = 1 + sum(sizes.get(id(c), 0) for c in children)
            if total > cap:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"more than {cap:,} values once its aliases are expanded (an alias bomb?); "
                    f"{LIMITS['yaml-nodes'][0]} sets the limit",
                    node.start_mark,
                )
            sizes[id(node)] = total
        else:
            open_.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)


#: what the items of a rule's list and mapping fields must be (checked after the field's own type)
_TEXT = (str, int, float)  # a phrase written as a number (a year) is read as text


def check_items(path: str, spec: Any, what: str) -> None:
    """The items of a rule's fields: text where text is meant, so that no rule meets a list or a
    number where it expects a phrase."""

    from .packs import PackError

    def bad(key: str, problem: str) -> Exception:
        return PackError(f"{path}:{spec.line_of(key)}: {what}: '{key}' {problem}")

    def text(v: Any) -> bool:
        return isinstance(v, _TEXT) and not isinstance(v, bool)

    for key in ("tokens", "exceptions"):
        items = spec.get(key)
        if items and not all(type(v) is str for v in items):
            if not all(text(v) for v in items):
                raise bad(key, "must be a list of phrases (strings)")
            spec[key] = [str(v) for v in items]  # a number is the text it is written as
    if spec.get("patterns") is not None and not all(isinstance(v, str) for v in spec["patterns"]):
        raise bad("patterns", "must be a list of regular expressions (strings)")
    swap = spec.get("swap")
    if swap and not all(type(k) is str and type(v) is str for k, v in swap.items()):  # the usual case: text only
        for k, v in swap.items():
            if not text(k) or not (text(v) or (isinstance(v, list) and v and all(text(x) for x in v))):
                raise bad("swap", f"must map a phrase to its correction or a list of them (not {k!r}: {v!r})")
        fixed = type(swap)({str(k): [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in swap.items()})
        fixed.__dict__.update(getattr(swap, "__dict__", {}))
        spec["swap"] = fixed
    either = spec.get("either")
    if either is not None and not all(isinstance(g, list) and all(text(v) for v in g) for g in either):
        raise bad("either", "is a list of lists of two or more variants (strings)")
    examples = spec.get("examples")
    if examples is not None:
        for k, v in examples.items():
            if k not in ("bad", "good"):
                raise bad("examples", f"has the keys 'bad' and 'good', not {k!r}")
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise bad("examples", f"'{k}' must be a list of example texts (strings)")
    if either:
        spec["either"] = [[str(v) for v in g] for g in either]
    message = spec.get("message")
    if isinstance(message, str):
        problem = template_problem(message)
        if problem:
            raise bad("message", problem)


#: the fields a message template may name (``{match}``; a rule kind fills those it has)
TEMPLATE_FIELDS = ("match", "replacement", "word", "other")


def template_problem(message: str) -> str | None:
    """Why ``message`` is not a plain template (``{field}`` substitutions only), or None.

    A format spec or conversion (``{match:>999999999}``, ``{match!r}``) and attribute or index
    access (``{match.__class__}``) are refused: they could build strings of any size or reach
    into objects; ``{{`` and ``}}`` stand for braces."""
    import string

    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as e:
        return f"is not a valid template ({e}; write {{{{ and }}}} for braces)"
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or name not in TEMPLATE_FIELDS:
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            return (f"may use only the plain fields {', '.join('{' + f + '}' for f in TEMPLATE_FIELDS)}, not {shown} "
                    "(write {{ and }} for braces)")
    return None
