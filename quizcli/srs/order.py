"""The order questions come in: new ones interleaved, due ones by recall with random ties.

Blocked practice (a whole topic file, then the next) leaves topics unseen for
weeks; mixing topics and types is also what interviews do. Randomness comes
from a `random.Random` the caller seeds, so tests can fix it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Orderable(Protocol):
    @property
    def topic(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def difficulty(self) -> int: ...


Q = TypeVar("Q", bound=Orderable)
T = TypeVar("T")


def interleave(questions: Sequence[Q]) -> list[Q]:
    """Round robin over topics (in order of first appearance); within a topic easier
    questions first and, at one difficulty, the types taken in turn."""
    topics: dict[str, list[Q]] = {}
    for question in questions:
        topics.setdefault(question.topic, []).append(question)
    lanes = [_easier_first_types_mixed(group) for group in topics.values()]
    return list(_round_robin(lanes))


def _easier_first_types_mixed(questions: list[Q]) -> list[Q]:
    ordered: list[Q] = []
    for level in sorted({q.difficulty for q in questions}):
        kinds: dict[str, list[Q]] = {}
        for question in questions:
            if question.difficulty == level:
                kinds.setdefault(question.type, []).append(question)
        ordered.extend(_round_robin(list(kinds.values())))
    return ordered


def _round_robin(lanes: list[list[T]]) -> Iterable[T]:
    for index in range(max((len(lane) for lane in lanes), default=0)):
        yield from (lane[index] for lane in lanes if index < len(lane))


def by_recall(due: Iterable[tuple[float, str]], rng: random.Random) -> list[str]:
    """Ids, least likely remembered first; recalls within a percent count as a tie,
    broken at random so questions learnt together do not come back to back."""
    keyed = [(round(r, 2), rng.random(), qid) for r, qid in due]
    return [qid for _r, _tie, qid in sorted(keyed)]
