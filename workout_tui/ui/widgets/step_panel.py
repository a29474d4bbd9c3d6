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
        self._step: StepPart | None = None
        self._clock: ClockPart | None = None

    def compose(self) -> ComposeResult:
        yield Literal(id="exercise")
        yield Literal(id="side")
        yield Literal(id="detail")
        yield Digits(id="clock")
        yield Literal(id="hint")

    def show_step(self, step: StepPart) -> None:
        if step == self._step:
            return
        self._step = step
        self.query_one("#exercise", Literal).update(step.exercise)
        side = self.query_one("#side", Literal)
        side.display = step.side is not None
        side.update(step.side or "")
        self.query_one("#detail", Literal).update(step.detail)

    def show_clock(self, clock: ClockPart) -> None:
        if clock == self._clock:
            return
        if self._clock is None or clock.hint != self._clock.hint:
            self.query_one("#hint", Literal).update(clock.hint)
        if self._clock is None or clock.clock != self._clock.clock:
            self.query_one("#clock", Digits).update(clock.clock)  # relayouts only if wider
        self._clock = clock
