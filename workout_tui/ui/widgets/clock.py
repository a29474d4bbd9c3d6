"""What changes each second: the big clock, and the session's bar and times under it.

Both draw their lines straight from their text; through Rich, as Digits and Static do,
each second cost about a millisecond more. The player keeps them side by side, out of the
containers that hold the step's text and notes (see `PlayerScreen.compose`).
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Digits

from workout_tui.core.moment import ProgressPart


class BigClock(Digits):
    """Textual's Digits (its glyphs, its width, its `value`), left-aligned, each line drawn
    straight from the glyphs."""

    def render_line(self, y: int) -> Strip:
        style = self.visual_style.rich_style  # cached until its styles change
        rows = glyph_rows(self.value, bool(style.bold))
        text = rows[y] if y < len(rows) else ""
        return Strip([Segment(text, style)]).adjust_cell_length(self.content_size.width, style)


@lru_cache(maxsize=64)
def glyph_rows(value: str, bold: bool) -> tuple[str, str, str]:
    """The three rows of Digits' glyphs for `value` (a character it has none for stands
    on the bottom row, as in Digits)."""
    table = DIGITS3X3_BOLD if bold else DIGITS3X3
    rows = ["", "", ""]
    for character in value.replace(".", "•"):  # as Digits does
        at = DIGITS.find(character) * 3
        if at < 0:
            rows = [rows[0] + " ", rows[1] + " ", rows[2] + character]
        else:
            rows = [row + table[at + line].ljust(3) for line, row in enumerate(rows)]
    return rows[0], rows[1], rows[2]


class SessionLine(Widget):
    """The session's bar and its time done and left, in one line (drawn as Rich's bar);
    redrawn when either changes."""

    DEFAULT_CSS = "SessionLine { height: 1; }"

    def __init__(self) -> None:
        super().__init__(id="session-line")
        self.progress: ProgressPart | None = None

    def show(self, progress: ProgressPart) -> None:
        if progress != self.progress:
            self.progress = progress
            self.refresh()

    def render_line(self, y: int) -> Strip:
        style = self.visual_style.rich_style  # cached until its styles change
        width, progress = self.content_size.width, self.progress
        if y or progress is None:
            return Strip.blank(width, style)
        times = f"  {progress.times}"
        bar = bar_segments(max(0, width - cell_len(times)), progress.done, progress.total)
        return Strip([*bar, Segment(times, style)]).adjust_cell_length(width, style)


BAR_DONE, BAR_FULL, BAR_LEFT = Style(color="blue"), Style(color="green"), Style(color="grey23")


def bar_segments(width: int, done: int, total: int) -> list[Segment]:
    """Rich's progress bar: whole cells and a half cell done, then the rest dimmed."""
    halves = min(width * 2, width * 2 * done // max(1, total))
    whole, half = divmod(halves, 2)
    style = BAR_FULL if done >= total else BAR_DONE
    segments = [Segment("━" * whole, style), Segment("╸" * half, style)]
    left = width - whole - half
    if left and whole and not half:
        segments.append(Segment("╺", BAR_LEFT))
        left -= 1
    segments.append(Segment("━" * left, BAR_LEFT))
    return [segment for segment in segments if segment.text]
