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
from quizcli.plans import Today
from quizcli.session import HINT, MAX_STALLED, SHOW, UNDO, Summary
from quizcli.srs import Outcome, Rating, format_interval
from quizcli.ui import browse, cut_plainly, err, frame, out
from quizcli.ui import label as shared_label
from quizcli.ui.browse import Prose
from quizcli.verdict import Verdict

LABELS = {
    "progress": ("Question {n} of {total}", "第 {n} 题，共 {total} 题"),
    "answer": (
        "answer (? hint, ! show answer, u undo)> ",
        "作答（? 提示，! 看答案，u 撤销）> ",
    ),
    "answer_concept": (
        "your answer, or Enter to see the reference (? hint, u undo)> ",
        "写下你的答案，或直接回车查看参考答案（? 提示，u 撤销）> ",
    ),
    "answer_derivation": (
        "formula (? hint, ! show answer, u undo; end with \\ for a next step)> ",
        "公式（? 提示，! 看答案，u 撤销；行末加 \\ 可续写下一步）> ",
    ),
    "answer_code": (
        "path of your file, or e to edit (? hint, ! show answer, u undo)> ",
        "你的代码文件路径，或输入 e 编辑（? 提示，! 看答案，u 撤销）> ",
    ),
    "why_key": (
        "✓ points your answer seems to mention (a hint, not a grade); w: full explanation",
        "✓ 你的答案似乎提到的要点（仅供参考，不是评分）；w：完整解析",
    ),
    "workspace": ("Your file: {path}", "你的文件：{path}"),
    "more": ("... next step> ", "……下一步> "),
    "retry": ("try again (? hint, Enter to show the answer)> ", "再试一次（? 提示，回车看答案）> "),
    "rating": ("rating> ", "评分> "),
    "hint": ("Hint {n}/{total}", "提示 {n}/{total}"),
    "no_more_hints": ("No more hints.", "没有更多提示了。"),
    "keys": (
        "Rate 1-4; Enter takes the proposal; u undo, s suspend, b bury till tomorrow",
        "评分 1-4；回车接受建议；u 撤销，s 暂停，b 搁置到明天",
    ),
    "rating_help": (
        "Type 1-4 (again, hard, good, easy), w for the explanation, u to undo, s to suspend,"
        " b to bury.",
        "请输入 1-4（again、hard、good、easy），w 看解析，u 撤销，s 暂停，b 搁置。",
    ),
    "accept": ("Enter = {rating}", "回车 = {rating}"),
    "nothing_to_undo": ("Nothing to undo in this session.", "本次练习中没有可撤销的作答。"),
    "undone": ("Took back the answer to {id}; asking it again.", "已撤销 {id} 的作答，重新提问。"),
    "suspended": (
        "Suspended {id}; `quizcli unsuspend {id}` brings it back.",
        "已暂停 {id}；用 `quizcli unsuspend {id}` 恢复。",
    ),
    "buried": ("Buried {id} until tomorrow.", "已把 {id} 搁置到明天。"),
    "leech": (
        "{id} has been forgotten {lapses} times: it is now a leech and suspended. "
        "Rewrite it in your own words, then `quizcli unsuspend {id}`.",
        "{id} 已遗忘 {lapses} 次，被标记为难点并暂停。"
        "请用自己的话重写要点，然后 `quizcli unsuspend {id}`。",
    ),
    "leech_tagged": (
        "{id} has been forgotten {lapses} times: it is now tagged a leech (still asked). "
        "Rewrite it in your own words.",
        "{id} 已遗忘 {lapses} 次，已标记为难点（仍会出现）。请用自己的话重写要点。",
    ),
    "leech_again": (
        "{id} has now been forgotten {lapses} times; `quizcli suspend {id}` if it is not "
        "worth it, or rewrite it in your own words.",
        "{id} 已遗忘 {lapses} 次；如果不值得继续，可 `quizcli suspend {id}`，或用自己的话重写。",
    ),
    "confirm": (
        "Your answer was graded wrong; keep that rating? (y/N)> ",
        "你的答案被判为错误；确定使用这个评分吗？(y/N)> ",
    ),
    "rated_despite_wrong": (
        "Rated {rating} although the answer was graded wrong.",
        "答案被判为错误，但评分为 {rating}。",
    ),
    "time_left": ("{time} left", "剩余 {time}"),
    "out_of_time": ("Time is up.", "时间到。"),
    "nothing_due": (
        "Nothing to study now: no question is due and today's new questions are done.",
        "现在没有要学习的题目：没有到期的复习，今天的新题也已学完。",
    ),
    "nothing_to_drill": (
        "Nothing to drill: no question matches (see `quizcli history ID`).",
        "没有可练习的题目：没有符合条件的题（可查看 `quizcli history ID`）。",
    ),
    "debrief": ("Missed, with the reference", "答错的题目与参考答案"),
    "your_answer": ("Your answer: {answer}", "你的答案：{answer}"),
    "no_answer": ("Your answer: (none, the answer was shown)", "你的答案：（无，直接查看了答案）"),
    "drill_misses": ("Drill them again: {command}", "再练一遍：{command}"),
    "summary": (
        "Answered {n}, right {right}, in {time}.",
        "共作答 {n} 题，答对 {right} 题，用时 {time}。",
    ),
    "due_now": (
        "{count} still due now: run quizcli again to go on.",
        "还有 {count} 题现在就到期：再运行 quizcli 继续。",
    ),
    "later_today": (
        "{count} more fall due later today, the next at {time} (in {when}).",
        "今天稍后还有 {count} 题到期，下一题在 {time}（{when} 后）。",
    ),
    "next_due": (
        "Done for today; next due in {when}; {count} due by the end of tomorrow.",
        "今天已完成；下一题 {when} 后到期；到明天结束前共有 {count} 题到期。",
    ),
    "plan_exam": (
        "{days} to the interview ({date}). Today: {new} new ({unseen} not yet seen, "
        "spread over {new_days} before the review-only days) and {due} due.",
        "距面试还有 {days} 天（{date}）。今天：{new} 道新题（尚有 {unseen} 题未见，"
        "分摊到复习期之前的 {new_days} 天）和 {due} 道到期复习。",
    ),
    "plan_review_only": (
        "{days} to the interview ({date}): review only from now on; {due} due today.",
        "距面试还有 {days} 天（{date}）：从现在起只复习；今天 {due} 道到期。",
    ),
    "plan_today": (
        "The interview is today ({date}): good luck. From tomorrow plain FSRS again "
        "(`quizcli config interview_date none`).",
        "今天就是面试日（{date}）：祝顺利。明天起恢复普通 FSRS 排期"
        "（`quizcli config interview_date none`）。",
    ),
    "plan_after": (
        "The interview date {date} has passed: plain FSRS again "
        "(`quizcli config interview_date none`).",
        "面试日期 {date} 已过：恢复普通 FSRS 排期（`quizcli config interview_date none`）。",
    ),
    "plan_load": (
        "Today's plan holds about {answers} answers, more than max_answers_per_day "
        "({limit}): split it into sittings, or narrow it with --topic or --new N.",
        "今天的计划约需作答 {answers} 次，超过 max_answers_per_day（{limit}）："
        "可以分几次完成，或用 --topic、--new N 缩小范围。",
    ),
    "none_due": ("Nothing scheduled yet.", "暂无排期。"),
    "new_left": (
        "{count} new question(s) planned for today not asked yet: run quizcli again to go on.",
        "今天计划的新题还有 {count} 道没问到：再运行 quizcli 继续。",
    ),
    "interrupted": ("Interrupted; every answer above is saved.", "已中断；以上作答均已保存。"),
    "stalled_rating": (
        "Stopped: {count} lines in a row were not a rating; type 1-4, or an empty line for the"
        " proposal. Every answer above is saved.",
        "已停止：连续 {count} 行都不是评分；请输入 1-4，或输入空行接受建议。以上作答均已保存。",
    ),
    "stalled_answer": (
        "Stopped: {count} lines in a row led nowhere (no hint left, nothing to undo); type an"
        " answer, or ! to see it. Every answer above is saved.",
        "已停止：连续 {count} 行都无法处理（没有更多提示或没有可撤销的作答）；请输入答案，"
        "或输入 ! 查看答案。以上作答均已保存。",
    ),
    "stalled_more": (
        "Stopped: {count} empty steps in a row; end a line with \\ only to add a step."
        " Every answer above is saved.",
        "已停止：连续 {count} 个空步骤；只有要续写下一步时才在行末加 \\。以上作答均已保存。",
    ),
    "score": ("Score by topic", "各主题得分"),
    "topic": ("topic", "主题"),
    "right": ("right", "答对"),
}
RATING_NAMES = {
    Rating.AGAIN: ("Again", "重来"),
    Rating.HARD: ("Hard", "困难"),
    Rating.GOOD: ("Good", "良好"),
    Rating.EASY: ("Easy", "简单"),
}


def label(key: str, lang: str, **values: object) -> str:
    return shared_label(LABELS, key, lang, **values)


def rating_name(rating: Rating, lang: str) -> str:
    en, zh = RATING_NAMES[rating]
    return zh if lang == "zh" else en


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
        key = specific if prompt == "answer" and specific in LABELS else prompt
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
            out().print(exc.message, style="yellow")

    def ratings(self, outcomes: dict[Rating, Outcome] | None, proposed: Rating | None) -> None:
        """The four keys, each with the interval it gives in a review; the proposal reversed."""
        line = RichText()
        for rating in Rating:
            line.append(f" {int(rating)} ", style="bold reverse" if rating == proposed else "bold")
            line.append(f" {rating_name(rating, self.lang)}")
            if outcomes is not None:
                line.append(f" {outcomes[rating].label}", style="cyan")
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
    when = format_interval(max(ahead.next_at - now, timedelta()))
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
    if lang == "zh":
        return str(count)
    return "1 day" if count == 1 else f"{count} days"


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
        table.add_row(topic, f"{right}/{total}", f"{100 * right / total:.0f}")
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
