"""The user's settings kept in the database, so every terminal and session agrees on them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quizcli.errors import UsageError
from quizcli.srs import DEFAULT_RETENTION


@dataclass(frozen=True)
class Settings:
    """new_per_day: new questions per study day; retention: FSRS desired retention;
    fuzz: spread review intervals a little so cards learnt together drift apart."""

    new_per_day: int = 10
    desired_retention: float = DEFAULT_RETENTION
    fuzz: bool = True


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


PARSERS: dict[str, Callable[[str], object]] = {
    "new_per_day": _new_per_day,
    "desired_retention": _retention,
    "fuzz": _flag,
}


def check_key(key: str) -> None:
    if key not in PARSERS:
        raise UsageError(f"unknown setting {key!r}; settings are: {', '.join(PARSERS)}")


def parse(key: str, text: str) -> object:
    """The typed value of one setting, or a UsageError naming the key and what it accepts."""
    check_key(key)
    try:
        return PARSERS[key](text)
    except ValueError as exc:
        detail = str(exc) if "must" in str(exc) else "is not a valid value"
        raise UsageError(f"setting {key} = {text!r}: {detail}") from None


def from_rows(rows: dict[str, str]) -> Settings:
    values = {key: parse(key, text) for key, text in rows.items() if key in PARSERS}
    return Settings(**values)  # type: ignore[arg-type]
