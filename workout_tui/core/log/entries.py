"""What the log holds: one entry per step of a run, the run itself, and the totals read
from them. Every view of a run (the summary, the history, the exports) reads these."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from workout_tui.core.plan import Outcome


def day_of(stamp: str) -> date:
    """The day a run or a break counts for on every screen: the calendar date where it
    happened, in the UTC offset it recorded (the day as the person lived it, whatever zone
    the machine is in when it is looked at). `stamp` is its ISO 8601 time."""
    return date.fromisoformat(stamp[:10])


# day_of in SQLite, for a column that holds such a time: native, where a Python function
# called for each of 10,000 runs cost the history screen a sixth of a second.
DAY_OF_SQL = "substr({}, 1, 10)"


def wall_clock() -> datetime:
    """Now, in local time to the second: how the log stamps what it records."""
    return datetime.now().astimezone().replace(microsecond=0)


@functools.lru_cache(maxsize=4096)  # a log names a few exercises tens of thousands of times
def exercise_key(name: str) -> str:
    """An exercise's name as it is matched across routines and runs: case and spaces aside."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step of a run as logged: planned against actual, and how it ended.

    `actual_seconds` is the last visit's (pauses excluded); the run's totals count every
    visit, so going back and doing a step again never loses time.
    """

    step_index: int
    kind: str
    exercise: str | None
    side: str | None
    set_number: int
    set_count: int
    round_number: int
    round_count: int
    planned_seconds: float | None
    planned_reps: int | None
    planned_load: str | None
    actual_seconds: float
    reps: int | None
    load: str | None
    outcome: Outcome
    finished_at: datetime

    @property
    def is_work(self) -> bool:
        """A hold, a timed set or a rep set (not get-ready, rest or switch sides)."""
        return self.kind.startswith("work")

    @property
    def skipped(self) -> bool:
        return self.outcome is Outcome.SKIPPED


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One run as the history list shows it."""

    id: int
    uid: str  # the same on every machine the run is imported to
    session: str
    session_name: str
    session_hash: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    speed: float
    active_seconds: float
    work_seconds: float
    done_work_steps: int
    planned_work_steps: int

    @property
    def is_preview(self) -> bool:
        """A run at another speed than real time: shown, but left out of the stats."""
        return self.speed != 1

    @property
    def completion(self) -> float:
        """Work steps done out of those planned, 0 to 1."""
        return (
            min(1.0, self.done_work_steps / self.planned_work_steps)
            if self.planned_work_steps
            else 0
        )


@dataclass(frozen=True, slots=True)
class BreakEvent:
    """What became of one break the break reminder asked for, and when; a taken break
    names the run it started by that run's uid."""

    action: str  # taken, snoozed or skipped
    at: datetime
    run_uid: str | None = None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """How the neck and mid-back felt on a day: 0 (no pain) to 10 (the worst). A day may
    have several; the latest given stands."""

    day: date
    score: int
    at: datetime  # when it was given (a forgotten day can be filled in later)
    note: str | None = None


SCORES = range(0, 11)  # a check-in's scores


@dataclass(frozen=True, slots=True)
class Totals:
    """A run's figures, as every view of it states them."""

    active_seconds: float  # every visit of every step, pauses excluded
    work_seconds: float
    planned: int  # work steps in the plan
    done: int
    skipped: int
    partial: int


def count_outcomes(steps: Iterable[StepRecord], active: float, work: float, planned: int) -> Totals:
    """The totals of a run from its logged steps (one per step) and its time totals."""
    work_steps = [s for s in steps if s.is_work]
    count = {o: sum(1 for s in work_steps if s.outcome is o) for o in Outcome}
    return Totals(
        active, work, planned, count[Outcome.DONE], count[Outcome.SKIPPED], count[Outcome.PARTIAL]
    )
