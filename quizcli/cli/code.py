"""`quizcli code`: write a code question's function, run it against the cases, see why not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from quizcli.cli import complete
from quizcli.cli.common import find, load, of_kind, state

if TYPE_CHECKING:
    from quizcli.kinds.code import CodeQuestion

EXIT_CODES = {True: 0, False: 1}


def code_command(
    ctx: typer.Context,
    question_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A code question's id.", autocompletion=complete.ids_of("code")
        ),
    ],
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", metavar="PATH", help="Run this file instead of editing the kept one."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every case as JSON.")] = False,
) -> None:
    """Implement a function and run it against the question's cases.

    Without --file, writes the stub to $QUIZCLI_HOME/code/ID.py (kept between tries)
    and opens $VISUAL or $EDITOR on it. Exit 0 when every case passes, 1 when one
    fails, 2 when the file cannot be read or the id is unknown.
    The file runs in a limited child process (scratch directory, CPU, memory and output
    limits; no other programs, network, or files outside): a guard against accidents,
    not a security sandbox. Run only code you would run with python yourself.
    Example: quizcli code softmax-stable --file my_softmax.py
    """
    import json

    from quizcli import kinds
    from quizcli.errors import NotFound
    from quizcli.kinds.code_runner import as_json as report_json
    from quizcli.kinds.code_runner import run_file

    lang = state(ctx).lang
    try:
        question = find(load(ctx), question_id)
    except NotFound as exc:
        raise NotFound(exc.said or exc.message, exit_code=2) from None
    of_kind(question, "code", "code")
    path = file
    if path is None:
        from quizcli.ui.editor import open_editor

        path = kinds.of(question).workspace(question)
        assert path is not None
        open_editor(path, lang)
    try:
        report = run_file(cast("CodeQuestion", question), path)
    except NotFound as exc:
        raise NotFound(exc.said or exc.message, exit_code=2) from None
    if as_json:
        typer.echo(
            json.dumps(
                report_json(question.id, report), ensure_ascii=False, indent=2, allow_nan=False
            )
        )
    else:
        from quizcli.ui import code as ui

        ui.report(report, path, lang)
    raise typer.Exit(EXIT_CODES[report.passed])
