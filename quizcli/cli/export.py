"""`quizcli export anki|markdown`: take the bank to Anki or to paper."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.cli import complete
from quizcli.cli.common import state
from quizcli.errors import NotFound, QuizcliError
from quizcli.messages import msg, reason, say

if TYPE_CHECKING:
    from quizcli.bank.model import AnyQuestion

app = typer.Typer(help="Export questions to an Anki deck or Markdown cheat sheets.")


class ExportLang(str, Enum):
    en = "en"
    zh = "zh"
    both = "both"


TopicOption = Annotated[
    str | None, typer.Option(help="Only this topic, e.g. pooling.", autocompletion=complete.topics)
]
LangOption = Annotated[
    ExportLang | None,
    typer.Option(
        "--lang", help="en, zh, or both (English then Chinese) [default: quizcli's language]."
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")]
# What lives in the data dir and no export may replace, even with --force.
DATA = ("backups", "logs", "cache", "banks")


@app.command("anki")
def anki(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE.apkg", help="The deck file to write.")],
    topic: TopicOption = None,
    lang: LangOption = None,
    force: ForceOption = False,
) -> None:
    """Write an Anki deck, one note per question. Example: quizcli export anki deck.apkg

    Anki knows each note by its question id: importing a newer export updates the notes
    and keeps their reviews. An existing file is replaced only with --force; quizcli's own
    data never.
    """
    from quizcli.export.anki import export_deck

    questions = _questions(ctx, topic)
    may_write([path], force)
    with _writing(path):
        count = export_deck(questions, path, _lang(ctx, lang), _latex, deck="quizcli")
        _user_mode(path)
    typer.echo(say("export.wrote_notes", state(ctx).lang, n=count, path=path))


@app.command("markdown")
def markdown(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to write the files.")],
    topic: TopicOption = None,
    lang: LangOption = None,
    force: ForceOption = False,
) -> None:
    """Write one Markdown cheat sheet per topic. Example: quizcli export markdown out/

    Existing sheets are replaced only with --force.
    """
    from quizcli.export.markdown import export_sheets, sheet_path

    questions = _questions(ctx, topic)
    _not_data(directory)
    may_write(sorted({sheet_path(directory, q.topic) for q in questions}), force)
    with _writing(directory):
        created = not directory.exists()
        written = export_sheets(questions, directory, _lang(ctx, lang), _latex)
        for path in [directory] * created + written:
            _user_mode(path)
    for path in written:
        typer.echo(str(path))


def _lang(ctx: typer.Context, lang: ExportLang | None) -> str:
    """The export's own --lang, else the language quizcli speaks (`quizcli --lang zh`)."""
    from quizcli.cli.common import state

    return lang.value if lang else state(ctx).lang


def may_write(files: list[Path], force: bool) -> None:
    """Refuse to replace quizcli's own data (the database, backups, logs) at all, and any
    other existing file without --force."""
    for path in files:
        _not_data(path)
        if path.exists() and not path.is_dir() and not force:
            raise QuizcliError(msg("error.exists", target=path))


def _not_data(target: Path) -> None:
    from quizcli import env

    home = env.data_dir().resolve()
    where = target.resolve()
    inside = where.relative_to(home).parts if where.is_relative_to(home) else None
    if inside and (inside[0].startswith("quizcli") or inside[0] in DATA):
        raise QuizcliError(msg("error.export_into_data", target=target, home=home))


def _user_mode(path: Path) -> None:
    """quizcli's own files are private (0600); an export gets the user's usual mode."""
    from quizcli import env

    os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~env.user_umask())


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A target the user named that cannot be written is theirs to fix, not an internal error."""
    try:
        yield
    except OSError as exc:
        raise QuizcliError(msg("error.cannot_write", target=target, reason=reason(exc))) from None


def _questions(ctx: typer.Context, topic: str | None) -> list[AnyQuestion]:
    from quizcli.bank import Filters
    from quizcli.cli.common import load

    questions = Filters(topic=topic).keep(load(ctx).questions)
    if not questions:
        raise NotFound(msg("error.no_export"))
    return questions


def _latex(expression: str, symbols: list[str], setting: str | None) -> str:
    """A stored expression in LaTeX, read as `quizcli lint` reads it: in the question's
    symbols (`H`, an input height, is not the step function) and setting (softmax's δ_ij)."""
    import sympy

    from quizcli.checker import parse

    return str(sympy.latex(parse(expression, symbols, setting)))
