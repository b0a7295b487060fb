"""Where quizcli keeps its files, which language it speaks, and what time it is.

Everything that depends on the user's machine goes through here, so tests can
move the data dir with QUIZCLI_HOME and pin the clock.
"""

from __future__ import annotations

import locale
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from quizcli.errors import UsageError
from quizcli.messages import msg

LANGS = ("en", "zh")
# Intervals run to decades and days are counted from an epoch: years near datetime's own
# limits (1 and 9999) would overflow in the middle of a command.
FIRST_YEAR, LAST_YEAR = 1970, 9000
_ascii_override: bool | None = None


def data_dir() -> Path:
    """The user's data directory: $QUIZCLI_HOME, else the platform's user data dir."""
    override = os.environ.get("QUIZCLI_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizcli", appauthor=False))


def user_banks_dir() -> Path:
    return data_dir() / "banks"


def cache_dir() -> Path:
    return data_dir() / "cache"


def log_path() -> Path:
    return data_dir() / "logs" / "errors.log"


def bundled_banks_dir() -> Path:
    """The banks shipped with quizcli: inside the wheel, or `questions/` in a checkout."""
    from importlib import resources

    packaged = Path(str(resources.files("quizcli"))) / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "questions"


def lang_path() -> Path:
    """Where `quizcli config lang` keeps the chosen language: a one-word text file, so every
    command (browsing ones included, which never open the database) reads it for free."""
    return data_dir() / "lang"


def saved_lang() -> str | None:
    """The language `quizcli config lang` chose, or None (never set, unset, unreadable)."""
    try:
        word = lang_path().read_text("utf-8").strip().lower()
    except (OSError, ValueError):
        return None
    return word if word in LANGS else None


def save_lang(lang: str | None) -> None:
    """Keep `lang` for later commands; None forgets it (the locale decides again)."""
    path = lang_path()
    if lang is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"lang.{os.getpid()}.tmp")
    tmp.write_text(lang + "\n", "utf-8")
    tmp.replace(path)


_lang_override: str | None = None


def set_lang(lang: str) -> None:
    """The language of this invocation (the CLI's --lang, or the default it resolved)."""
    global _lang_override
    _lang_override = lang


def lang() -> str:
    """The language to speak where no caller hands one down (a warning from the store)."""
    return _lang_override or default_lang()


def default_lang() -> str:
    """The language when --lang is not given: QUIZCLI_LANG, else `quizcli config lang`, else
    the locale (LC_ALL, LC_MESSAGES, LANG, then Python's; Chinese locales give zh), else English.
    """
    chosen = os.environ.get("QUIZCLI_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    return saved_lang() or locale_lang()


def locale_lang() -> str:
    """The language the locale asks for: zh for any Chinese locale, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh" if code.lower().startswith("zh") else "en"


def now() -> datetime:
    """The current time in UTC; QUIZCLI_NOW (ISO 8601; local time without an offset) pins it."""
    pinned = os.environ.get("QUIZCLI_NOW")
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            raise UsageError(msg("error.now_format", value=pinned)) from None
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            years = {"first": FIRST_YEAR, "last": LAST_YEAR}
            raise UsageError(msg("error.now_years", value=pinned, **years))
        # Without an offset the time is read as local time, as a clock on the wall.
        return (moment if moment.tzinfo else moment.astimezone()).astimezone(timezone.utc)
    return datetime.now(timezone.utc)


_user_umask: int | None = None


def restrict_umask() -> None:
    """Files quizcli creates (the database, its journal, backups, logs, cache, history) are
    the user's alone: 0600, directories 0700. Exports get the user's own umask back."""
    global _user_umask
    _user_umask = os.umask(0o077)


def user_umask() -> int:
    """The umask quizcli started with (what `restrict_umask` replaced), for exported files."""
    if _user_umask is not None:
        return _user_umask
    current = os.umask(0o022)
    os.umask(current)
    return current


def set_ascii(enabled: bool) -> None:
    """Force plain ASCII output for this invocation (the global --ascii option)."""
    global _ascii_override
    _ascii_override = True if enabled else None


def ascii_mode() -> bool:
    """ASCII output: --ascii, QUIZCLI_ASCII=1, or a terminal whose encoding is not UTF-8."""
    if _ascii_override is not None:
        return _ascii_override
    if os.environ.get("QUIZCLI_ASCII", "") not in ("", "0"):
        return True
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding not in ("utf8", "utf8mb4")
