"""One check from start to verdict: read, show the reading, screen, prove, diagnose.

The numeric screen decides (correct, incorrect, or undecided when too few points
can be evaluated); a symbolic proof then upgrades "numerically verified" to
"proved" within what is left of the time bound. Each question's reference,
test points and known mistakes are prepared once per process and reused.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from quizcli.checker import bound
from quizcli.checker.diagnose import NEAR_MISS, Evidence, diagnose, inline, matches
from quizcli.checker.errors import ParseError
from quizcli.checker.forms import MAIN_DOMAIN, Form, Points, form_for, seed
from quizcli.checker.grammar import Node
from quizcli.checker.numeric import (
    compare,
    evaluate,
    kink_roots,
    kinks,
    off_kinks,
    term_sizes,
)
from quizcli.checker.prove import proved_equal
from quizcli.checker.verdicts import Progress, correct, invalid, render, undecided, verdict
from quizcli.errors import QuizcliError
from quizcli.messages import Message, Pair, msg

if TYPE_CHECKING:
    from quizcli.bank.model import Text
    from quizcli.checker import Verdict
    from quizcli.kinds.derivation import DerivationQuestion

PROOF_BUDGET = 0.5
KINK_OFFSETS = (-0.03, -1e-3, 1e-3, 0.03)


@dataclass
class Setup:
    """A question prepared for checking: its form, test points and reference values."""

    form: Form
    points: Points
    reference: np.ndarray
    kinks: list[Any]
    mistakes: list[tuple[list[Any], Text]] = field(default_factory=list)
    at_kinks: list[tuple[dict[Any, Any], Any]] = field(default_factory=list)


_SETUPS: dict[tuple[str, str], Setup] = {}
MAX_SETUPS = 128


def setup_for(question: DerivationQuestion) -> Setup:
    """The prepared question, from the per-process cache when its answer is unchanged."""
    key = (question.id, question.answer.model_dump_json())
    if key not in _SETUPS:
        if len(_SETUPS) >= MAX_SETUPS:
            _SETUPS.clear()
        _SETUPS[key] = _setup(question)
    return _SETUPS[key]


def _setup(question: DerivationQuestion) -> Setup:
    question_id, answer = question.id, question.answer
    try:
        form = form_for(answer)
        mistakes = [(form.entries(form.parse(m.expr)), m.feedback) for m in answer.mistakes]
    except ParseError as exc:
        detail = exc.said or exc.message
        raise QuizcliError(msg("error.bank_formula", id=question_id, detail=detail)) from None
    rng = np.random.default_rng(seed(question_id))
    reference_kinks = kinks(form.reference)
    points = _with_kink_sides(form, form.sample(rng), reference_kinks, reference_kinks)
    values = evaluate(form.reference, form.variables, points)
    return Setup(form, points, values, reference_kinks, mistakes, _kink_values(form, answer))


def _kink_values(form: Form, answer: Any) -> list[tuple[dict[Any, Any], Any]]:
    """The declared values at kinks: the point (exact rationals) and the expected value."""
    names = {str(v): v for v in form.variables}
    from quizcli.checker.names import canonical

    found = []
    for kink in answer.kinks:
        point = {names[canonical(n)]: sympy.Rational(str(value)) for n, value in kink.at.items()}
        found.append((point, form.entries(form.parse(kink.value))[0]))
    return found


def _with_kink_sides(form: Form, points: Points, every: list[Any], new: list[Any]) -> Points:
    """Add main-variable points just either side of each new kink inside the domain, and in
    the middle of every gap between neighbouring kinks, so a sliver between two kinks is seen.
    The other variables keep the values of the first point, where the roots were found."""
    if form.main is None or not new:
        return points
    low, high = span = form.span or MAIN_DOMAIN
    at = {v: float(points[v][0]) for v in form.variables}
    roots = kink_roots(every, form.main, form.variables, at, span)
    sides = kink_roots(new, form.main, form.variables, at, span)
    wanted = [r + offset * (high - low) for r in sides for offset in KINK_OFFSETS]
    wanted += [(a + b) / 2 for a, b in itertools.pairwise(roots)]
    wanted = [x for x in wanted if low < x < high]
    extra = {v: np.full(len(wanted), at[v]) for v in form.variables}
    extra[form.main] = np.array(wanted)
    return {v: np.concatenate([points[v], extra[v]]) for v in points}


_WARM = False


def warm() -> None:
    """Exercise, once per process, what a first decision would otherwise load inside its
    bound: the pretty printer (which imports sympy.physics.units on first use), lambdify,
    and the prover's rewriting and `cancel`."""
    global _WARM
    if _WARM:
        return
    x = sympy.Symbol("x", real=True)
    expr = sympy.tanh(x) ** 2 + sympy.Function("sigma")(x) / sympy.sqrt(x**2 + 1)
    render(expr)
    proved_equal(sympy.tanh(x), 1 - 2 / (1 + sympy.exp(2 * x)))
    evaluate([expr.subs(sympy.Function("sigma")(x), 1)], [x], {x: np.linspace(-1.0, 1.0, 4)})
    _WARM = True


