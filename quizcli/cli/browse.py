"""`quizcli list`, `show` and `search`: read-only views of the banks."""

from __future__ import annotations

import typer


def list_questions(ctx: typer.Context) -> None:
    """List questions."""


def show(ctx: typer.Context, question_id: str) -> None:
    """Show one question."""


def search(ctx: typer.Context, text: str) -> None:
    """Search questions."""
