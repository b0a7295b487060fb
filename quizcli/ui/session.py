"""The terminal side of a session: question panels, verdicts, rating keys, summaries.

`Screen` is the session's Io. Questions are drawn by `ui.browse.question_panel`,
so a question looks the same in `show` and in `study`. Input is a plain
`input()`: on a terminal, stdlib readline gives it line editing and answer
history; through a pipe it reads one line per answer and one per rating.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType

from rich import box
from rich.text import Text as RichText

from quizcli import env, kinds
from quizcli.bank.model import AnyQuestion, Text
from quizcli.kinds.base import Formula
from quizcli.messages import has, say, term
from quizcli.plans import Today
from quizcli.session import HINT, MAX_STALLED, SHOW, UNDO, Summary
from quizcli.srs import Outcome, Rating, format_interval
from quizcli.ui import browse, cut_plainly, err, frame, out
from quizcli.ui.browse import Prose
from quizcli.verdict import Verdict


def label(key: str, lang: str, **values: object) -> str:
    return say(f"session.{key}", lang, **values)


def rating_name(rating: Rating, lang: str) -> str:
    return say(f"rating.{int(rating)}", lang)


class Screen:
    """The session's Io on stdout/stdin, in one language.

    `formula` pretty-prints a derivation's reference when it is revealed. On a
    terminal with readline, typed answers (not ratings) go into a history kept in
    the data dir, so the arrow keys bring back earlier attempts, across sessions too.
    """

    def __init__(self, lang: str, formula: Formula | None = None) -> None:
        self.lang = lang
        self.formula = formula
        self._kind = ""
        self._workspace: Path | None = None
        self._keys_shown = False
        self.interactive = sys.stdin.isatty()
        self._history = _History.start() if self.interactive else None

    def close(self) -> None:
        if self._history is not None:
            self._history.save()

    def question(self, question: AnyQuestion, number: int, total: int) -> None:
        self._kind = question.type
        self._workspace = kinds.of(question).workspace(question)
        out().print()
        out().print(label("progress", self.lang, n=number, total=total), style="bold")
        browse.question_panel(question, self.lang, show_answer=False)
        if self._workspace is not None:
            out().print(label("workspace", self.lang, path=self._workspace), soft_wrap=True)

    def read(self, prompt: str) -> str:
        specific = f"answer_{self._kind}"
        key = specific if prompt == "answer" and has(f"session.{specific}") else prompt
        out().file.flush()
        line = input(label(key, self.lang))
        if self._history is not None and prompt not in ("rating", "confirm"):
            self._history.add(line)
        return line

    def hint(self, text: Text, number: int, total: int) -> None:
        out().print(label("hint", self.lang, n=number, total=total), style="bold yellow")
        out().print(Prose(text.get(self.lang)))

    def graded(self, grade: Verdict) -> None:
        """Any kind's verdict, as `quizcli check` shows it."""
        from quizcli.ui import check

        check.verdict(grade, self.lang)

    def reveal(self, question: AnyQuestion, answer: str, covered: list[bool] | None) -> None:
        """The answer; a typed concept answer side by side with the key points first."""
        if covered is None:
            browse.answer_panel(question, self.lang, self.formula)
            return
        browse.compare_panel(question, self.lang, answer, covered)
        out().print(label("why_key", self.lang), style="dim")

    def explain(self, question: AnyQuestion) -> None:
        browse.answer_panel(question, self.lang, self.formula)

    def edit(self, path: Path) -> None:
        """Open the user's editor on `path` and wait for it to close."""
        from quizcli.errors import QuizcliError
        from quizcli.ui.editor import open_editor

        try:
            open_editor(path, self.lang)
        except QuizcliError as exc:
            out().print(exc.text(self.lang), style="yellow")

    def ratings(self, outcomes: dict[Rating, Outcome] | None, proposed: Rating | None) -> None:
        """The four keys, each with the interval it gives in a review; the proposal reversed."""
        line = RichText()
        for rating in Rating:
            line.append(f" {int(rating)} ", style="bold reverse" if rating == proposed else "bold")
            line.append(f" {rating_name(rating, self.lang)}")
            if outcomes is not None:
                interval = format_interval(outcomes[rating].interval, self.lang)
                line.append(f" {interval}", style="cyan")
            line.append("   ")
        if proposed is not None:
            line.append(label("accept", self.lang, rating=rating_name(proposed, self.lang)))
        out().print(line)
        if not self._keys_shown:
            out().print(label("keys", self.lang), style="dim")
            self._keys_shown = True

    def notice(self, key: str, **values: object) -> None:
        out().print(label(key, self.lang, **values), style="yellow")


