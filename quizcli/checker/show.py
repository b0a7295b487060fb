"""A bank formula as the bank states it, pretty-printed without sympy or numpy.

`show --answer` prints `w*(1 - eta*lam)` as `w·(1 − η·λ)`, in the author's order
(sympy would print `w⋅(-η⋅λ + 1)`), from the same parse tree the checker reads:
the lexer and parser are plain Python, so showing a formula costs milliseconds.
"""

from __future__ import annotations

from quizcli.checker.grammar import Node
from quizcli.functions import BY_NAME

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eps": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ",
    "lam": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Omega": "Ω",
}  # fmt: skip
SUBSCRIPT = dict(zip("0123456789ijktn", "₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₜₙ", strict=True))
SUPERSCRIPT = dict(zip("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻", strict=True))
FUNCTION_NAMES = {"sigmoid": "σ", "Phi": "Φ", "phi": "φ", "heaviside": "H"}
OPERATORS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}
# Binding strength: a child looser than its parent gets parentheses.
LEVEL = {"if": 0, "or": 1, "and": 2, "not": 3, "cmp": 4, "add": 5, "sub": 5, "mul": 6,
         "div": 6, "neg": 7, "pow": 8}  # fmt: skip


def show(tree: Node, ascii: bool = False) -> str:
    """One line: Unicode names and operators, or the plain grammar in ASCII mode."""
    return _Printer(ascii).text(tree)


class _Printer:
    def __init__(self, ascii: bool) -> None:
        self.ascii = ascii

    def text(self, node: Node) -> str:
        method = getattr(self, f"_{node.kind}", None)
        return method(node) if method else node.value

    def _wrap(self, child: Node, level: int, right: bool = False) -> str:
        inner = self.text(child)
        child_level = LEVEL.get(child.kind, 9)
        if child_level < level or (right and child_level == level):
            return f"({inner})"
        return inner

    def _name(self, name: str) -> str:
        if self.ascii:
            return name
        base, _, sub = name.partition("_")
        digits = ""
        while base and base[-1].isdigit() and len(base) > 1:
            base, digits = base[:-1], base[-1] + digits
        shown = GREEK.get(base, base)
        tail = digits + sub
        if tail and all(c in SUBSCRIPT for c in tail):
            return shown + "".join(SUBSCRIPT[c] for c in tail)
        return shown + (f"_{tail}" if tail else "")

    def _num(self, node: Node) -> str:
        return node.value

    def _symbol(self, node: Node) -> str:
        return self._name(node.value)

    def _element(self, node: Node) -> str:
        return self._name(f"{node.value}_{node.extra}")

    def _vector(self, node: Node) -> str:
        return node.value

    def _index(self, node: Node) -> str:
        return node.value

    def _delta(self, node: Node) -> str:
        return self._name(f"delta_{node.value}{node.extra}")

    def _const(self, node: Node) -> str:
        return {"E": "e", "pi": "pi" if self.ascii else "π"}.get(node.value, node.value)

    def _add(self, node: Node) -> str:
        return f"{self._wrap(node.args[0], 5)} + {self._wrap(node.args[1], 5)}"

    def _sub(self, node: Node) -> str:
        minus = " - " if self.ascii else " − "
        return f"{self._wrap(node.args[0], 5)}{minus}{self._wrap(node.args[1], 5, right=True)}"

    def _mul(self, node: Node) -> str:
        left, right = (self._wrap(arg, 6) for arg in node.args)
        if self.ascii:
            return f"{left}*{right}"
        if node.args[0].kind == "num" and node.args[1].kind in ("symbol", "const", "call"):
            return f"{left}{right}"
        return f"{left}·{right}"

    def _div(self, node: Node) -> str:
        return f"{self._wrap(node.args[0], 6)}/{self._wrap(node.args[1], 6, right=True)}"

    def _neg(self, node: Node) -> str:
        return ("-" if self.ascii else "−") + self._wrap(node.args[0], 7)

    def _pow(self, node: Node) -> str:
        base, exponent = node.args
        shown = self._wrap(base, 9)
        if base.kind == "const" and base.value == "E" and not self.ascii:
            shown = "e"
        plain = exponent.value if exponent.kind == "num" else ""
        if exponent.kind == "neg" and exponent.args[0].kind == "num":
            plain = "-" + exponent.args[0].value
        if not self.ascii and plain and all(c in SUPERSCRIPT for c in plain):
            return shown + "".join(SUPERSCRIPT[c] for c in plain)
        caret = "**" if self.ascii else "^"
        return f"{shown}{caret}{self._wrap(exponent, 9)}"

    def _T(self, node: Node) -> str:
        return self._wrap(node.args[0], 9) + ("^T" if self.ascii else "ᵀ")

    def _call(self, node: Node) -> str:
        name = node.value
        entry = BY_NAME.get(name)
        spelled = entry.spellings[0] if entry else name  # heaviside is typed Heaviside
        args = [self.text(arg) for arg in node.args]
        if self.ascii:
            return f"{spelled}({', '.join(args)})"
        if name == "abs":
            return f"|{args[0]}|"
        if name == "sqrt":
            return f"√({args[0]})" if LEVEL.get(node.args[0].kind, 9) < 9 else f"√{args[0]}"
        if name == "floor":
            return f"⌊{args[0]}⌋"
        if name == "ceil":
            return f"⌈{args[0]}⌉"
        if name == "sum" and len(node.args) == 2:
            return f"Σ{self._name('_' + node.args[1].value)[1:]} {self._wrap(node.args[0], 6)}"
        return f"{FUNCTION_NAMES.get(name, spelled)}({', '.join(args)})"

    def _sum(self, node: Node) -> str:
        if self.ascii:
            return f"sum_{node.value} {self._wrap(node.args[0], 6)}"
        return f"Σ{SUBSCRIPT.get(node.value, node.value)} {self._wrap(node.args[0], 6)}"

    def _if(self, node: Node) -> str:
        value, condition, otherwise = (self.text(arg) for arg in node.args)
        if node.args[2].kind == "if":
            otherwise = f"({otherwise})"
        return f"{value} if {condition} else {otherwise}"

    def _cmp(self, node: Node) -> str:
        operators = node.value.split()
        parts = [self._wrap(node.args[0], 5)]
        for operator, operand in zip(operators, node.args[1:], strict=True):
            shown = operator if self.ascii else OPERATORS.get(operator, operator)
            parts += [shown, self._wrap(operand, 5)]
        return " ".join(parts)

    def _and(self, node: Node) -> str:
        return " and ".join(self._wrap(arg, 2) for arg in node.args)

    def _or(self, node: Node) -> str:
        return " or ".join(self._wrap(arg, 1) for arg in node.args)

    def _not(self, node: Node) -> str:
        return "not " + self._wrap(node.args[0], 3)
