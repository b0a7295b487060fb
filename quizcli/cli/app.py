"""The Typer app, its global options, and the one place errors become exit codes.

Command modules import their heavy dependencies inside the command body, so
`quizcli --help` pays only for Typer itself.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from quizcli import __version__, env
from quizcli.cli import complete, process
from quizcli.cli.common import State, state
from quizcli.controls import escape_controls
from quizcli.errors import QuizcliError
from quizcli.messages import say

EXIT_INTERNAL = 70


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class QuizcliGroup(TyperGroup):
    """Turns domain errors into one line and an exit code, and hides tracebacks."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        """Mistakes in the global options or the command name, said in the user's language."""
        given = list(args)  # the parser consumes `args`
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            usage = _said_usage_error(exc, _lang_in(given)) if _is_control_flow(exc) else None
            if usage is None:
                raise
            fail(usage, 2)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except QuizcliError as exc:
            fail(exc.text(state(ctx).lang), exc.exit_code)
        except KeyboardInterrupt:
            raise typer.Exit(process.interrupted_exit()) from None
        except BrokenPipeError:
            process.quiet_stdout()
            raise typer.Exit(process.EXIT_BROKEN_PIPE) from None
        except Exception as exc:
            if _is_control_flow(exc):
                usage = _said_usage_error(exc, state(ctx).lang)
                if usage is None:
                    raise
                fail(usage, 2)
            message = _log_internal(exc, _command_words(self, ctx), state(ctx).lang)
            if process.signalled():  # the terminal may be gone (SIGHUP): nothing more to say
                raise typer.Exit(process.interrupted_exit()) from None
            fail(message, EXIT_INTERNAL)


def _is_control_flow(exc: Exception) -> bool:
    """Exit, Abort and usage errors belong to Typer's (vendored) click; let them pass."""
    module = type(exc).__module__
    return module.startswith(("typer.", "click."))


def _lang_in(args: list[str]) -> str:
    """The language a command line asks for before Typer has read it (--lang zh, --lang=zh)."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in env.LANGS:
            return args[index + 1]
        if arg.startswith("--lang=") and arg[7:] in env.LANGS:
            return arg[7:]
    return env.default_lang()


def _said_usage_error(exc: Exception, lang: str) -> str | None:
    """A command-line mistake Typer found, in Chinese; None keeps Typer's own English report.

    Typer's texts differ between versions (and are not translated), so the line is built
    from what the exception names: the option or argument, and where help is.
    """
    if lang != "zh":
        return None
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    opts = [opt for opt in getattr(param, "opts", None) or [] if opt.startswith("-")]
    name = getattr(exc, "option_name", None) or (opts[0] if opts else None)
    sub = getattr(exc, "ctx", None)
    name = name or _metavar(param)
    command = getattr(sub, "command_path", "quizcli") if sub is not None else "quizcli"
    if kind == "NoSuchOption":
        possible = say("list.sep", lang).join(sorted(getattr(exc, "possibilities", None) or []))
        key = "usage.no_option_like" if possible else "usage.no_option"
        return say(key, lang, option=name, possible=possible, command=command)
    if kind == "MissingParameter":
        return say("usage.missing", lang, name=name, command=command)
    if kind in ("BadParameter", "BadArgumentUsage", "BadOptionUsage"):
        return say("usage.bad_value", lang, option=name, command=command)
    if kind == "NoArgsIsHelpError":
        return None
    found = re.match(r"No such command '(.+?)'(?:.*Did you mean (.+)\?)?", str(exc))
    if found and found.group(2):
        return say("usage.no_command_like", lang, name=found.group(1), possible=found.group(2))
    if found:
        return say("usage.no_command", lang, name=found.group(1))
    if kind == "UsageError":
        return say("usage.other", lang, command=command)
    return None


def _metavar(param: Any) -> str:
    """An argument as the usage line names it: its metavar (ID), else its name in capitals."""
    metavar = getattr(param, "metavar", None)
    return str(metavar) if metavar else str(getattr(param, "name", "")).upper()


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


def _log_internal(exc: BaseException, commands: set[str], lang: str) -> str:
    from quizcli import errorlog

    path = env.log_path()
    try:
        errorlog.record(path, exc, commands, sys.argv)
        where = say("error.log_written", lang, path=path)
    except OSError:
        where = say("error.log_failed", lang)
    return say("error.internal", lang, kind=type(exc).__name__, detail=exc, where=where)


app = typer.Typer(
    name="quizcli",
    cls=QuizcliGroup,
    help="Deep-learning interview drills: bilingual questions, a derivation checker, FSRS review.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


complete.fix_zsh_script()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quizcli {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            envvar="QUIZCLI_LANG",
            help="Language: en or zh [default: QUIZCLI_LANG, then `quizcli config lang`,"
            " then the locale].",
        ),
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
    env.set_lang(language)
    ctx.obj = State(lang=language, banks=list(bank or []))
    if ctx.invoked_subcommand is None:
        from quizcli.cli.study import study

        study(ctx)


def _register() -> None:
    """Attach every command; their modules import nothing heavy at the top."""
    from quizcli.cli import browse, check, code, export, lint, report, review, study, sync
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
    app.command()(report.report)
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
