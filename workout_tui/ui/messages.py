"""What screens tell the app. Screens post these; the app decides what happens next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from workout_tui.core.library import Routine

if TYPE_CHECKING:  # the home screen posts messages too, and must start without the engine
    from workout_tui.core.run import Run


class RoutineChosen(Message):
    """The person picked a routine to run."""

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine


class BreakTaken(Message):
    """The person started a break: its routine runs, and the break screen waits for it."""

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine


class HistoryRequested(Message):
    """The person asked for the history of past runs."""


class RunEnded(Message):
    """A run finished or was stopped: time for its summary."""

    def __init__(self, routine: Routine, run: Run, speed: float) -> None:
        super().__init__()
        self.routine, self.run, self.speed = routine, run, speed
