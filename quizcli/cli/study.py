"""`quizcli study`, `drill` and `mock`: the three ways of being asked questions.

Each builds a plan from the banks and the store, runs a session through the
terminal, and prints its summary. Ctrl-C keeps every recorded answer and exits
130; the end of input (Ctrl-D, or a pipe running dry) ends the session with 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.cli.common import EXIT_INTERRUPTED, KindOption, state

if TYPE_CHECKING:
    from quizcli.bank.model import AnyQuestion
    from quizcli.session import Grader, Plan
    from quizcli.store import Store
    from quizcli.verdict import Verdict

Topic = Annotated[str | None, typer.Option(help="Only this topic, e.g. pooling.")]
Kind = KindOption
Tag = Annotated[str | None, typer.Option(help="Only questions with this tag.")]


def study(
    ctx: typer.Context,
    new: Annotated[
        int | None,
        typer.Option(min=0, help="New questions allowed today [default: config new_per_day, 10]."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many answers.")] = None,
    topic: Topic = None,
    kind: Kind = None,
    tag: Tag = None,
) -> None:
    """Review what is due, then learn new questions; the schedule is FSRS.

    Example: quizcli study --topic normalization --limit 20
    """
    from quizcli.session import study_plan

    _run(ctx, topic, kind, tag, lambda store, qs: study_plan(store, qs, new, limit))


def drill(
    ctx: typer.Context,
    count: Annotated[int, typer.Option(min=1, help="How many questions.")] = 10,
    topic: Topic = None,
    kind: Kind = None,
    tag: Tag = None,
) -> None:
    """Practise questions in random order; recorded as practice, the schedule is untouched.

    A wrong answer may be retried; ? gives a hint, ! shows the answer.
    Example: quizcli drill --type derivation --count 5
    """
    import random

    from quizcli.session import drill_plan

    _run(ctx, topic, kind, tag, lambda _store, qs: drill_plan(qs, count, random.Random()))


def mock(
    ctx: typer.Context,
    minutes: Annotated[float, typer.Option(min=1, max=24 * 60, help="Time allowed.")] = 20,
    count: Annotated[int, typer.Option(min=1, help="Most questions asked.")] = 12,
    topic: Topic = None,
    kind: Kind = None,
    tag: Tag = None,
) -> None:
    """A timed mixed interview over all topics, ending with a score per topic.

    Recorded as practice. Example: quizcli mock --minutes 15
    """
    import random

    from quizcli.session import mock_plan

    plan = lambda _store, qs: mock_plan(qs, count, minutes, random.Random())  # noqa: E731
    _run(ctx, topic, kind, tag, plan, show_topics=True)


def _run(
    ctx: typer.Context,
    topic: str | None,
    kind: str | None,
    tag: str | None,
    make_plan: Callable[[Store, list[AnyQuestion]], Plan],
    show_topics: bool = False,
) -> None:
    from quizcli import env
    from quizcli.bank import Filters
    from quizcli.checker import pretty
    from quizcli.cli.common import load
    from quizcli.errors import NotFound
    from quizcli.session import Session
    from quizcli.store import open_store
    from quizcli.ui import session as ui

    lang = state(ctx).lang
    questions = Filters(topic, kind, tag).keep(load(ctx).questions)
    if not questions:
        raise NotFound("no question matches these filters; `quizcli list` shows what there is")
    screen = ui.Screen(lang, formula=pretty)
    with open_store() as store:
        plan = make_plan(store, questions)
        if not plan.questions:
            screen.notice("nothing_due")
        try:
            result = Session(plan, store, screen, _grader(plan)).run()
        finally:
            screen.close()
    ui.summary(result, lang, env.now(), show_topics=show_topics)
    if result.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)


def _grader(plan: Plan) -> Grader:
    """The session's grader; sympy starts loading now if a derivation is coming.

    It loads while the user reads the first question, and a check waits for it
    to finish, so the import never counts against the checker's time bound.
    """
    from quizcli.session import grade

    if not any(q.type == "derivation" for q in plan.questions):
        return grade
    import threading

    from quizcli.checker import warm_up

    loading = threading.Thread(target=warm_up, name="checker-warm-up", daemon=True)
    loading.start()

    def grade_when_loaded(question: AnyQuestion, answer: str) -> Verdict:
        loading.join()
        return grade(question, answer)

    return grade_when_loaded
