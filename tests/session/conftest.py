"""Session tests: the session fixture bank stands in for the bundled banks, the clock is pinned."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizcli import env
from tests.conftest import FIXTURES

BANK = FIXTURES / "session"
NOW = "2026-03-10T12:00:00+00:00"
RUNNER = Path(__file__).with_name("run_quizcli.py")


@pytest.fixture(autouse=True)
def session_bank(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """In-process runs see only the fixture bank; study days are cut in UTC."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: BANK)
    monkeypatch.setenv("QUIZCLI_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def command(*args: str) -> list[str]:
    """quizcli run in a fresh interpreter over the fixture bank (see run_quizcli.py)."""
    return [sys.executable, str(RUNNER), *args]


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment (data dir, clock, language) plus a terminal-free width."""
    return {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **extra}


def default_signals() -> None:
    """A test run in the background (`pytest &`, some CI agents) inherits SIGINT ignored, and
    Python keeps an ignored SIGINT ignored: Ctrl-C would then do nothing in the child."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
