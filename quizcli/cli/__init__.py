"""The command line: thin Typer commands over the core, errors mapped to exit codes."""

from quizcli.cli.app import app, main

__all__ = ["app", "main"]
