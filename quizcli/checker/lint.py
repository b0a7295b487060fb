"""The expression part of `quizcli lint`: every bank formula must read in its question's scope.

Bank text goes through the same reader as typed answers (and the same safety
rules), with the question's own symbols and setting, so a formula that lint
accepts is one the checker can use.
"""

from __future__ import annotations

from quizcli.bank import Origin, Problem
from quizcli.checker.errors import ParseError
from quizcli.kinds.derivation import DerivationAnswer, DerivationQuestion
from quizcli.messages import Message, msg


def expression_problems(question: DerivationQuestion, origin: Origin) -> list[Problem]:
    """One Problem per definition, wrt, reference or mistake that cannot be read
    (the derivation kind's part of lint)."""
    from quizcli.checker import parse

    answer = question.answer
    fields = {"answer.definition": answer.definition, "answer.reference": answer.reference}
    if answer.wrt:
        fields["answer.wrt"] = answer.wrt
    for index, mistake in enumerate(answer.mistakes):
        fields[f"answer.mistakes[{index}].expr"] = mistake.expr
    for index, kink in enumerate(answer.kinks):
        fields[f"answer.kinks[{index}].value"] = kink.value
    problems = [
        Problem.of(origin.path, origin.line, origin.col, question.id, "answer.forbid", message)
        for message in _forbid_problems(answer)
    ]
    problems += [
        Problem.of(origin.path, origin.line, origin.col, question.id, "answer.domain", message)
        for message in domain_problems(answer)
    ]
    for name, text in fields.items():
        try:
            parse(text, answer.symbols, answer.setting)
        except ParseError as exc:
            message = msg("lint.formula", detail=exc.located())
            problems.append(
                Problem.of(origin.path, origin.line, origin.col, question.id, name, message)
            )
    return problems


def _forbid_problems(answer: DerivationAnswer) -> list[Message]:
    """Forbidden names must be functions the reader knows, and the reference must not use them
    under any spelling (σ is sigmoid): the checker would refuse the reference itself."""
    from quizcli.checker.grammar import parse_tree
    from quizcli.checker.names import FUNCTIONS, scope_for
    from quizcli.checker.verdicts import forbidden_call

    known = set(FUNCTIONS.values())
    problems = [
        msg("lint.unknown_function", name=name, known=", ".join(sorted(known)))
        for name in answer.forbid
        if name not in known
    ]
    try:
        tree = parse_tree(answer.reference, scope_for(answer.symbols, answer.setting))
    except ParseError:
        return problems  # reported on answer.reference
    call = forbidden_call(tree, answer.forbid)
    if call is not None:
        problems.append(msg("lint.reference_forbidden", name=call.value))
    return problems


LOWER_BOUNDS = {"positive": 0.0, "nonnegative": 0.0, "positive integer": 1.0}
UPPER_BOUNDS = {"negative": 0.0, "nonpositive": 0.0}


def domain_problems(answer: DerivationAnswer) -> list[Message]:
    """Where the numeric screen samples a symbol must lie inside what the question declares
    (else a correct answer can be refuted) and cover every sign the declaration allows (else
    a wrong answer that is right for positive values only, abs(gamma) for gamma, passes)."""
    if answer.setting is not None:
        return []
    from quizcli.checker.forms import declared, span

    main = answer.wrt or answer.symbols[0]
    problems = []
    for name in answer.symbols:
        what, (low, high) = declared(answer, name), span(answer, name, main)
        if isinstance(what, tuple):
            inside = what[0] <= low and high <= what[1]
            both_signs = what[0] < 0 < what[1]
        else:
            floor, ceiling = LOWER_BOUNDS.get(what), UPPER_BOUNDS.get(what)
            inside = (floor is None or low >= floor) and (ceiling is None or high <= ceiling)
            inside = inside and (what not in ("positive", "negative") or low != 0 != high)
            both_signs = what in ("real", "integer")
        shown = f"[{low:g}, {high:g}]"
        if not inside:
            problems.append(msg("lint.sampled_outside", name=name, what=_said(what), shown=shown))
        elif both_signs and not low < 0 < high:
            said = _said(what)
            problems.append(msg("lint.sampled_one_sign", name=name, what=said, shown=shown))
    return problems


def _said(what: object) -> Message | str:
    """A declaration as the problem names it: `positive` (as written), or `in [0, 1]`."""
    return msg("lint.interval", interval=list(what)) if isinstance(what, tuple) else str(what)
