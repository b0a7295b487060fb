"""Counts over a whole bank, for `quizcli lint --stats`: where the bank is thin."""

from __future__ import annotations

from collections import Counter

from quizcli import kinds
from quizcli.bank import Bank, Problem
from quizcli.bank.model import LANGS


def kind_problems(bank: Bank) -> list[Problem]:
    """What each question's kind finds beyond the schema (derivation formulas that do not read)."""
    return [
        problem
        for question in bank.questions
        for problem in kinds.of(question).lint(question, bank.origins[question.id])
    ]


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
