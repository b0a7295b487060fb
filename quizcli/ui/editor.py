"""Opening the user's editor on a code question's file ($VISUAL, then $EDITOR)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from quizcli.errors import UsageError
from quizcli.messages import msg, reason


def open_editor(path: Path, lang: str) -> None:
    """Run the editor on `path` and wait; a clear error when none is set or it fails."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError(msg("code.no_editor", path=path))
    try:
        status = subprocess.run([*shlex.split(command), str(path)], check=False).returncode
    except OSError as exc:
        raise UsageError(msg("code.editor_failed", command=command, reason=reason(exc))) from None
    if status != 0:  # the file may be half-written: running it would grade an accident
        how = msg("code.status", n=status) if status > 0 else msg("code.signal", n=-status)
        raise UsageError(msg("code.editor_exited", how=how, path=path))
