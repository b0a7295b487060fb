"""Rendering for `quizcli stats`: heatmap, retention, forecast, mastery, streak.

Everything is drawn with block characters (or plain ASCII under QUIZCLI_ASCII),
so it reads the same in any terminal and in a pasted log.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from rich.table import Table
from rich.text import Text

from quizcli import env
from quizcli.bank.model import TOPICS
from quizcli.messages import say, term
from quizcli.plans import ReadinessReport
from quizcli.store import Stats, TopicMastery
from quizcli.ui import cut_plainly, out, plain

BLOCKS = " ░▒▓█"
ASCII_BLOCKS = " -+*#"
BARS = "▁▂▃▄▅▆▇█"
ASCII_BARS = "_-=+*#%@"


def label(key: str, lang: str, **values: object) -> str:
    return say(f"stats.{key}", lang, **values)


def dashboard(stats: Stats, lang: str) -> None:
    console = out()
    console.print(Text(label("title", lang, day=stats.today.isoformat()), style="bold"))
    totals = {"total": stats.reviews_total, "today": stats.reviews_today}
    console.print(label("totals", lang, practice=stats.practice_total, **totals))
    console.print(label("streak", lang, n=stats.streak))
    console.print()
    console.print(Text(label("heatmap", lang), style="bold"))
    ascii_only = env.ascii_mode()
    console.print(heatmap(stats.answers_per_day, stats.today, lang, ascii_only))
    console.print()
    console.print(retention_line(stats, lang))
    console.print(forecast_line(stats, lang))
    console.print(Text(sparkline(stats.forecast, ascii_only), style="cyan"))
    console.print()
    console.print(mastery_table(stats.topics, lang, ascii_only))


def heatmap(per_day: dict[date, int], today: date, lang: str, ascii_only: bool = False) -> Text:
    """One column per week (Monday on top), the current week last; darker means more."""
    blocks = ASCII_BLOCKS if ascii_only else BLOCKS
    last_monday = today - timedelta(days=today.weekday())
    first_monday = last_monday - timedelta(weeks=25)
    peak = max(per_day.values(), default=0)
    text = Text()
    names = say("stats.weekdays", "en" if ascii_only else lang).split(",")
    for weekday, name in enumerate(names):
        text.append(name, style="dim")
        for week in range(26):
            day = first_monday + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append(" ")
                continue
            level = _level(per_day.get(day, 0), peak, len(blocks) - 1)
            cell = blocks[level] if level else _none(ascii_only)
            text.append(cell, style="green" if level else "dim")
        text.append("\n")
    text.rstrip()
    return text


def _none(ascii_only: bool) -> str:
    return "." if ascii_only else "·"


def _level(count: int, peak: int, levels: int) -> int:
    return math.ceil(levels * count / peak) if count and peak else 0


def sparkline(counts: list[int], ascii_only: bool = False) -> str:
    bars = ASCII_BARS if ascii_only else BARS
    peak = max(counts, default=0)
    return "".join(
        bars[min(len(bars) - 1, (n * len(bars) - 1) // peak)] if n else _none(ascii_only)
        for n in counts
    )


def retention_line(stats: Stats, lang: str) -> str:
    if stats.retention_30d is None:
        return label("no_retention", lang)
    pct = f"{stats.retention_30d:.1%}"
    return label("retention", lang, pct=pct, n=stats.retention_reviews_30d)


def forecast_line(stats: Stats, lang: str) -> str:
    week, month = sum(stats.forecast[:7]), sum(stats.forecast)
    return label("forecast", lang, today=stats.due_today, week=week, month=month)


def mastery_table(topics: dict[str, TopicMastery], lang: str, ascii_only: bool = False) -> Table:
    table = Table(box=None, pad_edge=False)
    table.add_column(label("topic", lang), style="magenta")
    for key in ("questions", "reviewed", "mastered"):
        table.add_column(label(key, lang), justify="right")
    table.add_column(plain(label("mastery", lang)))
    order = {name: index for index, name in enumerate(TOPICS)}
    for name in sorted(topics, key=lambda t: (order.get(t, len(order)), t)):
        topic = topics[name]
        cells = (str(topic.questions), str(topic.reviewed), str(topic.mastered))
        table.add_row(term("topic", name, lang), *cells, _bar(topic.share, ascii_only))
    return cut_plainly(table)


def _bar(share: float, ascii_only: bool, cells: int = 20) -> Text:
    filled = round(share * cells)
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    bar = Text(full * filled, style="green")
    bar.append(empty * (cells - filled), style="dim")
    bar.append(f" {share:.0%}")
    return bar


def readiness(report: ReadinessReport, lang: str) -> None:
    """Per topic: questions seen of all, and the share expected recalled on the day (or now)."""
    known = report.readiness
    console = out()
    console.print()
    values = {"known": known.expected_known, "total": known.total, "new": report.new_left}
    if report.interview is not None and report.days_left is not None and report.days_left > 0:
        days = report.days_left
        shown = say("days.one", lang) if days == 1 else say("days.many", lang, n=days)
        date_values = {"days": shown, "date": report.interview.isoformat()}
        console.print(label("interview", lang, **values, **date_values), style="bold")
        heading = label("recall_on_day", lang)
    else:
        console.print(label("no_interview", lang, **values), style="bold")
        heading = label("recall", lang)
    table = Table(box=None, pad_edge=False)
    table.add_column(label("topic", lang), style="magenta")
    table.add_column(label("seen", lang), justify="right")
    table.add_column(plain(heading))
    order = {name: index for index, name in enumerate(TOPICS)}
    ascii_only = env.ascii_mode()
    for name in sorted(known.topics, key=lambda t: (order.get(t, len(order)), t)):
        row = known.topics[name]
        table.add_row(
            term("topic", name, lang),
            f"{row.seen}/{row.total}",
            _bar(row.predicted_recall, ascii_only),
        )
    console.print(cut_plainly(table))
