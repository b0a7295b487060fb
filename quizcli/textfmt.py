"""Plain-text forms of what bank prose contains: inline LaTeX and Chinese line breaking.

Both are pure string functions so that every renderer (terminal, Markdown,
Anki) can share them. Inline LaTeX is turned into Unicode a reader can follow
in a terminal: `\\frac{1}{1+e^{-x}}` becomes `1/(1+e⁻ˣ)`. General-purpose
converters drop the grouping of `\\frac` (giving `1/1+e^-x`, a different
formula), so this one keeps brackets wherever a part is not a single atom.
"""

from __future__ import annotations

import re
import unicodedata

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω", "ell": "ℓ",
}  # fmt: skip
SYMBOLS = {
    "cdot": "·", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠",
    "ne": "≠", "approx": "≈", "to": "→", "rightarrow": "→", "leftarrow": "←", "infty": "∞",
    "partial": "∂", "nabla": "∇", "sum": "Σ", "prod": "∏", "int": "∫", "odot": "⊙",
    "otimes": "⊗", "in": "∈", "pm": "±", "mid": "|", "|": "‖", "sim": "~", "propto": "∝",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "ldots": "…", "dots": "…",
    "cdots": "⋯", "quad": "  ", "qquad": "    ", ",": " ", ";": " ", "!": "", " ": " ",
    "prime": "′", "top": "ᵀ", "{": "{", "}": "}", "_": "_", "%": "%", "$": "$", "&": "&",
    "langle": "⟨", "rangle": "⟩", "Rightarrow": "⇒", "iff": "⇔", "forall": "∀", "exists": "∃",
    "circ": "∘", "ast": "*", "star": "⋆", "emptyset": "∅", "lVert": "‖", "rVert": "‖",
    "vert": "|", "lvert": "|", "rvert": "|", "neg": "¬", "land": "∧", "lor": "∨",
}  # fmt: skip
NAMED = {"log", "ln", "exp", "tanh", "sinh", "cosh", "sin", "cos", "tan", "max", "min",
         "arg", "argmax", "argmin", "det", "lim", "sup", "inf", "sgn", "sign", "erf"}  # fmt: skip
SPACING = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
           "displaystyle", "limits", "nolimits"}  # fmt: skip
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304",
           "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
           "ddot": "\u0308"}  # fmt: skip
FONTS = {"mathrm", "text", "textrm", "operatorname", "mathbf", "mathit", "boldsymbol",
         "mathsf", "mathtt", "bm", "textbf", "textit", "mbox"}  # fmt: skip
