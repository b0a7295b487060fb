"""Shell completion of question ids, topics, tags and setting names (types: cli.common).

A TAB runs quizcli once, so it must stay cheap: the answer comes from a small file in the
cache (ids, topics, tags and types, stamped with the size and mtime of every bank file and
folder it came from) and only a change there loads the banks again. Nothing here may print:
whatever goes wrong, a completion offers nothing rather than disturb the command line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from quizcli import __version__, env

FACETS_FORMAT = 2
# The zsh script Typer installs defines its function and registers it with compdef, but
# when zsh autoloads the file from fpath (what --install-completion sets up) that first
# call completes nothing: the first TAB of every new shell did nothing. Here the file
# defines _quizcli and calls it when autoloaded, and registers it when sourced.
ZSH_SCRIPT = """#compdef %(prog_name)s

_%(prog_name)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(autocomplete_var)s=complete_zsh \
%(prog_name)s)
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _%(prog_name)s "$@"
else
  compdef _%(prog_name)s %(prog_name)s
fi
"""


def fix_zsh_script() -> None:
    """Make --install-completion, --show-completion and `source_zsh` write ZSH_SCRIPT."""
    from typer import _completion_classes, _completion_shared

    _completion_shared._completion_scripts["zsh"] = ZSH_SCRIPT
    _completion_classes.ZshComplete.source_template = ZSH_SCRIPT


def question_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return _starting(_facets(ctx).get("ids", []), incomplete)


def history_words(ctx: typer.Context, incomplete: str) -> list[str]:
    """`history` takes a question id, or export / import and a file."""
    return _starting(["export", "import"], incomplete) + question_ids(ctx, incomplete)


def ids_of(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Completion of the ids of one kind only (`check` decides derivations)."""

    def of_kind(ctx: typer.Context, incomplete: str) -> list[str]:
        kinds = _facets(ctx).get("kinds", {})
        return [qid for qid in question_ids(ctx, incomplete) if kinds.get(qid) == kind]

    return of_kind


def topics(ctx: typer.Context, incomplete: str) -> list[str]:
    return _starting(_facets(ctx).get("topics", []), incomplete)


def tags(ctx: typer.Context, incomplete: str) -> list[str]:
    return _starting(_facets(ctx).get("tags", []), incomplete)


def setting_names(incomplete: str) -> list[str]:
    """The settings `quizcli config` changes (interview_planned_on is kept by config itself),
    lang and trust_bank."""
    try:
        from quizcli.store.settings import PARSERS
    except Exception:
        return []
    keys = [key for key in PARSERS if key != "interview_planned_on"]
    return _starting([*keys, "lang", "trust_bank"], incomplete)


def _starting(words: Any, incomplete: str) -> list[str]:
    return [word for word in words if isinstance(word, str) and word.startswith(incomplete)]


def _facets(ctx: typer.Context) -> dict[str, Any]:
    """What the banks hold, from the cache when nothing changed since it was written."""
    try:
        extra = [Path(p) for p in ctx.find_root().params.get("bank") or []]
        where = env.cache_dir() / "complete.json"
        candidates = [env.bundled_banks_dir(), env.user_banks_dir(), *extra]
        try:
            stored = json.loads(where.read_text("utf-8"))
            if stored["stamp"] == _stamp(candidates, stored["files"]):
                return dict(stored["facets"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        files, facets = _load(extra)
        _write(where, {"stamp": _stamp(candidates, files), "files": files, "facets": facets})
        return facets
    except Exception:  # a TAB must never print a traceback into the command line
        return {}


def _stamp(candidates: list[Path], files: list[str]) -> list[Any]:
    """Size and mtime of each bank folder (a file added or removed changes it) and file."""
    stamp: list[Any] = [FACETS_FORMAT, __version__]
    for path in [*candidates, *map(Path, files)]:
        try:
            info = path.stat()
            stamp.append([str(path), info.st_size, info.st_mtime_ns])
        except OSError:
            stamp.append([str(path), None])
    return stamp


def _load(extra: list[Path]) -> tuple[list[str], dict[str, Any]]:
    """Load the banks (through the bank cache) and keep only what completion offers."""
    from quizcli.bank import default_sources, load_bank
    from quizcli.bank.loader import bank_files

    sources = default_sources() + extra
    bank = load_bank(sources)
    questions = bank.questions
    facets = {
        "ids": [q.id for q in questions],
        "kinds": {q.id: q.type for q in questions},
        "topics": sorted({q.topic for q in questions}),
        "tags": sorted({tag for q in questions for tag in q.tags}),
    }
    return [str(path.resolve()) for path in bank_files(sources)], facets


def _write(where: Path, payload: dict[str, Any]) -> None:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp = where.with_name(f"{where.stem}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
        tmp.replace(where)
    except OSError:
        return
