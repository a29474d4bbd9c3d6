"""Does the hip work help the neck? The person's daily check-ins (0 none to 10 worst) set
against the days they did hip work: the mean on days after a hip day against the mean on
days after any other, with a bootstrap interval, and the weeks side by side.

It says no more than the numbers do: below enough check-ins it gives no number, only how
many more it needs. It is the person's own record, not a diagnosis.
"""

from __future__ import annotations

import random
import statistics
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workout_tui.core.printable import counted

MIN_CHECKINS = 14  # in all, before any number is shown
MIN_EACH_SIDE = 5  # after hip days, and after other days
RESAMPLES = 2000  # bootstrap resamples: the interval's ends move by ~0.05 between seeds
LEVEL = 0.90  # the interval's confidence
WIDTH = 78  # the lines' width: an 80-column terminal
WINDOW_DAYS = 14  # the first and the last two weeks, compared
CAVEAT = "This is your own record, not a diagnosis: see a professional about pain that persists."


@dataclass(frozen=True, slots=True)
class Side:
    """The check-ins on one side of the comparison."""

    count: int
    mean: float | None  # None when there are none


@dataclass(frozen=True, slots=True)
class Week:
    """One week (from its Monday): its mean check-in and its minutes of hip work."""

    monday: date
    mean: float | None  # None: no check-in that week
    hip_minutes: float


@dataclass(frozen=True, slots=True)
class Insight:
    """What the check-ins say about the hip work, so far."""

    after_hip: Side
    after_other: Side
    difference: float | None  # after hip days minus after other days; None below enough data
    interval: tuple[float, float] | None  # its LEVEL bootstrap interval, likewise
    first_weeks: Side  # the first WINDOW_DAYS of check-ins
    last_weeks: Side  # the last WINDOW_DAYS, when they do not overlap the first
    weeks: tuple[Week, ...]
    needed: int  # check-ins still needed before a number is shown (0: enough)

    def verdict(self) -> str:
        """The comparison in words, saying no more than the numbers do."""
        if self.difference is None or self.interval is None:
            return (
                f"Not enough check-ins yet: {self.needed} more (at least {MIN_CHECKINS}, with"
                f" {MIN_EACH_SIDE} after hip days and {MIN_EACH_SIDE} after other days)."
            )
        low, high = self.interval
        said = f"After hip days your neck scored {abs(self.difference):.1f} points"
        said += " lower" if self.difference < 0 else " higher"
        said += f" (90% interval {low:+.1f} to {high:+.1f})."
        if low <= 0 <= high:
            return said + " The interval includes 0: no difference can be told yet."
        better = "lower (better)" if high < 0 else "higher (worse)"
        return said + f" The whole interval is {better} than on other days."

    def as_json(self, hip_tags: Sequence[str]) -> dict[str, object]:
        """What `insight --json` prints."""

        def side(found: Side) -> dict[str, object]:
            return {"count": found.count, "mean": found.mean}

        return {
            "difference": self.difference,
            "interval": list(self.interval) if self.interval else None,
            "level": LEVEL,
            "after_hip": side(self.after_hip),
            "after_other": side(self.after_other),
            "first_two_weeks": side(self.first_weeks),
            "last_two_weeks": side(self.last_weeks),
            "needed": self.needed,
            "hip_tags": list(hip_tags),
            "weeks": [
                {"week": w.monday.isoformat(), "mean": w.mean, "hip_minutes": w.hip_minutes}
                for w in self.weeks
            ],
            "note": CAVEAT,
        }

    def lines(self, hip_tags: Sequence[str]) -> list[str]:
        """The insight in words and bars, for a terminal."""
        tags = ", ".join(hip_tags[:-1]) + " or " * (len(hip_tags) > 1) + "".join(hip_tags[-1:])
        said = [
            "Neck and mid-back, 0 (none) to 10 (worst), the day after hip work (a routine",
            f"tagged {tags}, half of it done) and after other days:",
            f"  after a hip day    {_mean(self.after_hip)}",
            f"  after other days   {_mean(self.after_other)}",
            *textwrap.wrap(self.verdict(), WIDTH),
        ]
        if self.last_weeks.count:
            said.append(
                f"First two weeks {_mean(self.first_weeks)}; last two {_mean(self.last_weeks)}."
            )
        most = max((w.hip_minutes for w in self.weeks), default=0) or 1
        said += ["Week of       neck             hip work"] if self.weeks else []
        for week in self.weeks[-12:]:
            neck = "-" if week.mean is None else f"{week.mean:4.1f} {bar(week.mean / 10)}"
            hips = f"{week.hip_minutes:4.0f} min {bar(week.hip_minutes / most)}"
            said.append(f"  {week.monday:%a %d %b}  {neck:<16} {hips}".rstrip())
        return [*said, *textwrap.wrap(CAVEAT, WIDTH)]


