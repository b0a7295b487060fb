"""`cli/` has no import circle: app -> command modules -> common, at any depth of import."""

from __future__ import annotations

import ast
from pathlib import Path

import quizcli.cli

CLI = Path(quizcli.cli.__file__).parent


def cli_imports(path: Path) -> set[str]:
    """The cli modules a file imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "quizcli.cli":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("quizcli.cli."):
                found.add(node.module.removeprefix("quizcli.cli.").split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("quizcli.cli."):
                    found.add(alias.name.removeprefix("quizcli.cli.").split(".")[0])
    return found


def graph() -> dict[str, set[str]]:
    modules = {path.stem: path for path in CLI.glob("*.py")}
    edges = {name: cli_imports(path) & set(modules) for name, path in modules.items()}
    edges["__init__"] = cli_imports(CLI / "__init__.py") & set(modules)
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path of module names, or None."""
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for target in sorted(edges.get(name, ())):
            if state.get(target) == 1:
                return [*path, name, target]
            if target not in state:
                found = visit(target, [*path, name])
                if found:
                    return found
        state[name] = 2
        return None

    for name in sorted(edges):
        if name not in state:
            found = visit(name, [])
            if found:
                return found
    return None


def test_cli_modules_import_each_other_without_a_circle() -> None:
    assert cycle(graph()) is None


def test_commands_share_helpers_through_common_not_app() -> None:
    edges = graph()
    assert all("app" not in targets for name, targets in edges.items() if name != "__init__")
    assert edges["common"] == set()


def test_the_detector_finds_a_circle() -> None:
    assert cycle({"app": {"browse"}, "browse": {"app"}}) == ["app", "browse", "app"]
