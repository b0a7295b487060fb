"""`quizcli list`, `show` and `search`: read-only views of the banks."""

from __future__ import annotations

from difflib import get_close_matches
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quizcli import env
from quizcli.cli.app import state
from quizcli.errors import NotFound, QuizcliError
from quizcli.messages import msg, say

if TYPE_CHECKING:
    from quizcli.bank import Bank
    from quizcli.bank.model import AnyQuestion


class QuestionType(str, Enum):
    concept = "concept"
    choice = "choice"
    numeric = "numeric"
    derivation = "derivation"


def load(ctx: typer.Context, strict: bool = False) -> Bank:
    """The banks this invocation sees. A user's bank with problems is skipped with one warning
    naming it, so the others stay usable; `strict` (and a problem in a bundled bank) stops the
    command with exit 1 instead, listing every problem."""
    from quizcli.bank import bundled_files, load_bank

    bank = load_bank(state(ctx).bank_sources())
    broken = sorted({problem.path for problem in bank.problems})
    if broken and (strict or set(broken) & bundled_files()):
        for problem in bank.problems:
            typer.echo(str(problem), err=True)
        raise QuizcliError(msg("error.bank_problems", n=len(bank.problems)))
    for path in broken:
        found = [problem for problem in bank.problems if problem.path == path]
        line = found[0].line
        warning = say("warning.skipped_bank", state(ctx).lang, path=path, n=len(found), line=line)
        typer.echo(f"quizcli: {warning}", err=True)
    return bank.without(broken)


def summary(question: AnyQuestion) -> dict[str, Any]:
    """The stable per-question shape of `list --json`."""
    return {
        "id": question.id,
        "topic": question.topic,
        "type": question.type,
        "difficulty": question.difficulty,
        "tags": list(question.tags),
        "prompt": {"en": question.prompt.en, "zh": question.prompt.zh},
        "figure": question.figure is not None,
    }


def list_questions(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option(help="Only this topic, e.g. pooling.")] = None,
    kind: Annotated[QuestionType | None, typer.Option("--type", help="Only this type.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only questions with this tag.")] = None,
    difficulty: Annotated[
        int | None, typer.Option(min=1, max=3, help="Only this difficulty (1-3).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List questions by topic. Example: quizcli list --topic pooling --type numeric"""
    import json

    from quizcli.bank import Filters

    bank = load(ctx)
    chosen = Filters(topic, kind.value if kind else None, tag, difficulty).keep(bank.questions)
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
    question_id: Annotated[str, typer.Argument(metavar="ID", help="The question's id.")],
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
    from quizcli.checker import shown_reference
    from quizcli.ui import browse

    ascii = env.ascii_mode()
    formula = (lambda q: shown_reference(q, ascii)) if answer else None
    browse.question_panel(question, state(ctx).lang, show_answer=answer, formula=formula)
    if plot:
        from quizcli.cli.plot import plot_tags

        plot_tags(ctx, question.tags)


def find_by_id(ctx: typer.Context, question_id: str) -> AnyQuestion:
    """One question through the id index, validating only it (show, check, history at 10k
    questions); the whole bank when the index cannot answer, which also names any problem."""
    from quizcli import env
    from quizcli.bank.index import find_question

    found = find_question(state(ctx).bank_sources(), question_id, env.cache_dir())
    return found[0] if found is not None else find(load(ctx), question_id)


def find(bank: Bank, question_id: str) -> AnyQuestion:
    """The question with this id, or NotFound suggesting the closest id."""
    question = bank.get(question_id)
    if question is not None:
        return question
    close = get_close_matches(question_id, bank.ids(), n=1, cutoff=0.5)
    if close:
        raise NotFound(msg("error.no_question_like", id=question_id, close=close[0]))
    raise NotFound(msg("error.no_question", id=question_id))


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
