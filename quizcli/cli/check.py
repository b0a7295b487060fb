"""`quizcli check`: decide one typed derivation, non-interactively, for people and scripts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from quizcli.cli.common import state

EXIT_CODES = {"correct": 0, "incorrect": 1, "undecided": 1, "invalid": 2}
# An answer may start with a minus sign ("-tanh(x)^2"): read it as the answer, not as
# options (so this command has no short options: -h would match inside "-tanh").
CONTEXT = {"ignore_unknown_options": True, "help_option_names": ["--help"]}


def check_command(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(metavar="ID", help="A derivation question's id.")],
    answer: Annotated[
        str,
        typer.Argument(
            metavar="ANSWER",
            help="Your formula, e.g. 'σ(x)(1-σ(x))'; several lines are steps; '-' reads stdin.",
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print id, verdict, read_as, feedback, method, ms.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0.1, max=60.0, help="Seconds allowed for the check.")
    ] = 2.0,
) -> None:
    """Check a derivation answer. Exit 0 correct, 1 incorrect or undecided, 2 invalid input.

    Example: quizcli check sigmoid-derivative "σ(x)(1−σ(x))"
    """
    import json

    from quizcli.checker import check
    from quizcli.cli.common import find, load
    from quizcli.errors import NotFound, UsageError
    from quizcli.kinds.derivation import DerivationQuestion

    try:
        question = find(load(ctx), question_id)
    except NotFound as exc:
        raise NotFound(exc.message, exit_code=2) from None
    if not isinstance(question, DerivationQuestion):
        raise UsageError(
            f"'{question_id}' is a {question.type} question; `quizcli check` checks derivations"
            " (`quizcli list --type derivation` lists them)"
        )
    text = sys.stdin.read() if answer == "-" else answer
    result = check(question, text, timeout=timeout)
    lang = state(ctx).lang
    if as_json:
        typer.echo(json.dumps(result.as_json(question.id, lang), ensure_ascii=False, indent=2))
    else:
        from quizcli.ui import check as ui

        ui.verdict(result, lang)
    raise typer.Exit(EXIT_CODES[result.verdict])
