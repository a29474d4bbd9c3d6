"""The year at a glance: the history's active days, drawn as a heat map."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.core.test_history import Clock, run_through
from workout_tui.core.log.store import HistoryStore
from workout_tui.ui.calendar import HALF, SHADES, heat_map


def test_active_days_count_real_sessions_by_the_day_they_started(tmp_path: Path) -> None:
    wall = Clock()  # Monday 23 Nov 2026, 18:00
    store = HistoryStore(tmp_path / "history.sqlite3", wall)
    run_through(store)
    run_through(store)
    run_through(store, speed=20)  # a preview
    run_through(store, upto=1)  # a get-ready, nothing done
    wall.now -= timedelta(days=3)
    run_through(store)
    wall.now -= timedelta(weeks=60)  # before the last year
    run_through(store)
    wall.now += timedelta(weeks=60, days=3)
    assert store.active_days() == {date(2026, 11, 23): 2, date(2026, 11, 20): 1}


def test_each_day_is_half_a_cell_in_its_weeks_column() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    days = {date(2026, 11, 23): 1, date(2026, 11, 24): 3, date(2026, 11, 19): 2}
    text = heat_map(days, today, weeks=2)
    rows = text.plain.split("\n")
    # rows: Mon/Tue, Wed/Thu, Fri/Sat, Sun; Friday on is not yet (and the end is trimmed)
    assert rows == [HALF * 2, HALF * 2, HALF + " ", HALF]
    styles = {span.start: str(span.style) for span in text.spans}
    cell = 3  # characters a row, its newline included
    assert styles[0 * cell + 1] == f"{SHADES[1]} on {SHADES[3]}"  # this Monday and Tuesday
    assert styles[1 * cell + 0] == f"{SHADES[0]} on {SHADES[2]}"  # last Wednesday, Thursday
    assert styles[1 * cell + 1] == SHADES[0]  # today, Wednesday; Thursday to come


def test_a_week_of_eight_seconds_is_a_sliver_not_a_full_bar() -> None:
    from workout_tui.ui.calendar import week_bars

    alone = week_bars([0.0] * 11 + [8 / 60]).plain.splitlines()
    assert alone == [" " * 35, " " * 33 + "▁▁"]  # the lowest eighth of the lower row
    hour = week_bars([0.0] * 11 + [60.0]).plain.splitlines()
    assert hour == [" " * 33 + "██", " " * 33 + "██"]  # an hour fills the chart
    half = week_bars([30.0, 120.0]).plain.splitlines()
    assert half == ["   ██", "▄▄ ██"]  # a quarter of the longest week: half the lower row
