"""Rules that need the whole bank, beyond what the schema checks per question."""

from __future__ import annotations

from collections import Counter

from quizcli.bank import Bank, Problem
from quizcli.bank.model import LANGS


def lint(bank: Bank) -> list[Problem]:
    """Every problem the loader found in `bank`; `quizcli lint` adds the checker's
    expression problems (the bank cannot import the checker: dependencies point one way)."""
    return sorted(bank.problems)


def stats(bank: Bank) -> dict[str, dict[str, int]]:
    """Counts per topic, type, difficulty and language, for `lint --stats`."""
    return {
        "topic": dict(Counter(q.topic for q in bank.questions)),
        "type": dict(Counter(q.type for q in bank.questions)),
        "difficulty": dict(Counter(str(q.difficulty) for q in bank.questions)),
        "language": {
            lang: sum(
                bool(q.prompt.get(lang)) and bool(q.explanation.get(lang)) for q in bank.questions
            )
            for lang in LANGS
        },
    }
