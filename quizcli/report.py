"""A report of a question the user thinks is wrong, ready to paste into the project's tracker.

It holds what a maintainer needs to act without asking back: where the question is, which
text of it the user saw (the package version and a hash of the question's content), what
the user answered and how it was judged, the reference answer, and a command that
reproduces the verdict.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizcli import __version__
from quizcli.controls import escape_controls

if TYPE_CHECKING:
    from quizcli.bank import Origin
    from quizcli.bank.model import AnyQuestion
    from quizcli.store import ReviewRecord

# Project-URL labels that name an issue tracker, as packaging tools spell them.
_TRACKER_LABELS = ("issues", "tracker", "bugtracker", "bugs", "bugreports")


@dataclass(frozen=True)
class Report:
    question: AnyQuestion
    origin: Origin
    front: list[str]
    reference: list[str]
    last: ReviewRecord | None
    tracker: str | None

    @property
    def where(self) -> tuple[str, int]:
        """The file and line, with the home folder as `~`: the report is posted in public."""
        return _home_as_tilde(self.origin.path), self.origin.line

    @property
    def question_hash(self) -> str:
        return content_hash(self.question)

    @property
    def reproduce(self) -> str:
        """A command whose output shows the verdict again (or the question and its answer)."""
        qid = self.question.id
        if self.question.type == "derivation" and self.last is not None:
            return f"quizcli check {qid} {shlex.quote(self.last.answer)}"
        return f"quizcli show {qid} --answer"

    def to_json(self) -> dict[str, Any]:
        last = self.last
        return {
            "id": self.question.id,
            "file": self.where[0],
            "line": self.where[1],
            "version": __version__,
            "question_hash": self.question_hash,
            "topic": self.question.topic,
            "type": self.question.type,
            "prompt": {"en": self.question.prompt.en, "zh": self.question.prompt.zh},
            "reference": self.reference,
            "last_answer": None
            if last is None
            else {
                "answer": last.answer,
                "verdict": last.verdict,
                "rating": last.rating.name.lower() if last.rating else None,
                "mode": last.mode,
                "reviewed_at": last.reviewed_at.isoformat(),
            },
            "reproduce": self.reproduce,
            "tracker": self.tracker,
        }

    def to_markdown(self) -> str:
        q, last = self.question, self.last
        lines = [
            f"### Question `{q.id}` looks wrong",
            "",
            f"- **Question:** `{q.id}` ({q.topic}, {q.type}, difficulty {q.difficulty})",
            f"- **Where:** `{self.where[0]}:{self.where[1]}`",
            f"- **Bank version:** quizcli {__version__}, question hash `{self.question_hash}`",
        ]
        if last is None:
            lines.append("- **My last answer:** none recorded")
        else:
            when = last.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M %z")
            lines += [
                f"- **My last answer** ({last.mode}, {when}): judged **{last.verdict}**",
                "",
                *_fenced(last.answer),
            ]
        lines += [
            "",
            "**Prompt:**",
            "",
            _quoted(q.prompt.en),
            ">",
            _quoted(q.prompt.zh),
            "",
            *[block for part in self.front for block in (part, "")],
            "**Reference answer:**",
            "",
            *self.reference,
            "",
            "**Reproduce:**",
            "",
            *_fenced(self.reproduce, "sh"),
            "",
            "**What looks wrong:** (describe it here)",
        ]
        return escape_controls("\n".join(lines))


def content_hash(question: AnyQuestion) -> str:
    """12 hex digits of SHA-256 over the question's fields: equal exactly when the text is."""
    data = json.dumps(question.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def tracker_url(project_urls: list[str]) -> str | None:
    """The issue tracker among a package's `Project-URL: label, url` entries, if declared."""
    for entry in project_urls:
        label, _, url = entry.partition(",")
        if re.sub(r"[^a-z]", "", label.lower()) in _TRACKER_LABELS and url.strip():
            return url.strip()
    return None


def installed_tracker() -> str | None:
    """The tracker URL pyproject's [project.urls] declares, read from the installed metadata."""
    from importlib import metadata

    try:
        entries = metadata.metadata("quizcli").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    return tracker_url([str(entry) for entry in entries])


def _home_as_tilde(path: str) -> str:
    """`~/banks/x.yaml` for a file in the home folder, however the path was shown."""
    home = os.path.expanduser("~")
    if path.startswith(".."):
        path = os.path.abspath(path)
    if home not in ("", "/") and (path == home or path.startswith(home + os.sep)):
        return "~" + path[len(home) :]
    return path


def _fenced(text: str, info: str = "") -> list[str]:
    """A code block that holds any text: the fence is longer than any backtick run in it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", *text.splitlines(), fence]


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())
