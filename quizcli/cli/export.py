"""`quizcli export anki|markdown`: take the bank to Anki or to paper."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.errors import NotFound, QuizcliError

if TYPE_CHECKING:
    from quizcli.bank.model import AnyQuestion

app = typer.Typer(help="Export questions to an Anki deck or Markdown cheat sheets.")


class ExportLang(str, Enum):
    en = "en"
    zh = "zh"
    both = "both"


TopicOption = Annotated[str | None, typer.Option(help="Only this topic, e.g. pooling.")]
LangOption = Annotated[ExportLang, typer.Option("--lang", help="Language of the cards.")]


@app.command("anki")
def anki(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE.apkg", help="The deck file to write.")],
    topic: TopicOption = None,
    lang: LangOption = ExportLang.both,
) -> None:
    """Write an Anki deck, one note per question. Example: quizcli export anki deck.apkg

    Note ids come from question ids: importing a newer export updates the notes.
    """
    from quizcli.export.anki import export_deck

    questions = _questions(ctx, topic)
    with _writing(path):
        count = export_deck(questions, path, lang.value, _latex, deck="quizcli")
    typer.echo(f"wrote {count} notes to {path}")


@app.command("markdown")
def markdown(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to write the files.")],
    topic: TopicOption = None,
    lang: LangOption = ExportLang.both,
) -> None:
    """Write one Markdown cheat sheet per topic. Example: quizcli export markdown out/"""
    from quizcli.export.markdown import export_sheets

    questions = _questions(ctx, topic)
    with _writing(directory):
        written = export_sheets(questions, directory, lang.value, _latex)
    for path in written:
        typer.echo(str(path))


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A target the user named that cannot be written is theirs to fix, not an internal error."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise QuizcliError(f"cannot write {target}: {reason}; choose another path") from None


def _questions(ctx: typer.Context, topic: str | None) -> list[AnyQuestion]:
    from quizcli.bank import Filters
    from quizcli.cli.common import load

    questions = Filters(topic=topic).keep(load(ctx).questions)
    if not questions:
        raise NotFound("no questions to export; `quizcli lint` says why a bank does not load")
    return questions


def _latex(expression: str, symbols: list[str], setting: str | None) -> str:
    """A stored expression in LaTeX, read as `quizcli lint` reads it: in the question's
    symbols (`H`, an input height, is not the step function) and setting (softmax's δ_ij)."""
    import sympy

    from quizcli.checker import parse

    return str(sympy.latex(parse(expression, symbols, setting)))
