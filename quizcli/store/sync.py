"""Sync between machines through a folder the user already syncs: one log file per machine.

Each machine (its install id, made once with its database) appends its own
answers and undos to `DIR/<install>.jsonl` and merges every file it finds
there, its own included (so answers lost to an older backup come back). An
answer is known everywhere by its global id, `<install>-<number>`, and never
changes: merging is idempotent and order-independent. A line holds the facts of
an answer (question, rating, time, the phase it was asked in); the card states
of every question a sync touches are rebuilt by replaying FSRS over its merged
answers in time order, with fuzz seeded by each answer's id, so every machine
computes the same states. `history export/import` write and read the same format.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from quizcli.errors import QuizcliError
from quizcli.messages import Message, Pair, msg, reason, say
from quizcli.srs import CardState, Rating, day_start, outcomes, study_day
from quizcli.store import cache
from quizcli.store.records import PHASES, from_ms, state_values
from quizcli.store.settings import Settings

SUFFIX = ".jsonl"
UID = re.compile(r"([0-9A-Za-z]{1,64})-([1-9][0-9]{0,17})")
TAIL_BLOCK = 65_536
WARNINGS_PER_FILE = 5


@dataclass(frozen=True)
class Answer:
    """One answer as a sync file holds it: the facts, never a derived state."""

    uid: str
    question: str
    session: str
    practice: bool
    rating: int | None
    verdict: str
    answer: str
    duration_ms: int
    at_ms: int
    phase: int
    lapse: bool

    @property
    def machine(self) -> str:
        return self.uid.rsplit("-", 1)[0]

    @property
    def number(self) -> int:
        return int(self.uid.rsplit("-", 1)[1])

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "question": self.question,
            "session": self.session,
            "mode": "practice" if self.practice else "review",
            "rating": self.rating,
            "verdict": self.verdict,
            "answer": self.answer,
            "duration_ms": self.duration_ms,
            "at_ms": self.at_ms,
            "phase": PHASES[self.phase],
            "lapse": self.lapse,
        }


@dataclass(frozen=True)
class Undo:
    """An answer taken back (`u` in a session, `undo`, `forget`), by its global id."""

    uid: str
    session: str
    at_ms: int

    def to_json(self) -> dict[str, Any]:
        return {"undo": self.uid, "session": self.session, "at_ms": self.at_ms}


@dataclass
class Log:
    """What the files hold, first occurrence of each id kept, and what was wrong in them."""

    answers: dict[str, Answer] = field(default_factory=dict)
    undos: dict[str, Undo] = field(default_factory=dict)
    in_file: dict[Path, set[str]] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)


@dataclass
class Merged:
    """What one sync or import did."""

    machine: str
    files: int = 0
    answers_in: int = 0
    undos_in: int = 0
    answers_out: int = 0
    undos_out: int = 0
    replayed: int = 0
    warnings: list[Message] = field(default_factory=list)


# --- reading -------------------------------------------------------------------------


def folder_files(folder: Path) -> list[Path]:
    """The log files in a sync folder, or an error naming the folder and the fix."""
    try:
        if not folder.is_dir():
            raise QuizcliError(msg("sync.no_folder", folder=folder))
        return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())
    except OSError as exc:
        raise QuizcliError(
            msg("sync.folder_unreadable", folder=folder, reason=reason(exc))
        ) from None


def read(path: Path, log: Log, required: bool = False) -> None:
    """Add one file's lines to `log`; a bad line is a warning with its file:line, never fatal.

    A file that cannot be read is a warning too, unless `required` (this machine's own
    file, which must be read before anything is appended to it).
    """
    seen = log.in_file.setdefault(path, set())
    before = len(log.warnings)
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if raw.strip():
                    _take(raw, f"{path}:{number}", log, seen)
    except FileNotFoundError:
        return
    except OSError as exc:
        if required:
            raise QuizcliError(msg("sync.unreadable", path=path, reason=reason(exc))) from None
        log.warnings.append(msg("sync.unreadable_skipped", path=path, reason=reason(exc)))
    bad = len(log.warnings) - before
    if bad > WARNINGS_PER_FILE:  # a file that is not quizcli's: say so once, not per line
        del log.warnings[before + WARNINGS_PER_FILE :]
        log.warnings.append(msg("sync.more_bad", path=path, n=bad - WARNINGS_PER_FILE))


def _take(raw: bytes, where: str, log: Log, seen: set[str]) -> None:
    try:
        item = parse(json.loads(raw))
    except ValueError as exc:
        detail: Message | Pair = Pair(str(exc), say("sync.bad_json", "zh"))  # json's words
        if exc.args and isinstance(exc.args[0], Message):
            detail = exc.args[0]
        log.warnings.append(msg("sync.not_an_answer", where=where, detail=detail))
        return
    if isinstance(item, Undo):
        log.undos.setdefault(item.uid, item)
        return
    seen.add(item.uid)
    first = log.answers.setdefault(item.uid, item)
    if first != item:
        log.warnings.append(msg("sync.differs", where=where, uid=item.uid))


def parse(item: object) -> Answer | Undo:
    """One decoded line; ValueError saying what is wrong with it."""
    if not isinstance(item, dict):
        raise ValueError(msg("sync.bad_object"))
    if "undo" in item:
        return Undo(_uid(item.get("undo")), _text(item, "session"), _int(item, "at_ms"))
    mode = item.get("mode")
    if mode not in ("review", "practice"):
        raise ValueError(msg("sync.bad_mode"))
    rating = item.get("rating")
    if not (rating is None or (_is_int(rating) and 1 <= rating <= 4)):
        raise ValueError(msg("sync.bad_rating"))
    if mode == "review" and rating is None:
        raise ValueError(msg("sync.no_rating"))
    if item.get("phase") not in PHASES:
        raise ValueError(msg("sync.bad_phase", phases=", ".join(PHASES)))
    if not isinstance(item.get("lapse"), bool):
        raise ValueError(msg("sync.bad_lapse"))
    duration = _int(item, "duration_ms")
    return Answer(
        uid=_uid(item.get("uid")),
        question=_text(item, "question"),
        session=_text(item, "session"),
        practice=mode == "practice",
        rating=rating,
        verdict=_text(item, "verdict", empty=True),
        answer=_text(item, "answer", empty=True),
        duration_ms=duration,
        at_ms=_int(item, "at_ms"),
        phase=PHASES.index(item["phase"]),
        lapse=item["lapse"],
    )


def _uid(value: object) -> str:
    if not isinstance(value, str) or not UID.fullmatch(value):
        raise ValueError(msg("sync.bad_uid"))
    return value


def _text(item: dict[str, Any], key: str, empty: bool = False) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not (value or empty):
        raise ValueError(msg("sync.bad_text" if empty else "sync.empty_text", key=key))
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int(item: dict[str, Any], key: str) -> int:
    value: Any = item.get(key)
    # From 0 to the last millisecond of the year 9999 (what a datetime can hold).
    if not _is_int(value) or not 0 <= value < 253_402_300_800_000:
        raise ValueError(msg("sync.bad_int", key=key))
    return int(value)


# --- merging into the database ------------------------------------------------------


def merge(db: sqlite3.Connection, log: Log, done: Merged) -> set[int]:
    """Add the answers and undos the database lacks (inside the caller's transaction);
    returns the numbers of the questions they touch."""
    own = machine_id(db)
    installs: dict[str, int] = dict(db.execute("SELECT uid, id FROM installs"))
    fresh = []
    for answer in log.answers.values():
        found = _find(db, installs, own, answer)
        if found is None:
            fresh.append(answer)
        elif found != (answer.question, answer.at_ms):
            done.warnings.append(
                msg(
                    "sync.clash",
                    uid=answer.uid,
                    question=answer.question,
                    here=found[0],
                    machine=answer.machine,
                )
            )
    fresh.sort(key=lambda a: (a.at_ms, a.machine, a.number))
    touched = {_insert(db, installs, own, answer) for answer in fresh}
    done.answers_in = len(fresh)
    for undo in log.undos.values():
        row = _review_of(db, installs, own, undo.uid)
        if row is None:
            done.warnings.append(msg("sync.orphan_undo", uid=undo.uid))
            continue
        review_id, question = row
        cursor = db.execute(
            "INSERT OR IGNORE INTO undos VALUES (?, ?, ?)", (review_id, undo.session, undo.at_ms)
        )
        if cursor.rowcount:
            done.undos_in += 1
            touched.add(question)
    return touched


def machine_id(db: sqlite3.Connection) -> str:
    """This install's id: made once with the database (m004), kept in it and its backups."""
    return str(db.execute("SELECT uid FROM installs WHERE id = 0").fetchone()[0])


def _find(
    db: sqlite3.Connection, installs: dict[str, int], own: str, answer: Answer
) -> tuple[str, int] | None:
    """(question id, time) of the answer holding this global id here, or None."""
    if answer.machine == own:
        row = db.execute(
            "SELECT question_id, reviewed_ms, origin FROM reviews "
            "JOIN questions ON questions.id = reviews.question WHERE reviews.id = ?",
            (answer.number,),
        ).fetchone()
        if row is None:
            return None
        # The number is taken by a merged answer: this one cannot get its own id back.
        return (row[0], row[1]) if row[2] is None else ("a merged answer", -1)
    origin = installs.get(answer.machine)
    if origin is None:
        return None
    row = db.execute(
        "SELECT question_id, reviewed_ms FROM reviews JOIN questions ON "
        "questions.id = reviews.question WHERE origin = ? AND origin_id = ?",
        (origin, answer.number),
    ).fetchone()
    return (row[0], row[1]) if row else None


def _review_of(
    db: sqlite3.Connection, installs: dict[str, int], own: str, uid: str
) -> tuple[int, int] | None:
    """(review id, question number) of a global id here, or None."""
    machine, number = uid.rsplit("-", 1)
    args: tuple[int, ...]
    if machine == own:
        where, args = "id = ? AND origin IS NULL", (int(number),)
    elif machine in installs:
        where, args = "origin = ? AND origin_id = ?", (installs[machine], int(number))
    else:
        return None
    row = db.execute(f"SELECT id, question FROM reviews WHERE {where}", args).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def _insert(db: sqlite3.Connection, installs: dict[str, int], own: str, answer: Answer) -> int:
    """Append one merged answer; its state columns hold a placeholder until the replay."""
    question = _number(db, "questions", "question_id", answer.question)
    session = _number(db, "sessions", "session_id", answer.session)
    if answer.machine == own:  # one of ours, lost to an older backup: its own number back
        rid, origin, origin_id = answer.number, None, None
    else:
        if answer.machine not in installs:
            cursor = db.execute("INSERT INTO installs (uid) VALUES (?)", (answer.machine,))
            installs[answer.machine] = int(cursor.lastrowid or 0)
        rid, origin, origin_id = None, installs[answer.machine], answer.number
    placeholder = (None,) * 6 if answer.practice else (1, 0, None, None, answer.at_ms, None)
    cursor = db.execute(
        "INSERT INTO reviews (id, question, session, practice, rating, verdict, answer, "
        "duration_ms, reviewed_ms, phase, lapse, after_phase, step, stability, difficulty, "
        "due_ms, last_ms, origin, origin_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            *(rid, question, session, int(answer.practice), answer.rating, answer.verdict),
            *(answer.answer, answer.duration_ms, answer.at_ms, answer.phase, int(answer.lapse)),
            *placeholder,
            *(origin, origin_id),
        ),
    )
    db.execute(
        "UPDATE sessions SET first_review = min(coalesce(first_review, ?), ?) WHERE id = ?",
        (cursor.lastrowid, cursor.lastrowid, session),
    )
    return question


