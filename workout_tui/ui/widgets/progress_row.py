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
        self._fill: tuple[int, int] | None = None
        self._times = ""

    def compose(self) -> ComposeResult:
        # Rich's bar in a Static: Textual's ProgressBar redraws itself every second.
        yield Literal(id="progress")
        yield Literal(id="times")

    def show(self, progress: ProgressPart) -> None:
        bar = self.query_one("#progress", Literal)
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
            self.query_one("#times", Literal).update(progress.times, layout=widen)
