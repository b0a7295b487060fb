"""A study, drill or mock session: pick the questions, ask, grade, record, sum up.

Pure of rich and of the terminal: everything the user sees or types goes through
an `Io` (the CLI passes `quizcli.ui.session.Screen`), so the loop runs the same
on a terminal, through a pipe and in tests. Each answer is committed to the
store before the next question is shown, so an interrupted session loses at
most the question on screen.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from quizcli import env, kinds
from quizcli.bank.model import AnyQuestion, Text
from quizcli.kinds.base import Display
from quizcli.srs import (
    LEECH_LAPSES,
    CardState,
    Outcome,
    Rating,
    day_start,
    outcomes,
    study_day,
)
from quizcli.srs.exam import FINAL_RETENTION
from quizcli.srs.queue import Outlook, StudyQueue, outlook
from quizcli.verdict import Verdict

if TYPE_CHECKING:
    from quizcli.plans import Today
    from quizcli.store import Mode, Store

Command = Literal["undo", "suspend", "bury"]
HINT = "?"
SHOW = "!"
EDIT = "e"
WHY = "w"
UNDO = "u"
STEP = "\\"
COMMANDS: dict[str, Command] = {UNDO: "undo", "s": "suspend", "b": "bury"}
MAX_INVALID = 3
MAX_STALLED = 3
"""Lines in a row that get nowhere at one prompt before a piped session gives up."""
DRILL_TRIES = 3
LEECH_REPEAT = 4


Grader = Callable[[AnyQuestion, str], Verdict]
PLAIN = Display()
"""The display a grader uses when the caller gives none: Unicode readings."""


class Stalled(EOFError):
    """A piped session's input makes no progress at `prompt`: it ends as at end of input."""

    def __init__(self, prompt: str) -> None:
        super().__init__(prompt)
        self.prompt = prompt


class Io(Protocol):
    """What a session needs from the terminal. `read` raises EOFError at end of input."""

    def question(self, question: AnyQuestion, number: int, total: int) -> None: ...
    def read(self, prompt: str) -> str: ...
    def hint(self, text: Text, number: int, total: int) -> None: ...
    def graded(self, grade: Verdict) -> None: ...
    def reveal(self, question: AnyQuestion, answer: str, covered: list[bool] | None) -> None: ...
    def explain(self, question: AnyQuestion) -> None: ...
    def ratings(self, outcomes: dict[Rating, Outcome] | None, proposed: Rating | None) -> None: ...
    def notice(self, key: str, **values: object) -> None: ...
    def edit(self, path: Path) -> None: ...


@dataclass(frozen=True)
class Plan:
    """Which questions to ask and how: scheduled review or practice, tries, limits.

    `waiting` holds learning cards of the chosen questions that fall due later
    today: the session asks them when their step comes (or learns ahead).
    `retention` and `interview` are passed to the scheduler (None: the settings').
    """

    questions: list[AnyQuestion]
    mode: Mode = "review"
    tries: int = 1
    limit: int | None = None
    minutes: float | None = None
    waiting: list[tuple[datetime, AnyQuestion]] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)
    retention: float | None = None
    interview: datetime | None = None
    safe_recall: float = FINAL_RETENTION
    today: Today | None = None


def grade(question: AnyQuestion, answer: str, display: Display = PLAIN) -> Verdict:
    """The verdict on a typed answer, by the question's kind (never a self-rated one)."""
    return kinds.of(question).grade(question, answer, display)


@dataclass
class Attempt:
    """One question being asked: what the user typed and what help they took."""

    question: AnyQuestion
    answer: str = ""
    grade: Verdict | None = None
    hints: int = 0
    wrong: int = 0
    gave_up: bool = False
    covered: list[bool] | None = None

    @property
    def verdict(self) -> str:
        """What the review log keeps: the grader's verdict, `shown` or `self-rated`."""
        if self.gave_up:
            return "shown"
        return self.grade.verdict if self.grade else "self-rated"

    def proposed(self) -> Rating | None:
        """Good when right unaided; each kind of help lowers it; None when only the user knows."""
        if self.verdict in ("shown", "incorrect"):
            return Rating.AGAIN
        if self.verdict == "correct":
            return Rating.HARD if self.hints or self.wrong else Rating.GOOD
        if self.covered:
            return min(_by_coverage(self.covered), Rating.HARD if self.hints else Rating.EASY)
        return Rating.HARD if self.hints else None


