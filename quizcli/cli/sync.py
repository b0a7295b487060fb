"""`quizcli sync DIR` and `quizcli history export|import FILE`: the review log between machines.

Thin adapters over `Store.sync`, `Store.export_history` and `Store.import_history`
(quizcli/store/sync.py has the format and the merge).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.cli.common import state
from quizcli.errors import QuizcliError
from quizcli.messages import msg, say

if TYPE_CHECKING:
    from quizcli.store.sync import Merged

Folder = Annotated[
    Path,
    typer.Argument(
        metavar="DIR",
        help="A folder every machine sees (Syncthing, Dropbox, a git checkout, a USB stick).",
    ),
]


def sync(ctx: typer.Context, folder: Folder) -> None:
    """Merge your answers with your other machines' through a folder you already sync.

    Each machine writes its own answers to its own file in DIR (<machine id>.jsonl,
    only ever appended to) and merges the others' files in; answers given on two
    machines are all kept, and the cards are rebuilt from the merged answers. Run it
    on each machine before and after studying; running it twice changes nothing.
    Suspends, buries and settings stay on each machine.
    Example: quizcli sync ~/Sync/quizcli
    """
    from quizcli.store import open_store

    with open_store() as store:
        done = store.sync(folder.expanduser())
    lang = state(ctx).lang
    _warn(done, lang)
    mine = folder.expanduser() / f"{done.machine}.jsonl"
    counts = {"answers_in": done.answers_in, "undos_in": done.undos_in, "files": done.files}
    counts |= {"answers_out": done.answers_out, "undos_out": done.undos_out}
    typer.echo(say("sync.done", lang, folder=folder, mine=mine, rebuilt=done.replayed, **counts))


def export_history(target: Path, force: bool, lang: str) -> None:
    """Every answer (and undo) of this machine's log into one file, the sync format."""
    from quizcli.cli.export import may_write
    from quizcli.store import open_store

    may_write([target], force)
    with open_store() as store:
        count = store.export_history(target)
    typer.echo(say("history.exported", lang, n=count, target=target, name=target.name))


def import_history(source: Path, lang: str) -> None:
    """Merge a file written by `history export` (or a machine's sync file) into this log."""
    from quizcli.store import open_store

    with open_store() as store:
        done = store.import_history(source)
    _warn(done, lang)
    counts = {"answers": done.answers_in, "undos": done.undos_in, "rebuilt": done.replayed}
    typer.echo(say("history.imported", lang, source=source, **counts))


def history_file(action: str, file: Path | None, force: bool, lang: str) -> None:
    """`history export FILE` / `history import FILE`."""
    if file is None:
        raise QuizcliError(msg("history.needs_file", action=action), exit_code=2)
    if action == "export":
        export_history(file.expanduser(), force, lang)
    else:
        import_history(file.expanduser(), lang)


def _warn(done: Merged, lang: str) -> None:
    for warning in done.warnings:
        typer.echo(f"quizcli: {say('warning.line', lang, warning=warning)}", err=True)
