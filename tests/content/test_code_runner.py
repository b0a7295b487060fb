"""Every bundled code question, through the real sandboxed runner.

`verify` runs the reference and each known mistake as a user's file would be run
(limited `python -I` children, outputs compared in the parent): the reference
passes every case, and each mistake first fails the case it names, with the cause
it names, as `quizcli code ID --file` would report it. The in-process checks of the
same questions are in test_code_questions.py.
"""

from __future__ import annotations

import pytest

from quizcli import env
from quizcli.bank import load_bank
from quizcli.kinds.code import CodeQuestion
from quizcli.kinds.code_runner import verify

BANK = load_bank([env.bundled_banks_dir()], use_cache=False)
CODE = [q for q in BANK.questions if isinstance(q, CodeQuestion)]


def test_the_bundled_banks_have_code_questions() -> None:
    assert len(CODE) >= 40


@pytest.mark.parametrize("question", CODE, ids=lambda q: q.id)
def test_reference_passes_and_mistakes_fail_as_stated_in_the_runner(question: CodeQuestion) -> None:
    assert verify(question) == []
