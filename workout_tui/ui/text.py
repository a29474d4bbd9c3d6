"""The one way user text reaches the screen: literally, never as markup or terminal control.

Routine names, notes, loads, paths, config values and error messages go through these
widgets and helpers. `[b]` shows as `[b]`, `[/]` cannot end the app, `[@click=...]` runs
nothing, and control characters show as placeholders (see `core.printable`). A test
checks that the UI builds no bare `Static`, `Label` or string table cell.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Label, Static

from workout_tui.core.printable import printable


def literal(text: str, style: str = "", *, lines: bool = False) -> Text:
    """`text` as a Rich Text shown exactly as written (control characters as placeholders)."""
    return Text(printable(text, lines=lines), style=style)


def safe(content: VisualType) -> VisualType:
    """A string or Text made literal; other renderables (bars, art) pass as they are."""
    if isinstance(content, str):
        return literal(content, lines=True)
    if isinstance(content, Text):
        return _printable_text(content)
    return content


def _printable_text(text: Text) -> Text:
    # One character for one: the spans (our styling) still line up.
    text.plain = printable(text.plain, lines=True)
    return text


class Literal(Static):
    """A Static whose text is always literal."""

    def __init__(self, content: VisualType = "", **options: Any) -> None:
        super().__init__(safe(content), markup=False, **options)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(safe(content), layout=layout)


class LiteralLabel(Literal, Label):
    """A Label whose text is always literal."""


def cells(*values: str | Text) -> tuple[Text, ...]:
    """A DataTable row's cells as literal Text (a plain string cell would be read as markup)."""
    return tuple(literal(v) if isinstance(v, str) else _printable_text(v) for v in values)
