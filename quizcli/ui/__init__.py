"""All terminal rendering lives in this package: no module outside ui/ and cli/ imports rich.

One module per area (browse, lint, check, session, stats, plot); this file
holds what they share: the consoles and the ASCII fallback.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, OverflowMethod
from rich.table import Table

from quizcli import env
from quizcli.textfmt import to_ascii


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`quizcli stats | head -1`): Rich's own handling exits 1,
        silently; the command's error handler ends quietly with 141, as the README says."""
        self.quiet = True
        raise BrokenPipeError


def out() -> Console:
    """Standard output, made per call so --ascii and test runners always take effect.

    Rich honours NO_COLOR and non-terminal output by itself.
    """
    return _Console(highlight=False, emoji=False, safe_box=env.ascii_mode())


def err() -> Console:
    return _Console(stderr=True, highlight=False, emoji=False, safe_box=env.ascii_mode())


def frame(default: box.Box = box.ROUNDED) -> box.Box:
    """The box style for panels and tables: plain ASCII when the terminal needs it."""
    return box.ASCII if env.ascii_mode() else default


def overflow() -> OverflowMethod:
    """How a table cell too long for its column is cut: Rich's ellipsis is `…`, not ASCII."""
    return "crop" if env.ascii_mode() else "ellipsis"


def cut_plainly(table: Table) -> Table:
    """`table` with every column cut as `overflow` says (Rich's default ends in `…`)."""
    for column in table.columns:
        column.overflow = overflow() if column.overflow == "ellipsis" else column.overflow
    return table


def plain(text: str) -> str:
    """Text as the terminal can draw it: Greek and symbols spelled out in ASCII mode."""
    return to_ascii(text) if env.ascii_mode() else text
