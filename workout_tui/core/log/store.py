"""The history store: every run and every finished step in SQLite, committed the moment
it happens.

A run row is written when a session starts and each finished step at once, so a crash
loses at most the step in progress. A run still marked running whose process is gone is
marked interrupted the next time the store opens (see `opening`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from workout_tui.core.log.connection import (
    DamagedHistory,
    HistoryUnavailable,
    RunInUse,
    RunLost,
    Transaction,
    alive,
    check_file,
    connect,
    is_damaged,
    new_uid,
    reason,
    this_process,
    writer_settings,
)
from workout_tui.core.log.entries import BreakEvent, CheckIn, RunSummary, StepRecord, wall_clock
from workout_tui.core.log.queries import HistoryReads
from workout_tui.core.log.schema import (
    BREAK_ACTIONS,
    DONE_SET,
    IMPORTED_RUN_COLUMNS,
    STATUSES,
    STEP_COLUMNS,
    Now,
    check_ours,
    named,
    prepare,
    row_values,
    up_to_date_for_reading,
)
from workout_tui.core.plan import Plan


class HistoryStore(HistoryReads):
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
            check_file(path)
        try:
            self.db = connect(path, read_only, busy_ms)
        except (OSError, sqlite3.Error) as error:
            raise HistoryUnavailable(f"cannot open {path}: {reason(error)}") from None
        try:
            check_ours(self.db, self.path)
            if busy_ms is not None:
                writer_settings(self.db, busy_ms)
            elif read_only:
                up_to_date_for_reading(self.db, self.path)
            else:
                prepare(self.db)
        except sqlite3.Error as error:
            self.db.close()
            if is_damaged(error):
                raise DamagedHistory(str(error)) from None
            raise HistoryUnavailable(f"cannot use {path}: {reason(error)}") from None
        except BaseException:
            self.db.close()
            raise

    def opener(self) -> Callable[[], HistoryStore]:
        """What opens another connection to this history, opened already (no migration, no
        integrity check), on the calling thread, waiting on a lock as long as this one does.
        It never reads the file: closing any descriptor of it would drop every POSIX lock the
        process holds on it, and the WAL's index could go from under its connections."""
        busy_ms = self.db.execute("PRAGMA busy_timeout").fetchone()[0]
        return partial(HistoryStore, self.path, self.now, busy_ms=busy_ms)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

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
            (
                run_id,
                new_uid(),
                session,
                plan.session.name,
                session_hash,
                speed,
                started.isoformat(),
                started.timestamp(),
                planned_work,
                *this_process(),
            ),
        )
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
            (*this_process(), run_id),
        )
        if taken.rowcount == 0:
            raise RunInUse(f"run {run_id} is running in another window")

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
                f" WHERE run_id = ? AND {DONE_SET}) WHERE id = ?",
                (seconds, seconds if entry.is_work else 0, run_id, run_id),
            )

    def _insert_step(self, run_id: int, entry: StepRecord) -> None:
        values = row_values(entry, run_id=run_id, outcome=entry.outcome.value)
        self.db.execute(
            f"INSERT OR REPLACE INTO steps (run_id, exercise_key, {STEP_COLUMNS})"
            f" VALUES (:run_id, exercise_key(:exercise), {named(STEP_COLUMNS)})",
            values,
        )

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
        checkins: Iterable[CheckIn] = (),
    ) -> tuple[int, int, int, int]:
        """Add runs, breaks and check-ins from another history, all in one transaction or
        none: one already here (a run's uid, a break's or a check-in's instant) is left as it
        is, and a run keeps its id unless this history uses it. Returns the runs added and
        those here already, and the breaks and the check-ins added."""
        added = present = 0
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
            return added, present, self._import_breaks(breaks), self._import_checkins(checkins)

    def _import_breaks(self, breaks: Iterable[BreakEvent]) -> int:
        added = 0
        for event in breaks:
            here = "SELECT 1 FROM breaks WHERE action = ? AND at = ?"
            if not self.db.execute(here, (event.action, event.at.isoformat())).fetchone():
                found = self.db.execute("SELECT id FROM runs WHERE uid = ?", (event.run_uid,))
                self.record_break(event.action, event.at, (found.fetchone() or (None,))[0])
                added += 1
        return added

    def _import_checkins(self, checkins: Iterable[CheckIn]) -> int:
        added = 0
        here = "SELECT 1 FROM checkins WHERE day = ? AND at = ? AND score = ? AND note IS ?"
        for checkin in checkins:
            key = (checkin.day.isoformat(), checkin.at.isoformat(), checkin.score, checkin.note)
            if not self.db.execute(here, key).fetchone():
                self.record_checkin(checkin)
                added += 1
        return added

    def _insert_run(self, run_id: int, run: RunSummary) -> None:
        columns = f"{IMPORTED_RUN_COLUMNS}, started_ts"
        values = row_values(run, id=run_id, started_ts=run.started_at.timestamp())
        self.db.execute(f"INSERT INTO runs ({columns}) VALUES ({named(columns)})", values)

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
        dead = [run_id for run_id, pid, started in rows.fetchall() if not alive(pid, started)]
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

    def record_checkin(self, checkin: CheckIn) -> None:
        """Keep a check-in: the latest of its day stands, and earlier ones are kept."""
        values = row_values(checkin, at_ts=checkin.at.timestamp())
        self.db.execute(
            "INSERT INTO checkins (day, score, note, at, at_ts)"
            " VALUES (:day, :score, :note, :at, :at_ts)",
            values,
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

    def _transaction(self) -> Transaction:
        return Transaction(self.db)