TEXT_FONTS = {"text", "textrm", "textbf", "textit", "mbox"}
BLACKBOARD = {"E": "𝔼", "R": "ℝ", "N": "ℕ", "Z": "ℤ", "P": "ℙ", "Q": "ℚ", "C": "ℂ"}
SUPERSCRIPT = dict(
    zip(
        "0123456789+-=()niTtabcdefghjklmoprsuvwxyzβγδφχθ′ABDEGHIJKLMNOPRUVW",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀᵗᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵘᵛʷˣʸᶻᵝᵞᵟᵠᵡᶿ′ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂ",
        strict=True,
    )
)
SUBSCRIPT = dict(
    zip(
        "0123456789+-=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
ASCII = {
    **{letter: name for name, letter in GREEK.items() if name not in ("varepsilon", "varphi")},
    "·": "*", "×": "x", "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~", "→": "->", "←": "<-",
    "∞": "inf", "∂": "d", "∇": "grad ", "Σ": "sum ", "∏": "prod ", "∫": "int ", "⊙": "(.)",
    "⊗": "(x)", "∈": " in ", "±": "+/-", "‖": "||", "∝": "~", "⌊": "floor(", "⌋": ")",
    "⌈": "ceil(", "⌉": ")", "…": "...", "⋯": "...", "′": "'", "√": "sqrt", "−": "-", "𝔼": "E",
    "ℝ": "R", "⟨": "<", "⟩": ">", "⇒": "=>", "⇔": "<=>", "∘": "o", "●": "*", "○": ".",
    "•": "*", "✓": "v", "\u00a0": " ", "—": "--", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'",
    "½": "1/2", "¼": "1/4", "¾": "3/4", "″": "''", "°": " deg", "ŷ": "y_hat", "✗": "x",
}  # fmt: skip
GREEK_LETTERS = set(GREEK.values())
SUPERSCRIPT_BACK = {sup: plain for plain, sup in SUPERSCRIPT.items() if plain != "′"}
SUBSCRIPT_BACK = {sub: plain for plain, sub in SUBSCRIPT.items()}
ACCENT_WORDS = {
    mark: name for name, mark in ACCENTS.items() if name in ("hat", "bar", "tilde", "vec")
}
FRACTIONS = ("frac", "dfrac", "tfrac")
RELATIONS = set("=<>≤≥≠≈→←⇒⇔∝∈~")
SCRIPT_MARKS = set(SUPERSCRIPT.values()) | set(SUBSCRIPT.values()) | set(ACCENTS.values()) | {"′"}
SECTION = re.compile(r"§\s*")
INLINE_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.S)


def latex_to_unicode(text: str, keep_together: bool = False) -> str:
    """Replace every `$...$` span in prose by its Unicode reading.

    With `keep_together`, spaces inside a formula become no-break spaces, so that
    `wrap` never splits `1 − ηλ` across two lines.
    """

    def formula(match: re.Match[str]) -> str:
        shown = render_math(match.group(1))
        return shown.replace(" ", NO_BREAK) if keep_together else shown

    return INLINE_MATH.sub(formula, text).replace("\\$", "$")


def render_math(source: str) -> str:
    """Render one LaTeX math fragment (without the dollars) as Unicode text."""
    tokens = [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in _TOKEN.finditer(source)]
    out, _ = _group(tokens, 0, closing=False, text_mode=False)
    return re.sub(r" {2,}", " ", out).strip()


Token = tuple[str | None, str | None, str | None, str | None]


def _group(tokens: list[Token], i: int, closing: bool, text_mode: bool) -> tuple[str, int]:
    """Render up to the matching `}`; math mode ignores spaces, as LaTeX does."""
    parts: list[str] = []
    fractions: set[int] = set()
    while i < len(tokens):
        command, brace, space, char = tokens[i]
        if brace == "}" and closing:
            return _join(parts, fractions), i + 1
        if brace in ("^", "_"):
            arg, i = _argument(tokens, i + 1, text_mode)
            parts.append(_script(arg, SUPERSCRIPT if brace == "^" else SUBSCRIPT, brace))
            continue
        if brace == "{":
            inner, i = _group(tokens, i + 1, True, text_mode)
            parts.append(inner)
            continue
        if command is not None:
            if command in FRACTIONS:
                fractions.add(len(parts))
            text, i = _command(command, tokens, i + 1, text_mode)
            if command in NAMED or command in FONTS or _ends_in_name(parts):
                text = _spaced_name(parts, text)
            parts.append(text)
            continue
        if space:
            parts.append(" " if text_mode or _ends_in_script(parts) else "")
        elif char in RELATIONS and not text_mode:
            parts.append(f" {char} ")
        else:
            parts.append(char or brace or "")
        i += 1
    return _join(parts, fractions), i


def _join(parts: list[str], fractions: set[int]) -> str:
    """Join rendered parts, bracketing a fraction that touches a neighbouring factor.

    `\\frac{1}{2}\\epsilon` must read (1/2)ε, not 1/2ε.
    """
    pieces = list(parts)
    for index in fractions:
        before = next((p for p in reversed(parts[:index]) if p), "")
        after = next((p for p in parts[index + 1 :] if p), "")
        if (before and _factor_end(before[-1])) or (after and _factor_start(after[0])):
            pieces[index] = f"({parts[index]})"
    return "".join(pieces)


def _factor_end(char: str) -> bool:
    return char.isalnum() or char in ")]′‖|" or char in SCRIPT_MARKS


def _factor_start(char: str) -> bool:
    return char.isalnum() or char in "([√∂∇‖|"


def _spaced_name(parts: list[str], name: str) -> str:
    """`x\\tanh(x)` reads `x tanh(x)` and `\\log\\sigma` reads `log σ`: names keep apart."""
    before = next((p for p in reversed(parts) if p), "")
    return f" {name}" if before[-1:].isalnum() and name[:1].isalpha() else name


def _ends_in_name(parts: list[str]) -> bool:
    return bool(parts) and parts[-1].strip() in NAMED


def _ends_in_script(parts: list[str]) -> bool:
    """A spelled-out script (`μ_B`) or an operator name (`log p`) keeps the space after it."""
    return bool(parts) and (parts[-1][:1] in ("^", "_") or parts[-1] in NAMED)


def _argument(tokens: list[Token], i: int, text_mode: bool) -> tuple[str, int]:
    """One argument: a braced group, a command, or a single character."""
    while i < len(tokens) and tokens[i][2]:
        i += 1
    if i >= len(tokens):
        return "", i
    command, brace, _, char = tokens[i]
    if brace == "{":
        return _group(tokens, i + 1, True, text_mode)
    if command is not None:
        return _command(command, tokens, i + 1, text_mode)
    return char or brace or "", i + 1


def _command(name: str, tokens: list[Token], i: int, text_mode: bool) -> tuple[str, int]:
    if name in FRACTIONS:
        top, i = _argument(tokens, i, text_mode)
        bottom, i = _argument(tokens, i, text_mode)
        return f"{_atom(top)}/{_atom(bottom)}", i
    if name == "sqrt":
        body, i = _argument(tokens, i, text_mode)
        return f"√{_atom(body)}", i
    if name in ACCENTS:
        body, i = _argument(tokens, i, text_mode)
        return (body[:1] + ACCENTS[name] + body[1:]) if body else "", i
    if name in FONTS:
        return _argument(tokens, i, text_mode=name in TEXT_FONTS)
    if name in ("mathbb", "mathcal", "mathbbm"):
        body, i = _argument(tokens, i, text_mode)
        return "".join(BLACKBOARD.get(c, c) for c in body), i
    if name in SPACING:
        return "", i
    if name in GREEK:
        return GREEK[name], i
    if name in SYMBOLS:
        symbol = SYMBOLS[name]
        return (f" {symbol} " if symbol in RELATIONS and not text_mode else symbol), i
    return name if name in NAMED else "\\" + name, i


def _script(arg: str, table: dict[str, str], marker: str) -> str:
    if arg in ("ᵀ", "T", "\\top") and marker == "^":
        return "ᵀ"
    if arg and all(c in table for c in arg):
        return "".join(table[c] for c in arg)
    return f"{marker}{_atom(arg)}"


def _atom(text: str) -> str:
    """Bracket `text` unless it reads as one unit.

    A unit is a number, one symbol with its accents and scripts (`x̂ᵢ`, `σ²`),
    a differential (`∂L`, `dx`), a bracketed group or a root of a unit. Two
    letters side by side are a product in LaTeX, so `mσ` is bracketed.
    """
    if text.startswith("√") and _atom(text[1:]) == text[1:]:
        return text
    core = text.rstrip("".join(SCRIPT_MARKS))
    if core[:1] in ("∂", "∇", "d") and len(core) == 2 and core[1].isalpha():
        core = core[1:]
    single = len(core) == 1 and core.isalnum()
    number = bool(re.fullmatch(r"[0-9]+(\.[0-9]+)?", core))
    if single or number or enclosed(core) or not text:
        return text
    return f"({text})"


def enclosed(text: str) -> bool:
    """Whether one pair of brackets encloses the whole text: `(a+b)`, not `(a)(b)`."""
    if len(text) < 2 or text[0] not in "([{" or text[-1] not in ")]}":
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and index < len(text) - 1:
            return False
    return depth == 0


_NO_LINE_START = set("，。、；：？！）」』》〉】’”…,.;:?!)]}%")
NO_BREAK = "\u00a0"
_WIDE_CHARS = r"\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WORD = re.compile(rf"[ \t\r\f\v]+|[{_WIDE_CHARS}]|[^ \t\r\f\v{_WIDE_CHARS}]+")


def to_ascii(text: str) -> str:
    """Spell out Greek letters, scripts and symbols for terminals that draw them double-width.

    Chinese characters and punctuation stay: they are double-width by design,
    and every terminal knows it.
    """
    text = SECTION.sub("sec. ", text.replace(" · ", " | "))
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        run_end = index
        for table, marker in ((SUPERSCRIPT_BACK, "^"), (SUBSCRIPT_BACK, "_")):
            while run_end < len(text) and text[run_end] in table:
                run_end += 1
            if run_end > index:
                run = "".join(ASCII.get(table[c], table[c]) for c in text[index:run_end])
                bare = len(run) == 1 or (marker == "_" and run.isalnum())
                out.append(marker + (run if bare else f"({run})"))
                break
        if run_end > index:
            index = run_end
            continue
        out.append(_spelled(char, text, index, out))
        index += 1
    return "".join(out)


def _spelled(char: str, text: str, index: int, out: list[str]) -> str:
    """One character in ASCII; a spelled-out Greek letter keeps apart from its neighbours
    (`σ(βx)` reads `sigma(beta x)`, not `sigma(betax)`)."""
    word = ACCENT_WORDS.get(char) or ASCII.get(char) or _base_letter(char)
    if char not in GREEK_LETTERS:
        return word
    after = text[index + 1 : index + 2]
    before = out[-1][-1:] if out else ""
    joins = after.isalnum() and after not in SUBSCRIPT_BACK and after not in SUPERSCRIPT_BACK
    return (" " if before.isalnum() else "") + word + (" " if joins else "")


def _base_letter(char: str) -> str:
    """A character no table names: its unaccented letter (`ü` -> `u`), or `?`.

    Wide (Chinese) characters stay, as `to_ascii` promises; anything else that is not
    ASCII would reach a terminal that asked for ASCII only.
    """
    if char.isascii() or unicodedata.east_asian_width(char) in "WF":
        return char
    base = "".join(c for c in unicodedata.normalize("NFD", char) if c.isascii())
    return base or "?"


def width(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide characters take two."""
    return sum(
        0 if unicodedata.combining(c) else (2 if unicodedata.east_asian_width(c) in "WF" else 1)
        for c in text
    )


def wrap(text: str, columns: int) -> list[str]:
    """Break `text` into lines of at most `columns` cells, between any two Chinese characters.

    Spaces are the only break points for Latin text, so Chinese runs would be
    moved whole to the next line, leaving gaps; here every wide character is a
    break point, and closing punctuation never starts a line.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph, max(columns, 4)))
    return lines


def _wrap_paragraph(paragraph: str, columns: int) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for token in _tokens(paragraph, columns):
        size = width(token)
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        if used + size > columns and line:
            carried = _carry(line, token)
            lines.append("".join(line).rstrip())
            line, used = carried, sum(width(t) for t in carried)
        line.append(token)
        used += size
    lines.append("".join(line).rstrip())
    return lines


def _carry(line: list[str], token: str) -> list[str]:
    """Move the last character down with punctuation that must not start a line."""
    if token[0] in _NO_LINE_START and len(line) > 1 and line[-1] != " ":
        return [line.pop()]
    while line and line[-1] == " ":
        line.pop()
    return []


def _tokens(paragraph: str, columns: int) -> list[str]:
    tokens: list[str] = []
    for token in _WORD.findall(paragraph):
        while width(token) > columns:
            cut = _fit(token, columns)
            tokens.append(token[:cut])
            token = token[cut:]
        tokens.append(token)
    return tokens


def _fit(token: str, columns: int) -> int:
    used = 0
    for index, char in enumerate(token):
        used += width(char)
        if used > columns:
            return max(index, 1)
    return len(token)