def _by_coverage(covered: list[bool]) -> Rating:
    """A self-rated answer's proposal from the share of key points it mentions (a hint)."""
    share = sum(covered) / len(covered)
    return Rating.GOOD if share >= 2 / 3 else (Rating.HARD if share >= 1 / 3 else Rating.AGAIN)


@dataclass(frozen=True)
class Answered:
    """A recorded answer, kept so the summary can count it and `u` can take it back."""

    question: AnyQuestion
    rating: Rating
    verdict: str
    answer: str = ""

    @property
    def right(self) -> bool:
        """Graded answers count when correct; self-rated ones unless rated Again."""
        if self.verdict in ("self-rated", "undecided"):
            return self.rating != Rating.AGAIN
        return self.verdict == "correct"


@dataclass
class Summary:
    """What a session ends with: the answers, the time, and what falls due next."""

    answered: list[Answered] = field(default_factory=list)
    seconds: float = 0.0
    outlook: Outlook | None = None
    interrupted: bool = False
    out_of_time: bool = False
    stalled: str | None = None
    """The prompt at which piped input stopped making sense, if it did."""
    new_left: int = 0
    """Questions never answered that the plan held and the session did not ask."""
    practice: bool = False

    @property
    def right(self) -> int:
        return sum(1 for a in self.answered if a.right)

    def by_topic(self) -> dict[str, tuple[int, int]]:
        """Per topic, in order of first appearance: (right, answered)."""
        scores: dict[str, tuple[int, int]] = {}
        for answer in self.answered:
            right, total = scores.get(answer.question.topic, (0, 0))
            scores[answer.question.topic] = (right + answer.right, total + 1)
        return scores


