"""The two one-line bars across the top: the routine and step count, and the phase."""

from __future__ import annotations

from workout_tui.core.moment import PhasePart
from workout_tui.ui.text import Literal


class TopBar(Literal):
    """`Hip flexor stretch · step 3/18 · muted`."""

    _shown: str | None = None

    def show(self, text: str) -> None:
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)  # one line, full width: its size never changes


class PhaseBar(Literal):
    """GET READY, WORK, REST, SWITCH SIDES, PAUSED; its colour comes from the screen's tone."""

    _shown: PhasePart | None = None

    def show(self, phase: PhasePart) -> None:
        if phase != self._shown:
            self._shown = phase
            self.update(phase.text, layout=False)
