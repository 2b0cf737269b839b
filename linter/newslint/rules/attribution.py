"""Rule family: attribution (to be written)."""
from __future__ import annotations

RULES: list = []
