"""The session model: what a routine file means, as frozen dataclasses."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

SIDES = ("left", "right")
POUND = 0.45359237  # kg
_LOAD = re.compile(r"(\d+(?:[.,]\d+)?)\s*(kg|kgs|kilos?|lbs?|pounds?)?", re.IGNORECASE)


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
class Load:
    """A load as a number and a unit: `12 kg`, `25 lb`; a bare number counts as kg."""

    amount: float
    unit: str  # "kg", "lb" or ""

    @property
    def kilos(self) -> float:
        return self.amount * (POUND if self.unit == "lb" else 1)

    def scaled(self, amount: float) -> str:
        """`amount` in this load's unit, to a tenth: `16.3 kg`."""
        number = f"{amount:.1f}".removesuffix(".0")
        return f"{number} {self.unit}" if self.unit else number

    def __str__(self) -> str:
        return self.scaled(self.amount)


@functools.lru_cache(maxsize=4096)  # a log repeats a few loads thousands of times
def parse_load(text: str | None) -> Load | None:
    """The load in a logged text (`12 kg`, `12kg`, `25 lbs`, `12,5`); None when it is not
    one number (`red band`, `2 × 12 kg`): such a set counts as bodyweight."""
    match = _LOAD.fullmatch((text or "").strip())
    if match is None:
        return None
    unit = (match[2] or " ").lower()[0]
    return Load(float(match[1].replace(",", ".")), {"k": "kg", "l": "lb", "p": "lb"}.get(unit, ""))


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: a hold or timed set (`amount` seconds) or a rep set (`amount` reps).

    Opt-in progression: `progress` is what a session adds once earned (kg or lb on a rep
    set with a range from `amount` to `top` reps; seconds on a hold, up to `up_to`).
    """

    name: str
    mode: Mode
    amount: int
    sets: int = 1
    sides: tuple[str, ...] = ()
    load: str | None = None
    notes: str = ""
    rest: int | None = None
    rest_between_sets: int | None = None
    top: int | None = None
    progress: float | None = None
    up_to: int | None = None
    figure: str | None = None  # a figure's name; None: the one named like the exercise
    tempo: tuple[float, float, float] | None = None  # a rep's seconds down, held, up
    image: str | None = None  # a picture's file, as written: beside the routine's, or a path

    @property
    def figure_name(self) -> str:
        """The figure it is drawn with: the one it names, else its own name's slug."""
        return self.figure or slugify(self.name)

    @property
    def is_timed(self) -> bool:
        """True for holds and timed sets, False for rep sets."""
        return self.mode is not Mode.REPS


def slugify(name: str) -> str:
    """A name as a file's name: `Hip mobility!` -> `hip-mobility` (a routine's, a figure's)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    return slug or "my-routine"


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
