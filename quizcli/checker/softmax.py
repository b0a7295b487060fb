"""The softmax setting: answers about s = softmax(z) compared entry by entry on the simplex.

An element answer (`s_i(δ_ij − s_j)`, or a case split on `i == j`) is built once
per index value; a matrix answer (`diag(s) − s sᵀ`) once per size. Both become
the entries of an n×n (or n-vector) array for n = 3 and n = 4, in which every
s_k is the softmax of concrete z's and y lies on the simplex, so answers that use
Σs = 1 or Σy = 1 are judged in the setting where those identities hold.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from quizcli.checker.build import Builder, check_size, symbol
from quizcli.checker.errors import ParseError
from quizcli.checker.forms import Form, Points
from quizcli.checker.grammar import Node, parse_tree
from quizcli.checker.names import scope_for
from quizcli.messages import Message, msg

if TYPE_CHECKING:
    from quizcli.kinds.derivation import DerivationAnswer

SIZES = (3, 4)
Z_RANGE = (-2.5, 2.5)
POINTS = 10


class ConcreteBuilder(Builder):
    """Builds a tree for n classes and fixed index values: s_i becomes softmax(z)_i."""

    def __init__(self, vectors: dict[str, list[Any]], indices: dict[str, int]) -> None:
        super().__init__()
        self.vectors = vectors
        self.indices = dict(indices)

    def _position(self, letter: str, pos: int) -> int:
        if letter not in self.indices:
            raise ParseError(pos, _unbound(letter, sorted(self.indices)))
        return self.indices[letter]

    def _index(self, node: Node) -> Any:
        return sympy.Integer(self._position(node.value, node.pos))

    def _element(self, node: Node) -> Any:
        return self.vectors[node.value][self._position(node.extra, node.pos)]

    def _vector(self, node: Node) -> Any:
        return sympy.Matrix(self.vectors[node.value])

    def _delta(self, node: Node) -> Any:
        first = self._position(node.value, node.pos)
        return sympy.Integer(int(first == self._position(node.extra, node.pos)))

    def _diagonal(self, vector: Any) -> Any:
        return sympy.diag(*vector)

    def _sum(self, node: Node) -> Any:
        letter = node.value
        saved = self.indices.get(letter)
        terms = []
        for k in range(len(self.vectors["z"])):
            self.indices[letter] = k
            terms.append(self.build(node.args[0]))
        if saved is None:
            del self.indices[letter]
        else:
            self.indices[letter] = saved
        return sympy.Add(*terms)


def _indices(tree: Node, bound: frozenset[str] = frozenset()) -> set[str]:
    """The free index letters a tree uses (sum indices are bound)."""
    if tree.kind in ("index", "element", "delta"):
        letters = {tree.value, tree.extra} if tree.kind == "delta" else {tree.extra or tree.value}
        return letters - bound
    if tree.kind == "sum" or (tree.kind == "call" and tree.value == "sum"):
        index = tree.value if tree.kind == "sum" else tree.args[1].value
        return _indices(tree.args[0], bound | {index})
    return set().union(*(_indices(child, bound) for child in tree.args))


def _uses_elements(tree: Node) -> bool:
    kinds = ("element", "index", "delta")
    return tree.kind in kinds or any(_uses_elements(child) for child in tree.args)


def _uses_vectors(tree: Node) -> bool:
    return tree.kind == "vector" or any(_uses_vectors(child) for child in tree.args)


class _Simplex:
    """Variables for n = 3 and 4, chosen so the prover only has to cancel polynomials.

    Answers read s as free probabilities s_0…s_{n−2} with s_{n−1} = 1 − Σ (likewise y),
    and z_k = log(c·s_k) with a free scale c > 0: (s, c) covers every z exactly once.
    References are derived where differentiation is plain, E_k = e^(z_k) with s = E/ΣE,
    and then moved over by ΣE → c, E_k → c·s_k.
    """

    def __init__(self, bases: set[str]) -> None:
        self.variables: list[Any] = []
        self.vectors: dict[int, dict[str, list[Any]]] = {}
        self.raw: dict[int, dict[str, list[Any]]] = {}
        self.moves: dict[int, tuple[dict[Any, Any], dict[Any, Any]]] = {}
        for n in SIZES:
            free = {base: _on_simplex(base, n, base == "y") for base in bases - {"s", "z"}}
            probabilities = _on_simplex("s", n, True)
            scale = sympy.Symbol(f"c{n}", positive=True)
            exps = [sympy.Symbol(f"E{n}_{k}", positive=True) for k in range(n)]
            self.vectors[n] = {
                **free,
                "s": probabilities,
                "z": [sympy.log(scale * p) for p in probabilities],
            }
            self.raw[n] = {
                **free,
                "s": [e / sympy.Add(*exps) for e in exps],
                "z": [sympy.log(e) for e in exps],
            }
            self.moves[n] = (
                {sympy.Add(*exps): scale},
                {e: scale * p for e, p in zip(exps, probabilities, strict=True)},
            )
            tail = [v for vs in free.values() for v in vs if v.is_Symbol]
            self.variables += [p for p in probabilities if p.is_Symbol] + [scale] + tail

    def moved(self, n: int, value: Any) -> Any:
        """A reference entry derived in E-space, written in the answers' variables."""
        total, each = self.moves[n]
        return sympy.cancel(value.xreplace(total).xreplace(each))

    def sample(self, rng: np.random.Generator) -> Points:
        points: Points = {}
        for n, table in self.vectors.items():
            z = rng.uniform(*Z_RANGE, (n, POINTS))
            s = np.exp(z) / np.exp(z).sum(axis=0)
            points[sympy.Symbol(f"c{n}", positive=True)] = np.exp(z).sum(axis=0)
            columns = {base: _free_values(rng, base, n) for base in table} | {"s": s}
            for base, values in table.items():
                if base == "z":
                    continue
                points.update((v, columns[base][k]) for k, v in enumerate(values) if v.is_Symbol)
        return points


