"""Habits that forgive a missed day: a streak that lets one missed day in any seven pass
as a rest day, and comebacks, counted and greeted.

A streak that resets on one missed day punishes the moment that matters: one missed day
does not change how a habit forms (Lally et al., 2010), and the best of 54 ways to keep
people exercising was a small reward for coming back after a miss (Milkman et al., 2021).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta

from workout_tui.core.printable import counted

FORGIVEN_IN = 7  # one missed day in any seven passes as a rest day
COMEBACK_GAP = 3  # a session this many days (or more) after the one before comes back
LOOK_BACK = 366  # days a streak is looked for


@dataclass(frozen=True, slots=True)
class Streak:
    """Days in a row, a forgiven missed day among them counted as a rest day."""

    days: int
    rest_days: int = 0

    def __str__(self) -> str:
        rest = f", {counted(self.rest_days, 'rest day')} used" if self.rest_days else ""
        return counted(self.days, "day") + rest


Kept = Callable[[date], bool | None]  # a day kept (True), missed (False), or not asked (None)


def streak(kept: Kept, today: date) -> Streak:
    """The streak up to today (today still open: not yet kept is no miss). A missed day is
    a rest day when no other was in the seven days after it and the streak goes on before
    it; a day not asked (nothing planned) is passed over."""
    days = rest = 0
    last_rest: date | None = None
    for back in range(LOOK_BACK):
        day = today - timedelta(days=back)
        found = kept(day)
        if found or found is None or back == 0:
            days += bool(found)
            continue
        near = last_rest is not None and (last_rest - day).days < FORGIVEN_IN
        if near or not _goes_on(kept, day):
            break
        days, rest, last_rest = days + 1, rest + 1, day
    return Streak(days, rest)


def _goes_on(kept: Kept, missed: date) -> bool:
    """Whether the first day asked before `missed` was kept."""
    for back in range(1, LOOK_BACK):
        found = kept(missed - timedelta(days=back))
        if found is not None:
            return found
    return False


def session_streak(active: Collection[date], today: date) -> Streak:
    """The streak of days with a session (every day asks for one)."""
    return streak(lambda day: day in active, today)


def comebacks(active: Collection[date]) -> int:
    """How many times a session came COMEBACK_GAP days or more after the one before."""
    days = sorted(active)
    gaps = ((day - before).days for before, day in zip(days, days[1:], strict=False))
    return sum(1 for gap in gaps if gap >= COMEBACK_GAP)


def back_after(active: Collection[date], today: date) -> int:
    """Days since the last session before today, when a session today comes back after
    COMEBACK_GAP days or more; 0 otherwise (and for a first session)."""
    before = [day for day in active if day < today]
    gap = (today - max(before)).days if before else 0
    return gap if gap >= COMEBACK_GAP else 0
