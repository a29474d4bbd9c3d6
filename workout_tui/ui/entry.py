"""A list entry whose height is known without laying out its text.

OptionList asks every option its height each time the options change; a Rich Text answers
by wrapping itself, which for thousands of routines took a second a keystroke. An Entry
has a set number of lines, each cut to the width with an ellipsis (the details pane shows
it whole), and builds its text only when it is first drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from workout_tui.ui.text import safe


class Entry(Visual):
    """`height` lines of the text `make` returns (made literal), never wrapped."""

    def __init__(self, make: Callable[[], Text], height: int) -> None:
        self._make = make
        self._height = height
        self._lines: list[Content] | None = None

    @property
    def lines(self) -> list[Content]:
        if self._lines is None:
            text = safe(self._make())
            assert isinstance(text, Text)
            self._lines = [Content.from_rich_text(line) for line in text.split("\n")]
            self._lines = (self._lines + [Content("")] * self._height)[: self._height]
        return self._lines

    def __str__(self) -> str:
        return "\n".join(line.plain for line in self.lines)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._height

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(line.cell_length for line in self.lines)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for line in self.lines:
            cut = line.truncate(width, ellipsis=True) if line.cell_length > width else line
            strips += cut.render_strips(width, 1, style, options) or [Strip.blank(width)]
        return strips
