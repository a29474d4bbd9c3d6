"""The history: every run and every finished step in SQLite, committed the moment it happens.

A run row is written when a session starts and each finished step at once, so a crash
loses at most the step in progress. A run still marked running whose process is gone is
marked interrupted the next time the store opens.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from workout_tui.core.files import NotAFile, read_regular
from workout_tui.core.log.entries import (
    DAY_OF_SQL,
    BreakEvent,
    Outcome,
    RunSummary,
    StepRecord,
    exercise_key,
    wall_clock,
)
from workout_tui.core.plan import Plan

FILE_NAME = "history.sqlite3"
BUSY_MS = 10_000  # how long a write waits for another window's lock before it fails
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
]
SCHEMA_VERSION = len(MIGRATIONS)
STATUSES = ("running", "completed", "stopped", "interrupted")
BREAK_ACTIONS = ("taken", "snoozed", "skipped")


class HistoryUnavailable(Exception):
    """The history cannot be kept now (the data dir is read-only or missing, the disk is
    full, the file is locked, or it is not ours to write); the file is left as it is."""


class RunLost(Exception):
    """This window's run is no longer its own to write: it was deleted, or another window
    took it on. Nothing more is written to it, so no write can land in another run."""


class RunInUse(Exception):
    """The run is going on in another window (its process is alive): it is not deleted or
    resumed from here."""


class DamagedHistory(Exception):
    """The history file is not SQLite, or fails SQLite's integrity check."""


SQLITE_HEADER = b"SQLite format 3\x00"
# Only these mean the file itself is bad; full, locked, read-only or I/O errors do not.
_DAMAGED_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


@dataclass(frozen=True, slots=True)
class Stats:
    """The numbers at the top of the history screen (previews left out)."""

    streak_days: int
    week_sessions: int
    week_minutes: float
    weekly_minutes: tuple[float, ...]  # oldest first, this week last


# A run whose process is gone reads as interrupted even before a writer marks it so (a
# read-only export sees what the next start will).
_RUN_COLUMNS = (
    "id, uid, session, session_name, session_hash,"
    " CASE WHEN status = 'running' AND NOT alive(pid, pid_start) THEN 'interrupted'"
    " ELSE status END,"
    " started_at, ended_at, speed, active_seconds, work_seconds, done_work_steps,"
    " planned_work_steps"
)
# The day each run and each break counts for (entries.day_of), in SQL.
_RUN_DAY, _BREAK_DAY = DAY_OF_SQL.format("started_at"), DAY_OF_SQL.format("at")
_STEP_COLUMNS = (
    "step_index, kind, exercise, side, set_number, set_count, round_number, round_count,"
    " planned_seconds, planned_reps, planned_load, actual_seconds, reps, load, outcome,"
    " finished_at"
)


