"""Commands over review data: stats, history, suspend, unsuspend, bury, doctor, orphans, config.

`history export|import` and `sync` live in quizcli/cli/sync.py.

Each is a thin adapter over the Store; the database is opened only inside the
command, so `quizcli --help` never touches sqlite3 or fsrs.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quizcli import env
from quizcli.cli.common import find_by_id, load, state
from quizcli.errors import QuizcliError, UsageError

if TYPE_CHECKING:
    from quizcli.store import ReviewRecord, Store
    from quizcli.store.doctor import Diagnosis

QuestionId = Annotated[str, typer.Argument(metavar="ID", help="The question's id.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a drawing.")]


def stats(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Heatmap, true retention, due forecast, per-topic mastery, streak.

    Example: quizcli stats --json
    """
    import json

    from quizcli.plans import readiness_report
    from quizcli.store import open_store

    bank = load(ctx)
    now = env.now()
    topics = {q.id: q.topic for q in bank.questions}
    with open_store(now=now) as store:
        figures = store.stats(now, topics)
        report = readiness_report(store, topics, now)
    if as_json:
        document = figures.to_json()
        document["interview"] = report.to_json()
        for name, row in report.readiness.topics.items():
            document["topics"].setdefault(name, {}).update(
                seen=row.seen, predicted_recall=round(row.predicted_recall, 4)
            )
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    from quizcli.ui import stats as ui

    ui.dashboard(figures, state(ctx).lang)
    ui.readiness(report, state(ctx).lang)


def history(
    ctx: typer.Context,
    question_id: Annotated[
        str, typer.Argument(metavar="ID", help="The question's id, or export / import.")
    ],
    file: Annotated[
        Path | None, typer.Argument(metavar="FILE", help="With export or import: the file.")
    ] = None,
    as_json: AsJson = False,
    force: Annotated[
        bool, typer.Option("--force", help="history export: replace FILE if it exists.")
    ] = False,
) -> None:
    """Every answer given to one question, undone ones included and marked; or the whole
    history to or from a file, to move it to another machine once (see also `sync`).

    Example: quizcli history sigmoid-derivative
    Moving: quizcli history export all.jsonl (old machine), then quizcli history import
    all.jsonl (new one)
    """
    import json

    from quizcli.store import open_store

    if question_id in ("export", "import"):
        from quizcli.cli.sync import history_file

        history_file(question_id, file, force)
        return
    if file is not None:
        raise QuizcliError(
            f"history takes one ID; did you mean quizcli history export {file}?", exit_code=2
        )

    now = env.now()
    with open_store(now=now) as store:
        records = store.reviews(question_id, include_undone=True)
        card, status = store.card(question_id), store.status(question_id)
    if not records:  # the history of a question no bank has any more is still shown
        find_by_id(ctx, question_id)
    if as_json:
        typer.echo(json.dumps([_record_json(r) for r in records], ensure_ascii=False, indent=2))
        return
    from quizcli.ui import review as ui

    ui.history(question_id, records, card, status, now)


def _record_json(record: ReviewRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "reviewed_at": record.reviewed_at.isoformat(),
        "session_id": record.session_id,
        "mode": record.mode,
        "rating": record.rating.name.lower() if record.rating else None,
        "verdict": record.verdict,
        "answer": record.answer,
        "duration_ms": record.duration_ms,
        "due_after": record.after.due.isoformat() if record.after else None,
        "undone": record.undone,
        "uid": record.uid,
    }


def suspend(ctx: typer.Context, question_id: QuestionId) -> None:
    """Stop asking a question until you unsuspend it. Example: quizcli suspend gelu-why-bert-gpt"""
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        store.suspend(question_id, env.now())
    typer.echo(f"suspended {question_id}; `quizcli unsuspend {question_id}` brings it back")


def unsuspend(ctx: typer.Context, question_id: QuestionId) -> None:
    """Ask a suspended question (or a leech) again. Example: quizcli unsuspend gelu-why-bert-gpt"""
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        store.unsuspend(question_id, env.now())
    typer.echo(f"unsuspended {question_id}")


def bury(ctx: typer.Context, question_id: QuestionId) -> None:
    """Skip a question until tomorrow's study day (starts 04:00).

    Example: quizcli bury dying-relu
    """
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        until = store.bury(question_id, env.now())
    typer.echo(f"buried {question_id} until {until.astimezone():%Y-%m-%d %H:%M}")


def undo(ctx: typer.Context) -> None:
    """Take back the last answer given, from any session; its question is asked again.

    The answer stays in the log, marked as undone. Example: quizcli undo
    """
    from quizcli.store import open_store

    with open_store() as store:
        record = store.undo_latest(env.now())
    if record is None:
        raise QuizcliError("nothing to undo: no answer has been recorded yet")
    when = record.reviewed_at.astimezone()
    typer.echo(f"took back the answer to {record.question_id} given {when:%Y-%m-%d %H:%M}")