def bar(share: float, width: int = 10) -> str:
    """`share` (0 to 1) of `width` cells, in eighths."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def _mean(side: Side) -> str:
    if side.mean is None:
        return "no check-ins yet"
    return f"{side.mean:.1f} from {counted(side.count, 'check-in')}"


def insight(
    checkins: Mapping[date, int],
    hip_minutes: Mapping[date, float],
    today: date,
    seed: int = 0,
) -> Insight:
    """The insight from the day's check-in (the latest of each day) and each day's minutes
    of hip work (a day missing had none). `seed` makes the interval the same each time."""
    after_hip = [s for day, s in checkins.items() if hip_minutes.get(day - timedelta(days=1))]
    after_other = [s for day, s in checkins.items() if not hip_minutes.get(day - timedelta(days=1))]
    needed = max(
        MIN_CHECKINS - len(checkins),
        MIN_EACH_SIDE - len(after_hip),
        MIN_EACH_SIDE - len(after_other),
        0,
    )
    difference = interval = None
    if needed == 0:
        difference = statistics.fmean(after_hip) - statistics.fmean(after_other)
        interval = bootstrap(after_hip, after_other, random.Random(seed))
    first, last = _first_and_last(checkins)
    weeks = _weeks(checkins, hip_minutes, today)
    return Insight(
        _side(after_hip), _side(after_other), difference, interval, first, last, weeks, needed
    )


def bootstrap(
    ones: list[int], others: list[int], rng: random.Random, resamples: int = RESAMPLES
) -> tuple[float, float]:
    """The LEVEL percentile interval of mean(ones) - mean(others), each side resampled
    with replacement on its own (days are the units)."""
    differences = sorted(
        statistics.fmean(rng.choices(ones, k=len(ones)))
        - statistics.fmean(rng.choices(others, k=len(others)))
        for _ in range(resamples)
    )
    tail = (1 - LEVEL) / 2
    low = differences[int(tail * (resamples - 1))]
    high = differences[round((1 - tail) * (resamples - 1))]
    return low, high


def _side(scores: list[int]) -> Side:
    return Side(len(scores), statistics.fmean(scores) if scores else None)


def _first_and_last(checkins: Mapping[date, int]) -> tuple[Side, Side]:
    """The first and the last WINDOW_DAYS of check-ins (the last only once they no longer
    overlap the first)."""
    if not checkins:
        return Side(0, None), Side(0, None)
    start, end = min(checkins), max(checkins)
    first = [s for day, s in checkins.items() if (day - start).days < WINDOW_DAYS]
    late = end - timedelta(days=WINDOW_DAYS - 1)
    overlap = late < start + timedelta(days=WINDOW_DAYS)
    last = [] if overlap else [s for day, s in checkins.items() if day >= late]
    return _side(first), _side(last)


def _weeks(
    checkins: Mapping[date, int], hip_minutes: Mapping[date, float], today: date
) -> tuple[Week, ...]:
    """Each week from the first check-in or hip day to this one, oldest first."""
    days = [*checkins, *(day for day, minutes in hip_minutes.items() if minutes)]
    if not days:
        return ()
    monday = min(days) - timedelta(days=min(days).weekday())
    weeks = []
    while monday <= today:
        span = [monday + timedelta(days=i) for i in range(7)]
        scores = [checkins[day] for day in span if day in checkins]
        minutes = sum(hip_minutes.get(day, 0.0) for day in span)
        weeks.append(Week(monday, statistics.fmean(scores) if scores else None, minutes))
        monday += timedelta(days=7)
    return tuple(weeks)
