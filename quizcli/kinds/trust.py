"""Which user banks may run their code: `quizcli config trust_bank PATH` adds one.

Code questions carry Python (a reference and cases) that quizcli runs to grade an
answer. The bundled banks are trusted; a user's bank only once they say so. The list
is a plain file of absolute paths in the data dir, one a line, only ever appended to.
"""

from __future__ import annotations

from pathlib import Path

from quizcli import env
from quizcli.errors import NotFound
from quizcli.messages import msg


def _file() -> Path:
    return env.data_dir() / "trusted_banks"


def trusted_paths() -> list[Path]:
    try:
        lines = _file().read_text("utf-8").splitlines()
    except OSError:
        return []
    return [Path(line) for line in lines if line.strip()]


def trust(path: Path) -> Path:
    """Trust the bank file or directory at `path` (absolute); NotFound if it does not exist."""
    if not path.exists():
        raise NotFound(msg("code.no_bank", path=path))
    resolved = path.resolve()
    if resolved in trusted_paths():
        return resolved
    _file().parent.mkdir(parents=True, exist_ok=True)
    with _file().open("a", encoding="utf-8") as out:
        out.write(f"{resolved}\n")
    return resolved
