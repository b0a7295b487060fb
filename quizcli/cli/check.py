"""`quizcli check`: decide one typed derivation, non-interactively, for people and scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from quizcli.cli import complete
from quizcli.cli.common import state
from quizcli.errors import NotFound, QuizcliError, UsageError
from quizcli.messages import msg, reason

if TYPE_CHECKING:
    from quizcli.kinds.derivation import DerivationQuestion

EXIT_CODES = {"correct": 0, "incorrect": 1, "undecided": 1, "invalid": 2}
# An answer may start with a minus sign ("-tanh(x)^2"): read it as the answer, not as
# options (so this command has no short options: -h would match inside "-tanh"); a lone
# -h is still help.
CONTEXT = {"ignore_unknown_options": True, "help_option_names": ["--help"]}


def check_command(
    ctx: typer.Context,
    question_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="A derivation question's id (not with --file).",
            autocompletion=complete.ids_of("derivation"),
        ),
    ] = None,
    answer: Annotated[
        str | None,
        typer.Argument(
            metavar="ANSWER",
            help="Your formula, e.g. 'σ(x)(1-σ(x))'; several lines are steps; '-' reads stdin.",
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Check many answers: one 'ID<TAB>ANSWER' per line ('-' reads stdin);"
            " prints one verdict per line.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print id, verdict, read_as, feedback, method, ms.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0.1, max=60.0, help="Seconds of CPU time allowed per check.")
    ] = 2.0,
) -> None:
    """Check a derivation answer. Exit 0 correct, 1 incorrect or undecided, 2 invalid input.

    With --file: exit 0 when every answer is correct, 1 otherwise, 2 when the file
    cannot be read.

    Example: quizcli check sigmoid-derivative "σ(x)(1−σ(x))"
    """
    if file is not None:
        if question_id is not None or answer is not None:
            raise UsageError(msg("error.check_both"))
        raise typer.Exit(_check_file(ctx, file, as_json, timeout))
    if question_id == "-h" and answer is None:  # -h alone can only mean help (see CONTEXT)
        typer.echo(ctx.get_help())
        raise typer.Exit(0)
    if question_id is None or answer is None:
        raise UsageError(msg("error.check_neither"))
    import json

    from quizcli import env
    from quizcli.checker import check

    question = _derivation(ctx, question_id)
    text = sys.stdin.read() if answer == "-" else answer
    result = check(question, text, timeout=timeout, ascii=env.ascii_mode())
    lang = state(ctx).lang
    if as_json:
        typer.echo(json.dumps(result.as_json(question.id, lang), ensure_ascii=False, indent=2))
    else:
        from quizcli.ui import check as ui

        ui.verdict(result, lang)
    raise typer.Exit(EXIT_CODES[result.verdict])


def _derivation(ctx: typer.Context, question_id: str) -> DerivationQuestion:
    """The derivation question with this id; unknown ids and other kinds exit 2."""
    from quizcli.cli.common import find_by_id, of_kind

    try:
        question = find_by_id(ctx, question_id)
    except NotFound as exc:
        raise NotFound(exc.said or exc.message, exit_code=2) from None
    return cast("DerivationQuestion", of_kind(question, "derivation", "check"))


def _check_file(ctx: typer.Context, path: Path, as_json: bool, timeout: float) -> int:
    """Every 'ID<TAB>ANSWER' line of `path` checked in this one process: one JSON object per
    line with --json (a line that names no derivation gets verdict "invalid" and its
    line number), else one plain line per answer. Blank lines and '#' comments are skipped."""
    import json

    from quizcli import env
    from quizcli.checker import check

    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(msg("error.cannot_read_file", path=path, reason=reason(exc))) from None
    lang = state(ctx).lang
    all_correct = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        question_id, tab, answer = line.partition("\t")
        question_id = question_id.strip()
        try:
            if not tab:
                raise UsageError(msg("error.tab_line"))
            question = _derivation(ctx, question_id)
        except QuizcliError as exc:
            row: dict[str, object] = {"id": question_id, "line": number, "verdict": "invalid",
                                      "read_as": "", "feedback": exc.text(lang), "method": "parse",
                                      "ms": 0.0, "step": None}  # fmt: skip
        else:
            result = check(question, answer, timeout=timeout, ascii=env.ascii_mode())
            row = {**result.as_json(question.id, lang), "line": number}
        all_correct = all_correct and row["verdict"] == "correct"
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            feedback = str(row["feedback"]).replace("\n", " ")
            typer.echo(f"{number}\t{row['id']}\t{row['verdict']}\t{feedback}")
    return 0 if all_correct else 1
