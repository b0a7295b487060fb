"""Terminal control characters made visible, so text quizcli did not write cannot drive the
terminal: bank text, file names, ids typed on the command line."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides.
_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def escape_controls(text: str) -> str:
    """`\\x1b[2J` instead of a cleared screen: control characters shown as escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
