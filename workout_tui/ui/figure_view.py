"""The exercise's stick figure in braille dots, scaled to its room: the person in the
theme's accent, what they use (floor, wall, kettlebell) muted.

The figure code is imported when a figure is first drawn, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from workout_tui.core.figures import Figure
    from workout_tui.core.moment import FigurePart

Tempo = tuple[float, float, float]

MIN_CELLS = (8, 4)  # smaller than this a figure is dots, not a person: nothing is drawn


class FigureView(Widget):
    """Shows a figure in a pose (see `core.moment.FigurePart`); redraws only when the pose
    (or the room) changed. Used on the list and in the player."""

    DEFAULT_CSS = """
    FigureView { width: 1fr; height: 1fr; color: $accent; }
    FigureView.-none, FigureView.-off { display: none; }
    FigureView > .figure-view--props { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"figure-view--props"}

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.figure: Figure | None = None
        self._part: tuple[str, Tempo | None, bool, float] | None = None
        # Rows drawn, by what they were drawn for: a rep's poses come round again.
        self._drawn: dict[object, list[Strip]] = {}

    def show(self, part: FigurePart) -> None:
        """Draw the figure `part` names ("": none) at its tempo, facing its way, `at`
        seconds into its moves."""
        self._show(part.name, part.tempo, part.left, part.at)

    def show_standing(self, name: str) -> None:
        """The figure called `name` in its first position, facing right (the list's)."""
        self._show(name, None, False, 0.0)

    def _show(self, name: str, tempo: Tempo | None, left: bool, at: float) -> None:
        if self._part is None or (name, tempo) != self._part[:2]:
            from workout_tui.core.figures import figure_named

            self.figure = figure_named(name, tempo)
            self.set_class(self.figure is None, "-none")  # no room kept for no figure
            self._tell_screen()
            self._drawn.clear()
        if self.figure is not None and self.figure.moves:
            at %= sum(self.figure.tempo)  # the same pose each rep
        drawn = (name, tempo, left, at)
        if drawn != self._part:
            self._part = drawn
            self.refresh()

    def toggle(self) -> bool:
        """Hide it if shown, else show it; whether it is shown now."""
        self.toggle_class("-off")
        self._tell_screen()
        return not self.has_class("-off")

    def _tell_screen(self) -> None:
        """The screen's `-figure` says a figure is shown (the player makes room for it)."""
        self.screen.set_class(self.figure is not None and not self.has_class("-off"), "-figure")

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        key = (self._part, width, height, self.visual_style)
        rows = self._drawn.get(key)
        if rows is None:
            if len(self._drawn) > 64:  # another size or theme: the old ones are not needed
                self._drawn.clear()
            rows = self._drawn[key] = self._draw(width, height)
        return rows[y] if y < len(rows) else Strip.blank(width, self.rich_style)

    def _draw(self, width: int, height: int) -> list[Strip]:
        from workout_tui.core.figures import body, dots, mirrored, mirrored_box, props

        part, figure, style = self._part, self.figure, self.rich_style
        if part is None or figure is None or width < MIN_CELLS[0] or height < MIN_CELLS[1]:
            return []
        _, _, left, at = part
        pose, box = figure.pose_at(at), figure.box
        if left:
            pose, box = mirrored(pose), mirrored_box(box)
        person, things = dots(body(pose), width, height, box), dots(props(pose), width, height, box)
        muted = self.get_component_rich_style("figure-view--props")
        return [
            _row(person_row, things_row, style, muted)
            for person_row, things_row in zip(person, things, strict=True)
        ]


def _row(person: list[int], things: list[int], style: Style, muted: Style) -> Strip:
    """One line of cells: a dot of the person in its style, else of a prop in the muted."""
    segments = []
    for mine, theirs in zip(person, things, strict=True):
        bits = mine | theirs
        cell = chr(0x2800 + bits) if bits else " "
        segments.append(Segment(cell, style if mine or not theirs else muted))
    return Strip(Segment.simplify(segments))
