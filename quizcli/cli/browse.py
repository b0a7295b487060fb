"""`quizcli list`, `show` and `search`: read-only views of the banks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from quizcli import env
from quizcli.cli import complete
from quizcli.cli.common import KindOption, find_by_id, load, state, summary

if TYPE_CHECKING:
    from quizcli.bank import Bank
    from quizcli.kinds.base import Formula


def _level(value: str) -> int:
    """A difficulty as its digit or its word in either language, as `list` shows it."""
    from quizcli.messages import both

    words = {word: level for level in (1, 2, 3) for word in (str(level), *both(f"level.{level}"))}
    if value.strip().lower() not in words:
        raise typer.BadParameter(f"{value!r} is not a level; use one of {', '.join(words)}")
    return words[value.strip().lower()]


def list_questions(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Option(help="Only this topic, e.g. pooling.", autocompletion=complete.topics),
    ] = None,
    kind: KindOption = None,
    tag: Annotated[
        str | None,
        typer.Option(help="Only questions with this tag.", autocompletion=complete.tags),
    ] = None,
    difficulty: Annotated[
        int | None,
        typer.Option(
            metavar="LEVEL",
            parser=_level,
            help="Only this difficulty: 1-3, easy/medium/hard or 基础/进阶/困难.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List questions by topic. Example: quizcli list --topic pooling --type numeric"""
    import json

    from quizcli.bank import Filters

    bank = load(ctx)
    chosen = Filters(topic, kind, tag, difficulty).keep(bank.questions)
    if as_json:
        typer.echo(json.dumps([summary(q) for q in chosen], ensure_ascii=False, indent=2))
        return
    from quizcli.ui import browse

    order = {name: index for index, name in enumerate(_topics(bank))}
    browse.question_table(sorted(chosen, key=lambda q: order[q.topic]), state(ctx).lang)


def _topics(bank: Bank) -> list[str]:
    from quizcli.bank.model import TOPICS

    extra = [q.topic for q in bank.questions if q.topic not in TOPICS]
    return list(TOPICS) + list(dict.fromkeys(extra))


def show(
    ctx: typer.Context,
    question_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The question's id.", autocompletion=complete.question_ids
        ),
    ],
    answer: Annotated[bool, typer.Option("--answer", help="Also show the answer.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the question as JSON.")] = False,
    plot: Annotated[
        bool, typer.Option("--plot", help="Draw the curve and derivative its tags name.")
    ] = False,
) -> None:
    """Show one question. Example: quizcli show sigmoid-derivative --answer --plot"""
    import json

    question = find_by_id(ctx, question_id)
    if as_json:
        typer.echo(json.dumps(question.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    from quizcli.ui import browse

    formula: Formula | None = None
    if answer:
        from functools import partial

        from quizcli.checker import pretty

        formula = partial(pretty, ascii=env.ascii_mode())
    browse.question_panel(question, state(ctx).lang, show_answer=answer, formula=formula)
    if plot:
        from quizcli.cli.plot import plot_tags

        plot_tags(ctx, question.tags)


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for, in English or Chinese.")],
    any_word: Annotated[
        bool, typer.Option("--any", help="Match questions holding any of the words, not all.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """Search prompts, answers and tags in both languages; phrase matches first.

    Every word must appear unless --any is given. Example: quizcli search 梯度消失
    """
    import json

    from quizcli.bank.search import search as run_search

    results = run_search(load(ctx).questions, text, every_word=not any_word)
    if as_json:
        rows = [summary(q) | {"score": round(score, 3)} for score, q in results]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from quizcli.ui import browse

    browse.search_results(results, state(ctx).lang)
