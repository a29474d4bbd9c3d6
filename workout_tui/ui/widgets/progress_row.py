"""The bottom row: a bar of the session done so far, and its time done and left."""

from __future__ import annotations

from rich.progress_bar import ProgressBar as RichBar
from textual.app import ComposeResult
from textual.containers import Horizontal

from workout_tui.core.moment import ProgressPart
from workout_tui.ui.text import Literal


class ProgressRow(Horizontal):
    """Redraws the bar only when its fill moves by half a cell (Rich draws halves), and
    the times once a second; neither changes the layout unless the times change width."""

    def __init__(self) -> None:
        super().__init__(id="progress-row")
        # Rich's bar in a Static: Textual's ProgressBar redraws itself every second.
        self._bar, self._times_label = Literal(id="progress"), Literal(id="times")
        self._fill: tuple[int, int] | None = None
        self._times = ""

    def compose(self) -> ComposeResult:
        yield from (self._bar, self._times_label)

    def show(self, progress: ProgressPart) -> None:
        bar = self._bar
        width = bar.content_size.width
        fill = (width, progress.done * width * 2 // progress.total)
        if fill != self._fill:
            self._fill = fill
            bar.update(
                RichBar(
                    total=progress.total,
                    completed=progress.done,
                    complete_style="blue",
                    finished_style="green",
                ),
                layout=False,
            )
        if progress.times != self._times:
            widen = len(progress.times) != len(self._times)
            self._times = progress.times
            self._times_label.update(progress.times, layout=widen)
