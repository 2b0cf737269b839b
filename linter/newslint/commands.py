"""Subcommands: ``rules`` (list), ``explain CODE`` (describe one), ``lists`` (the word lists),
``eval DIR`` (score), ``server`` (the language server), ``serve`` (the review page), ``archive``
(an archive on a Dask cluster, in newslint.archive)."""
from __future__ import annotations

import json
import sys
from typing import Sequence

from .cli import UsageError, _Parser


def run(name: str, argv: Sequence[str]) -> int:
    commands = {"rules": rules_cmd, "explain": explain_cmd, "lists": lists_cmd, "eval": eval_cmd,
                "server": server_cmd, "serve": serve_cmd, "archive": archive_cmd}
    return commands[name](list(argv))


def _registry(config: str | None, packs: list[str] | None = None):
    from .config import ConfigError, find_config, load_settings
    from .packs import PackError
    from .registry import RegistryError, build_registry

    try:
        path = config or (str(find_config(".")) if find_config(".") else None)
        settings = load_settings(path) if path else None
        return build_registry((settings.packs if settings else []) + (packs or []))
    except (ConfigError, PackError, RegistryError) as e:
        raise UsageError(str(e)) from None


def rules_cmd(argv: list[str]) -> int:
    p = _Parser(prog="newslint rules", description="List the rules newslint knows.")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--config", help="configuration file (its packs are listed too)")
    args = p.parse_args(argv)
    reg = _registry(args.config)
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "severity": str(r.severity),
            "fixable": bool(r.fixable),
            "summary": r.summary,
            "origin": r.origin or r.__module__,
        }
        for r in reg.rules
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1)
        print()
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(reg.rules))
    else:
        for r in rows:
            fix = " (fixable)" if r["fixable"] else ""
            print(f"{r['code']:7s} {r['name']:32s} {r['category']:12s} {r['severity']:8s} {r['summary']}{fix}")
    return 0


def rules_markdown(rules) -> str:
    """The rule table in the README (a test keeps it in step with the registry)."""
    out = ["| code | name | category | severity | fix | summary |", "|---|---|---|---|---|---|"]
    for r in rules:
        summary = (r.summary or "").replace("|", "\\|")
        out.append(f"| {r.code} | {r.name} | {r.category} | {r.severity} | {'safe' if r.fixable else ''} | {summary} |")
    return "\n".join(out) + "\n"


def explain_cmd(argv: list[str]) -> int:
    p = _Parser(prog="newslint explain", description="Explain a rule: what it finds, its options and examples.")
    p.add_argument("rule", help="rule code or name, e.g. NL101 or known-typo")
    p.add_argument("--config", help="configuration file (to find rules in its packs)")
    args = p.parse_args(argv)
    reg = _registry(args.config)
    rule = reg.find(args.rule)
    if rule is None:
        from .config import closest

        raise UsageError(f"unknown rule '{args.rule}'{closest(args.rule, [r.code for r in reg.rules] + [r.name for r in reg.rules])}")
    print(explain_text(rule, reg), end="")
    return 0


def explain_text(rule, reg) -> str:
    """What ``newslint explain CODE`` prints for ``rule`` (found in the registry ``reg``); the
    language server's hover shows the same text."""
    out = [
        f"{rule.code} {rule.name}",
        f"category: {rule.category}; default severity: {rule.severity}; fixable: {'yes' if rule.fixable else 'no'}",
        f"defined in: {rule.origin or rule.__module__}",
        "",
        rule.describe(),
    ]
    if rule.options:
        out.append("\nOptions (set them under [tool.newslint.rules.%s]):" % rule.name)
        for key, opt in rule.options.items():
            out.append(f"  {key.replace('_', '-')} = {opt.default!r}  {opt.help}")
    if rule.lists:
        out.append("\nWord lists it reads (extend them with a pack: `lists: {NAME: [...]}`):")
        for name, spec in rule.lists.items():
            out.append(f"  {name} ({len(reg.lists.get(name, ()))} {_entry_noun(spec)}): {spec.help}")
            if spec.entry == "mapping":
                out.append(f"    each entry: {_entry_shape(spec)}")
    return "\n".join(out) + "\n"


def _entry_noun(spec) -> str:
    return {"word": "words", "phrase": "phrases", "pattern": "patterns", "group": "groups"}.get(spec.entry, "entries")


def _entry_shape(spec) -> str:
    if spec.entry != "mapping":
        return spec.entry
    if spec.keys is None:
        return "mapping of names to word lists"
    keys = [f"{k} (required)" if k in spec.required else k for k in spec.keys]
    return "mapping with keys " + ", ".join(keys)


def lists_cmd(argv: list[str]) -> int:
    p = _Parser(prog="newslint lists", description="List the word lists rules read, with their sizes.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", help="configuration file (its packs' additions are counted)")
    args = p.parse_args(argv)
    reg = _registry(args.config)
    rows = [
        {
            "name": name,
            "entries": len(reg.lists.get(name, ())),
            "entry": spec.entry,
            "shape": _entry_shape(spec),
            "rules": [r.code for r in reg.readers(name)],
            "help": spec.help,
        }
        for name, spec in sorted(reg.declared.items())
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    width = max((len(r["name"]) for r in rows), default=10)
    print(f"{'list':{width}s} {'size':>5s}  {'entry':8s} {'read by':14s} what it holds")
    for r in rows:
        print(f"{r['name']:{width}s} {r['entries']:5d}  {r['entry']:8s} {','.join(r['rules']):14s} {r['help']}")
    return 0


def eval_cmd(argv: list[str]) -> int:
    from .evaluate import main as eval_main

    return eval_main(argv)


def server_cmd(argv: list[str]) -> int:
    p = _Parser(
        prog="newslint server",
        description="Run the language server (LSP over standard input and output) for editors.",
    )
    p.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and only transport)")
    p.add_argument("--debounce", type=int, default=200, metavar="MS", help="milliseconds between the last edit and the lint (default: 200)")
    args = p.parse_args(argv)
    if args.debounce < 0:
        raise UsageError("--debounce must be 0 or more milliseconds")
    import importlib.util

    missing = [m for m in ("pygls", "lsprotocol") if importlib.util.find_spec(m) is None]
    if missing:
        print(
            f"newslint: error: the language server needs {' and '.join(missing)}, which are not installed; "
            "install them with: pip install 'newslint[lsp]'",
            file=sys.stderr,
        )
        return 2
    from .server import main

    return main(args.debounce / 1000)


def archive_cmd(argv: list[str]) -> int:
    from .archive import main as archive_main  # Dask is imported only when the command runs

    return archive_main(argv)


def serve_cmd(argv: list[str]) -> int:
    from .serve import main as serve_main

    return serve_main(argv)


__all__ = ["run", "rules_markdown", "explain_text"]
