"""The weekly plan: which routines, by slug, on which days (`[plan]` in config.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from workout_tui.core.habits import Streak, streak

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """Routines for every day, and for each weekday (0 is Monday)."""

    daily: tuple[str, ...] = ()
    days: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def on(self, day: date) -> tuple[str, ...]:
        """The slugs planned for `day`, each once, the daily ones first."""
        planned = (*self.daily, *self.days.get(day.weekday(), ()))
        return tuple(dict.fromkeys(planned))

    @property
    def is_empty(self) -> bool:
        """Whether no day plans anything."""
        return not self.daily and not any(self.days.values())

    def kept(self, day: date, done: set[str]) -> bool | None:
        """Whether every routine planned on `day` is in `done`; None when none was planned."""
        planned = self.on(day)
        return all(slug in done for slug in planned) if planned else None

    def streak(self, today: date, done: dict[date, set[str]]) -> Streak:
        """Days in a row with the plan kept, up to today (or yesterday, while today's is still
        open), one missed planned day in any seven forgiven. A day with nothing planned is
        passed over: it neither counts nor breaks it."""
        return streak(lambda day: self.kept(day, done.get(day, set())), today)


def weekday(name: str) -> int | None:
    """0-6 for `mon`..`sun` or `monday`..`sunday` (any case); None for anything else."""
    key = name.strip().lower()
    for names in (DAYS, FULL_DAYS):
        if key in names:
            return names.index(key)
    return None
