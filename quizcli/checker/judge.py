"""One check from start to verdict: read, show the reading, screen, prove, diagnose.

The numeric screen decides (correct, incorrect, or undecided when too few points
can be evaluated); a symbolic proof then upgrades "numerically verified" to
"proved" within what is left of the time bound. Each question's reference,
test points and known mistakes are prepared once per process and reused.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from quizcli.checker import bound
from quizcli.checker.diagnose import Evidence, diagnose, matches
from quizcli.checker.errors import ParseError
from quizcli.checker.forms import MAIN_DOMAIN, Form, Points, form_for, seed
from quizcli.checker.grammar import Node
from quizcli.checker.numeric import compare, evaluate, kink_roots, kinks, off_kinks
from quizcli.checker.prove import proved_equal
from quizcli.checker.verdicts import Progress, correct, invalid, render, undecided, verdict
from quizcli.errors import QuizcliError

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
        raise QuizcliError(
            f"question '{question_id}' has an expression that does not parse ({exc.en});"
            " run `quizcli lint`"
        ) from None
    rng = np.random.default_rng(seed(question_id))
    reference_kinks = kinks(form.reference)
    points = _with_kink_sides(form, form.sample(rng), reference_kinks, reference_kinks)
    values = evaluate(form.reference, form.variables, points)
    return Setup(form, points, values, reference_kinks, mistakes)


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


def judge(
    question: DerivationQuestion, trees: list[Node], text: str, deadline: float, progress: Progress
) -> Verdict:
    """The verdict on the parsed steps of `text`; `progress` records the reading."""
    setup = setup_for(question)
    form = setup.form
    try:
        progress.read_as = read_as([form.display(tree) for tree in trees])
        entries = [form.entries(tree) for tree in trees]
    except ParseError as exc:
        return invalid(exc, text, progress.read_as)
    points, reference, found = _points_for(setup, entries)
    proved = False  # the step just judged was proved because its numbers could not decide
    for index, step in enumerate(entries):
        values = evaluate(step, form.variables, points)
        screen = compare(values, reference)
        if screen.equal:
            proved = False
            continue
        if screen.decided:
            evidence = Evidence(form, points, values, reference, found)
            return _incorrect(setup, evidence, index, len(entries), progress.read_as)
        proved = _prove(step, form, deadline)
        if not proved:
            return undecided(progress.read_as, index, len(entries))
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
    budget = min(PROOF_BUDGET, deadline - time.monotonic() - 0.05)
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


def read_as(exprs: list[Any]) -> str:
    """The pretty form of each step, steps separated by a line with '='."""
    shown = [render(expr) for expr in exprs]
    return "\n=\n".join(shown)


def _incorrect(setup: Setup, evidence: Evidence, index: int, count: int, shown: str) -> Verdict:
    known = _known_mistake(setup, evidence)
    method = "known-mistake" if known else "diagnosis"
    en, zh = known or diagnose(evidence)
    if count > 1:
        if index == 0:
            en, zh = f"Step 1 is already wrong. {en}", f"第 1 步就错了。{zh}"
        else:
            en = f"Step {index + 1} does not follow from step {index}. {en}"
            zh = f"第 {index + 1} 步不能由第 {index} 步得到。{zh}"
    return verdict("incorrect", shown, en, zh, method, index + 1 if count > 1 else None)


def _known_mistake(setup: Setup, evidence: Evidence) -> tuple[str, str] | None:
    for entries, feedback in setup.mistakes:
        if matches(evidence.answer, evidence.values(entries)):
            return feedback.en, feedback.zh
    return None
