"""Rendering for `quizcli list`, `show` and `search`: tables and question panels."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich import box
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    RenderableType,
    RenderResult,
)
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from quizcli import kinds
from quizcli.bank.model import AnyQuestion, Text
from quizcli.kinds.base import Formula, Part
from quizcli.messages import say, term
from quizcli.textfmt import latex_to_unicode, width, wrap
from quizcli.ui import frame, out, overflow, plain

STARS = {1: "●○○", 2: "●●○", 3: "●●●"}
PROMPT_COLUMNS = 60
MIN_PROMPT_COLUMNS = 30
TABLE_FRAME = 13  # four columns: five rules and a space either side of each cell


def level(difficulty: int, lang: str) -> str:
    """Dots for the eye and a word for screen readers and colour-free terminals."""
    return plain(f"{STARS[difficulty]} {say(f'level.{difficulty}', lang)}")


def clipped(text: str, cells: int) -> str:
    """At most `cells` wide, cut with an ellipsis (three dots in ASCII mode)."""
    if width(text) <= cells:
        return text
    mark = plain("…")
    kept = ""
    for char in text:
        if width(kept + char) > cells - len(mark):
            break
        kept += char
    return kept.rstrip() + mark


def label(key: str, lang: str, **values: object) -> str:
    return say(f"browse.{key}", lang, **values)


def labelled(key: str, lang: str, value: str) -> str:
    """`Label: value`, with the full-width colon Chinese text uses."""
    return f"{label(key, lang)}{say('colon', lang)}{value}"


class Prose:
    """Bank text as the terminal should show it: LaTeX as Unicode, Chinese wrapped tightly.

    Rich breaks lines only at spaces, which leaves gaps before long Chinese runs;
    this renderable wraps at the width it is given, between any two Chinese characters.
    A code block between ``` fences is shown as written, indentation kept; a line wider than
    the terminal continues on the next (cropping it would show code that does not run).
    """

    def __init__(self, text: str, style: str = "") -> None:
        parts = text.split("```")
        self.parts = [
            (plain(_code_lines(part)), True)
            if index % 2
            else (plain(latex_to_unicode(part, True)), False)
            for index, part in enumerate(parts)
        ]
        self.text = "\n".join(part for part, _ in self.parts)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for part, code in self.parts:
            if code:
                for line in part.splitlines():
                    yield RichText(line, style=self.style or "cyan", overflow="fold")
            elif part.strip():
                for line in wrap(part.strip("\n"), options.max_width):
                    yield RichText(line, style=self.style, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((width(line) for line in self.text.splitlines()), default=0)
        return Measurement(min(8, longest), min(longest, options.max_width))


def _code_lines(block: str) -> str:
    """A fenced block without its fence lines (and the language name after the opening one)."""
    lines = block.split("\n")
    return "\n".join(lines[1:-1] if len(lines) > 2 else lines).rstrip()


def question_table(questions: Iterable[AnyQuestion], lang: str) -> None:
    """One row per question; ids are never cut (people copy them), prompts are, to fit."""
    items = list(questions)
    console = out()
    rows = [
        (
            q.id,
            term("type", q.type, lang),
            level(q.difficulty, lang),
            plain(latex_to_unicode(q.prompt.get(lang))),
        )
        for q in items
    ]
    fixed = [max((width(row[i]) for row in rows), default=4) for i in range(3)]
    cells = min(PROMPT_COLUMNS, console.width - sum(fixed) - TABLE_FRAME)
    if cells < MIN_PROMPT_COLUMNS:
        _question_lines(items, lang, console)
        return
    cut = overflow()
    table = Table(title=label("questions", lang, n=len(items)), title_justify="left")
    table.box = frame(box.HEAVY_HEAD)
    for name, least in zip(("id", "type", "level"), fixed, strict=True):
        table.add_column(label(f"col_{name}", lang), no_wrap=True, overflow=cut, min_width=least)
    table.columns[0].style = "cyan"
    table.add_column(label("col_prompt", lang), max_width=cells, no_wrap=True, overflow=cut)
    previous = None
    for question, (qid, kind, shown_level, prompt) in zip(items, rows, strict=True):
        if question.topic != previous:
            topic = term("topic", question.topic, lang)
            table.add_row(RichText(topic, style="bold magenta"), "", "", "")
            previous = question.topic
        table.add_row(qid, kind, shown_level, clipped(prompt.replace("\n", " "), cells))
    console.print(table)


def _question_lines(items: list[AnyQuestion], lang: str, console: Console) -> None:
    """The table for a terminal too narrow for it: each id whole on its own line with type
    and level, the prompt under it. Long ids (41 characters) left 9 columns of prompt at
    80 columns and none at 60."""
    console.print(label("questions", lang, n=len(items)))
    cells = min(PROMPT_COLUMNS, console.width - 4)
    previous = None
    for question in items:
        if question.topic != previous:
            console.print(RichText(question.topic, style="bold magenta"))
            previous = question.topic
        meta = f"  {question.type}  {level(question.difficulty, lang)}"
        if width(question.id + meta) > console.width:
            meta = f"  {question.type}  {plain(STARS[question.difficulty])}"
        console.print(RichText.assemble((question.id, "cyan"), meta), overflow="fold")
        prompt = plain(latex_to_unicode(question.prompt.get(lang))).replace("\n", " ")
        console.print(f"    {clipped(prompt, cells)}", no_wrap=True, overflow="crop")


def search_results(results: list[tuple[float, AnyQuestion]], lang: str) -> None:
    if not results:
        out().print(label("no_match", lang))
        return
    question_table((question for _, question in results), lang)


def question_panel(
    question: AnyQuestion, lang: str, show_answer: bool, formula: Formula | None = None
) -> None:
    """One question; with `show_answer`, its answer, explanation, hints and sources.

    `formula` pretty-prints a stored expression; it is passed in only when a
    derivation answer is shown, so browsing never pays for sympy otherwise.
    """
    kind = kinds.of(question)
    body: list[RenderableType] = [Prose(question.prompt.get(lang))]
    body.extend(render_part(part) for part in kind.prompt_parts(question, lang, show_answer))
    if show_answer:
        body.extend(_answer(question, lang, formula))
    title = RichText(question.id, style="bold cyan")
    names = f"{term('topic', question.topic, lang)} · {term('type', question.type, lang)} · "
    meta = plain(names) + level(question.difficulty, lang)
    footer = labelled("tags", lang, ", ".join(question.tags))
    panel = Panel(
        Group(*_spaced(body)), title=title, subtitle=footer, subtitle_align="left", box=frame()
    )
    out().print(RichText(meta, style="dim"))
    out().print(panel)
    if question.figure is not None:
        from quizcli.ui.plot import figure_chart

        figure_chart(question.figure, lang)


def answer_panel(question: AnyQuestion, lang: str, formula: Formula | None) -> None:
    """The answer, explanation, hints and sources alone, for after the user has answered."""
    kind = kinds.of(question)
    title = RichText(question.id, style="bold cyan")
    shown = [p for p in kind.prompt_parts(question, lang, True) if p.style == "options"]
    parts = [*(render_part(p) for p in shown), *_answer(question, lang, formula)]
    out().print(Panel(Group(*_spaced(parts)), title=title, box=frame()))


def compare_panel(question: AnyQuestion, lang: str, answer: str, covered: list[bool]) -> None:
    """The user's answer beside the key points, the points it seems to mention ticked."""
    parts = kinds.of(question).answer_parts(question, lang, None)
    points = next((p for p in parts if p.style == "bullets"), None)
    if points is None:
        answer_panel(question, lang, None)
        return
    share = _answer_share(answer, points.lines)
    grid = Table(box=None, expand=True, header_style="bold")
    grid.add_column(label("yours", lang), ratio=share)
    grid.add_column(points.title, ratio=100 - share)
    marks = [
        _indented(plain("✓ ") if hit else plain("· "), line, "green" if hit else "")
        for line, hit in zip(points.lines, covered, strict=True)
    ]
    grid.add_row(Prose(answer), Group(*marks))
    title = RichText(question.id, style="bold cyan")
    out().print(Panel(grid, title=title, box=frame()))


def _answer_share(answer: str, points: Iterable[str]) -> int:
    """The answer column's share of the width, in percent: each side in proportion to its
    text, so that neither column runs much longer than the other and the whole comparison
    fits one screen (a 24 x 80 terminal for the longest concept question in the banks)."""
    mine = width(answer)
    theirs = sum(width(point) + 2 for point in points)
    return min(60, max(30, round(100 * mine / max(mine + theirs, 1))))


def _spaced(parts: list[RenderableType]) -> Iterator[RenderableType]:
    for index, part in enumerate(parts):
        if index:
            yield RichText("")
        yield part


def render_part(part: Part) -> RenderableType:
    """A kind's plain content, drawn: prose wrapped, values and code as they are."""
    if part.style == "options":
        rows: list[RenderableType] = []
        for index, line in enumerate(part.lines):
            good = bool(part.good) and part.good[index]
            mark = plain("✓") if good else " "
            rows.append(_indented(f"{mark} {part.marks[index]} ", line, "green" if good else ""))
            if part.notes and part.notes[index]:
                rows.append(_indented("     ", part.notes[index], "dim"))
        body: RenderableType = Group(*rows)
    elif part.style == "prose":
        body = Group(*(Prose(line) for line in part.lines))
    elif part.style == "bullets":
        body = Group(*(_indented(plain("• "), line, "") for line in part.lines))
    elif part.style == "code":
        body = Group(*(RichText(line, overflow="fold") for line in part.lines))
    else:
        body = Group(*(RichText(plain(line), style="green") for line in part.lines))
    if not part.title:
        return body
    return Group(RichText(part.title, style="dim" if part.style == "options" else "bold"), body)


def _answer(question: AnyQuestion, lang: str, formula: Formula | None) -> list[RenderableType]:
    parts = kinds.of(question).answer_parts(question, lang, formula)
    sections: list[RenderableType] = [render_part(part) for part in parts]
    sources = Group(*(RichText(plain(f"- {source}"), style="dim") for source in question.sources))
    sections += [
        _section("explanation", lang, Prose(question.explanation.get(lang))),
        _section("hints", lang, _bullets(question.hints, lang)),
        _section("sources", lang, sources),
    ]
    return sections


def _section(key: str, lang: str, body: RenderableType) -> Group:
    return Group(RichText(label(key, lang), style="bold"), body)


def _bullets(items: Iterable[Text], lang: str) -> Group:
    return Group(*(_indented(plain("• "), item.get(lang), "") for item in items))


def _indented(marker: str, text: str, style: str) -> Table:
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(RichText(marker, style=style), Prose(text, style=style))
    return grid
