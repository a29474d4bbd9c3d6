"""The one way user text reaches the screen: literally, never as markup or terminal control.

Routine names, notes, loads, paths, config values and error messages go through these
widgets and helpers. `[b]` shows as `[b]`, `[/]` cannot end the app, `[@click=...]` runs
nothing, and control characters show as placeholders (see `core.printable`). A test
checks that the UI builds no bare `Static`, `Label` or string table cell.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.visual import VisualType
from textual.widgets import Input, Label, Static

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


class Filter(Input):
    """A screen's filter field: a word typed anywhere on the screen goes to it, from its
    first letter (as in fzf or a command palette), so typing never runs a command."""

    def __init__(self, placeholder: str, id: str) -> None:
        # Not select_on_focus: the letter that moved focus here must not be selected, or the
        # next one typed would replace it.
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)

    def take(self, event: events.Key) -> None:
        """Start filtering with `event`, a key pressed elsewhere on the screen, if it is a
        character and not a key the screen binds (/ and ? keep their meaning)."""
        bound = event.key in self.screen.active_bindings
        if event.is_printable and event.character and not bound and not self.has_focus:
            self.focus()
            self.insert_text_at_cursor(event.character)
            event.stop()
