"""Every test gets its own data dir, language and ASCII-free defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from quizcli import env

FIXTURES = Path(__file__).parent / "fixtures"

# CI replays the same examples every run, so a red build is reproducible; locally they vary.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def quizcli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "quizcli-home"
    monkeypatch.setenv("QUIZCLI_HOME", str(home))
    monkeypatch.setenv("QUIZCLI_LANG", "en")
    monkeypatch.setenv("QUIZCLI_BACKUP", "inline")  # no background backup outliving a test
    monkeypatch.delenv("QUIZCLI_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("QUIZCLI_ASCII", raising=False)
    env.set_ascii(False)
    return home
