"""The registry of question kinds: one module per kind, looked up by its `type` name.

Light on purpose: listing the names (for `--type`) imports nothing; a kind's module
(and pydantic with it) is imported the first time the kind is used. The rest of
quizcli asks `kinds.of(question)` what to do with a question, never `isinstance`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizcli.bank.model import QuestionBase
    from quizcli.kinds.base import Kind

BUILTIN = ("concept", "choice", "numeric", "derivation", "code")
"""The bundled kinds, in the order they are documented; each is `quizcli.kinds.<name>`."""

_loaded: dict[str, Kind] = {}
_extra: dict[str, Kind] = {}
_adapter: Any = None


def names() -> list[str]:
    """Every kind's name: the bundled ones, then any registered at run time."""
    return [*BUILTIN, *(name for name in _extra if name not in BUILTIN)]


def get(name: str) -> Kind:
    """The kind called `name`; KeyError when there is none."""
    if name in _extra:
        return _extra[name]
    if name not in BUILTIN:
        raise KeyError(name)
    if name not in _loaded:
        _loaded[name] = import_module(f"quizcli.kinds.{name}").KIND
    return _loaded[name]


def of(question: QuestionBase) -> Kind:
    """The kind that owns this question."""
    return get(question.type)


def register(kind: Kind) -> None:
    """Add a kind (a plugin or a test's fixture kind); banks may then use its `type`."""
    global _adapter
    _extra[kind.name] = kind
    _adapter = None


def unregister(name: str) -> None:
    """Remove a kind added with `register`."""
    global _adapter
    _extra.pop(name, None)
    _adapter = None


def question_adapter() -> Any:
    """A pydantic TypeAdapter over every kind's question model, chosen by `type`."""
    global _adapter
    if _adapter is None:
        from typing import Annotated, Union

        from pydantic import Field, TypeAdapter

        models = tuple(get(name).model for name in names())
        union: Any = Union[models]  # noqa: UP007 - built at run time
        _adapter = TypeAdapter(Annotated[union, Field(discriminator="type")])
    return _adapter
