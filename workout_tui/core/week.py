"""The weekly plan: which routines, by slug, on which days (`[plan]` in config.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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


def weekday(name: str) -> int | None:
    """0-6 for `mon`..`sun` or `monday`..`sunday` (any case); None for anything else."""
    key = name.strip().lower()
    for names in (DAYS, FULL_DAYS):
        if key in names:
            return names.index(key)
    return None
