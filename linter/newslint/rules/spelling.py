"""Rule family: spelling (to be written)."""
from __future__ import annotations

RULES: list = []
