"""Rendering for the review-data commands: history, doctor, orphans, config."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from quizcli.messages import Message, say, term
from quizcli.srs import CardState, format_interval, retrievability
from quizcli.store import CardStatus, ReviewRecord
from quizcli.store.doctor import Diagnosis
from quizcli.ui import cut_plainly, err, out, plain

COLUMNS = ("when", "mode", "rating", "verdict", "next", "time", "answer")


def history(
    question_id: str,
    records: Sequence[ReviewRecord],
    card: CardState | None,
    status: CardStatus,
    now: datetime,
    lang: str,
) -> None:
    console = out()
    line = plain(_card_line(card, status, now, lang))
    console.print(Text(question_id, style="bold cyan"), Text(line))
    if not records:
        show(console, say("history.no_answers", lang))
        return
    table = Table(box=None, pad_edge=False)
    zone = now.astimezone().tzname() or say("history.local_zone", lang)
    for column in COLUMNS:
        heading = say(f"history.{column}", lang, zone=zone)
        table.add_column(heading, no_wrap=column != "answer")
    for record in records:
        table.add_row(*_history_row(record, lang), style="dim strike" if record.undone else "")
    console.print(cut_plainly(table))
    if any(r.undone for r in records):
        console.print(Text(say("history.undone", lang), style="dim"))


def local(moment: datetime) -> str:
    """A stored UTC time as the user's clock shows it: history is read against memory."""
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _card_line(card: CardState | None, status: CardStatus, now: datetime, lang: str) -> str:
    if card is None:
        parts = [say("card.new", lang)]
    else:
        phase = term("phase", card.phase, lang)
        parts = [say("card.due", lang, phase=phase, when=local(card.due))]
    if card is not None and card.stability is not None:
        parts.append(say("card.recall", lang, pct=f"{retrievability(card, now):.0%}"))
    parts.append(say("card.lapses", lang, n=status.lapses))
    if status.leech:
        parts.append(say("card.leech", lang))
    if status.suspended:
        parts.append(say("card.suspended", lang))
    if status.buried_until and status.buried_until > now:
        parts.append(say("card.buried", lang, when=local(status.buried_until)))
    return " · ".join(parts)


def _history_row(record: ReviewRecord, lang: str) -> tuple[str, ...]:
    rating = say(f"rating.{int(record.rating)}", lang) if record.rating else "-"
    after = "-"
    if record.after:
        after = format_interval(record.after.due - record.reviewed_at, lang)
    answer = " ".join(record.answer.split())
    return (
        local(record.reviewed_at),
        term("mode", record.mode, lang),
        rating,
        term("verdict", record.verdict, lang) if record.verdict else "-",
        after,
        say("unit.seconds", lang, n=f"{record.duration_ms / 1000:.0f}"),
        plain(answer[:60] + ("…" if len(answer) > 60 else "")),
    )


def diagnosis(found: Diagnosis, lang: str) -> None:
    """The healthy report on stdout; a damaged file is reported by the caller on stderr."""
    console = out()
    if not found.exists:
        show(console, say("doctor.no_data", lang, path=found.path))
        return
    show(console, say("doctor.ok", lang, path=found.path))
    show(console, say("doctor.counts", lang, reviews=found.reviews, cards=found.cards))
    if found.cache_fixed:
        show(console, say("doctor.cache_fixed", lang, n=found.cache_fixed))
    show(console, _backups_line(found, lang))


def damaged(found: Diagnosis, lang: str) -> None:
    console = err()
    cause = term("dbcause", found.cause, lang)
    show(console, say("doctor.damaged", lang, path=found.path, cause=cause), "bold red")
    for problem in found.problems[:5]:
        show(console, f"  {problem.text(lang) if isinstance(problem, Message) else problem}")
    if len(found.problems) > 5:
        show(console, say("doctor.more", lang, n=len(found.problems) - 5))
    show(console, _backups_line(found, lang))


def _backups_line(found: Diagnosis, lang: str) -> str:
    latest = found.latest_backup
    if latest is None:
        return say("doctor.no_backups", lang)
    return say(
        "doctor.backups", lang, n=len(found.backups), path=latest.path, reviews=latest.reviews
    )


def restored(backup: Path, kept: Path | None, lang: str) -> None:
    where = say("doctor.kept", lang, kept=kept) if kept else say("doctor.nothing_kept", lang)
    show(out(), say("doctor.restored", lang, backup=backup, where=where))
    show(out(), say("doctor.restored_gap", lang))


def orphans(found: dict[str, int], deleted: bool, lang: str) -> None:
    console = out()
    if not found:
        show(console, say("orphans.none", lang))
        return
    for question_id, count in found.items():
        show(console, say("orphans.row", lang, id=question_id, n=count))
    total = sum(found.values())
    if deleted:
        show(console, say("orphans.deleted", lang, ids=len(found), n=total))
    else:
        show(console, say("orphans.found", lang, ids=len(found), n=total))
        show(console, say("orphans.how", lang))


def settings(values: dict[str, object], lang: str) -> None:
    for key, value in values.items():
        setting(key, value, lang)


def setting(key: str, value: object, lang: str) -> None:
    """`key = value`, the value as `quizcli config KEY VALUE` takes it (on, off, none)."""
    shown = ("on" if value else "off") if isinstance(value, bool) else value
    show(out(), say("config.line", lang, key=key, value="none" if shown is None else shown))


def show(console: Console, line: str, style: str = "") -> None:
    """A plain line: paths and ids may hold brackets, and must not be wrapped mid-path."""
    console.print(line, style=style, markup=False, soft_wrap=True)
