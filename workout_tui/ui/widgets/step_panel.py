"""The step now: its name, side and detail, and what to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from workout_tui.core.moment import StepPart
from workout_tui.ui.text import Literal


class StepPanel(Vertical):
    """The left column of the player; changes once a step, and the hint in a lead-in."""

    def __init__(self) -> None:
        super().__init__(id="now")
        self._exercise, self._side = Literal(id="exercise"), Literal(id="side")
        self._detail, self._hint = Literal(id="detail"), Literal(id="hint")
        self._step: StepPart | None = None
        self._hint_text: str | None = None

    def compose(self) -> ComposeResult:
        yield from (self._exercise, self._side, self._detail, self._hint)

    def show_step(self, step: StepPart) -> None:
        if step == self._step:
            return
        self._step = step
        self._exercise.update(step.exercise)
        self._side.display = step.side is not None
        self._side.update(step.side or "")
        self._detail.update(step.detail)

    def show_hint(self, hint: str) -> None:
        if hint != self._hint_text:
            self._hint_text = hint
            self._hint.update(hint)
