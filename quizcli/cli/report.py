"""`quizcli report ID`: a question the user thinks is wrong, as Markdown for the tracker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.cli import complete
from quizcli.cli.common import state

if TYPE_CHECKING:
    from quizcli.bank import Origin
    from quizcli.bank.model import AnyQuestion


def report(
    ctx: typer.Context,
    question_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The question's id.", autocompletion=complete.question_ids
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Print a report of a question you think is wrong, ready to paste into an issue.

    It gives the question's file:line, the quizcli version and a hash of the question's
    text, your last answer and its verdict, the reference answer and a command that
    reproduces the verdict. Example: quizcli report sigmoid-derivative
    """
    import json

    from quizcli import kinds
    from quizcli.export import answer_blocks
    from quizcli.report import Report, installed_tracker
    from quizcli.store import open_store

    question, origin = _locate(ctx, question_id)
    with open_store() as store:
        records = store.reviews(question.id)
    reference = answer_blocks(question, "both", lambda expression, _symbols, _setting: expression)
    last = records[-1] if records else None
    front = kinds.of(question).export_front(question, "both")
    found = Report(question, origin, front, reference, last, installed_tracker())
    if as_json:
        typer.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(found.to_markdown())
    from quizcli.messages import say

    lang = state(ctx).lang
    where = found.tracker or say("report.tracker", lang)
    typer.echo(say("report.paste", lang, where=where), err=True)


def _locate(ctx: typer.Context, question_id: str) -> tuple[AnyQuestion, Origin]:
    """The question and its file:line, through the id index when it can answer."""
    from quizcli import env
    from quizcli.bank.index import find_question
    from quizcli.cli.common import find, load

    found = find_question(state(ctx).bank_sources(), question_id, env.cache_dir())
    if found is not None:
        return found
    bank = load(ctx)
    question = find(bank, question_id)
    return question, bank.origins[question.id]