def judge(
    question: DerivationQuestion, trees: list[Node], text: str, deadline: float, progress: Progress
) -> Verdict:
    """The verdict on the parsed steps of `text`; `progress` records the reading and the
    stage reached. `deadline` is in CPU seconds (`bound.cpu_time`)."""
    setup = setup_for(question)
    form = setup.form
    progress.stage = "showing how it was read"
    try:
        shown = [form.display(tree) for tree in trees]
        progress.read_as = read_as(shown, progress.ascii)
        entries = [form.entries(tree) for tree in trees]
    except ParseError as exc:
        return invalid(exc, text, progress.read_as)
    refused = _forbidden_meaning(question, form.display(trees[-1]), form)
    if refused is not None:
        return verdict("incorrect", progress.read_as, refused, "forbidden", None)
    progress.stage = "evaluating it at the test points"
    points, reference, found = _points_for(setup, entries)
    proved = False  # the step just judged was proved because its numbers could not decide
    for index, step in enumerate(entries):
        values = evaluate(step, form.variables, points)
        sizes = np.fmax(
            term_sizes(step, form.variables, points),
            term_sizes(form.reference, form.variables, points),
        )
        screen = compare(values, reference, sizes)
        if screen.equal:
            progress.stage = "deciding it exactly"
            inexact = _exact_difference(step, form, deadline)
            if inexact is not None:
                return _not_exact(inexact, index, len(entries), progress.read_as)
            proved = False
            continue
        if screen.decided:
            progress.stage = "explaining the mistake"
            evidence = Evidence(form, points, values, reference, found)
            exact = functools.partial(_exact_difference, step, form, deadline)
            return _incorrect(setup, evidence, index, len(entries), progress.read_as, exact)
        proved = _prove(step, form, deadline)
        if not proved:
            return undecided(progress.read_as, index, len(entries))
    progress.stage = "checking the value at the kinks"
    wrong_at_kink = _kink_mismatch(setup, entries[-1], points)
    if wrong_at_kink is not None:
        return verdict("incorrect", progress.read_as, wrong_at_kink, "kink", None)
    progress.stage = "looking for a proof"
    proved = proved or _prove(entries[-1], form, deadline)
    return correct(progress.read_as, proved, len(entries), int(setup.reference.shape[1]))


def _points_for(setup: Setup, entries: list[list[Any]]) -> tuple[Points, np.ndarray, list[Any]]:
    """The setup's points plus kink sides of the answer's own kinks, minus points on a kink."""
    form = setup.form
    found = list(setup.kinks)
    for step in entries:
        found += [k for k in kinks(step) if k not in found]
    points, reference = setup.points, setup.reference
    if len(found) > len(setup.kinks):
        points = _with_kink_sides(form, points, found, found[len(setup.kinks) :])
        reference = evaluate(form.reference, form.variables, points)
    keep = off_kinks(points, found, form.variables)
    if not keep.all():
        points = {v: values[keep] for v, values in points.items()}
        reference = reference[:, keep]
    return points, reference, found


def _prove(entries: list[Any], form: Form, deadline: float) -> bool:
    budget = min(PROOF_BUDGET, deadline - bound.cpu_time() - 0.05)
    try:
        with bound.time_limit(budget):
            return all(
                proved_equal(answer, reference)
                for answer, reference in zip(entries, form.reference, strict=True)
            )
    except bound.CheckTimeout:
        return False
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        return False


def _forbidden_meaning(question: DerivationQuestion, expr: Any, form: Form) -> Message | None:
    """A forbidden function used under another spelling (e^x is exp(x)), or the question's
    own expression typed back: `forbid` is about what the answer means."""
    from quizcli.checker.functions import sympy_function

    forbid = question.answer.forbid
    if not forbid:
        return None
    for name in forbid:
        function = sympy_function(name)
        if isinstance(function, type) and expr.has(function):
            spelled = msg("why.exp_spelled") if name == "exp" else ""
            return msg("why.uses_forbidden", name=name, spelled=spelled)
    if question.answer.wrt is None and form.display(form.parse(question.answer.definition)) == expr:
        return msg("why.starting_expression")
    return None


