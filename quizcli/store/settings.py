"""The user's settings kept in the database, so every terminal and session agrees on them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from quizcli.errors import UsageError
from quizcli.messages import Message, msg
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
        raise ValueError(msg("config.range", low=0, high=1000))
    return value


def _retention(text: str) -> float:
    value = float(text)
    if not 0.7 <= value <= 0.99:
        raise ValueError(msg("config.range", low="0.70", high="0.99"))
    return value


def _flag(text: str) -> bool:
    word = text.strip().lower()
    if word not in ("on", "off", "true", "false", "1", "0", "yes", "no"):
        raise ValueError(msg("config.on_off"))
    return word in ("on", "true", "1", "yes")


def _day(text: str) -> date | None:
    if text.strip().lower() in ("", "none", "off"):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(msg("config.date")) from None


def _answers(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100_000:
        raise ValueError(msg("config.range", low=1, high=100000))
    return value


def _leech_action(text: str) -> str:
    word = text.strip().lower()
    if word not in ("suspend", "tag"):
        raise ValueError(msg("config.leech"))
    return word


# The language is not kept in the database but in a small file (env.lang_path): every
# command needs it, and browsing never opens SQLite.
LANG = "lang"
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
    if key not in USER_KEYS and key != LANG:
        keys = ", ".join([*USER_KEYS, LANG])
        raise UsageError(msg("config.unknown", key=key, keys=keys))


def parse_lang(text: str) -> str | None:
    """`quizcli config lang` takes en, zh, or none (the locale decides again)."""
    word = text.strip().lower()
    if word in ("en", "zh"):
        return word
    if word in ("none", "off", ""):
        return None
    raise UsageError(msg("config.bad_value", key=LANG, value=text, detail=msg("config.lang")))


def parse(key: str, text: str) -> object:
    """The typed value of one setting, or a UsageError naming the key and what it accepts."""
    if key not in PARSERS:
        check_key(key)
    try:
        return PARSERS[key](text)
    except ValueError as exc:
        said = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else None
        detail = said or msg("config.invalid")
        raise UsageError(msg("config.bad_value", key=key, value=text, detail=detail)) from None


def from_rows(rows: dict[str, str]) -> Settings:
    values = {key: parse(key, text) for key, text in rows.items() if key in PARSERS}
    return Settings(**values)  # type: ignore[arg-type]
