"""Questions other banks and the canonical-list table in questions/README.md rely on."""

from __future__ import annotations

import re
from pathlib import Path

from quizcli import env
from quizcli.bank import load_bank
from quizcli.bank.model import TOPICS
from quizcli.kinds.derivation import DerivationQuestion

BANK = load_bank([env.bundled_banks_dir()], use_cache=False)
README = Path(__file__).resolve().parents[2] / "questions" / "README.md"
REQUIRED_DERIVATIONS = [
    "sigmoid-derivative", "tanh-derivative", "softmax-jacobian", "relu-derivative",
    "leaky-relu-derivative", "elu-derivative", "softplus-derivative", "gelu-derivative",
    "gelu-tanh-derivative", "swish-derivative", "mish-derivative",
    "softmax-cross-entropy-gradient", "sigmoid-bce-gradient", "l2-weight-decay-update",
    "tanh-sigmoid-identity",
]  # fmt: skip


def test_bank_is_clean_and_large_enough() -> None:
    assert BANK.problems == []
    per_topic = {t: sum(q.topic == t for q in BANK.questions) for t in TOPICS}
    assert all(count >= 50 for count in per_topic.values()), per_topic
    per_type = {
        k: sum(q.type == k for q in BANK.questions) for k in ("derivation", "numeric", "choice")
    }
    assert per_type["derivation"] >= 45 and per_type["numeric"] >= 40 and per_type["choice"] >= 25
    for topic in TOPICS:
        levels = {q.difficulty for q in BANK.questions if q.topic == topic}
        assert levels == {1, 2, 3}, topic


def test_derivation_drills_the_checker_issue_names_exist() -> None:
    for question_id in REQUIRED_DERIVATIONS:
        assert isinstance(BANK.get(question_id), DerivationQuestion), question_id


def test_ids_named_in_the_coverage_table_exist() -> None:
    table = README.read_text("utf-8").split("## Coverage of the canonical list", 1)[1]
    named = re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", table)
    assert named and [i for i in named if BANK.get(i) is None] == []
