"""Rule family: case (to be written)."""
from __future__ import annotations

RULES: list = []
