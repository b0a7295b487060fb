"""Opening the user's editor on a code question's file ($VISUAL, then $EDITOR)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from quizcli.errors import UsageError


def open_editor(path: Path, lang: str) -> None:
    """Run the editor on `path` and wait; a clear error when none is set or it fails."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError(
            f"set $VISUAL or $EDITOR to edit {path}, or edit it yourself and give its path"
            " (`quizcli code ID --file PATH`)"
            if lang != "zh"
            else f"请设置 $VISUAL 或 $EDITOR 以编辑 {path}，或自行编辑后给出文件路径"
            "（`quizcli code ID --file PATH`）"
        )
    try:
        subprocess.run([*shlex.split(command), str(path)], check=False)
    except OSError as exc:
        raise UsageError(
            f"cannot run the editor {command!r}: {exc.strerror}; fix $VISUAL or $EDITOR"
        ) from None