class Session:
    """Runs a plan against a store through an Io; `run` always returns a Summary."""

    def __init__(self, plan: Plan, store: Store, io: Io, grader: Grader = grade) -> None:
        self.plan = plan
        self.store = store
        self.io = io
        self.grader = grader
        self.id = uuid.uuid4().hex
        self.summary = Summary()
        self.questions = {q.id: q for q in plan.questions}
        self.questions.update((q.id, q) for _due, q in plan.waiting)
        waiting = [(due, q.id) for due, q in plan.waiting]
        self.queue = StudyQueue([q.id for q in plan.questions], waiting)
        self.settings = store.settings()
        self._lines = 0
        self._stalls: tuple[str, int, int] = ("", 0, 0)
        self._asking: str | None = None

    def run(self) -> Summary:
        """Ask until the plan, the limit or the time runs out, or the input ends.

        Ctrl-C ends it too (marked `interrupted`); answers already recorded stay.
        """
        started = time.monotonic()
        try:
            while not self._limit_reached():
                if self._out_of_time(started):
                    self.summary.out_of_time = True
                    break
                question_id = self.queue.next(env.now())
                if question_id is None:
                    break
                self._asking = question_id
                self._turn(self.questions[question_id])
                self._asking = None
        except KeyboardInterrupt:
            self.summary.interrupted = True
        except Stalled as stalled:
            self.summary.stalled = stalled.prompt
        except EOFError:
            pass
        self.summary.seconds = time.monotonic() - started
        self._due_next()
        return self.summary

    def _limit_reached(self) -> bool:
        return self.plan.limit is not None and len(self.summary.answered) >= self.plan.limit

    def _out_of_time(self, started: float) -> bool:
        if self.plan.minutes is None:
            return False
        left = self.plan.minutes * 60 - (time.monotonic() - started)
        if left > 0:
            self.io.notice("time_left", time=_clock(left))
        return left <= 0

    def _due_next(self) -> None:
        """What is due now, later today and next, over every question the session could ask."""
        scope = set(self.plan.scope) | set(self.questions)
        now = env.now()
        day_end = day_start(study_day(now) + timedelta(days=1))
        known = {qid: m for qid, m in self.store.memories().items() if qid in scope}
        self.summary.outlook = outlook(known.values(), now, day_end)
        self.summary.practice = self.plan.mode != "review"
        if not self.summary.practice:
            seen = {qid for qid, m in known.items() if m.shown_at is not None}
            left = {*self.queue.planned, *([self._asking] if self._asking else [])}
            self.summary.new_left = len(left - seen)

    def _turn(self, question: AnyQuestion) -> None:
        """One question, from its panel to its record, or to the command typed instead."""
        answered = len(self.summary.answered)
        total = answered + len(self.queue) + 1
        self.io.question(question, answered + 1, min(total, self.plan.limit or total))
        started = time.monotonic()
        attempt = Attempt(question)
        command = self._answer(attempt)
        if command is None:
            self.io.reveal(question, attempt.answer, attempt.covered)
            now = env.now()
            card = self.store.card(question.id)
            options = self._outcomes(card, question.id, now)
            chosen = self._rating(attempt, options)
            if isinstance(chosen, Rating):
                after = options[chosen].card if options else None
                self._record(attempt, chosen, (card, after), now, time.monotonic() - started)
                return
            command = chosen
        self._command(command, question)

    def _read(self, prompt: str) -> str:
        """One line from the Io, numbered so that `_stall` can tell lines in a row."""
        self._lines += 1
        return self.io.read(prompt)

    def _stall(self, prompt: str) -> None:
        """The line just read at `prompt` got nowhere (not a rating, no hint left, nothing
        to undo). A terminal user reads the notice and types something else; a pipe
        (`yes | quizcli study`) would send the same line for ever, so MAX_STALLED such
        lines in a row end a non-interactive session as the end of its input would."""
        last_prompt, last_line, count = self._stalls
        in_row = last_prompt == prompt and last_line == self._lines - 1
        count = count + 1 if in_row else 1
        self._stalls = (prompt, self._lines, count)
        if count >= MAX_STALLED and not getattr(self.io, "interactive", False):
            raise Stalled(prompt)

    def _answer(self, attempt: Attempt) -> Command | None:
        """Read lines until an answer stands, the user gives up, or a command is typed."""
        invalid = 0
        while True:
            line = self._read_answer(attempt)
            if line == UNDO:
                return "undo"
            question = attempt.question
            kind = kinds.of(question)
            workspace = kind.workspace(question)
            if line == HINT:
                self._hint(attempt)
            elif kind.self_rated:
                attempt.answer = "" if line == SHOW else line
                attempt.covered = kind.coverage(question, line) if attempt.answer else None
                return None
            elif line in ("", SHOW):
                attempt.gave_up = True
                return None
            else:
                if line == EDIT and workspace is not None:
                    self.io.edit(workspace)
                    line = str(workspace)
                verdict = self._grade(attempt, question, line)
                invalid += verdict == "invalid"
                if invalid >= MAX_INVALID:
                    attempt.gave_up = True
                    return None
                if verdict not in ("invalid", "incorrect") or attempt.wrong >= self.plan.tries:
                    return None

    def _read_answer(self, attempt: Attempt) -> str:
        """One answer; a derivation line ending in a backslash continues with another step."""
        line = self._read("retry" if attempt.wrong else "answer").strip()
        while line.endswith(STEP) and kinds.of(attempt.question).steps:
            step = self._read("more").strip()
            if step == STEP:
                self._stall("more")
            line = line.removesuffix(STEP).rstrip() + "\n" + step
        return line

    def _grade(self, attempt: Attempt, question: AnyQuestion, line: str) -> str:
        attempt.answer = line
        attempt.grade = self.grader(question, line)
        self.io.graded(attempt.grade)
        attempt.wrong += attempt.grade.verdict == "incorrect"
        return attempt.grade.verdict

    def _hint(self, attempt: Attempt) -> None:
        hints = attempt.question.hints
        if attempt.hints >= len(hints):
            self.io.notice("no_more_hints")
            self._stall("answer")
            return
        attempt.hints += 1
        self.io.hint(hints[attempt.hints - 1], attempt.hints, len(hints))

    def _outcomes(
        self, card: CardState | None, question_id: str, now: datetime
    ) -> dict[Rating, Outcome] | None:
        """All four next states, computed before the user rates (fuzz is random)."""
        if self.plan.mode != "review":
            return None
        retention = self.plan.retention or self.settings.desired_retention
        return outcomes(
            card,
            question_id,
            now,
            retention=retention,
            fuzz=self.settings.fuzz,
            interview=self.plan.interview,
            safe_recall=self.plan.safe_recall,
        )

    def _rating(self, attempt: Attempt, options: dict[Rating, Outcome] | None) -> Rating | Command:
        proposed = attempt.proposed()
        self.io.ratings(options, proposed)
        explained = False
        while True:
            line = self._read("rating").strip().lower()
            if line == "" and proposed is not None:
                return proposed
            rating = Rating.parse(line)
            if rating is not None and self._confirmed(attempt, rating):
                return rating
            if rating is not None:
                continue
            if line == WHY:
                if explained:
                    self._stall("rating")
                self.io.explain(attempt.question)
                explained = True
                continue
            if line in COMMANDS:
                return COMMANDS[line]
            self.io.notice("rating_help")
            self._stall("rating")

    def _confirmed(self, attempt: Attempt, rating: Rating) -> bool:
        """Good or Easy after a wrong graded answer: asked once on a terminal, noted on a pipe.

        An Io without `interactive` (or with it False) is a pipe: the rating stands.
        """
        if attempt.verdict != "incorrect" or rating < Rating.GOOD:
            return True
        name = rating.name.lower()
        if not getattr(self.io, "interactive", False):
            self.io.notice("rated_despite_wrong", rating=name)
            return True
        return self._read("confirm").strip().lower() in ("y", "yes")

    def _record(
        self,
        attempt: Attempt,
        rating: Rating,
        states: tuple[CardState | None, CardState | None],
        now: datetime,
        seconds: float,
    ) -> None:
        """Commit one answer (before and after states as shown), then flag a new leech."""
        from quizcli.store import ReviewRecord

        question = attempt.question
        review = ReviewRecord(
            question_id=question.id,
            session_id=self.id,
            mode=self.plan.mode,
            rating=rating,
            verdict=attempt.verdict,
            answer=attempt.answer,
            duration_ms=round(seconds * 1000),
            reviewed_at=now,
            before=states[0],
            after=states[1],
        )
        self.store.record(review)
        self.queue.answered(question.id, review.after)
        self.summary.answered.append(Answered(question, rating, attempt.verdict, attempt.answer))
        if review.lapse:
            self._leech(question.id)

    def _leech(self, question_id: str) -> None:
        """Tell the user at the 8th lapse and every 4th after it, as Anki does; a leech is
        suspended, or only tagged (`config leech_action tag`), then stays in the queue."""
        status = self.store.status(question_id)
        if not status.leech or not leech_warning(status.lapses):
            return
        if status.lapses > LEECH_LAPSES:
            self.io.notice("leech_again", id=question_id, lapses=status.lapses)
        elif self.settings.leech_action == "tag":
            if status.suspended:
                self.store.unsuspend(question_id, env.now())
            self.io.notice("leech_tagged", id=question_id, lapses=status.lapses)
        else:
            self.io.notice("leech", id=question_id, lapses=status.lapses)

    def _command(self, command: Command, question: AnyQuestion) -> None:
        now = env.now()
        if command == "suspend":
            self.store.suspend(question.id, now)
            self.io.notice("suspended", id=question.id)
        elif command == "bury":
            self.store.bury(question.id, now)
            self.io.notice("buried", id=question.id)
        else:
            self.queue.ask_first(question.id)
            self._undo(now)

    def _undo(self, now: datetime) -> None:
        """Take back this session's last answer and ask that question again first."""
        if self.store.undo_last(self.id, now) is None:
            self.io.notice("nothing_to_undo")
            self._stall("answer")
            return
        last = self.summary.answered.pop()
        self.queue.ask_first(last.question.id)
        self.io.notice("undone", id=last.question.id)


def leech_warning(lapses: int) -> bool:
    """The 8th lapse makes a leech; the 12th, 16th, ... warn again."""
    return lapses >= LEECH_LAPSES and (lapses - LEECH_LAPSES) % LEECH_REPEAT == 0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
