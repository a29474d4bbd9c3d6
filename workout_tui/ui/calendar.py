"""A year at a glance: active days as a calendar heat map, a column a week (Monday on
top), two days to a character cell (the upper half one day, the lower half the next)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

# None, one session, two, three or more: GitHub's greens, which read on dark and light.
SHADES = ("#2d333b", "#0e4429", "#26a641", "#39d353")
HALF = "▀"


def shade(day: date, days: dict[date, int], today: date) -> str | None:
    """A day's colour; None after today."""
    return None if day > today else SHADES[min(days.get(day, 0), len(SHADES) - 1)]


def heat_map(days: dict[date, int], today: date, weeks: int) -> Text:
    """The last `weeks` weeks up to today's, four rows of half-block cells."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    text = Text()
    for row in range(4):
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=2 * row)
            top = shade(day, days, today)
            bottom = shade(day + timedelta(days=1), days, today) if row < 3 else None
            if top is None:
                text.append(" ")
            else:
                text.append(HALF, f"{top} on {bottom}" if bottom else top)
        text.append("\n")
    text.rstrip()
    return text
