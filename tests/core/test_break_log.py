"""What became of each break, in the real history: by day, and kept in memory while the
history cannot take it."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tests.core.test_history import run_through
from workout_tui.core.log.break_log import BreakLog
from workout_tui.core.log.schema import MIGRATIONS
from workout_tui.core.log.store import HistoryStore

TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


class Wall:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> datetime:
        return self.now


def test_breaks_are_counted_by_the_day_they_happened_where_they_happened(tmp_path: Path) -> None:
    wall = Wall()
    store = HistoryStore(tmp_path / "history.sqlite3", wall)
    log = BreakLog(store)
    for hours, action in ((0, "taken"), (1, "snoozed"), (2, "taken"), (24, "skipped")):
        wall.now = MONDAY + timedelta(hours=hours)
        log.add(action)
    assert log.flush()  # written on the log's own thread
    assert store.breaks_by_day(date(2026, 11, 30)) == {
        date(2026, 11, 30): {"taken": 2, "snoozed": 1},
        date(2026, 12, 1): {"skipped": 1},
    }
    assert log.counts_on(date(2026, 12, 1)) == {"skipped": 1}
    assert store.breaks_by_day(date(2026, 12, 2)) == {}


def test_a_break_taken_keeps_its_run_until_the_run_is_deleted(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3", Wall())
    run_id = run_through(store)
    log = BreakLog(store)
    log.add("taken", run_id)
    assert log.flush()
    store.delete_run(run_id)
    assert [tuple(r) for r in store.db.execute("SELECT action, run_id FROM breaks")] == [
        ("taken", None)
    ]


def test_breaks_wait_while_the_history_cannot_take_them_and_land_in_order(
    tmp_path: Path,
) -> None:
    wall = Wall()
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path, wall)
    store.db.execute("PRAGMA busy_timeout = 0")  # the log's writer waits as long: not at all
    log = BreakLog(store)
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the file: every write fails
    log.add("snoozed")
    wall.now += timedelta(minutes=5)
    log.add("skipped")
    assert not log.flush() and log.behind and "locked" in str(log.error)
    assert log.counts_on(MONDAY.date()) == {"snoozed": 1, "skipped": 1}  # still counted
    other.rollback()
    assert log.flush() and not log.behind
    rows = [tuple(r) for r in store.db.execute("SELECT action, at FROM breaks ORDER BY id")]
    assert rows == [("snoozed", MONDAY.isoformat()), ("skipped", wall.now.isoformat())]


def test_a_history_of_schema_3_gains_the_breaks_table_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path, Wall())
    run_through(store)
    store.db.execute("DROP TABLE breaks")
    store.db.execute("DROP TABLE checkins")
    store.db.execute("ALTER TABLE runs DROP COLUMN pid_start")  # as schema 3 had it
    store.db.execute("PRAGMA user_version = 3")
    store.close()
    store = HistoryStore(path, Wall())
    assert len(store.runs()) == 1 and len(MIGRATIONS) == 6
    log = BreakLog(store)
    log.add("taken")
    assert log.flush()
    assert store.breaks_by_day(MONDAY.date()) == {MONDAY.date(): {"taken": 1}}
