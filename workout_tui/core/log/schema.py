"""The history's file: its name, its tables and how each version of them moves to the
next, and how a row reads back as a run or a step, column by name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from workout_tui.core.log.connection import (
    BUSY_MS,
    DamagedHistory,
    HistoryUnavailable,
    connect,
    writable,
    writer_settings,
)
from workout_tui.core.log.entries import DAY_OF_SQL, CheckIn, RunSummary, StepRecord
from workout_tui.core.plan import Outcome

FILE_NAME = "history.sqlite3"
Now = Callable[[], datetime]

# Each entry moves the schema one version on; a database at version N runs entries N and up.
MIGRATIONS = [
    # 1: runs and the steps they finished
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        session TEXT NOT NULL,
        session_name TEXT NOT NULL,
        session_hash TEXT NOT NULL,
        speed REAL NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_ts REAL NOT NULL,
        ended_at TEXT,
        planned_work_steps INTEGER NOT NULL
    );
    CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        exercise TEXT,
        side TEXT,
        set_number INTEGER NOT NULL,
        set_count INTEGER NOT NULL,
        round_number INTEGER NOT NULL,
        round_count INTEGER NOT NULL,
        planned_seconds REAL,
        actual_seconds REAL NOT NULL,
        reps INTEGER,
        load TEXT,
        skipped INTEGER NOT NULL,
        finished_at TEXT NOT NULL
    );
    CREATE INDEX steps_by_run ON steps(run_id, step_index);
    """,
    # 2: the owning process (so another instance never calls a live run interrupted),
    # running totals for the history list, and indexes for its queries
    """
    ALTER TABLE runs ADD COLUMN pid INTEGER;
    ALTER TABLE runs ADD COLUMN active_seconds REAL NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN work_seconds REAL NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN done_work_steps INTEGER NOT NULL DEFAULT 0;
    UPDATE runs SET
        active_seconds = (SELECT COALESCE(SUM(actual_seconds), 0) FROM steps
                          WHERE steps.run_id = runs.id),
        work_seconds = (SELECT COALESCE(SUM(actual_seconds), 0) FROM steps
                        WHERE steps.run_id = runs.id AND kind LIKE 'work%'),
        done_work_steps = (SELECT COUNT(*) FROM steps
                           WHERE steps.run_id = runs.id AND kind LIKE 'work%' AND NOT skipped);
    CREATE INDEX runs_by_start ON runs(started_ts);
    CREATE INDEX runs_by_session ON runs(session, started_ts);
    CREATE INDEX steps_by_exercise ON steps(exercise, run_id);
    """,
    # 3: one entry per step of a run (its last visit) with how it ended (done, skipped or
    # partial) and what was planned beside what was done, exercises matched whatever their
    # case and spacing, and an id that stays with a run when it moves to another history
    """
    ALTER TABLE runs ADD COLUMN uid TEXT;
    UPDATE runs SET uid = new_uid();
    CREATE UNIQUE INDEX runs_by_uid ON runs(uid);
    CREATE TABLE steps_v3 (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        exercise TEXT,
        exercise_key TEXT,
        side TEXT,
        set_number INTEGER NOT NULL,
        set_count INTEGER NOT NULL,
        round_number INTEGER NOT NULL,
        round_count INTEGER NOT NULL,
        planned_seconds REAL,
        planned_reps INTEGER,
        planned_load TEXT,
        actual_seconds REAL NOT NULL,
        reps INTEGER,
        load TEXT,
        outcome TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        UNIQUE (run_id, step_index)
    );
    INSERT INTO steps_v3 (run_id, step_index, kind, exercise, exercise_key, side, set_number,
        set_count, round_number, round_count, planned_seconds, actual_seconds, reps, load,
        outcome, finished_at)
    SELECT run_id, step_index, kind, exercise, exercise_key(exercise), side, set_number,
        set_count, round_number, round_count, planned_seconds, actual_seconds, reps, load,
        CASE WHEN skipped THEN 'skipped' ELSE 'done' END, finished_at
    FROM steps WHERE id IN (SELECT MAX(id) FROM steps GROUP BY run_id, step_index);
    DROP TABLE steps;
    ALTER TABLE steps_v3 RENAME TO steps;
    CREATE INDEX steps_by_exercise ON steps(exercise_key, run_id);
    UPDATE runs SET done_work_steps = (SELECT COUNT(*) FROM steps WHERE steps.run_id = runs.id
        AND kind LIKE 'work%' AND outcome = 'done');
    """,
    # 4: what became of each break the break reminder asked for (taken, snoozed, skipped),
    # with the run a taken break started
    """
    CREATE TABLE breaks (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ts REAL NOT NULL,
        run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL
    );
    CREATE INDEX breaks_by_time ON breaks(at_ts);
    """,
    # 5: when the owning process started, so a pid the system has given to another
    # process since is not taken for the run's owner still alive
    """
    ALTER TABLE runs ADD COLUMN pid_start INTEGER;
    """,
    # 6: the daily check-in: how the neck and mid-back felt on a day, 0 to 10
    """
    CREATE TABLE checkins (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        note TEXT,
        at TEXT NOT NULL,
        at_ts REAL NOT NULL
    );
    CREATE INDEX checkins_by_day ON checkins(day, at_ts);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
STATUSES = ("running", "completed", "stopped", "interrupted")
BREAK_ACTIONS = ("taken", "snoozed", "skipped")


def check_ours(db: sqlite3.Connection, path: Path) -> None:
    """Refuse, untouched, a history from a newer version or a SQLite file of another app."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    if version > SCHEMA_VERSION:
        raise HistoryUnavailable(
            f"{path} was written by a newer workout-tui (history format {version}; "
            f"this one reads up to {SCHEMA_VERSION}). Upgrade workout-tui; "
            "the file is left as it is"
        )
    if (version == 0 and tables) or (version > 0 and not {"runs", "steps"} <= tables):
        raise HistoryUnavailable(
            f"{path} is a SQLite file but not a workout-tui history; "
            "move it away or use another --data-dir. It is left as it is"
        )


