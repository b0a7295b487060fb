"""Commands over review data: stats, history, suspend, unsuspend, bury, doctor, orphans, config.

`history export|import` and `sync` live in quizcli/cli/sync.py.

Each is a thin adapter over the Store; the database is opened only inside the
command, so `quizcli --help` never touches sqlite3 or fsrs.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quizcli import env
from quizcli.cli import complete
from quizcli.cli.common import find_by_id, load, state
from quizcli.errors import QuizcliError, UsageError
from quizcli.messages import has, msg, reason, say

if TYPE_CHECKING:
    from quizcli.store import ReviewRecord, Store
    from quizcli.store.doctor import Diagnosis

QuestionId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The question's id.", autocompletion=complete.question_ids),
]
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
        str,
        typer.Argument(
            metavar="ID",
            help="The question's id, or export / import.",
            autocompletion=complete.history_words,
        ),
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

        history_file(question_id, file, force, state(ctx).lang)
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

    ui.history(question_id, records, card, status, now, state(ctx).lang)


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
    typer.echo(say("flag.suspended", state(ctx).lang, id=question_id))


def unsuspend(ctx: typer.Context, question_id: QuestionId) -> None:
    """Ask a suspended question (or a leech) again. Example: quizcli unsuspend gelu-why-bert-gpt"""
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        store.unsuspend(question_id, env.now())
    typer.echo(say("flag.unsuspended", state(ctx).lang, id=question_id))


def bury(ctx: typer.Context, question_id: QuestionId) -> None:
    """Skip a question until tomorrow's study day (starts 04:00).

    Example: quizcli bury dying-relu
    """
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        until = store.bury(question_id, env.now())
    when = f"{until.astimezone():%Y-%m-%d %H:%M}"
    typer.echo(say("flag.buried", state(ctx).lang, id=question_id, when=when))


def undo(ctx: typer.Context) -> None:
    """Take back the last answer given, from any session; its question is asked again.

    The answer stays in the log, marked as undone. Example: quizcli undo
    """
    from quizcli.store import open_store

    with open_store() as store:
        record = store.undo_latest(env.now())
    if record is None:
        raise QuizcliError(msg("flag.nothing_to_undo"))
    when = f"{record.reviewed_at.astimezone():%Y-%m-%d %H:%M}"
    typer.echo(say("flag.undone", state(ctx).lang, id=record.question_id, when=when))


def forget(ctx: typer.Context, question_id: QuestionId) -> None:
    """Make a question new again; its answers stay in the log (marked undone).

    Example: quizcli forget relu-advantages
    """
    from quizcli.store import open_store

    find_by_id(ctx, question_id)
    with open_store() as store:
        count = store.forget(question_id, env.now())
    typer.echo(say("flag.forgotten", state(ctx).lang, id=question_id, n=count))


def doctor(
    ctx: typer.Context,
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

    lang = state(ctx).lang
    path, now = default_path(), env.now()
    found = diagnose(path, now)
    if found.healthy:
        ui.diagnosis(found, lang)
        return
    if not found.damaged:
        cause = msg(f"dbcause.{found.cause}") if has(f"dbcause.{found.cause}") else found.cause
        raise QuizcliError(msg("doctor.cause_line", cause=cause, problem=found.problems[0]))
    ui.damaged(found, lang)
    if found.latest_backup is None:
        raise QuizcliError(msg("doctor.no_backup_to_restore", path=path, afresh=START_AFRESH))
    if not (restore or _confirm_restore(found, lang)):
        raise QuizcliError(msg("doctor.unchanged"))
    ui.restored(*restore_latest(path, now), lang)


def _confirm_restore(found: Diagnosis, lang: str) -> bool:
    """Ask only a person at a terminal; piped or closed stdin means no."""
    if not sys.stdin.isatty():
        return False
    latest = found.latest_backup
    question = say("doctor.confirm", lang, backup=latest.path if latest else "")
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
    ui.orphans(found, delete, state(ctx).lang)


def _plan_from_today(store: Store) -> None:
    """A new interview date starts a new plan: its review-only days count from today."""
    from quizcli.srs import study_day

    now = env.now()
    store.set_setting("interview_planned_on", study_day(now).isoformat())


def config(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            help="lang, new_per_day, desired_retention, fuzz, interview_date, exam_retention,"
            " max_answers_per_day, leech_action, or trust_bank PATH.",
            autocompletion=complete.setting_names,
        ),
    ] = None,
    value: Annotated[str | None, typer.Argument(help="The new value.")] = None,
    as_json: AsJson = False,
) -> None:
    """Show or change settings. Examples: quizcli config new_per_day 20; quizcli config lang zh

    `lang` (en, zh, or none to follow the locale) is used when neither --lang nor
    QUIZCLI_LANG is given. `quizcli config trust_bank PATH` lets the code questions of the
    bank at PATH run their reference and cases (Python code): read them first.
    """
    if key == "trust_bank":
        _trust_bank(ctx, value)
        return
    from quizcli.store import open_store
    from quizcli.store.settings import LANG, USER_KEYS, check_key
    from quizcli.ui import review as ui

    if key is not None:
        check_key(key)
    if key == LANG:
        _config_lang(ctx, value, as_json)
        return
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

        document = {**current, LANG: env.saved_lang()}
        typer.echo(json.dumps(document, indent=2, default=str))
        return
    lang = state(ctx).lang
    if key is None:
        ui.settings(current, lang)
        ui.setting(LANG, _lang_shown(lang), lang)
        return
    ui.setting(key, current[key], lang)


def _refuse_a_past_date(value: str) -> None:
    from quizcli.srs import study_day
    from quizcli.store.settings import parse

    day, today = parse("interview_date", value), study_day(env.now())
    if isinstance(day, date) and day < today:
        raise UsageError(msg("config.past_date", day=day, today=today))


def _config_lang(ctx: typer.Context, value: str | None, as_json: bool) -> None:
    """Show or keep the language; a change shows the line in the new language already."""
    from quizcli.store.settings import LANG, parse_lang
    from quizcli.ui import review as ui

    lang = state(ctx).lang
    if value is not None:
        chosen = parse_lang(value)
        try:
            env.save_lang(chosen)
        except OSError as exc:
            said = msg("config.cannot_save", path=env.lang_path(), reason=reason(exc))
            raise QuizcliError(said) from None
        if ctx.find_root().params.get("lang") is None and "QUIZCLI_LANG" not in os.environ:
            lang = chosen or env.locale_lang()
    if as_json:
        import json

        typer.echo(json.dumps({LANG: env.saved_lang()}))
        return
    ui.setting(LANG, _lang_shown(lang), lang)


def _lang_shown(lang: str) -> str:
    saved = env.saved_lang()
    return saved if saved else say("config.lang_locale", lang, lang=env.locale_lang())


def _trust_bank(ctx: typer.Context, value: str | None) -> None:
    from pathlib import Path

    from quizcli.kinds.trust import trust, trusted_paths

    if value is None:
        for path in trusted_paths():
            typer.echo(str(path))
        return
    typer.echo(say("config.trusted", state(ctx).lang, path=trust(Path(value))))
