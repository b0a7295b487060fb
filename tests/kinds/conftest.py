"""Code-kind tests: the fixture code bank is passed with --bank and trusted by path."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizcli import env
from quizcli.kinds.trust import trust
from tests.conftest import FIXTURES

CODE_BANK = FIXTURES / "code"


@pytest.fixture(autouse=True)
def small_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The small fixture bank stands in for the bundled banks."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")


@pytest.fixture
def trusted() -> Path:
    """The fixture code bank, trusted as a user would with `config trust_bank`."""
    return trust(CODE_BANK)


def write(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path
