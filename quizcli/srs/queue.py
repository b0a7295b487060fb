"""A session's order of questions, with learning steps taken inside the session.

As in Anki: a card rated Again, or still in (re)learning, comes back when its
step falls due, ahead of the rest; when nothing else is left, a learning card
due within LEARN_AHEAD is shown early. Pure: the caller passes the time, so a
session driven by a pinned clock re-asks without waiting.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from quizcli.srs.card import CardState, Memory

LEARN_AHEAD = timedelta(minutes=20)


class StudyQueue:
    """The planned questions in order, plus learning cards waiting for their step."""

    def __init__(self, planned: Iterable[str], waiting: Iterable[tuple[datetime, str]] = ()):
        self.planned = deque(planned)
        self.waiting = sorted(waiting)

    def __len__(self) -> int:
        return len(self.planned) + len(self.waiting)

    def next(self, now: datetime) -> str | None:
        """The question to ask at `now`, or None when the session is done."""
        if self.waiting and self.waiting[0][0] <= now:
            return self.waiting.pop(0)[1]
        if self.planned:
            return self.planned.popleft()
        if self.waiting and self.waiting[0][0] <= now + LEARN_AHEAD:
            return self.waiting.pop(0)[1]
        return None

    def answered(self, question_id: str, after: CardState | None) -> None:
        """A card left in (re)learning waits for its step; a review card is done for the day."""
        if after is not None and after.phase != "review":
            bisect.insort(self.waiting, (after.due, question_id))

    def ask_first(self, question_id: str) -> None:
        """Ask this question next (after an undo), and drop any step it was waiting for."""
        self.waiting = [(due, qid) for due, qid in self.waiting if qid != question_id]
        self.planned.appendleft(question_id)


@dataclass(frozen=True)
class Outlook:
    """What is left after a session: due now, falling due later today, and when next."""

    due_now: int
    later_today: int
    next_at: datetime | None
    by_tomorrow_end: int


def outlook(memories: Iterable[Memory], now: datetime, day_end: datetime) -> Outlook:
    """Review cards count as due for their whole day, learning steps to the minute,
    as `study` picks them; suspended and never-reviewed questions are left out."""
    due_now = later = soon = 0
    upcoming: list[datetime] = []
    for memory in memories:
        shown = memory.shown_at
        if shown is None:
            continue
        due_today = shown <= (day_end if memory.phase == "review" else now)
        if due_today:
            due_now += 1
        else:
            upcoming.append(shown)
            later += shown < day_end
        soon += shown < day_end + timedelta(days=1)
    return Outlook(due_now, later, min(upcoming, default=None), soon)