def _number(db: sqlite3.Connection, table: str, column: str, key: str) -> int:
    row = db.execute(f"SELECT id FROM {table} WHERE {column} = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    return int(db.execute(f"INSERT INTO {table} ({column}) VALUES (?)", (key,)).lastrowid or 0)


# --- replaying ----------------------------------------------------------------------


def replay(db: sqlite3.Connection, questions: Iterable[int], settings: Settings) -> int:
    """Rebuild the states of these questions (numbers) from their reviews in time order,
    and their cards; returns how many questions. A taken-back review gets its outcome
    from the state before it, as when it was given, and moves nothing."""
    count = 0
    for question in sorted(questions):
        (question_id,) = db.execute(
            "SELECT question_id FROM questions WHERE id = ?", (question,)
        ).fetchone()
        rows = db.execute(
            "SELECT reviews.id, rating, reviewed_ms, installs.uid, "
            f"coalesce(origin_id, reviews.id), reviews.id IN (SELECT review_id FROM undos) "
            f"FROM {cache.BY_QUESTION} JOIN installs ON installs.id = coalesce(reviews.origin, 0) "
            "WHERE question = ? AND practice = 0",
            (question,),
        ).fetchall()
        rows.sort(key=lambda row: (row[2], row[3], row[4]))
        state: CardState | None = None
        for review_id, rating, at_ms, machine, number, undone in rows:
            when = from_ms(at_ms)
            seed = f"{machine}-{number}"
            options = outcomes(state, question_id, when, seed=seed, **_plan(settings, when))
            after = options[Rating(rating)].card
            db.execute(
                "UPDATE reviews SET after_phase = ?, step = ?, stability = ?, difficulty = ?, "
                "due_ms = ?, last_ms = ? WHERE id = ?",
                (*state_values(after, at_ms), review_id),
            )
            if not undone:  # a taken-back answer keeps its outcome but moves nothing
                state = after
        cache.refresh(db, question_id)
        count += 1
    return count


def _plan(settings: Settings, when: datetime) -> dict[str, Any]:
    """The scheduler's settings on the day of an answer, as `study` would have used them."""
    today = study_day(when)
    exam = settings.exam(today)
    active = exam if exam is not None and exam.active(today) else None
    return {
        "retention": active.retention(today, settings.desired_retention)
        if active
        else settings.desired_retention,
        "fuzz": settings.fuzz,
        "interview": day_start(active.day) if active else None,
        "safe_recall": settings.exam_retention,
    }


# --- writing ------------------------------------------------------------------------


ANSWERS = (
    "SELECT installs.uid || '-' || coalesce(origin_id, reviews.id), questions.question_id, "
    "sessions.session_id, practice, rating, verdict, answer, duration_ms, reviewed_ms, phase, "
    "lapse, reviews.question FROM reviews "
    "JOIN questions ON questions.id = reviews.question "
    "JOIN sessions ON sessions.id = reviews.session "
    "JOIN installs ON installs.id = coalesce(reviews.origin, 0)"
)
UNDOS = (
    "SELECT installs.uid || '-' || coalesce(origin_id, reviews.id), undos.session_id, "
    "undone_ms, reviews.question FROM undos JOIN reviews ON reviews.id = undos.review_id "
    "JOIN installs ON installs.id = coalesce(reviews.origin, 0)"
)


def answers(db: sqlite3.Connection, where: str = "") -> Iterable[tuple[Answer, int]]:
    """(answer, question number) rows of the log, in the order they were saved here."""
    for row in db.execute(f"{ANSWERS} {where} ORDER BY reviews.id"):
        uid, question, session, practice, rating, verdict, text, duration, at, phase = row[:10]
        answer = Answer(
            uid,
            question,
            session,
            bool(practice),
            rating,
            verdict,
            text,
            duration,
            at,
            phase,
            bool(row[10]),
        )
        yield answer, int(row[11])


def undos(db: sqlite3.Connection) -> Iterable[tuple[Undo, int]]:
    for uid, session, at, question in db.execute(f"{UNDOS} ORDER BY undos.rowid"):
        yield Undo(uid, session, at), int(question)


def unsent(
    db: sqlite3.Connection, log: Log, own_file: Path
) -> tuple[list[Answer | Undo], set[int]]:
    """This machine's answers its file lacks and undos no file holds, with their questions."""
    have = log.in_file.get(own_file, set())
    lines: list[Answer | Undo] = []
    touched: set[int] = set()
    for answer, question in answers(db, "WHERE reviews.origin IS NULL"):
        if answer.uid not in have:
            lines.append(answer)
            touched.add(question)
    for undo, question in undos(db):
        if undo.uid not in log.undos:
            lines.append(undo)
            touched.add(question)
    return lines, touched


def append(path: Path, lines: list[Answer | Undo]) -> None:
    """Add lines to this machine's file in one write, then fsync it; a partial last line
    left by a killed run is cut off first, so the file only ever holds whole lines."""
    if not lines:
        return
    text = "".join(json.dumps(line.to_json(), ensure_ascii=False) + "\n" for line in lines)
    created = not path.exists()
    try:
        with path.open("r+b" if not created else "wb") as handle:
            handle.truncate(_whole_lines(handle))
            handle.seek(0, os.SEEK_END)
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if created:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise QuizcliError(msg("sync.cannot_write", path=path, reason=reason(exc))) from None


def write_all(db: sqlite3.Connection, target: Path) -> int:
    """The whole log (every machine's answers and every undo) into `target`, atomically:
    a temporary file beside it, fsynced, then renamed. Returns how many answers."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            for answer, _question in answers(db):
                handle.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
                count += 1
            for undo, _question in undos(db):
                handle.write(json.dumps(undo.to_json(), ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise QuizcliError(msg("sync.cannot_write", path=target, reason=reason(exc))) from None
    return count


def _whole_lines(handle: BinaryIO) -> int:
    """Where the last whole line of an open file ends (0 for an empty file)."""
    end = handle.seek(0, os.SEEK_END)
    position = end
    while position > 0:
        start = max(0, position - TAIL_BLOCK)
        handle.seek(start)
        block = handle.read(position - start)
        if position == end and block.endswith(b"\n"):
            return end
        cut = block.rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        position = start
    return 0


def _fsync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
