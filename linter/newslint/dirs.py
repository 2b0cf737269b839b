"""Where newslint keeps what it may rebuild at any time (results, compiled patterns)."""
from __future__ import annotations

import os


def cache_dir() -> str:
    """``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``."""
    base = os.environ.get("NEWSLINT_CACHE_DIR")
    if base:
        return base
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(xdg, "newslint")