def forget(ctx: typer.Context, question_id: QuestionId) -> None:
    """Make a question new again; its answers stay in the log (marked undone).

    Example: quizcli forget relu-advantages
    """
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        count = store.forget(question_id, env.now())
    typer.echo(f"{question_id} is new again; {count} answer(s) kept in its history as undone")


def doctor(
    restore: Annotated[
        bool,
        typer.Option("--restore", help="If damaged, restore the latest backup without asking."),
    ] = False,
) -> None:
    """Check the review database and name what is wrong; offer a backup only for lost data.

    Damaged, missing, empty or rolled-back files can be restored (the old file is
    kept beside); locked, unreadable, read-only, full-disk and newer-schema files
    are named with what to do. Exits 0 when healthy (or restored), 1 otherwise.
    Example: quizcli doctor
    """
    from quizcli.store import default_path
    from quizcli.store.doctor import START_AFRESH, diagnose, restore_latest
    from quizcli.ui import review as ui

    path, now = default_path(), env.now()
    found = diagnose(path, now)
    if found.healthy:
        ui.diagnosis(found)
        return
    if not found.damaged:
        raise QuizcliError(f"{found.cause}: {found.problems[0]}")
    ui.damaged(found)
    if found.latest_backup is None:
        raise QuizcliError(
            f"no backup to restore; the damaged file {path} is left untouched; {START_AFRESH}"
        )
    if not (restore or _confirm_restore(found)):
        raise QuizcliError(
            "nothing changed; to put the latest backup in place (keeping the damaged file) run: "
            "quizcli doctor --restore"
        )
    ui.restored(*restore_latest(path, now))


def _confirm_restore(found: Diagnosis) -> bool:
    """Ask only a person at a terminal; piped or closed stdin means no."""
    if not sys.stdin.isatty():
        return False
    latest = found.latest_backup
    question = f"Restore {latest.path if latest else ''}? The damaged file is kept"
    return typer.confirm(question, default=False)


def orphans(
    ctx: typer.Context,
    delete: Annotated[
        bool, typer.Option("--delete", help="Delete their history (a backup is made first).")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """List history of ids no loaded bank has any more; --delete removes it.

    Pass the same --bank options you study with, or their questions count as orphans.
    Example: quizcli orphans --delete
    """
    from quizcli.store import open_store
    from quizcli.ui import review as ui

    bank = load(ctx, strict=True)  # a skipped bank would make its questions orphans
    with open_store() as store:
        found = store.orphans(bank.ids())
        if delete and found:
            store.backup_now(env.now())
            store.delete_history(found)
    if as_json:
        import json

        typer.echo(json.dumps({"orphans": found, "deleted": delete and bool(found)}, indent=2))
        return
    ui.orphans(found, deleted=delete)


def _plan_from_today(store: Store) -> None:
    """A new interview date starts a new plan: its review-only days count from today."""
    from quizcli.srs import study_day

    now = env.now()
    store.set_setting("interview_planned_on", study_day(now).isoformat())


def config(
    key: Annotated[
        str | None,
        typer.Argument(
            help="new_per_day, desired_retention, fuzz, interview_date, exam_retention, "
            "max_answers_per_day, or trust_bank PATH."
        ),
    ] = None,
    value: Annotated[str | None, typer.Argument(help="The new value.")] = None,
    as_json: AsJson = False,
) -> None:
    """Show or change settings. Example: quizcli config new_per_day 20

    `quizcli config trust_bank PATH` lets the code questions of the bank at PATH run
    their reference and cases (Python code): read them first.
    """
    if key == "trust_bank":
        _trust_bank(value)
        return
    from quizcli.store import open_store
    from quizcli.store.settings import USER_KEYS, check_key
    from quizcli.ui import review as ui

    if key is not None:
        check_key(key)
    with open_store() as store:
        if key is not None and value is not None:
            if key == "interview_date":
                _refuse_a_past_date(value)
            store.set_setting(key, value)
            if key == "interview_date":
                _plan_from_today(store)
        current = {name: getattr(store.settings(), name) for name in USER_KEYS}
    if as_json:
        import json

        typer.echo(json.dumps(current, indent=2, default=str))
        return
    if key is None:
        ui.settings(current)
        return
    ui.setting(key, current[key])


def _refuse_a_past_date(value: str) -> None:
    from quizcli.srs import study_day
    from quizcli.store.settings import parse

    day, today = parse("interview_date", value), study_day(env.now())
    if isinstance(day, date) and day < today:
        raise UsageError(
            f"interview_date {day} is in the past (today is {today}); give a later date, or none"
        )


def _trust_bank(value: str | None) -> None:
    from pathlib import Path

    from quizcli.kinds.trust import trust, trusted_paths

    if value is None:
        for path in trusted_paths():
            typer.echo(str(path))
        return
    typer.echo(f"trusted: {trust(Path(value))}")
