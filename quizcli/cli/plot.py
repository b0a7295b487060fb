"""`quizcli plot`: activation curves and their derivatives, drawn in the terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from quizcli.cli.common import state

# Spelled out rather than joined from curves.DEFINITIONS, so that --help does not import
# quizcli.curves (about 2 ms); tests/test_plot.py keeps the two lists equal.
CURVE_HELP = (
    "sigmoid, tanh, relu, leaky-relu, elu, selu, gelu, gelu-tanh, swish, mish, softplus, "
    "relu6, hard-sigmoid, hard-swish."
)


def complete_curve(incomplete: str) -> list[str]:
    """Shell completion for FUNC: the curve names starting with what is typed."""
    from quizcli.curves import DEFINITIONS

    return [name for name in DEFINITIONS if name.startswith(incomplete)]


def plot(
    funcs: Annotated[
        list[str],
        typer.Argument(metavar="FUNC", help=CURVE_HELP, autocompletion=complete_curve),
    ],
    derivative: Annotated[
        bool, typer.Option("--derivative", "-d", help="Also draw each derivative (f′).")
    ] = False,
    x_range: Annotated[
        tuple[float, float] | None,
        typer.Option(
            "--range", metavar="A B", help="The x interval [default: -4 4, wider for relu6]."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the sampled x and y values.")
    ] = False,
) -> None:
    """Draw activation curves. Example: quizcli plot sigmoid tanh gelu --derivative

    Curves and derivatives come from the definitions the derivation checker uses.
    """
    import json

    from quizcli import curves

    names = list(dict.fromkeys(curves.resolve(name) for name in funcs))
    xs = curves.grid(*(x_range or curves.default_range(names)))
    sampled = curves.sample(names, xs, derivative)
    if as_json:
        shape = {"x": xs, "curves": [{"name": s.name, "y": s.ys} for s in sampled]}
        typer.echo(json.dumps(shape, ensure_ascii=False))
        return
    from quizcli.ui.plot import chart

    chart(xs, sampled)


def plot_tags(ctx: typer.Context, tags: Iterable[str]) -> None:
    """`show --plot`: the curves a question's tags name, with derivatives; else a notice."""
    from quizcli import curves
    from quizcli.ui.plot import chart, nothing_to_plot

    names = curves.named_in(tags)
    if not names:
        nothing_to_plot(state(ctx).lang)
        return
    xs = curves.grid(*curves.default_range(names))
    chart(xs, curves.sample(names, xs, derivative=True))
