"""Rendering for the review-data commands: history, doctor, orphans, config."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from quizcli.srs import CardState, format_interval, retrievability
from quizcli.store import CardStatus, ReviewRecord
from quizcli.store.doctor import Diagnosis
from quizcli.ui import cut_plainly, err, out, plain


def history(
    question_id: str,
    records: Sequence[ReviewRecord],
    card: CardState | None,
    status: CardStatus,
    now: datetime,
) -> None:
    console = out()
    console.print(Text(question_id, style="bold cyan"), Text(plain(_card_line(card, status, now))))
    if not records:
        say(console, "no answers recorded yet")
        return
    table = Table(box=None, pad_edge=False)
    zone = now.astimezone().tzname() or "local"
    for column in (f"when ({zone})", "mode", "rating", "verdict", "next", "time", "answer"):
        table.add_column(column, no_wrap=column != "answer")
    for record in records:
        table.add_row(*_history_row(record), style="dim strike" if record.undone else "")
    console.print(cut_plainly(table))
    if any(r.undone for r in records):
        console.print(Text("struck-through answers were undone", style="dim"))


def local(moment: datetime) -> str:
    """A stored UTC time as the user's clock shows it: history is read against memory."""
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _card_line(card: CardState | None, status: CardStatus, now: datetime) -> str:
    parts = ["new" if card is None else f"{card.phase}, due {local(card.due)}"]
    if card is not None and card.stability is not None:
        parts.append(f"recall today {retrievability(card, now):.0%}")
    parts.append(f"{status.lapses} lapse(s)")
    if status.leech:
        parts.append("leech")
    if status.suspended:
        parts.append("suspended")
    if status.buried_until and status.buried_until > now:
        parts.append(f"buried until {local(status.buried_until)}")
    return " · ".join(parts)


def _history_row(record: ReviewRecord) -> tuple[str, ...]:
    rating = record.rating.name.lower() if record.rating else "-"
    after = format_interval(record.after.due - record.reviewed_at) if record.after else "-"
    answer = " ".join(record.answer.split())
    return (
        local(record.reviewed_at),
        record.mode,
        rating,
        record.verdict or "-",
        after,
        f"{record.duration_ms / 1000:.0f}s",
        plain(answer[:60] + ("…" if len(answer) > 60 else "")),
    )


def diagnosis(found: Diagnosis) -> None:
    """The healthy report on stdout; a damaged file is reported by the caller on stderr."""
    console = out()
    if not found.exists:
        say(console, f"ok: no review data yet ({found.path} will be created on first use)")
        return
    say(console, f"ok: {found.path} passed the integrity check")
    say(console, f"{found.reviews} answers, {found.cards} questions with history")
    if found.cache_fixed:
        fixed = found.cache_fixed
        say(console, f"rebuilt {fixed} card(s) whose cached state disagreed with the log")
    say(console, _backups_line(found))


def damaged(found: Diagnosis) -> None:
    console = err()
    say(console, f"the review database {found.path} is {found.cause}:", "bold red")
    for problem in found.problems[:5]:
        say(console, f"  {problem}")
    if len(found.problems) > 5:
        say(console, f"  ... and {len(found.problems) - 5} more")
    say(console, _backups_line(found))


def _backups_line(found: Diagnosis) -> str:
    latest = found.latest_backup
    if latest is None:
        return "no backups yet"
    return f"{len(found.backups)} backup(s); latest {latest.path} ({latest.reviews} answers)"


def restored(backup: Path, kept: Path | None) -> None:
    where = f"the damaged file was kept as {kept}" if kept else "there was no file to keep"
    say(out(), f"restored {backup}; {where}")
    say(out(), "answers given after that backup was made are not in the restored file")


def orphans(found: dict[str, int], deleted: bool) -> None:
    console = out()
    if not found:
        say(console, "no orphans: every id with history is in a loaded bank")
        return
    for question_id, count in found.items():
        say(console, f"{question_id}  {count} answer(s)")
    total = sum(found.values())
    if deleted:
        say(console, f"deleted the history of {len(found)} id(s), {total} answer(s)")
    else:
        ids = len(found)
        say(console, f"{ids} id(s) with history are in no loaded bank ({total} answer(s))")
        say(console, "quizcli orphans --delete removes them (after a backup)")


def settings(values: dict[str, object]) -> None:
    for key, value in values.items():
        setting(key, value)


def setting(key: str, value: object) -> None:
    shown = ("on" if value else "off") if isinstance(value, bool) else value
    say(out(), f"{key} = {'none' if shown is None else shown}")


def say(console: Console, line: str, style: str = "") -> None:
    """A plain line: paths and ids may hold brackets, and must not be wrapped mid-path."""
    console.print(line, style=style, markup=False, soft_wrap=True)
