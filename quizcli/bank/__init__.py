"""Question banks: the bundled ones, the user's, and any given with --bank."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from quizcli import env, kinds
from quizcli.bank.loader import Origin, Problem, bank_files, display, duplicate_id, load_file
from quizcli.bank.model import AnyQuestion
from quizcli.errors import UsageError
from quizcli.messages import msg

__all__ = ["Bank", "Filters", "Origin", "Problem", "default_sources", "load_bank"]


@dataclass
class Bank:
    """All questions from a set of files, in file order, with every problem found."""

    questions: list[AnyQuestion] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    by_id: dict[str, AnyQuestion] = field(default_factory=dict)

    def get(self, question_id: str) -> AnyQuestion | None:
        return self.by_id.get(question_id)

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def without(self, paths: Collection[str]) -> Bank:
        """This bank minus every question and problem of the files in `paths`."""
        kept = Bank(files=[f for f in self.files if f not in paths])
        kept.problems = [p for p in self.problems if p.path not in paths]
        for question in self.questions:
            origin = self.origins[question.id]
            if origin.path not in paths:
                kept.questions.append(question)
                kept.origins[question.id] = origin
                kept.by_id[question.id] = question
        return kept


@dataclass(frozen=True)
class Filters:
    """`--topic`, `--type`, `--tag`, `--difficulty`: a question must match every one given."""

    topic: str | None = None
    kind: str | None = None
    tag: str | None = None
    difficulty: int | None = None

    def keep(self, questions: Iterable[AnyQuestion]) -> list[AnyQuestion]:
        """The questions matching every filter; an unknown topic, type or tag is an error,
        not 0 hits."""
        questions = list(questions)
        known("--topic", self.topic, {q.topic for q in questions})
        known_types = set(kinds.names()) | {q.type for q in questions}
        known("--type", self.kind, known_types, subject="type")
        known("--tag", self.tag, {tag for q in questions for tag in q.tags})
        return [
            q
            for q in questions
            if (self.topic is None or q.topic == self.topic)
            and (self.kind is None or q.type == self.kind)
            and (self.tag is None or self.tag in q.tags)
            and (self.difficulty is None or q.difficulty == self.difficulty)
        ]


def known(option: str, value: str | None, names: set[str], subject: str = "filter") -> None:
    """A misspelt `--topic poolng` would silently select nothing; say so and suggest."""
    if value is None or value in names:
        return
    close = get_close_matches(value, sorted(names), n=1, cutoff=0.6)
    if close:
        raise UsageError(msg(f"error.{subject}_close", option=option, value=value, close=close[0]))
    if option == "--tag":
        raise UsageError(msg("error.filter_tag", option=option, value=value))
    listed = ", ".join(sorted(names))
    raise UsageError(msg(f"error.{subject}_known", option=option, value=value, known=listed))


def default_sources() -> list[Path]:
    """The bundled banks, then the user's own banks directory if it exists."""
    sources = [env.bundled_banks_dir()]
    user = env.user_banks_dir()
    if user.is_dir():
        sources.append(user)
    return sources


def bundled_files() -> set[str]:
    """The bundled bank files as problems name them: a problem there is quizcli's own bug."""
    return {display(path) for path in bank_files([env.bundled_banks_dir()])}


def load_bank(paths: Iterable[Path], use_cache: bool = True) -> Bank:
    """Load every file under `paths`; ids must be unique across all of them."""
    bank = Bank()
    cache = env.cache_dir() if use_cache else None
    for path in bank_files(paths):
        result = load_file(path, cache)
        bank.files.append(result.path)
        bank.problems.extend(result.problems)
        for question in result.questions:
            origin = result.origins[question.id]
            first = bank.origins.get(question.id)
            if first is not None:
                bank.problems.append(duplicate_id(origin, question.id, first))
                continue
            bank.questions.append(question)
            bank.origins[question.id] = origin
            bank.by_id[question.id] = question
    return bank
