"""`quizcli sync DIR` and `quizcli history export|import FILE`: the review log between machines.

Thin adapters over `Store.sync`, `Store.export_history` and `Store.import_history`
(quizcli/store/sync.py has the format and the merge).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.errors import QuizcliError

if TYPE_CHECKING:
    from quizcli.store.sync import Merged

Folder = Annotated[
    Path,
    typer.Argument(
        metavar="DIR",
        help="A folder every machine sees (Syncthing, Dropbox, a git checkout, a USB stick).",
    ),
]


def sync(folder: Folder) -> None:
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
    _warn(done)
    mine = folder.expanduser() / f"{done.machine}.jsonl"
    typer.echo(
        f"synced with {folder}: {done.answers_in} answer(s) and {done.undos_in} undo(s) merged "
        f"from {done.files} other file(s); {done.answers_out} answer(s) and {done.undos_out} "
        f"undo(s) of this machine written to {mine}; {done.replayed} card(s) rebuilt"
    )


def export_history(target: Path, force: bool) -> None:
    """Every answer (and undo) of this machine's log into one file, the sync format."""
    from quizcli.cli.export import may_write
    from quizcli.store import open_store

    may_write([target], force)
    with open_store() as store:
        count = store.export_history(target)
    typer.echo(
        f"wrote {count} answer(s) to {target}; on the other machine: quizcli history "
        f"import {target.name}"
    )


def import_history(source: Path) -> None:
    """Merge a file written by `history export` (or a machine's sync file) into this log."""
    from quizcli.store import open_store

    with open_store() as store:
        done = store.import_history(source)
    _warn(done)
    typer.echo(
        f"merged {done.answers_in} answer(s) and {done.undos_in} undo(s) from {source} "
        f"({done.replayed} card(s) rebuilt); answers already here were left as they are"
    )


def history_file(action: str, file: Path | None, force: bool) -> None:
    """`history export FILE` / `history import FILE`."""
    if file is None:
        raise QuizcliError(
            f"history {action} needs a FILE, e.g. quizcli history {action} quizcli-history.jsonl",
            exit_code=2,
        )
    if action == "export":
        export_history(file.expanduser(), force)
    else:
        import_history(file.expanduser())


def _warn(done: Merged) -> None:
    for warning in done.warnings:
        typer.echo(f"quizcli: warning: {warning}", err=True)
