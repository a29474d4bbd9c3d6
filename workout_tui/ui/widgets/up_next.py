"""Beside the clock: what comes next, the exercise's form notes, and the set just logged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from workout_tui.core.moment import AsidePart
from workout_tui.ui.text import Literal


class UpNext(VerticalScroll):
    """The right column of the player; changes once a step at most."""

    def __init__(self) -> None:
        super().__init__(id="aside")
        self._shown: AsidePart | None = None

    def compose(self) -> ComposeResult:
        yield Literal(id="next")
        yield Literal(id="notes")
        yield Literal(id="logged")

    def show(self, aside: AsidePart) -> None:
        if aside == self._shown:
            return
        self._shown = aside
        self.query_one("#next", Literal).update(aside.next)
        self.query_one("#notes", Literal).update(aside.notes)
        self.query_one("#logged", Literal).update(aside.logged)
