"""The history store, on a real SQLite file in tmp_path, with a frozen wall clock."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.log_helpers import entry
from workout_tui.core.habits import Streak
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.entries import CheckIn
from workout_tui.core.log.opening import open_history
from workout_tui.core.log.schema import FILE_NAME, MIGRATIONS, SCHEMA_VERSION
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Outcome, Plan

TZ = timezone(timedelta(hours=1))
PLAN = load_plan_text(
    "name: Strength\ndefaults: {prepare: 5s, rest: 10s}\nexercises:\n"
    "  - {name: Goblet squat, sets: 2, reps: 10, load: 12 kg}\n"
    "  - {name: Couch stretch, hold: 30s, sides: [left, right]}\n"
)


class Clock:
    """A wall clock that moves only when told."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 18, 0, tzinfo=TZ)  # a Monday evening

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def wall() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, wall: Clock) -> HistoryStore:
    return HistoryStore(tmp_path / FILE_NAME, wall)


def run_through(
    store: HistoryStore,
    plan: Plan = PLAN,
    speed: float = 1,
    upto: int | None = None,
    status: str | None = "completed",
    session: str = "strength",
) -> int:
    run_id = store.start_run(plan, session, "abc123", speed)
    for step in plan.steps[:upto]:
        reps = step.exercise.amount if step.exercise and not step.exercise.is_timed else None
        store.record_step(run_id, entry(step, step.seconds or 20.0, reps=reps))
    if status:
        store.finish_run(run_id, status)
    return run_id


def test_a_run_and_its_steps_are_kept(store: HistoryStore) -> None:
    run_id = run_through(store)
    (run,) = store.runs()
    assert (run.id, run.session, run.session_name, run.status) == (
        run_id,
        "strength",
        "Strength",
        "completed",
    )
    assert run.started_at == datetime(2026, 11, 23, 18, 0, tzinfo=TZ)
    assert run.done_work_steps == run.planned_work_steps == 4
    assert run.completion == 1
    assert run.work_seconds == 20 + 20 + 30 + 30
    assert run.active_seconds == 5 + 20 + 10 + 20 + 10 + 30 + 5 + 30
    steps = store.steps(run_id)
    assert [(s.kind, s.exercise, s.side, s.set_number, s.reps, s.skipped) for s in steps[:3]] == [
        ("prepare", None, None, 1, None, False),
        ("work-reps", "Goblet squat", None, 1, 10, False),
        ("rest", None, None, 1, None, False),
    ]
    store.relog(run_id, steps[1].step_index, 8, "10 kg")
    assert (store.steps(run_id)[1].reps, store.steps(run_id)[1].load) == (8, "10 kg")


def test_runs_come_newest_first_a_page_at_a_time_and_can_be_searched(
    store: HistoryStore, wall: Clock
) -> None:
    for day in range(5):
        wall.now += timedelta(days=1)
        run_through(store, session="desk-break" if day % 2 else "strength")
    assert store.count_runs() == 5 and store.count_runs("desk") == 2
    page = store.runs(limit=2, offset=1)
    assert [r.started_at.day for r in page] == [27, 26]
    assert [r.session for r in store.runs(search="desk")] == ["desk-break", "desk-break"]


def test_deleting_a_run_deletes_its_steps(store: HistoryStore) -> None:
    run_id = run_through(store)
    store.delete_run(run_id)
    assert store.runs() == [] and store.steps(run_id) == [] and store.run(run_id) is None


def test_a_run_left_running_by_a_dead_process_is_interrupted(store: HistoryStore) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = run_through(store, upto=3, status=None)
    store.db.execute("UPDATE runs SET pid = ? WHERE id = ?", (gone.pid, dead))
    live = run_through(store, upto=1, status=None)  # this process: still going
    assert store.mark_interrupted() == 1
    assert store.run(dead).status == "interrupted"  # type: ignore[union-attr]
    assert store.run(live).status == "running"  # type: ignore[union-attr]
    assert store.interrupted_run("strength") is None  # the latest run is the live one
    store.delete_run(live)
    found = store.interrupted_run("strength")
    assert found is not None and found[0].id == dead and found[1] == 3  # resume at step 3
    store.resume_run(dead)
    assert store.run(dead).status == "running"  # type: ignore[union-attr]


def test_last_sets_come_from_the_latest_real_time_run(store: HistoryStore, wall: Clock) -> None:
    first = run_through(store)
    store.relog(first, 1, 9, "12 kg")
    wall.now += timedelta(days=1)
    run_through(store, speed=20)  # a preview does not count
    sets = store.last_sets("Goblet squat")
    assert [(s.reps, s.load) for s in sets] == [(9, "12 kg"), (10, "12 kg")]
    assert store.last_sets("Goblet squat", before_run=first) == []
    assert store.last_sets("Plank") == []


