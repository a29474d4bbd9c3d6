"""One day for a run, everywhere: the calendar date where it started, in the UTC offset it
recorded (the day as the person lived it). The history's list, its week and stats, the
streak, the heat map, the plan's Today and breaks all count a run on that day, whatever zone
the machine is in now: tried with the machine at UTC+14 and at UTC-12, 26 hours apart."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.core.test_history import PLAN, run_through
from workout_tui.core.log.entries import DAY_OF_SQL, day_of
from workout_tui.core.log.store import HistoryStore

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.fixture(params=["Pacific/Kiritimati", "Etc/GMT+12", "UTC"])
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The machine's own time zone for this test (TZ, as a person's machine would have)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


class Wall:
    """The wall clock as the store reads it: a moment at a given offset."""

    def __init__(self) -> None:
        self.now = datetime.combine(TODAY, datetime.min.time()).astimezone()

    def __call__(self) -> datetime:
        return self.now


def at(day: date, hour: int, minute: int, offset_hours: int) -> datetime:
    zone = timezone(timedelta(hours=offset_hours))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def store_with(tmp_path: Path, *starts: datetime) -> HistoryStore:
    """A history of one completed run started at each of `starts`, as recorded there; the
    store's own clock is noon today on this machine."""
    wall = Wall()
    store = HistoryStore(tmp_path / "history.sqlite3", wall)
    for start in starts:
        wall.now = start
        run_through(store, PLAN, session="stretch")
    wall.now = datetime.combine(TODAY, datetime.min.time()).replace(hour=12).astimezone()
    return store


def test_the_day_of_a_run_is_the_date_it_recorded_in_python_and_in_sql() -> None:
    import sqlite3

    db = sqlite3.connect(":memory:")
    for stamp in (at(TODAY, 0, 30, 14), at(TODAY, 23, 30, -12), at(TODAY, 12, 0, 0)):
        assert day_of(stamp.isoformat()) == TODAY
        (said,) = db.execute(f"SELECT {DAY_OF_SQL.format('?')}", (stamp.isoformat(),)).fetchone()
        assert said == TODAY.isoformat()


def test_a_run_at_half_past_midnight_at_plus_14_is_done_today_everywhere(
    tmp_path: Path, machine_zone: str
) -> None:
    store = store_with(tmp_path, at(TODAY, 0, 30, 14))
    assert store.completed_on(TODAY) == {"stretch"}, machine_zone  # `today`, the Today list
    assert store.completed_by_day(TODAY - timedelta(days=7)) == {TODAY: {"stretch"}}
    assert store.active_days() == {TODAY: 1}  # the heat map
    assert store.stats().week_sessions == 1 and store.stats().streak.days == 1
    assert store.runs()[0].started_at.date() == TODAY  # the list says the same day


def test_the_week_counts_a_run_on_its_own_day_not_by_its_instant(
    tmp_path: Path, machine_zone: str
) -> None:
    # Sunday 23:30 at -10:00 is Monday 09:30 UTC: still Sunday, so still last week.
    sunday = TODAY - timedelta(days=3)
    store = store_with(tmp_path, at(sunday, 23, 30, -10))
    stats = store.stats()
    assert (stats.week_sessions, stats.weekly_minutes[-2] > 0) == (0, True), machine_zone


def test_the_streak_counts_distinct_days_whatever_the_order_of_the_runs(
    tmp_path: Path, machine_zone: str
) -> None:
    yesterday, before = TODAY - timedelta(days=1), TODAY - timedelta(days=2)
    # Yesterday early at +14 began before the day before's late run at -10 had ended.
    store = store_with(tmp_path, at(before, 22, 0, -10), at(yesterday, 1, 0, 14))
    assert store.stats().streak.days == 2, machine_zone
    store.close()
    (tmp_path / "b").mkdir()
    store = store_with(tmp_path / "b", at(yesterday, 20, 0, -10), at(before, 20, 0, -10))
    assert store.stats().streak.days == 2, machine_zone


def test_a_break_counts_on_the_day_it_was_recorded(tmp_path: Path, machine_zone: str) -> None:
    store = store_with(tmp_path)
    store.record_break("taken", at(TODAY, 0, 10, 14))
    store.record_break("skipped", at(TODAY - timedelta(days=1), 23, 50, -12))
    assert store.breaks_by_day(TODAY - timedelta(days=1)) == {
        TODAY: {"taken": 1},
        TODAY - timedelta(days=1): {"skipped": 1},
    }, machine_zone
