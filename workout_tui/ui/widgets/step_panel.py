"""The step now: its name, side and detail, the big clock, and what to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits

from workout_tui.core.moment import ClockPart, StepPart
from workout_tui.ui.text import Literal


class StepPanel(Vertical):
    """The left column of the player. The clock changes each second; the rest per step."""

    def __init__(self) -> None:
        super().__init__(id="now")
        self._exercise, self._side = Literal(id="exercise"), Literal(id="side")
        self._detail, self._hint = Literal(id="detail"), Literal(id="hint")
        self._clock = Digits(id="clock")
        self._step: StepPart | None = None
        self._clock_part: ClockPart | None = None

    def compose(self) -> ComposeResult:
        yield from (self._exercise, self._side, self._detail, self._clock, self._hint)

    def show_step(self, step: StepPart) -> None:
        if step == self._step:
            return
        self._step = step
        self._exercise.update(step.exercise)
        self._side.display = step.side is not None
        self._side.update(step.side or "")
        self._detail.update(step.detail)

    def show_clock(self, clock: ClockPart) -> None:
        """Once a second: only what changed is touched (the clock relayouts only if wider)."""
        shown = self._clock_part
        if shown is None or clock.hint != shown.hint:
            self._hint.update(clock.hint)
        if shown is None or clock.clock != shown.clock:
            self._clock.update(clock.clock)
        self._clock_part = clock
