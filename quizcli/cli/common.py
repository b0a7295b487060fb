"""What every command shares: global options, the banks it sees, finding a question.

Command modules import from here and never from `cli.app`, so
`cli/` has no import circle: app -> commands -> common.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quizcli import env, kinds
from quizcli.errors import NotFound, QuizcliError, UsageError
from quizcli.messages import Message, has, msg, say

if TYPE_CHECKING:
    from quizcli.bank import Bank
    from quizcli.bank.model import AnyQuestion


@dataclass
class State:
    """Global options, handed to every command through the click context."""

    lang: str = "en"
    banks: list[Path] = field(default_factory=list)

    def bank_sources(self) -> list[Path]:
        from quizcli.bank import default_sources

        return default_sources() + self.banks


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if isinstance(root.obj, State):
        return root.obj
    given = root.params.get("lang")  # read; the callback has not run
    given = getattr(given, "value", given)  # a Lang member, or its text on older Typer
    return State(lang=given if given in env.LANGS else env.default_lang())


def _known_kind(value: str | None) -> str | None:
    """A misspelt type is named with the closest one, as --topic and --tag are (exit 2)."""
    from quizcli.bank import known

    known("--type", value, set(kinds.names()), subject="type")
    return value


def _kind_names(incomplete: str) -> list[str]:
    """What TAB offers after --type: the registered kinds (nothing to load)."""
    return [name for name in kinds.names() if name.startswith(incomplete)]


KindOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        callback=_known_kind,
        autocompletion=_kind_names,
        help="Only this type: " + ", ".join(kinds.BUILTIN) + ".",
    ),
]


def load(ctx: typer.Context, strict: bool = False) -> Bank:
    """The banks this invocation sees. A user's bank with problems is skipped with one warning
    naming it, so the others stay usable; `strict` (and a problem in a bundled bank) stops the
    command with exit 1 instead, listing every problem.

    The user's banks are read first, so a broken one is named before the bundled banks are
    parsed (0.6 s of CPU in a new data dir), not after."""
    from quizcli.bank import bundled_files, load_bank

    sources = state(ctx).bank_sources()
    warned = (
        _warn_skipped(ctx, load_bank(sources[1:])) if len(sources) > 1 and not strict else set()
    )
    bank = load_bank(sources)
    broken = sorted({problem.path for problem in bank.problems})
    if broken and (strict or set(broken) & bundled_files()):
        for problem in bank.problems:
            typer.echo(str(problem), err=True)
        raise QuizcliError(msg("error.bank_problems", n=len(bank.problems)))
    _warn_skipped(ctx, bank, warned)
    return bank.without(broken)


def _warn_skipped(ctx: typer.Context, bank: Bank, said: set[str] | None = None) -> set[str]:
    """One warning per broken bank file not named yet; the files named."""
    broken = sorted({problem.path for problem in bank.problems} - (said or set()))
    for path in broken:
        found = [problem for problem in bank.problems if problem.path == path]
        line = found[0].line
        warning = say("warning.skipped_bank", state(ctx).lang, path=path, n=len(found), line=line)
        typer.echo(f"quizcli: {warning}", err=True)
    return set(broken)


def find_by_id(ctx: typer.Context, question_id: str) -> AnyQuestion:
    """One question through the id index, validating only it (show, check, history at 10k
    questions); the whole bank when the index cannot answer, which also names any problem."""
    from quizcli.bank.index import find_question

    found = find_question(state(ctx).bank_sources(), question_id, env.cache_dir())
    return found[0] if found is not None else find(load(ctx), question_id)


def find(bank: Bank, question_id: str) -> AnyQuestion:
    """The question with this id, or NotFound suggesting the closest id."""
    question = bank.get(question_id)
    if question is not None:
        return question
    close = get_close_matches(question_id, bank.ids(), n=1, cutoff=0.5)
    if close:
        raise NotFound(msg("error.no_question_like", id=question_id, close=close[0]))
    raise NotFound(msg("error.no_question", id=question_id))


def of_kind(question: AnyQuestion, kind: str, command: str) -> AnyQuestion:
    """`question`, if `quizcli COMMAND` (which takes only `kind` questions) can take it;
    else a usage error naming its kind and how to list the right ones."""
    if question.type != kind:
        said = msg(
            "error.wrong_kind",
            id=question.id,
            actual=_kind(question.type),
            wanted=_kind(kind),
            kind=kind,
            command=command,
        )
        raise UsageError(said)
    return question


def _kind(name: str) -> Message | str:
    """A kind's name as a sentence says it (概念, 推导); a kind from outside as it is named."""
    return msg(f"type.{name}") if has(f"type.{name}") else name


def summary(question: AnyQuestion) -> dict[str, Any]:
    """The stable per-question shape of `list --json`."""
    return {
        "id": question.id,
        "topic": question.topic,
        "type": question.type,
        "difficulty": question.difficulty,
        "tags": list(question.tags),
        "prompt": {"en": question.prompt.en, "zh": question.prompt.zh},
        "figure": question.figure is not None,
    }
