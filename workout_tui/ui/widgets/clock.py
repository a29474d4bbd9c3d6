"""What changes each second, in one widget: the big clock, and under it the session's bar
and its time done and left.

It draws its lines straight from its text; through Rich, as Digits and Static do, each
second cost about a millisecond more. The player keeps it out of the containers that hold
the step's text and notes (see `PlayerScreen.compose`).
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widgets import Digits

from workout_tui.core.moment import ProgressPart


class BigClock(Digits):
    """Textual's Digits (its glyphs), left-aligned, over a line of the session's bar and
    times, standing on the bottom of its room; `show` takes both."""

    DEFAULT_CSS = "BigClock > .big-clock--times { color: $text-muted; }"
    COMPONENT_CLASSES = {"big-clock--times"}

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._clock = ""
        self.progress: ProgressPart | None = None
        # The times' style, kept with the visual style it was worked out for.
        self._muted: tuple[object, Style] | None = None

    @property
    def value(self) -> str:
        return self._clock

    def show(self, clock: str, progress: ProgressPart) -> None:
        """Redraw its 4 lines when either changed (beside a figure it has more, blank), and
        lay out again only when the clock's width changed."""
        if clock == self._clock and progress == self.progress:
            return
        wider = len(clock) != len(self._clock)
        self._clock, self.progress = clock, progress
        if wider:
            self.refresh(layout=True)
        else:
            width, height = self.content_size
            self.refresh(Region(0, max(0, height - 4), width, 4))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return DigitsRenderable.get_width(self._clock)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 4

    def render_line(self, y: int) -> Strip:
        visual = self.visual_style  # cached until its styles change
        style, (width, height) = visual.rich_style, self.content_size
        y -= height - 4  # standing on the bottom of its room (beside a figure, it has more)
        if y == 3:
            return self._session_line(width, style, visual)
        rows = glyph_rows(self.value, bool(style.bold))
        text = f" {rows[y]}" if 0 <= y < len(rows) else ""
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def _session_line(self, width: int, style: Style, visual: object) -> Strip:
        if self._muted is None or self._muted[0] is not visual:
            self._muted = (visual, self.get_component_rich_style("big-clock--times"))
        progress = self.progress
        if progress is None:
            return Strip.blank(width, style)
        times = f"  {progress.times}"
        bar = bar_segments(max(0, width - cell_len(times)), progress.done, progress.total)
        line = Strip([*bar, Segment(times, self._muted[1])])
        return line.adjust_cell_length(width, style)


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
