"""`quizcli study`, `drill` and `mock`: the three ways of being asked questions.

Each builds a plan from the banks and the store, runs a session through the
terminal, and prints its summary. Ctrl-C keeps every recorded answer and exits
130; the end of input (Ctrl-D, or a pipe running dry) ends the session with 0;
piped input that gets nowhere (`yes | quizcli study`) ends it with 2, saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from quizcli.cli import complete
from quizcli.cli.common import KindOption, state
from quizcli.cli.process import interrupted_exit

if TYPE_CHECKING:
    from quizcli.bank.model import AnyQuestion
    from quizcli.kinds.base import Display
    from quizcli.session import Grader, Plan
    from quizcli.store import Store
    from quizcli.verdict import Verdict

Topic = Annotated[
    str | None, typer.Option(help="Only this topic, e.g. pooling.", autocompletion=complete.topics)
]
Kind = KindOption
Tag = Annotated[
    str | None, typer.Option(help="Only questions with this tag.", autocompletion=complete.tags)
]


def study(
    ctx: typer.Context,
    new: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Today's total of new questions (not per session) [default: paced to "
            "config interview_date, else config new_per_day, 10].",
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many answers.")] = None,
    topic: Topic = None,
    kind: Kind = None,
    tag: Tag = None,
) -> None:
    """Review what is due, then learn new questions; the schedule is FSRS.

    Example: quizcli study --topic normalization --limit 20
    """
    from quizcli.plans import study_plan

    _run(ctx, topic, kind, tag, lambda store, qs: study_plan(store, qs, new, limit))


def drill(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="These questions, in order.",
            autocompletion=complete.question_ids,
        ),
    ] = None,
    count: Annotated[int, typer.Option(min=1, help="How many questions.")] = 10,
    weak: Annotated[
        bool,
        typer.Option(help="The weakest: lowest recall now, most lapses, recent misses first."),
    ] = False,
    missed: Annotated[
        bool, typer.Option(help="Those answered wrong or rated Again in the last --days days.")
    ] = False,
    days: Annotated[int, typer.Option(min=1, help="How far back --missed looks.")] = 7,
    topic: Topic = None,
    kind: Kind = None,
    tag: Tag = None,
) -> None:
    """Practise questions (random order by default); recorded as practice, the schedule untouched.

    A wrong answer may be retried; ? gives a hint, ! shows the answer.
    Examples: quizcli drill --type derivation --count 5; quizcli drill --missed;
    quizcli drill gelu-derivative relu-advantages
    """
    import random

    from quizcli.plans import drill_plan, targeted_plan

    if ids:
        _run(ctx, None, None, None, lambda _s, qs: drill_plan(qs, len(qs), None), only=ids)
        return
    if weak or missed:
        choose = "missed" if missed else "weak"
        plan = lambda store, qs: targeted_plan(store, qs, choose, count, days)  # noqa: E731
        _run(ctx, topic, kind, tag, plan)
        return
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

    from quizcli.plans import mock_plan

    plan = lambda _store, qs: mock_plan(qs, count, minutes, random.Random())  # noqa: E731
    _run(ctx, topic, kind, tag, plan, show_topics=True)


def _run(
    ctx: typer.Context,
    topic: str | None,
    kind: str | None,
    tag: str | None,
    make_plan: Callable[[Store, list[AnyQuestion]], Plan],
    show_topics: bool = False,
    only: list[str] | None = None,
) -> None:
    from functools import partial

    from quizcli import env
    from quizcli.bank import Filters
    from quizcli.checker import pretty
    from quizcli.cli.common import find, load
    from quizcli.errors import NotFound
    from quizcli.kinds.base import Display
    from quizcli.messages import msg
    from quizcli.session import Session
    from quizcli.store import open_store
    from quizcli.ui import session as ui

    lang = state(ctx).lang
    bank = load(ctx)
    if only:
        questions = [find(bank, question_id) for question_id in dict.fromkeys(only)]
    else:
        questions = Filters(topic, kind, tag).keep(bank.questions)
    if not questions:
        raise NotFound(msg("error.no_match"))
    ascii_only = env.ascii_mode()
    formula = partial(pretty, ascii=ascii_only)
    screen = ui.Screen(lang, formula=formula)
    with open_store() as store:
        plan = make_plan(store, questions)
        if plan.today is not None:
            ui.plan_lines(plan.today, lang)
        if not plan.questions and not plan.waiting:
            screen.notice("nothing_due" if plan.mode == "review" else "nothing_to_drill")
        try:
            result = Session(plan, store, screen, _grader(plan, Display(ascii_only))).run()
        finally:
            screen.close()
    ui.summary(result, lang, env.now(), show_topics=show_topics)
    if show_topics:
        ui.debrief(result, lang, formula=formula)
    if result.interrupted:
        raise typer.Exit(interrupted_exit())
    if result.stalled:
        ui.stalled(result, lang)
        raise typer.Exit(2)


def _grader(plan: Plan, display: Display) -> Grader:
    """The session's grader, readings shown as `display` asks; the checker gets ready now
    if a derivation is coming.

    A background thread loads sympy, numpy and the pretty printer, then prepares the
    plan's derivation questions one by one, while the user reads. Each preparation and
    each check hold the same lock, so a check never runs beside the warm-up: the
    warm-up's CPU time is never charged to a check's CPU bound, and a check waits at most
    for the one preparation under way.
    """
    from quizcli import kinds
    from quizcli.session import grade

    slow = [q for q in plan.questions if kinds.of(q).prepares]
    if not slow:
        return lambda question, answer: grade(question, answer, display)
    import threading

    turn = threading.Lock()

    def prepare_all() -> None:
        for question in slow:
            with turn:
                kinds.of(question).prepare(question)

    threading.Thread(target=prepare_all, name="checker-warm-up", daemon=True).start()

    def grade_in_turn(question: AnyQuestion, answer: str) -> Verdict:
        with turn:
            return grade(question, answer, display)

    return grade_in_turn
