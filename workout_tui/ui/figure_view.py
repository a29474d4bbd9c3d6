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
        self._rows: tuple[object, list[Strip]] | None = None  # (what they were drawn for, rows)

    def show(
        self, name: str, tempo: Tempo | None = None, left: bool = False, at: float = 0.0
    ) -> None:
        """Draw the figure called `name` ("": none) at `tempo` (None: its own), facing left
        or right, `at` seconds into its moves."""
        part = (name, tempo, left, at)
        if part == self._part:
            return
        if self._part is None or part[:2] != self._part[:2]:
            from workout_tui.core.figures import figure_named

            self.figure = figure_named(name, tempo)
            self.set_class(self.figure is None, "-none")  # no room kept for no figure
        self._part = part
        self.refresh()

    def toggle(self) -> bool:
        """Hide it if shown, else show it; whether it is shown now."""
        self.toggle_class("-off")
        return not self.has_class("-off")

    @property
    def moving(self) -> bool:
        """Whether it is on screen with a figure that moves (so it wants frames)."""
        return self.display and self.figure is not None and self.figure.moves

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        key = (self._part, width, height, self.visual_style)
        if self._rows is None or self._rows[0] != key:
            self._rows = (key, self._draw(width, height))
        rows = self._rows[1]
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