class HistoryStore:
    """The history database. Every write is its own transaction, committed before returning."""

    def __init__(
        self,
        path: Path,
        now: Now | None = None,
        read_only: bool = False,
        *,
        busy_ms: int | None = None,
    ) -> None:
        """Open (creating and migrating as needed, unless `read_only`) the database at `path`;
        `busy_ms` opens another connection to one already opened, for a writer thread.

        Raises:
            HistoryUnavailable: it cannot be opened or written now, or it is not ours.
            DamagedHistory: the file is not SQLite or fails the integrity check.
        """
        self.path = path
        self.now: Now = now or wall_clock
        if busy_ms is None:  # not for a twin: see opener()
            _check_file(path)
        try:
            self.db = _connect(path, read_only, busy_ms)
        except (OSError, sqlite3.Error) as error:
            raise HistoryUnavailable(f"cannot open {path}: {_reason(error)}") from None
        try:
            self._check_ours()
            if busy_ms is not None:
                self._settings(busy_ms)
            elif not read_only:
                self._prepare()
        except sqlite3.Error as error:
            self.db.close()
            if _is_damaged(error):
                raise DamagedHistory(str(error)) from None
            raise HistoryUnavailable(f"cannot use {path}: {_reason(error)}") from None
        except BaseException:
            self.db.close()
            raise

    def opener(self) -> Callable[[], HistoryStore]:
        """What opens another connection to this history, opened already (no migration, no
        integrity check), on the thread that calls it: it waits on a lock as long as this
        one does.

        It does not read the file itself: closing any descriptor of it would drop every lock
        this process's connections hold on it (POSIX locks are the process's), and another
        process closing its last connection would then take the WAL's index from under them.
        """
        busy_ms = self.db.execute("PRAGMA busy_timeout").fetchone()[0]
        return partial(HistoryStore, self.path, self.now, busy_ms=busy_ms)

    def _check_ours(self) -> None:
        """Refuse, untouched, a history from a newer version or a SQLite file of another app."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master")}
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                f"{self.path} was written by a newer workout-tui (history format {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Upgrade workout-tui; "
                "the file is left as it is"
            )
        if (version == 0 and tables) or (version > 0 and not {"runs", "steps"} <= tables):
            raise HistoryUnavailable(
                f"{self.path} is a SQLite file but not a workout-tui history; "
                "move it away or use another --data-dir. It is left as it is"
            )

    def _settings(self, busy_ms: int) -> None:
        """What each writing connection needs: SQLite keeps none of it in the file."""
        self.db.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        self.db.execute("PRAGMA synchronous = FULL")  # a finished step survives a power cut
        self.db.execute("PRAGMA foreign_keys = ON")

    def _prepare(self) -> None:
        db = self.db
        self._settings(BUSY_MS)
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise sqlite3.OperationalError("unable to open the history in WAL mode")
        # Migrating takes the write lock, which another window may hold for a while (an
        # import): only a history that needs it waits for it.
        if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            self._migrate()
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedHistory(f"integrity check failed: {check}")

    def _migrate(self) -> None:
        db = self.db
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

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    # -- writing ---------------------------------------------------------------------------

    def next_run_id(self) -> int:
        """The id the next run gets (a read: it works on a full disk)."""
        row = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").fetchone()
        return int(row[0])

    def start_run(
        self,
        plan: Plan,
        session: str,
        session_hash: str,
        speed: float,
        run_id: int | None = None,
        started: datetime | None = None,
    ) -> int:
        """Record that a run started (at `started`, by default now), under `run_id` if given;
        returns its id.

        Raises:
            sqlite3.IntegrityError: `run_id` is taken (another process started a run).
        """
        started = started or self.now()
        planned_work = sum(1 for step in plan.steps if step.is_work)
        cursor = self.db.execute(
            "INSERT INTO runs (id, uid, session, session_name, session_hash, speed, status,"
            " started_at, started_ts, planned_work_steps, pid, pid_start)"
            " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
            (run_id, new_uid(), session, plan.session.name, session_hash, speed,
             started.isoformat(), started.timestamp(), planned_work, *_this_process()),
        )  # fmt: skip
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def resume_run(self, run_id: int) -> None:
        """Carry on an interrupted run in this process.

        Raises:
            RunInUse: another window resumed it first (its process is alive).
        """
        taken = self.db.execute(
            "UPDATE runs SET status = 'running', ended_at = NULL, pid = ?, pid_start = ?"
            " WHERE id = ? AND NOT (status = 'running' AND alive(pid, pid_start))",
            (*_this_process(), run_id),
        )
        if taken.rowcount == 0:
            raise RunInUse(f"run {run_id} is running in another window")

    def is_mine(self, run_id: int) -> bool:
        """Whether `run_id` is a run this process started or resumed."""
        row = self.db.execute("SELECT pid, pid_start FROM runs WHERE id = ?", (run_id,))
        return tuple(row.fetchone() or ()) == _this_process()

    def _check_mine(self, run_id: int) -> None:
        """Raise RunLost unless `run_id` is a run this process started or resumed."""
        if not self.is_mine(run_id):
            raise RunLost(
                "this run was deleted or taken on in another window; it is no longer saved"
            )

    def record_step(self, run_id: int, entry: StepRecord) -> None:
        """Log one visit to a step: its entry takes the place of the step's earlier one in
        the run, and its time adds to the run's totals, in one transaction."""
        seconds = entry.actual_seconds
        with self._transaction():
            self._check_mine(run_id)
            self._insert_step(run_id, entry)
            self.db.execute(
                "UPDATE runs SET active_seconds = active_seconds + ?,"
                " work_seconds = work_seconds + ?, done_work_steps = (SELECT COUNT(*) FROM steps"
                " WHERE run_id = ? AND kind LIKE 'work%' AND outcome = 'done') WHERE id = ?",
                (seconds, seconds if entry.is_work else 0, run_id, run_id),
            )

    def _insert_step(self, run_id: int, entry: StepRecord) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO steps (run_id, exercise_key, {_STEP_COLUMNS})"
            f" VALUES (?, exercise_key(?){', ?' * 16})",
            (run_id, entry.exercise, entry.step_index, entry.kind, entry.exercise, entry.side,
             entry.set_number, entry.set_count, entry.round_number, entry.round_count,
             entry.planned_seconds, entry.planned_reps, entry.planned_load, entry.actual_seconds,
             entry.reps, entry.load, entry.outcome.value, entry.finished_at.isoformat()),
        )  # fmt: skip

    def relog(self, run_id: int, step_index: int, reps: int, load: str | None) -> None:
        """Change the reps and load logged for a step of a run this process runs."""
        with self._transaction():
            self._check_mine(run_id)
            self.db.execute(
                "UPDATE steps SET reps = ?, load = ? WHERE run_id = ? AND step_index = ?",
                (reps, load, run_id, step_index),
            )

    def import_runs(
        self,
        runs: Iterable[tuple[RunSummary, list[StepRecord]]],
        breaks: Iterable[BreakEvent] = (),
    ) -> tuple[int, int, int]:
        """Add runs and breaks from another history, all in one transaction or none: a run
        already here (the same uid) is left as it is, and a run keeps its id unless this
        history uses it; a break already here (the same action at the same instant) too.
        Returns how many runs were added, how many were here already, and breaks added."""
        added = present = breaks_added = 0
        with self._transaction():
            for run, steps in runs:
                if self.db.execute("SELECT 1 FROM runs WHERE uid = ?", (run.uid,)).fetchone():
                    present += 1
                    continue
                taken = self.db.execute("SELECT 1 FROM runs WHERE id = ?", (run.id,)).fetchone()
                run_id = self.next_run_id() if taken else run.id
                self._insert_run(run_id, run)
                for step in steps:
                    self._insert_step(run_id, step)
                added += 1
            for event in breaks:
                at = event.at.isoformat()
                here = "SELECT 1 FROM breaks WHERE action = ? AND at = ?"
                if not self.db.execute(here, (event.action, at)).fetchone():
                    found = self.db.execute("SELECT id FROM runs WHERE uid = ?", (event.run_uid,))
                    self.record_break(event.action, event.at, (found.fetchone() or (None,))[0])
                    breaks_added += 1
        return added, present, breaks_added

    def _insert_run(self, run_id: int, run: RunSummary) -> None:
        self.db.execute(
            "INSERT INTO runs (id, uid, session, session_name, session_hash, speed, status,"
            " started_at, started_ts, ended_at, planned_work_steps, active_seconds, work_seconds,"
            f" done_work_steps) VALUES (?{', ?' * 13})",
            (run_id, run.uid, run.session, run.session_name, run.session_hash, run.speed,
             run.status, run.started_at.isoformat(), run.started_at.timestamp(),
             run.ended_at.isoformat() if run.ended_at else None, run.planned_work_steps,
             run.active_seconds, run.work_seconds, run.done_work_steps),
        )  # fmt: skip

    def finish_run(self, run_id: int, status: str, ended: datetime | None = None) -> None:
        """Close a run this process runs as completed or stopped (at `ended`, by default now)."""
        assert status in STATUSES
        with self._transaction():
            self._check_mine(run_id)
            self.db.execute(
                "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                (status, (ended or self.now()).isoformat(), run_id),
            )

    def mark_interrupted(self) -> int:
        """Mark runs left running by a process that is gone as interrupted; returns how many."""
        rows = self.db.execute("SELECT id, pid, pid_start FROM runs WHERE status = 'running'")
        dead = [run_id for run_id, pid, started in rows.fetchall() if not _alive(pid, started)]
        for run_id in dead:
            self.db.execute(
                "UPDATE runs SET status = 'interrupted', ended_at = COALESCE(ended_at, ("
                " SELECT MAX(finished_at) FROM steps WHERE run_id = ?), started_at)"
                " WHERE id = ? AND status = 'running'",
                (run_id, run_id),
            )
        return len(dead)

    def record_break(self, action: str, at: datetime, run_id: int | None = None) -> None:
        """Log what became of a break at `at`: taken (with the run it started), snoozed or
        skipped."""
        assert action in BREAK_ACTIONS
        self.db.execute(
            "INSERT INTO breaks (action, at, at_ts, run_id) VALUES (?, ?, ?, ?)",
            (action, at.isoformat(), at.timestamp(), run_id or None),
        )

    def delete_run(self, run_id: int) -> None:
        """Delete a run and its steps.

        Raises:
            RunInUse: the run is going on in another window.
        """
        with self._transaction():
            row = self.db.execute(
                "SELECT status = 'running' AND alive(pid, pid_start) AND pid != ? FROM runs"
                " WHERE id = ?",
                (os.getpid(), run_id),
            ).fetchone()
            if row and row[0]:
                raise RunInUse(f"run {run_id} is running in another window")
            self.db.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    # -- reading ---------------------------------------------------------------------------

    def runs(self, limit: int = 100, offset: int = 0, search: str = "") -> list[RunSummary]:
        """Runs newest first, a page at a time; `search` matches the routine's slug or name."""
        where, params = _search(search)
        rows = self.db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs {where} ORDER BY started_ts DESC, id DESC"
            " LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_run(row) for row in rows]

    def count_runs(self, search: str = "") -> int:
        """How many runs match `search`."""
        where, params = _search(search)
        count: int = self.db.execute(f"SELECT COUNT(*) FROM runs {where}", params).fetchone()[0]
        return count

    def run(self, run_id: int) -> RunSummary | None:
        """One run, or None if it is not there (any more)."""
        row = self.db.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def steps(self, run_id: int) -> list[StepRecord]:
        """A run's logged steps, one entry each, in plan order."""
        rows = self.db.execute(
            f"SELECT {_STEP_COLUMNS} FROM steps WHERE run_id = ? ORDER BY step_index", (run_id,)
        )
        return [_step(row) for row in rows]

    def all_runs(self) -> Iterator[tuple[RunSummary, list[StepRecord]]]:
        """Every run with its steps, oldest first (for export)."""
        rows = self.db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY started_ts, id"
        ).fetchall()
        for row in rows:
            run = _run(row)
            yield run, self.steps(run.id)

    def done_sets(
        self, exercise: str | None = None, before_run: int | None = None
    ) -> Iterator[tuple[int, datetime, StepRecord]]:
        """Every done set (of `exercise`, or of all) in real-time runs, with its run's id
        and start, in the order the runs started: what records and progress read."""
        where = "AND steps.exercise_key = ?" if exercise is not None else ""
        keys = (exercise_key(exercise),) if exercise is not None else ()
        rows = self.db.execute(
            f"SELECT runs.id, runs.started_at, {_STEP_COLUMNS}"
            " FROM steps JOIN runs ON runs.id = steps.run_id WHERE runs.speed = 1"
            f" AND steps.outcome = 'done' AND steps.kind LIKE 'work%' AND runs.id != ? {where}"
            " ORDER BY runs.started_ts, runs.id, steps.step_index",
            (before_run or -1, *keys),
        )
        started: dict[str, datetime] = {}  # a run's sets share its start: read it once
        for row in rows:
            when = started.get(row[1]) or started.setdefault(row[1], datetime.fromisoformat(row[1]))
            yield row[0], when, _step(row[2:])

    def _latest_run(self, session: str) -> RunSummary | None:
        row = self.db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE session = ? ORDER BY started_ts DESC, id DESC"
            " LIMIT 1",
            (session,),
        ).fetchone()
        return None if row is None else _run(row)

    def running_elsewhere(self, session: str) -> bool:
        """Whether the routine's latest run is going on in another window."""
        run = self._latest_run(session)
        return run is not None and run.status == "running" and not self.is_mine(run.id)

    def interrupted_run(self, session: str) -> tuple[RunSummary, int] | None:
        """The routine's latest run if it was interrupted, with the step to resume at."""
        run = self._latest_run(session)
        if run is None or run.status != "interrupted":
            return None
        ended = self.db.execute(
            "SELECT step_index FROM steps WHERE run_id = ? AND outcome != 'partial'", (run.id,)
        )
        ended_steps = {index for (index,) in ended}
        return run, next(i for i in range(len(ended_steps) + 1) if i not in ended_steps)

    def last_sets(self, exercise: str, before_run: int | None = None) -> list[StepRecord]:
        """The sets of `exercise` done in the latest real-time run that did any."""
        key = exercise_key(exercise)
        row = self.db.execute(
            "SELECT steps.run_id FROM steps JOIN runs ON runs.id = steps.run_id"
            " WHERE steps.exercise_key = ? AND runs.speed = 1 AND steps.outcome = 'done'"
            " AND steps.kind LIKE 'work%' AND steps.run_id != ?"
            " ORDER BY runs.started_ts DESC, runs.id DESC LIMIT 1",
            (key, before_run or -1),
        ).fetchone()
        if row is None:
            return []
        rows = self.db.execute(
            f"SELECT {_STEP_COLUMNS} FROM steps WHERE run_id = ? AND exercise_key = ?"
            " AND outcome = 'done' AND kind LIKE 'work%' ORDER BY step_index",
            (row[0], key),
        )
        return [_step(r) for r in rows]

    def stats(self, weeks: int = 12) -> Stats:
        """Streak, this week's sessions and minutes, and minutes a week for `weeks` weeks
        (each run in the week of its own day, `day_of`)."""
        today = self.now().date()
        first = today - timedelta(days=today.weekday(), weeks=weeks - 1)  # a Monday
        weekly = [0.0] * weeks
        week_sessions = 0
        for day, active in self.db.execute(
            f"SELECT {_RUN_DAY}, active_seconds FROM runs WHERE speed = 1"
            " AND started_ts >= ? AND done_work_steps > 0",
            (_instant_before(first),),
        ):
            index = (date.fromisoformat(day) - first).days // 7
            if 0 <= index < weeks:
                weekly[index] += active / 60
                week_sessions += index == weeks - 1
        return Stats(self._streak(today), week_sessions, weekly[-1], tuple(weekly))

    def active_days(self, weeks: int = 53) -> dict[date, int]:
        """Sessions per day (the day they started, where they started) over the last
        `weeks` weeks, previews and runs with nothing done left out; days without none."""
        since = self.now().date() - timedelta(weeks=weeks)
        rows = self.db.execute(
            f"SELECT {_RUN_DAY}, COUNT(*) FROM runs WHERE speed = 1"
            " AND done_work_steps > 0 AND started_ts >= ? GROUP BY 1",
            (_instant_before(since),),
        )
        return {date.fromisoformat(day): count for day, count in rows}

    def completed_on(self, day: date) -> set[str]:
        """The slugs of the routines run to their end on `day` (where they started; previews
        left out)."""
        return self.completed_by_day(day).get(day, set())

    def all_breaks(self) -> list[BreakEvent]:
        """Every break, oldest first, a taken one with the uid of the run it started."""
        rows = self.db.execute(
            "SELECT action, at, runs.uid FROM breaks LEFT JOIN runs ON runs.id = breaks.run_id"
            " ORDER BY at_ts, breaks.id"
        )
        return [BreakEvent(action, datetime.fromisoformat(at), uid) for action, at, uid in rows]

    def breaks_by_day(self, since: date) -> dict[date, dict[str, int]]:
        """How many breaks were taken, snoozed and skipped each day from `since` (the day
        they happened, where they happened); days without none."""
        rows = self.db.execute(
            f"SELECT {_BREAK_DAY}, action, COUNT(*) FROM breaks"
            f" WHERE at_ts >= ? AND {_BREAK_DAY} >= ? GROUP BY 1, 2",
            (_instant_before(since), since.isoformat()),
        )
        days: dict[date, dict[str, int]] = {}
        for day, action, count in rows:
            days.setdefault(date.fromisoformat(day), {})[action] = count
        return days

    def completed_by_day(self, since: date) -> dict[date, set[str]]:
        """The slugs of the routines run to their end each day from `since` (the day they
        started, where they started; previews left out)."""
        rows = self.db.execute(
            f"SELECT DISTINCT {_RUN_DAY}, session FROM runs WHERE speed = 1"
            " AND status = 'completed' AND started_ts >= ?",
            (_instant_before(since),),
        )
        days: dict[date, set[str]] = {}
        for day, slug in rows:
            if (found := date.fromisoformat(day)) >= since:
                days.setdefault(found, set()).add(slug)
        return days

    def _streak(self, today: date) -> int:
        """Days in a row, ending today (or yesterday, if today has nothing yet), with a
        session: distinct days (`day_of`), whatever order the runs started in."""
        days = {
            date.fromisoformat(day)
            for (day,) in self.db.execute(
                f"SELECT DISTINCT {_RUN_DAY} FROM runs WHERE speed = 1"
                " AND done_work_steps > 0"
            )
        }
        day = today if today in days else today - timedelta(days=1)
        streak = 0
        while day in days:
            streak, day = streak + 1, day - timedelta(days=1)
        return streak

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                self.db.execute("COMMIT")
        finally:
            if self.db.in_transaction:  # it failed, or COMMIT did (a full disk)
                self.db.execute("ROLLBACK")


