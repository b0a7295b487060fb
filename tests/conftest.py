"""Every test gets its own data dir, language and ASCII-free defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def quizcli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "quizcli-home"
    monkeypatch.setenv("QUIZCLI_HOME", str(home))
    monkeypatch.setenv("QUIZCLI_LANG", "en")
    monkeypatch.delenv("QUIZCLI_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home
