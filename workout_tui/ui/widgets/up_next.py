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
        self._next, self._notes, self._logged = (Literal(id=i) for i in ("next", "notes", "logged"))
        self._shown: AsidePart | None = None

    def compose(self) -> ComposeResult:
        yield from (self._next, self._notes, self._logged)

    def show(self, aside: AsidePart) -> None:
        if aside != self._shown:
            self._shown = aside
            self._next.update(aside.next)
            self._notes.update(aside.notes)
            self._logged.update(aside.logged)