def _instant_before(day: date) -> float:
    """An instant before anything whose own day is `day` or later began, in any zone: the
    day's start here, less the 26 hours between UTC+14 and UTC-12 and a margin. For an
    index to narrow a query that then keeps what is on or after `day` by `day_of`."""
    return datetime.combine(day, datetime.min.time()).timestamp() - 2 * 86400


def _alive(pid: int | None, started: int | None) -> bool:
    """Whether the process that owns a run is still running it: `pid` is alive and is the
    same process (it started at `started`, in clock ticks since boot; a pid is reused)."""
    if pid is None:
        return False
    if pid == os.getpid():
        return started in (None, _this_process()[1])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process
    return started is None or _process_start(pid) in (None, started)


def _process_start(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux's /proc); None where
    that cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat[stat.rindex(")") + 2 :].split()[19])  # field 22, after the name
    except (OSError, ValueError, IndexError):
        return None


def _this_process() -> tuple[int, int | None]:
    """This process's owner mark: (pid, start time); a forked child reads its own."""
    pid = os.getpid()
    if pid not in _STARTS:
        _STARTS[pid] = _process_start(pid)
    return pid, _STARTS[pid]


_STARTS: dict[int, int | None] = {}


def _search(text: str) -> tuple[str, tuple[str, ...]]:
    if not text.strip():
        return "", ()
    pattern = f"%{text.strip()}%"
    return "WHERE session LIKE ? OR session_name LIKE ?", (pattern, pattern)


