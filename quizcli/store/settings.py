"""The user's settings kept in the database, so every terminal and session agrees on them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from quizcli.errors import UsageError
from quizcli.srs import DEFAULT_RETENTION
from quizcli.srs.exam import FINAL_RETENTION, Exam


@dataclass(frozen=True)
class Settings:
    """new_per_day: new questions per study day; retention: FSRS desired retention;
    fuzz: spread review intervals a little so cards learnt together drift apart;
    interview_date: the day to be ready by (None: no date); interview_planned_on: the
    study day that date was set (kept by `config`, it anchors the review-only days);
    exam_retention: desired retention in the interview's final week;
    max_answers_per_day: `study` warns when a day's plan holds more;
    leech_action: what the 8th lapse does to a question, suspend or tag."""

    new_per_day: int = 10
    desired_retention: float = DEFAULT_RETENTION
    fuzz: bool = True
    interview_date: date | None = None
    interview_planned_on: date | None = None
    exam_retention: float = FINAL_RETENTION
    max_answers_per_day: int = 200
    leech_action: str = "suspend"

    def exam(self, today: date) -> Exam | None:
        """The interview these settings name, planned from the day the date was set."""
        if self.interview_date is None:
            return None
        start = self.interview_planned_on or today
        return Exam(self.interview_date, min(start, today), self.exam_retention)


def _new_per_day(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 1000:
        raise ValueError("must be between 0 and 1000")
    return value


def _retention(text: str) -> float:
    value = float(text)
    if not 0.7 <= value <= 0.99:
        raise ValueError("must be between 0.70 and 0.99")
    return value


def _flag(text: str) -> bool:
    word = text.strip().lower()
    if word not in ("on", "off", "true", "false", "1", "0", "yes", "no"):
        raise ValueError("must be on or off")
    return word in ("on", "true", "1", "yes")


def _day(text: str) -> date | None:
    if text.strip().lower() in ("", "none", "off"):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("must be a date YYYY-MM-DD, or none") from None


def _answers(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100_000:
        raise ValueError("must be between 1 and 100000")
    return value


def _leech_action(text: str) -> str:
    word = text.strip().lower()
    if word not in ("suspend", "tag"):
        raise ValueError("must be suspend or tag")
    return word


PARSERS: dict[str, Callable[[str], object]] = {
    "new_per_day": _new_per_day,
    "desired_retention": _retention,
    "fuzz": _flag,
    "interview_date": _day,
    "interview_planned_on": _day,
    "exam_retention": _retention,
    "max_answers_per_day": _answers,
    "leech_action": _leech_action,
}


# Kept by quizcli itself: setting it by hand would silently change the plan.
INTERNAL = frozenset({"interview_planned_on"})
USER_KEYS = [key for key in PARSERS if key not in INTERNAL]


def check_key(key: str) -> None:
    """A key the user may read and set; internal state is neither."""
    if key not in USER_KEYS:
        raise UsageError(f"unknown setting {key!r}; settings are: {', '.join(USER_KEYS)}")


def parse(key: str, text: str) -> object:
    """The typed value of one setting, or a UsageError naming the key and what it accepts."""
    if key not in PARSERS:
        check_key(key)
    try:
        return PARSERS[key](text)
    except ValueError as exc:
        detail = str(exc) if "must" in str(exc) else "is not a valid value"
        raise UsageError(f"setting {key} = {text!r}: {detail}") from None


def from_rows(rows: dict[str, str]) -> Settings:
    values = {key: parse(key, text) for key, text in rows.items() if key in PARSERS}
    return Settings(**values)  # type: ignore[arg-type]
