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
        status = subprocess.run([*shlex.split(command), str(path)], check=False).returncode
    except OSError as exc:
        raise UsageError(
            f"cannot run the editor {command!r}: {exc.strerror}; fix $VISUAL or $EDITOR"
        ) from None
    if status != 0:  # the file may be half-written: running it would grade an accident
        how = (f"status {status}", f"状态 {status}") if status > 0 else (f"signal {-status}",) * 2
        raise UsageError(
            f"编辑器以{how[1]}退出；你的文件保存在 {path}"
            if lang == "zh"
            else f"the editor exited with {how[0]}; your file is kept at {path}"
        )
