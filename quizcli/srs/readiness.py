"""How ready the user is: per topic, questions seen and the predicted recall at a moment.

The moment is the interview morning, or now without a date. Unseen questions
count as not known; learning cards count with their (short) memory, so a
question answered an hour ago is not mistaken for a known one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class TopicReadiness:
    total: int = 0
    seen: int = 0
    expected_known: float = 0.0

    @property
    def predicted_recall(self) -> float:
        """Share of the topic's questions expected to be recalled (unseen ones as 0)."""
        return self.expected_known / self.total if self.total else 0.0


@dataclass
class Readiness:
    at: datetime
    topics: dict[str, TopicReadiness] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(t.total for t in self.topics.values())

    @property
    def seen(self) -> int:
        return sum(t.seen for t in self.topics.values())

    @property
    def expected_known(self) -> float:
        return sum(t.expected_known for t in self.topics.values())

    @property
    def predicted_recall(self) -> float:
        return self.expected_known / self.total if self.total else 0.0


def readiness(recalled: Mapping[str, float], topics: Mapping[str, str], at: datetime) -> Readiness:
    """Readiness at `at` of the questions in `topics` (id -> topic); suspended ones count too.

    `recalled` holds every seen question's predicted recall at `at` (`memory.recall`;
    the store computes it in SQL for 50,000 cards); a question missing from it is unseen.
    """
    result = Readiness(at)
    for question_id, topic in topics.items():
        row = result.topics.setdefault(topic, TopicReadiness())
        row.total += 1
        chance = recalled.get(question_id)
        if chance is None:
            continue
        row.seen += 1
        row.expected_known += chance
    return result