def test_stats_count_streaks_weeks_and_leave_previews_out(store: HistoryStore, wall: Clock) -> None:
    today = wall.now
    for days_ago in (0, 1, 2, 4, 9):
        wall.now = today - timedelta(days=days_ago)
        run_through(store)
    wall.now = today
    run_through(store, speed=20)
    run_through(store, upto=1)  # only get-ready: no work done, does not count
    stats = store.stats(weeks=4)
    assert stats.streak == Streak(5, rest_days=1)  # day 3 missed: a rest day; day 5 and 6 end it
    assert stats.comebacks == 1  # day 4, five days after day 9
    assert stats.week_sessions == 1  # Monday: only today's is this week
    per_run = (5 + 20 + 10 + 20 + 10 + 30 + 5 + 30) / 60
    assert stats.weekly_minutes == pytest.approx((0, per_run, 3 * per_run, per_run))
    wall.now = today + timedelta(days=1)
    assert store.stats().streak == Streak(5, 1)  # nothing yet today: yesterday's stands
    wall.now = today + timedelta(days=2)  # yesterday missed: a rest day, so day 3 ends it
    assert store.stats().streak == Streak(4, 1)
    wall.now = today + timedelta(days=3)  # two days missed in a row
    assert store.stats().streak == Streak(0, 0)


def test_an_old_schema_is_migrated_and_its_totals_filled_in(tmp_path: Path, wall: Clock) -> None:
    path = tmp_path / FILE_NAME
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO runs VALUES (1, 'strength', 'Strength', 'x', 1, 'completed',"
        " '2026-11-20T10:00:00+01:00', 1763629200, '2026-11-20T10:20:00+01:00', 4)"
    )
    # Version 2 logged a step again when it was done again: set 1 skipped, then done.
    for index, kind, seconds, skipped, name in (
        (0, "prepare", 5, 0, None),
        (1, "work-reps", 4, 1, "Goblet  SQUAT"),
        (1, "work-reps", 25, 0, "Goblet  SQUAT"),
        (2, "work-timed", 30, 1, "Couch stretch"),
    ):
        db.execute(
            "INSERT INTO steps (run_id, step_index, kind, exercise, set_number, set_count,"
            " round_number, round_count, actual_seconds, skipped, finished_at)"
            " VALUES (1, ?, ?, ?, 1, 1, 1, 1, ?, ?, '2026-11-20T10:01:00+01:00')",
            (index, kind, name, seconds, skipped),
        )
    db.commit()
    db.close()
    store = HistoryStore(path, wall)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
    (run,) = store.runs()
    # Time counts every visit; each step has one entry, its last; done counts it once.
    assert (run.active_seconds, run.work_seconds, run.done_work_steps) == (64, 59, 1)
    steps = store.steps(1)
    assert [(s.step_index, s.outcome, s.actual_seconds) for s in steps] == [
        (0, Outcome.DONE, 5),
        (1, Outcome.DONE, 25),
        (2, Outcome.SKIPPED, 30),
    ]
    assert [s.reps for s in store.last_sets("goblet squat")] == [None]  # matched, any case
    assert len(run.uid) == 32
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_damaged_file_is_kept_aside_and_a_new_history_started(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    store, notices = open_history(tmp_path)
    assert store is not None
    (notice,) = notices
    assert "history file was damaged" in notice and "a new history was started" in notice
    (kept,) = tmp_path.glob(f"{FILE_NAME}.damaged-*")
    assert kept.read_bytes() == b"this is not a database" * 100
    run_through(store)
    assert store.count_runs() == 1


def test_a_truncated_database_is_kept_aside_too(tmp_path: Path, wall: Clock) -> None:
    store = HistoryStore(tmp_path / FILE_NAME, wall)
    for _ in range(50):
        run_through(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = (tmp_path / FILE_NAME).read_bytes()
    (tmp_path / FILE_NAME).write_bytes(data[: len(data) // 2])
    reopened, notices = open_history(tmp_path)
    assert reopened is not None and reopened.count_runs() == 0
    kept = [p for p in tmp_path.glob(f"{FILE_NAME}.damaged-*") if not p.name.endswith("-shm")]
    assert len(notices) == 1 and len([p for p in kept if not p.name.endswith("-wal")]) == 1


@pytest.mark.parametrize("where", ["/proc/self/workout-tui", "a-file/inside"])
def test_a_data_dir_that_cannot_be_written_turns_history_off(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    store, (notice,) = open_history(tmp_path / where if not where.startswith("/") else Path(where))
    assert store is None
    assert notice.startswith("History is off: ") and notice.endswith("are not recorded.")


def test_a_read_only_data_dir_turns_history_off(read_only_dir: Path) -> None:
    store, (notice,) = open_history(read_only_dir / "data")
    assert store is None and notice.startswith("History is off: ")
    assert not any(read_only_dir.iterdir())


def test_a_history_of_schema_5_gains_the_check_ins_and_keeps_its_runs(
    tmp_path: Path, wall: Clock
) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path, wall)
    run_through(store)
    store.db.execute("DROP TABLE checkins")
    store.db.execute("PRAGMA user_version = 5")
    store.close()
    store = HistoryStore(path, wall)
    assert len(store.runs()) == 1 and store.scores() == {}
    day = wall.now.date()
    store.record_checkin(CheckIn(day, 4, wall.now))
    store.record_checkin(CheckIn(day, 2, wall.now + timedelta(hours=2), "better"))
    assert store.scores() == {day: 2}  # the latest of a day stands; both are kept
    assert [c.score for c in store.checkins()] == [4, 2]
    assert store.first_day() == day
    store.close()
