"""The session model: what a routine file means, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

SIDES = ("left", "right")


class Mode(StrEnum):
    """How an exercise is measured: a static hold, a timed set, or counted reps."""

    HOLD = "hold"
    TIME = "time"
    REPS = "reps"


@dataclass(frozen=True, slots=True)
class Defaults:
    """Session-wide timing defaults; every field can be set under `defaults:`."""

    prepare: int = 10
    rest: int = 15
    switch_sides: int = 5
    countdown: int = 3
    halfway: bool = True
    voice: bool = True


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: a hold or timed set (`amount` seconds) or a rep set (`amount` reps)."""

    name: str
    mode: Mode
    amount: int
    sets: int = 1
    sides: tuple[str, ...] = ()
    load: str | None = None
    notes: str = ""
    rest: int | None = None
    rest_between_sets: int | None = None

    @property
    def is_timed(self) -> bool:
        """True for holds and timed sets, False for rep sets."""
        return self.mode is not Mode.REPS


@dataclass(frozen=True, slots=True)
class Block:
    """A circuit: its exercises run in order, `rounds` times."""

    name: str
    exercises: tuple[Exercise, ...]
    rounds: int = 1
    rest_between_rounds: int | None = None


@dataclass(frozen=True, slots=True)
class Session:
    """A whole routine as loaded from one file."""

    name: str
    items: tuple[Exercise | Block, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    defaults: Defaults = field(default_factory=Defaults)
