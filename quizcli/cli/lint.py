"""`quizcli lint`: the content linter CI runs over questions/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quizcli.cli.common import state
from quizcli.errors import QuizcliError
from quizcli.messages import msg


def lint_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Bank files or directories [default: bundled and user banks]."),
    ] = None,
    show_stats: Annotated[
        bool, typer.Option("--stats", help="Count questions per topic, type, level, language.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print problems and counts as JSON.")
    ] = False,
) -> None:
    """Check bank files: schema, unique ids, both languages, expressions that parse.

    Exits 0 when clean, 1 when any problem is found. Example: quizcli lint questions/
    """
    import json

    from quizcli.bank import load_bank
    from quizcli.bank.lint import kind_problems, stats
    from quizcli.bank.loader import bank_files
    from quizcli.ui import lint as ui

    lang = state(ctx).lang
    sources = list(paths) if paths else state(ctx).bank_sources()
    for path in paths or []:
        if path.is_dir() and not bank_files([path]):
            raise QuizcliError(msg("lint.no_files", path=path))
    bank = load_bank(sources, use_cache=False)
    # The loader's problems (the schema), then each kind's own (formulas that must read).
    problems = sorted(bank.problems + kind_problems(bank))
    if as_json:
        report = {"problems": [p.text(lang) for p in problems], "stats": stats(bank)}
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(problem.text(lang))
        if show_stats:
            ui.stats_table(stats(bank), lang)
        ui.summary(len(bank.questions), len(bank.files), len(problems), lang)
    if problems:
        raise typer.Exit(1)