def new_uid() -> str:
    """A run's id across histories (a random UUID: two machines never make the same)."""
    return uuid.uuid4().hex


def _key(name: str | None) -> str | None:
    return None if name is None else exercise_key(name)


def _run(row: Any) -> RunSummary:
    values = list(row)
    values[6] = datetime.fromisoformat(values[6])
    values[7] = datetime.fromisoformat(values[7]) if values[7] else None
    return RunSummary(*values)


_OUTCOMES = {outcome.value: outcome for outcome in Outcome}  # Outcome(text) is slower


def _step(row: Any) -> StepRecord:
    values = list(row)
    values[14] = _OUTCOMES[values[14]]
    values[15] = datetime.fromisoformat(values[15])
    return StepRecord(*values)


def _check_file(path: Path) -> None:
    """Refuse what is not a regular file (a FIFO would hang us) and what is not SQLite."""
    header = _header(path)
    if header and header != SQLITE_HEADER:  # empty or missing: a new history
        raise DamagedHistory("it is not a SQLite database")


def _header(path: Path) -> bytes:
    """The first bytes of `path` (b"" if it is not there), read without blocking."""
    try:
        return read_regular(path, len(SQLITE_HEADER))
    except FileNotFoundError:
        return b""
    except (NotAFile, IsADirectoryError):
        raise HistoryUnavailable(f"{path} is not a regular file; it is left as it is") from None
    except OSError as error:
        raise HistoryUnavailable(f"cannot read {path}: {_reason(error)}") from None