def summary(result: Summary, lang: str, now: datetime, show_topics: bool = False) -> None:
    """The closing lines: counts, time, per-topic score (mock), what falls due next."""
    console = out()
    console.print()
    for flag in ("interrupted", "out_of_time"):
        if getattr(result, flag):
            console.print(label(flag, lang), style="yellow")
    spent = str(timedelta(seconds=round(result.seconds)))
    counts = label("summary", lang, n=len(result.answered), right=result.right, time=spent)
    console.print(counts, style="bold")
    if show_topics and result.answered:
        _scores(result, lang)
    ahead = result.outlook
    if ahead is None:
        return
    if ahead.due_now:
        console.print(label("due_now", lang, count=ahead.due_now), style="dim")
    if result.new_left:
        console.print(label("new_left", lang, count=result.new_left), style="dim")
    if ahead.next_at is None:
        # A drill schedules nothing: "nothing scheduled" would read as if it had failed to.
        if not (ahead.due_now or result.new_left or result.practice):
            console.print(label("none_due", lang), style="dim")
        return
    when = format_interval(max(ahead.next_at - now, timedelta()), lang)
    if ahead.later_today:
        time = f"{ahead.next_at.astimezone():%H:%M}"
        console.print(label("later_today", lang, count=ahead.later_today, time=time, when=when))
    elif not (ahead.due_now or result.new_left):
        console.print(label("next_due", lang, when=when, count=ahead.by_tomorrow_end), style="dim")


def stalled(result: Summary, lang: str) -> None:
    """Why a piped session stopped early, and what its input should say, on stderr."""
    if result.stalled is not None:
        why = label(f"stalled_{result.stalled}", lang, count=MAX_STALLED)
        err().print(why, style="yellow", markup=False, soft_wrap=True)


def debrief(result: Summary, lang: str, formula: Formula | None = None) -> None:
    """After a mock: each missed question, what was typed, the reference; then how to drill them."""
    missed = [a for a in result.answered if not a.right]
    if not missed:
        return
    console = out()
    console.print()
    console.print(label("debrief", lang), style="bold")
    for answer in missed:
        console.print()
        browse.question_panel(answer.question, lang, show_answer=False)
        line = label("your_answer", lang, answer=answer.answer) if answer.answer else None
        console.print(line or label("no_answer", lang), style="yellow", markup=False)
        browse.answer_panel(answer.question, lang, formula)
    ids = " ".join(dict.fromkeys(a.question.id for a in missed))
    console.print(label("drill_misses", lang, command=f"quizcli drill {ids}"), style="bold")


def _days(count: int, lang: str) -> str:
    return say("days.one", lang) if count == 1 else say("days.many", lang, n=count)


def plan_lines(today: Today, lang: str) -> None:
    """study's opening line with a date, and a warning when the day holds too much."""
    console = out()
    if today.interview is not None and today.days_left is not None:
        days = _days(today.days_left, lang)
        values = {"days": days, "date": today.interview.isoformat(), "due": today.due}
        if today.days_left == 0:
            console.print(label("plan_today", lang, **values), style="dim")
        elif today.days_left < 0:
            console.print(label("plan_after", lang, **values), style="dim")
        elif today.new_days_left:
            new_days = _days(today.new_days_left, lang)
            extra = {"new": today.new, "unseen": today.unseen, "new_days": new_days}
            console.print(label("plan_exam", lang, **values, **extra))
        else:
            console.print(label("plan_review_only", lang, **values))
    if today.answers > today.max_answers:
        warning = label("plan_load", lang, answers=today.answers, limit=today.max_answers)
        console.print(warning, style="yellow")


def _scores(result: Summary, lang: str) -> None:
    from rich.table import Table

    table = Table(title=label("score", lang), title_justify="left", box=frame(box.HEAVY_HEAD))
    table.add_column(label("topic", lang))
    table.add_column(label("right", lang), justify="right")
    table.add_column("%", justify="right")
    for topic, (right, total) in result.by_topic().items():
        table.add_row(term("topic", topic, lang), f"{right}/{total}", f"{100 * right / total:.0f}")
    out().print(cut_plainly(table))


class _History:
    """stdlib readline with its automatic history off, so only answers are remembered."""

    def __init__(self, readline: ModuleType) -> None:
        self.readline = readline
        self.path = env.data_dir() / "answer_history"
        readline.set_auto_history(False)
        with contextlib.suppress(OSError):
            readline.read_history_file(self.path)

    @classmethod
    def start(cls) -> _History | None:
        """None where Python has no readline (Windows): answers are still read, without history."""
        try:
            import readline
        except ImportError:
            return None
        return cls(readline)

    def add(self, line: str) -> None:
        if line.strip() not in ("", HINT, SHOW, UNDO):
            self.readline.add_history(line)

    def save(self) -> None:
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.readline.set_history_length(1000)
            self.readline.write_history_file(self.path)
