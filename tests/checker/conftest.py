"""Checker tests read the checker fixture bank, never the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizcli import env
from quizcli.bank import load_bank
from quizcli.kinds.derivation import DerivationQuestion
from tests.conftest import FIXTURES

CHECKER_BANK = FIXTURES / "checker"
QUESTIONS = {
    q.id: q
    for q in load_bank([CHECKER_BANK], use_cache=False).questions
    if isinstance(q, DerivationQuestion)
}


@pytest.fixture
def checker_bank(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI sees the checker fixture bank as if it were bundled."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: CHECKER_BANK)
    return CHECKER_BANK