def _is_damaged(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGED_CODES)


def _connect(path: Path, read_only: bool, busy_ms: int | None) -> sqlite3.Connection:
    """A connection to the history at `path`, with the functions its SQL uses: read-only,
    a twin's (see HistoryStore.opener), or the first, which creates the file if need be."""
    if read_only:
        db = _connect_read_only(path)
    elif busy_ms is not None:  # never creates the file: a vanished one is an error
        uri = f"{path.resolve().as_uri()}?mode=rw"
        db = sqlite3.connect(uri, uri=True, timeout=busy_ms / 1000, isolation_level=None)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
    db.create_function("alive", 2, _alive)
    db.create_function("exercise_key", 1, _key, deterministic=True)
    db.create_function("new_uid", 0, new_uid)
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading only. On read-only media SQLite cannot make the shared-memory file
    a WAL history needs to be read, so there the file is opened as immutable: nothing can
    be writing to it."""
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_MS / 1000, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        if _writable(path.parent):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK) and not _read_only_media(folder)


def _read_only_media(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _disk_full(folder: Path) -> bool:
    """Whether the disk that holds (or would hold) `folder` has no room left."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024  # less than SQLite needs to start


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _keep_aside(path: Path, now: datetime) -> Path:
    """Move a damaged history to a name no earlier one has, with its WAL files."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    for attempt in range(1, 1000):
        kept = path.with_name(f"{FILE_NAME}.damaged-{stamp}" + f"-{attempt}" * (attempt > 1))
        try:
            os.link(path, kept)  # fails if the name is taken: never overwrites
        except FileExistsError:
            continue
        os.unlink(path)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(FILE_NAME + suffix)
            if side.exists():
                side.rename(kept.with_name(kept.name + suffix))
        return kept
    raise HistoryUnavailable(f"too many damaged histories kept beside {path}")


def _confirmed_damaged(path: Path) -> bool:
    """Asked again on a read-only connection: not SQLite, or a failed integrity check."""
    try:
        if _header(path) != SQLITE_HEADER:
            return True
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(db.execute("PRAGMA integrity_check").fetchone()[0] != "ok")
        finally:
            db.close()
    except sqlite3.Error as error:
        return _is_damaged(error)
    except (HistoryUnavailable, OSError):
        return False


def open_history(
    data_dir: Path, now: Now | None = None, read_only: bool = False
) -> tuple[HistoryStore | None, list[str]]:
    """Open the history in `data_dir`, coping with what can go wrong.

    Only a damaged file (not SQLite, or failing the integrity check) is moved aside, kept
    under a name of its own, and a new one started. A file that cannot be written now (a
    full disk, a lock, a read-only dir), one from a newer version, or another app's SQLite
    file is left untouched and history is off. Runs left open by a process that died are
    marked interrupted, unless `read_only`: then nothing is written, or created.

    Returns:
        The store (None when history is off) and lines to tell the person.
    """
    path = data_dir / FILE_NAME
    notices: list[str] = []
    existed = path.exists()
    made = [p for p in (data_dir, *data_dir.parents) if not p.exists()]  # what opening makes
    if read_only and not existed:
        if data_dir.exists() and not data_dir.is_dir():
            return None, [f"History is off: {data_dir} is not a folder."]
        return None, []  # nothing recorded yet, and a read creates nothing
    try:
        store = _open_store(path, now, read_only, notices)
    except (HistoryUnavailable, DamagedHistory, OSError, sqlite3.Error) as error:
        if existed and not read_only and not _writable(data_dir):
            return _read_only_history(data_dir, now, error)
        if not existed:  # a history that was there is left as it was
            _remove_new(path, made)
        return None, [_history_off(data_dir, error)]
    return store, notices


def _open_store(path: Path, now: Now | None, read_only: bool, notices: list[str]) -> HistoryStore:
    """The store at `path`; a damaged file kept aside (said in `notices`) and a new one
    started; crashed runs marked interrupted unless `read_only`."""
    try:
        store = HistoryStore(path, now, read_only)
    except DamagedHistory as error:
        if read_only or not _confirmed_damaged(path):
            raise HistoryUnavailable(f"cannot use {path} now ({error})") from None
        kept = _keep_aside(path, datetime.now())
        notices.append(
            f"The history file was damaged ({error}); it is kept as {kept} "
            "and a new history was started."
        )
        store = HistoryStore(path, now)
    if not read_only:
        # Locked by another window (an import), this waits for nothing: reads already count
        # a run whose process is gone as interrupted, so marking it can wait for next time.
        store.db.execute("PRAGMA busy_timeout = 0")
        try:
            store.mark_interrupted()
        except sqlite3.Error as error:  # the disk is full: not damage
            if getattr(error, "sqlite_errorname", "") != "SQLITE_BUSY":
                store.close()
                raise HistoryUnavailable(f"cannot write {path}: {_reason(error)}") from None
        store.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return store


def _read_only_history(
    data_dir: Path, now: Now | None, error: BaseException
) -> tuple[HistoryStore | None, list[str]]:
    """A history that cannot be written here (read-only media or folder), to look through."""
    reader, _ = open_history(data_dir, now, read_only=True)
    if reader is None:
        return None, [_history_off(data_dir, error)]
    return reader, [f"The history in {data_dir} is read-only: past sessions can be looked "
                    "through, but new ones are not recorded."]  # fmt: skip


def _history_off(data_dir: Path, error: BaseException) -> str:
    reason = f"the disk holding {data_dir} is full" if _disk_full(data_dir) else _reason(error)
    return f"History is off: {reason}. Sessions still run but are not recorded."


def _remove_new(path: Path, folders: list[Path]) -> None:
    """Take away what a failed first open made (a full disk): the file, its journal files
    and the folders made for it, deepest first."""
    with contextlib.suppress(OSError):
        for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            made.unlink(missing_ok=True)
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: nothing of anyone else's goes
