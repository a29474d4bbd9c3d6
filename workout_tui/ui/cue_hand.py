"""The player's hand between the engine and the sound: cues due now are played at once,
and, on the real clock, the cues still to come are handed on ahead, each to play at its
instant whatever the UI is doing."""

from __future__ import annotations

import time

from workout_tui.audio import Cues
from workout_tui.core.cues import CueKey
from workout_tui.core.engine import CueDue, Engine

AFTER_THE_SOUND_SECONDS = 0.005  # the screen's tick, after the cues at the same instant


class CueHand:
    """Plays an engine's cues through `cues` at `speed`; `ahead` when the clock is real."""

    def __init__(self, engine: Engine, cues: Cues, speed: float, ahead: bool) -> None:
        self.engine, self.cues, self.speed, self.ahead = engine, cues, speed, ahead
        self._handed: list[CueKey] = []  # the keys of the cues last handed to the sound

    @property
    def wake_after(self) -> float:
        """How long after a cue's instant the screen should wake: when the sound has the
        cue, just after it, so that the redraw does not compete with it for the CPU."""
        return AFTER_THE_SOUND_SECONDS if self.ahead and self.cues.ahead else 0.0

    def play(self, due: list[CueDue]) -> None:
        """Play the cues come due (each one handed ahead plays only once)."""
        now = self.engine.clock()
        for cue in due:
            self.cues.play(cue.cue, (now - cue.at) / self.speed, cue.key)

    def hand_ahead(self) -> None:
        """Give the sound the cues still to come, each at its instant on the real clock
        (only when they changed: a clock tick changes none, and need not wake the sound)."""
        upcoming = self.engine.upcoming_cues() if self.ahead and self.cues.ahead else []
        keys = [c.key for c in upcoming]
        if keys != self._handed:
            self._handed = keys
            now, real = self.engine.clock(), time.monotonic()
            self.cues.schedule([(real + (c.at - now) / self.speed, c.cue, c.key) for c in upcoming])

    def stop(self) -> None:
        """Take back every cue handed ahead."""
        self.cues.schedule([])
        self._handed = []
