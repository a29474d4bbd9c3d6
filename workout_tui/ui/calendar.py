"""A year at a glance: active days as a calendar heat map, a column a week (Monday on
top), two days to a character cell (the upper half one day, the lower half the next).
And this week a column a day: sessions, the weekly plan done against planned, breaks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from rich.text import Text

from workout_tui.core.week import WeekPlan

# None, one session, two, three or more: GitHub's greens, which read on dark and light.
SHADES = ("#2d333b", "#0e4429", "#26a641", "#39d353")
HALF = "▀"
BLOCKS = " ▁▂▃▄▅▆▇█"  # an eighth of a cell more each
SCALE_FLOOR_MINUTES = 60  # the weeks' chart goes up to at least an hour


def week_bars(minutes: Sequence[float], rows: int = 2) -> Text:
    """Minutes a week as bars `rows` tall, two columns a week, on a scale from nothing to
    the most minutes in a week but at least an hour: a week of 8 seconds is a sliver, not
    a full bar; any time at all shows."""
    top = max(SCALE_FLOOR_MINUTES, *minutes)
    eighths = [max(1, round(m / top * rows * 8)) if m > 0 else 0 for m in minutes]
    lines = [
        " ".join(BLOCKS[min(8, max(0, level - row * 8))] * 2 for level in eighths)
        for row in reversed(range(rows))
    ]
    return Text("\n".join(lines), style=SHADES[2])


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


def week_table(
    today: date,
    sessions: dict[date, int],
    plan: WeekPlan,
    done: dict[date, set[str]],
    breaks: dict[date, dict[str, int]],
) -> Text:
    """This week up to today, a column a day: sessions, then the plan (`1/2`: done of
    planned) where there is one, then breaks taken where there were any."""
    days = [today - timedelta(days=today.weekday() - i) for i in range(7)]
    rows: list[tuple[str, Callable[[date], tuple[str, str]]]] = [
        ("Sessions", lambda day: _count(sessions.get(day, 0)))
    ]
    if any(plan.on(day) for day in days):
        rows.append(("Plan", lambda day: _planned(plan, day, done.get(day, set()), today)))
    if any(breaks.get(day) for day in days):
        rows.append(("Breaks", lambda day: _count(breaks.get(day, {}).get("taken", 0))))
    text = Text("This week".ljust(10) + "".join(f"{day:%a}".rjust(5) for day in days))
    for label, cell in rows:
        text.append("\n" + label.ljust(10))
        for day in days[: today.weekday() + 1]:
            shown, style = cell(day)
            text.append(shown.rjust(5), style)
    return text


def _count(count: int) -> tuple[str, str]:
    return (str(count), "") if count else ("·", "dim")


def _planned(plan: WeekPlan, day: date, done: set[str], today: date) -> tuple[str, str]:
    """`done/planned`, green once all is done, yellow for a day gone by with some left."""
    planned = plan.on(day)
    if not planned:
        return "·", "dim"
    count = sum(slug in done for slug in planned)
    style = "green" if count == len(planned) else "yellow" if day < today else ""
    return f"{count}/{len(planned)}", style
