"""The break reminder's clock: time sitting, when the next break is due, and what became of
each break (taken, snoozed, skipped), without Textual.

Sitting is counted on the wall clock, not in ticks, and one stretch between two looks at
the clock counts for at most `every`: a laptop that slept for hours wakes up owing one
break, not a pile of them. The break screen calls `update(now)` as often as it likes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_EVERY = 45 * 60  # a longer break every 30-60 minutes, as break tools advise
DEFAULT_SNOOZE = 5 * 60


class BreakState(StrEnum):
    """Where the reminder stands."""

    SITTING = "sitting"  # counting towards the next break
    DUE = "due"  # the break is being asked for
    ON_BREAK = "on-break"  # the break's routine is running
    PAUSED = "paused"  # lunch, a meeting: nothing is counted


@dataclass(frozen=True, slots=True)
class BreakPolicy:
    """How often a break comes and how long a snooze puts it off, in seconds."""

    every: int = DEFAULT_EVERY
    snooze: int = DEFAULT_SNOOZE


class BreakTimer:
    """Counts sitting time towards the next break and keeps the day's counts."""

    def __init__(self, policy: BreakPolicy, now: float) -> None:
        self.policy = policy
        self.state = BreakState.SITTING
        self.sitting = 0.0  # seconds sat since the last break
        self.due_after = float(policy.every)  # sitting time at which the break is due
        self.taken = self.snoozed = self.skipped = 0
        self._last = now

    @property
    def left(self) -> float:
        """Seconds of sitting before the next break (0 once it is due)."""
        return max(0.0, self.due_after - self.sitting)

    def update(self, now: float, quiet: bool = False) -> bool:
        """Count the time since the last call (none in quiet hours); True when the break has
        just come due."""
        passed = min(max(0.0, now - self._last), float(self.policy.every))
        self._last = now
        if self.state is not BreakState.SITTING or quiet:
            return False
        self.sitting += passed
        if self.sitting >= self.due_after:
            self.state = BreakState.DUE
            return True
        return False

    def take(self) -> None:
        """The break's routine starts; sitting time stops counting."""
        self.state = BreakState.ON_BREAK

    def back(self, now: float) -> None:
        """Back from the break (done or stopped): it counts as taken, and sitting starts anew."""
        self.taken += 1
        self._restart(now)

    def snooze(self, now: float) -> None:
        """Put the break off by the policy's snooze."""
        self.snoozed += 1
        self.update(now)
        self.state = BreakState.SITTING
        self.due_after = self.sitting + self.policy.snooze

    def skip(self, now: float) -> None:
        """Let this break go: sitting starts anew."""
        self.skipped += 1
        self._restart(now)

    def pause(self, now: float) -> None:
        """Stop counting until `resume` (time away is not time sitting)."""
        self.update(now)
        if self.state is BreakState.SITTING:
            self.state = BreakState.PAUSED

    def resume(self, now: float) -> None:
        if self.state is BreakState.PAUSED:
            self._last = now
            self.state = BreakState.SITTING

    def set_counts(self, taken: int = 0, snoozed: int = 0, skipped: int = 0) -> None:
        """Start the day's counts from these: the history's, or none on a new day."""
        self.taken, self.snoozed, self.skipped = taken, snoozed, skipped

    def _restart(self, now: float) -> None:
        self.state = BreakState.SITTING
        self.sitting = 0.0
        self.due_after = float(self.policy.every)
        self._last = now


def is_quiet(span: tuple[int, int] | None, minute: int) -> bool:
    """Whether `minute` (after midnight) falls in quiet hours `span` (from, to), which may
    run past midnight, as 22:00-07:00 does."""
    if span is None:
        return False
    start, end = span
    return start <= minute < end if start <= end else minute >= start or minute < end


def quiet_span(span: tuple[int, int] | None) -> str:
    """Quiet hours as `22:00-07:00`."""
    start, end = span or (0, 0)
    return f"{start // 60:02}:{start % 60:02}-{end // 60:02}:{end % 60:02}"


LAST_MINUTE = 60.0  # the count shows seconds from here; minutes before
LONGEST_SLEEP = 10.0  # the screen looks at the wall clock at least this often


def shown_left(left: float) -> tuple[int, str]:
    """Time to the next break as the screen shows it: whole minutes (rounded up) while
    more than a minute is left, then seconds; with the unit's name."""
    if left > LAST_MINUTE:
        return math.ceil(left / 60), "minutes"
    return math.ceil(left), "seconds"


def next_change(timer: BreakTimer, quiet: bool) -> float:
    """Seconds until what the break screen shows changes (at most LONGEST_SLEEP: a laptop
    asleep stops the monotonic clock timers run on, so it looks again soon after)."""
    if timer.state is BreakState.SITTING and not quiet:
        left = timer.left
        step = 60.0 if left > LAST_MINUTE else 1.0
        until = min(left % step or step, 60.0 - timer.sitting % 60.0)
    elif timer.state is BreakState.DUE:
        until = 60.0 - timer.sitting % 60.0
    else:
        until = LONGEST_SLEEP
    return max(0.01, min(until, LONGEST_SLEEP))