def _exact_difference(step: list[Any], form: Form, deadline: float) -> Any:
    """Where answer and reference are both rational functions of the symbols (numbers typed
    as decimals read as the fractions they are), their difference decided exactly: the
    nonzero difference, or None when it is zero, not rational, or too slow to decide. A
    tolerance cannot see 1 added to a degree-13 polynomial; exact arithmetic can."""
    from quizcli.checker.prove import exact

    budget = min(PROOF_BUDGET, deadline - bound.cpu_time() - 0.05)
    try:
        with bound.time_limit(budget):
            for answer, reference in zip(step, form.reference, strict=True):
                difference = exact(answer - reference)
                if not difference.is_rational_function(*form.variables):
                    continue
                if difference.has(sympy.Piecewise, sympy.floor, sympy.ceiling):
                    continue
                cancelled = sympy.cancel(difference)
                if cancelled != 0:
                    return cancelled
    except bound.CheckTimeout:
        return None
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        return None
    return None


def _not_exact(difference: Any, index: int, count: int, shown: str) -> Verdict:
    text = inline(difference)
    said = msg("why.exact_difference", text=text) if len(text) <= 60 else msg("why.not_exact")
    step = index + 1 if count > 1 else None
    return verdict("incorrect", shown, said, "exact", step)


def _kink_mismatch(setup: Setup, step: list[Any], points: Points) -> Message | None:
    """The first declared kink where the answer's value is not the one the prompt asks for,
    evaluated exactly at the point (the other symbols at the test points)."""
    form = setup.form
    for point, wanted in setup.at_kinks:
        got = step[0].subs(point)
        where = ", ".join(f"{inline(v)} = {value}" for v, value in point.items())
        others = [v for v in form.variables if v not in point]
        gap = got - wanted
        if gap.free_symbols & set(others):
            rest = {v: values for v, values in points.items() if v in others}
            values = evaluate([gap], others, rest)[0]
            ok = bool(np.all(np.abs(values) <= 1e-9))
        else:
            ok = gap.is_zero is True or (gap.is_number and abs(complex(gap.evalf())) < 1e-12)
        if not ok:
            yours = inline(got) if got.is_finite is not False and got != sympy.nan else None
            expected = inline(wanted)
            if yours is None or got.has(sympy.nan, sympy.zoo):
                return msg("why.kink_undefined", where=where, expected=expected)
            return msg("why.kink_value", where=where, yours=yours, expected=expected)
    return None


def read_as(exprs: list[Any], ascii: bool = False) -> str:
    """The pretty form of each step, steps separated by a line with '=' (a label such as
    `y =` that was dropped is noted in the feedback, in the user's language)."""
    return "\n=\n".join(render(expr, ascii) for expr in exprs)


def _incorrect(
    setup: Setup,
    evidence: Evidence,
    index: int,
    count: int,
    shown: str,
    exact: Callable[[], Any] = lambda: None,
) -> Verdict:
    """A known mistake's feedback, else the diagnosis; a "very close" diagnosis of answers
    that exact arithmetic can compare names the exact difference instead of guessing at an
    approximation (a polynomial off by 1 is not an approximation)."""
    known = _known_mistake(setup, evidence)
    method = "known-mistake" if known else "diagnosis"
    said: Message | Pair = known or diagnose(evidence)
    if not known and isinstance(said, Message) and said.key == NEAR_MISS:
        difference = exact()
        if difference is not None:
            text = inline(difference)
            exactly = msg("why.exact_difference", text=text)
            said, method = exactly if len(text) <= 60 else msg("why.not_exact"), "exact"
    if count > 1:
        if index == 0:
            said = msg("why.step_one", finding=said)
        else:
            said = msg("why.step_n", n=index + 1, previous=index, finding=said)
    return verdict("incorrect", shown, said, method, index + 1 if count > 1 else None)


def _known_mistake(setup: Setup, evidence: Evidence) -> Pair | None:
    """The bank's own feedback for a mistake it names: content, written in both languages."""
    for entries, feedback in setup.mistakes:
        if matches(evidence.answer, evidence.values(entries)):
            return Pair(feedback.en, feedback.zh)
    return None