def up_to_date_for_reading(db: sqlite3.Connection, path: Path) -> None:
    """Before a read of a history from an older version: migrate it as the app would when it
    starts (with a writing connection of its own), or, where it cannot be written, refuse it
    with what to do. Read as it is, it lacks the tables and columns the reads ask for."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    if not writable(path.parent):
        raise HistoryUnavailable(
            f"{path} is from an older workout-tui (history format {version}; this one reads "
            f"{SCHEMA_VERSION}) and cannot be brought up to date here, where it cannot be "
            "written. Open it once where it can be (workout-tui --data-dir), or with the "
            "version that wrote it; it is left as it is"
        )
    writer = connect(path, read_only=False, busy_ms=None)
    try:
        prepare(writer)
    finally:
        writer.close()


def prepare(db: sqlite3.Connection) -> None:
    """Make the first writing connection's history ready: WAL, migrated, checked."""
    writer_settings(db, BUSY_MS)
    if db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
        raise sqlite3.OperationalError("unable to open the history in WAL mode")
    # Migrating takes the write lock, which another window may hold for a while (an
    # import): only a history that needs it waits for it.
    if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        _migrate(db)
    check = db.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise DamagedHistory(f"integrity check failed: {check}")


def _migrate(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")  # one instance migrates at a time
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for script in MIGRATIONS[version:]:
            for statement in script.split(";"):
                if statement.strip():
                    db.execute(statement)
        if version < SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


# What the queries say again and again, named once. A column named here is in one table
# only, so each reads the same in a join.
WORK = "kind LIKE 'work%'"  # a work step: a hold, a timed set or a rep set
DONE_SET = f"{WORK} AND outcome = 'done'"  # a work step done, not skipped or cut short
REAL_TIME = "speed = 1"  # not a preview: previews count for no record, streak or plan
COUNTED = f"{REAL_TIME} AND done_work_steps > 0"  # a session: real time, some work done
# A run whose process is gone reads as interrupted even before a writer marks it so (a
# read-only export sees what the next start will).
STATUS = (
    "CASE WHEN status = 'running' AND NOT alive(pid, pid_start) THEN 'interrupted'"
    " ELSE status END AS status"
)
RUN_COLUMNS = (
    f"id, uid, session, session_name, session_hash, {STATUS}, started_at, ended_at, speed,"
    " active_seconds, work_seconds, done_work_steps, planned_work_steps"
)
STEP_COLUMNS = (
    "step_index, kind, exercise, side, set_number, set_count, round_number, round_count,"
    " planned_seconds, planned_reps, planned_load, actual_seconds, reps, load, outcome,"
    " finished_at"
)
# What an imported run brings (an id of its own and the instant of its start are added).
IMPORTED_RUN_COLUMNS = (
    "id, uid, session, session_name, session_hash, speed, status, started_at, ended_at,"
    " planned_work_steps, active_seconds, work_seconds, done_work_steps"
)
# The day each run and each break counts for (entries.day_of), in SQL.
RUN_DAY, BREAK_DAY = DAY_OF_SQL.format("started_at"), DAY_OF_SQL.format("at")


def run_of(row: sqlite3.Row) -> RunSummary:
    """A run, from a row of RUN_COLUMNS."""
    ended = row["ended_at"]
    return RunSummary(
        id=row["id"],
        uid=row["uid"],
        session=row["session"],
        session_name=row["session_name"],
        session_hash=row["session_hash"],
        status=row["status"],
        started_at=datetime.fromisoformat(row["started_at"]),
        ended_at=datetime.fromisoformat(ended) if ended else None,
        speed=row["speed"],
        active_seconds=row["active_seconds"],
        work_seconds=row["work_seconds"],
        done_work_steps=row["done_work_steps"],
        planned_work_steps=row["planned_work_steps"],
    )


_OUTCOMES = {outcome.value: outcome for outcome in Outcome}  # Outcome(text) is slower


def step_of(row: sqlite3.Row) -> StepRecord:
    """A step, from a row of STEP_COLUMNS."""
    return StepRecord(
        step_index=row["step_index"],
        kind=row["kind"],
        exercise=row["exercise"],
        side=row["side"],
        set_number=row["set_number"],
        set_count=row["set_count"],
        round_number=row["round_number"],
        round_count=row["round_count"],
        planned_seconds=row["planned_seconds"],
        planned_reps=row["planned_reps"],
        planned_load=row["planned_load"],
        actual_seconds=row["actual_seconds"],
        reps=row["reps"],
        load=row["load"],
        outcome=_OUTCOMES[row["outcome"]],
        finished_at=datetime.fromisoformat(row["finished_at"]),
    )


def named(columns: str) -> str:
    """`:a, :b` for the columns `a, b`: the values of an insert, by name."""
    return ", ".join(f":{column.strip()}" for column in columns.split(","))


def row_values(entry: RunSummary | StepRecord | CheckIn, **given: object) -> dict[str, object]:
    """A run's or a step's fields by name, as SQLite keeps them (instants as ISO text),
    with the `given` values in their place."""
    values = {name: getattr(entry, name) for name in entry.__dataclass_fields__}
    for name, value in values.items():
        if isinstance(value, date):  # and a datetime
            values[name] = value.isoformat()
    return values | given
