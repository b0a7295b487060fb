"""All terminal rendering lives in this package: no module outside ui/ and cli/ imports rich.

One module per area (browse, lint, check, session, stats, plot); this file
holds what they share: the consoles and the ASCII switch.
"""

from __future__ import annotations

import os
from functools import lru_cache

from rich.console import Console


@lru_cache(maxsize=1)
def out() -> Console:
    """Standard output. Rich honours NO_COLOR and non-terminal output by itself."""
    return Console(highlight=False, emoji=False, safe_box=_ascii())


@lru_cache(maxsize=1)
def err() -> Console:
    return Console(stderr=True, highlight=False, emoji=False, safe_box=_ascii())


def _ascii() -> bool:
    return os.environ.get("QUIZCLI_ASCII", "") not in ("", "0")
