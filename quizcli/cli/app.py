"""The Typer app, its global options, and the one place errors become exit codes.

Command modules import their heavy dependencies inside the command body, so
`quizcli --help` pays only for Typer itself.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from quizcli import __version__, env
from quizcli.cli import process
from quizcli.cli.common import State
from quizcli.controls import escape_controls
from quizcli.errors import QuizcliError

EXIT_INTERNAL = 70


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class QuizcliGroup(TyperGroup):
    """Turns domain errors into one line and an exit code, and hides tracebacks."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except QuizcliError as exc:
            fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            raise typer.Exit(process.interrupted_exit()) from None
        except BrokenPipeError:
            process.quiet_stdout()
            raise typer.Exit(process.EXIT_BROKEN_PIPE) from None
        except Exception as exc:
            if _is_control_flow(exc):
                raise
            message = _log_internal(exc, _command_words(self, ctx))
            if process.signalled():  # the terminal may be gone (SIGHUP): nothing more to say
                raise typer.Exit(process.interrupted_exit()) from None
            fail(message, EXIT_INTERNAL)


def _is_control_flow(exc: Exception) -> bool:
    """Exit, Abort and usage errors belong to Typer's (vendored) click; let them pass."""
    module = type(exc).__module__
    return module.startswith(("typer.", "click."))


def fail(message: str, code: int) -> NoReturn:
    typer.echo(f"quizcli: {escape_controls(message)}", err=True)
    raise typer.Exit(code)


def _command_words(group: TyperGroup, ctx: typer.Context) -> set[str]:
    """Command and subcommand names: what the error log may keep of the command line."""
    words = set(group.list_commands(ctx))
    for name in list(words):
        sub = group.get_command(ctx, name)
        if isinstance(sub, TyperGroup):
            words |= set(sub.list_commands(ctx))
    return words


def _log_internal(exc: BaseException, commands: set[str]) -> str:
    from quizcli import errorlog

    path = env.log_path()
    try:
        errorlog.record(path, exc, commands, sys.argv)
        where = f"details in {path}"
    except OSError:
        where = "the log could not be written"
    return f"internal error: {type(exc).__name__}: {exc}; {where}"


app = typer.Typer(
    name="quizcli",
    cls=QuizcliGroup,
    help="Deep-learning interview drills: bilingual questions, a derivation checker, FSRS review.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quizcli {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", envvar="QUIZCLI_LANG", help="Language: en or zh [default: locale]."),
    ] = None,
    bank: Annotated[
        list[Path] | None,
        typer.Option(
            "--bank", metavar="PATH", help="Extra bank file or directory; repeat for more."
        ),
    ] = None,
    plain_ascii: Annotated[
        bool,
        typer.Option("--ascii", help="Plain ASCII output, for terminals that draw symbols wide."),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Deep-learning interview drills in the terminal. With no command, runs `study`."""
    env.set_ascii(plain_ascii)
    language = lang.value if lang else env.default_lang()
    ctx.obj = State(lang=language, banks=list(bank or []))
    if ctx.invoked_subcommand is None:
        from quizcli.cli.study import study

        study(ctx)


def _register() -> None:
    """Attach every command; their modules import nothing heavy at the top."""
    from quizcli.cli import browse, check, code, export, lint, review, study, sync
    from quizcli.cli.plot import plot

    app.command("list")(browse.list_questions)
    app.command("show")(browse.show)
    app.command("search")(browse.search)
    app.command()(plot)
    app.command("lint")(lint.lint_command)
    app.command("check", context_settings=check.CONTEXT)(check.check_command)
    app.command("code")(code.code_command)
    app.command()(study.study)
    app.command()(study.drill)
    app.command()(study.mock)
    commands = ("stats", "history", "suspend", "unsuspend", "bury", "undo", "forget")
    for name in (*commands, "doctor", "orphans", "config"):
        app.command(name)(getattr(review, name))
    app.command("sync")(sync.sync)
    app.add_typer(export.app, name="export")


_register()


def main() -> None:
    """Console-script entry point."""
    process.prepare()
    try:
        app(prog_name="quizcli")
    finally:
        process.flush_stdout()