def _on_simplex(base: str, n: int, simplex: bool) -> list[Any]:
    """n symbols; on the simplex the last one is 1 minus the others."""
    count = n - 1 if simplex else n
    symbols = [symbol(f"{base}{n}_{k}", positive=simplex) for k in range(count)]
    return [*symbols, 1 - sympy.Add(*symbols)] if simplex else symbols


def _free_values(rng: np.random.Generator, base: str, n: int) -> np.ndarray:
    if base == "y":
        return np.asarray(rng.dirichlet(np.ones(n), POINTS).T)
    return rng.uniform(*Z_RANGE, (n, POINTS))


def softmax_form(answer: DerivationAnswer) -> Form:
    scope = scope_for(answer.symbols, answer.setting)
    simplex = _Simplex(scope.vectors())
    definition = parse_tree(answer.definition, scope)
    wrt = parse_tree(answer.wrt, scope) if answer.wrt else None
    free = sorted(_indices(definition) | (_indices(wrt) if wrt else set()))

    def expand(tree: Node, derive: bool = False) -> list[Any]:
        if _uses_vectors(tree):
            return _matrix_entries(tree, simplex, free)
        return _element_entries(tree, simplex, free, wrt if derive else None)

    def validate(tree: Node) -> None:
        if _uses_vectors(tree) and _uses_elements(tree):
            raise ParseError(tree.pos, msg("parse.mixed"))

    def entries(tree: Node) -> list[Any]:
        validate(tree)
        check_size(Builder().build(tree), tree.pos)
        extra = _indices(tree) - set(free)
        if extra:
            letter = sorted(extra)[0]
            raise ParseError(tree.pos, _unbound(letter, free))
        return expand(tree)

    combos = [(n, c) for n in SIZES for c in itertools.product(range(n), repeat=len(free))]
    places = [
        ", ".join([f"n = {n}", *(f"{i} = {k + 1}" for i, k in zip(free, combo, strict=True))])
        for n, combo in combos
    ]
    return Form(
        scope=scope,
        variables=simplex.variables,
        main=None,
        reference=expand(definition, derive=True),
        definition=expand(definition) if wrt else None,
        labels=[_label(combo) for _, combo in combos],
        places=places,
        sample=simplex.sample,
        entries=entries,
        validate=validate,
    )


def _label(combo: tuple[int, ...]) -> str:
    if len(combo) != 2:
        return ""
    return "diagonal" if combo[0] == combo[1] else "off-diagonal"


def _unbound(letter: str, free: list[str]) -> Message:
    shown = ", ".join(free) if free else msg("parse.no_indices")
    return msg("parse.unbound", letter=letter, indices=shown)


def _element_entries(tree: Node, simplex: _Simplex, free: list[str], wrt: Node | None) -> list[Any]:
    """Entries for every index value; with `wrt`, the derivative, derived in E-space."""
    entries = []
    for n in SIZES:
        tables = simplex.raw if wrt is not None else simplex.vectors
        for combo in itertools.product(range(n), repeat=len(free)):
            builder = ConcreteBuilder(tables[n], dict(zip(free, combo, strict=True)))
            value = builder.build(tree)
            if wrt is not None:
                value = simplex.moved(n, _derivative(value, builder.build(wrt)))
            entries.append(value)
    return entries


def _derivative(value: Any, variable: Any) -> Any:
    """d value / d variable; for z_k = log E_k that is E_k · ∂value/∂E_k."""
    if isinstance(variable, sympy.log):
        inner = variable.args[0]
        return inner * sympy.diff(value, inner)
    return sympy.diff(value, variable)


def _matrix_entries(tree: Node, simplex: _Simplex, free: list[str]) -> list[Any]:
    entries: list[Any] = []
    for n in SIZES:
        value = ConcreteBuilder(simplex.vectors[n], {}).build(tree)
        matrix = value if isinstance(value, sympy.MatrixBase) else sympy.Matrix([[value]])
        expected = {0: (1, 1), 1: (n, 1), 2: (n, n)}[len(free)]
        if matrix.shape == expected[::-1] and len(free) == 1:
            matrix = matrix.T
        if matrix.shape != expected:
            raise ParseError(tree.pos, *_shape_message(matrix.shape, expected))
        entries.extend(matrix[row, col] for row in range(expected[0]) for col in range(expected[1]))
    return entries


def _shape_message(
    got: tuple[int, int], expected: tuple[int, int]
) -> tuple[Message, Message | str]:
    def shape(rows: int, cols: int) -> Message:
        if (rows, cols) == (1, 1):
            return msg("parse.a_number")
        return msg("parse.a_matrix", rows=rows, cols=cols)

    outer = got == (1, 1) and expected[1] > 1
    said = msg("parse.shape", n=expected[0], got=shape(*got), wanted=shape(*expected))
    return said, msg("parse.outer_product") if outer else ""
