"""The history: every run and every finished step in SQLite, committed the moment it happens.

A run row is written when a session starts and each finished step at once, so a crash
loses at most the step in progress. A run still marked running whose process is gone is
marked interrupted the next time the store opens.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workout_tui.core.files import NotAFile, read_regular
from workout_tui.core.plan import Plan, Step
from workout_tui.core.record import StepOutcome

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
]
SCHEMA_VERSION = len(MIGRATIONS)
STATUSES = ("running", "completed", "stopped", "interrupted")


class HistoryUnavailable(Exception):
    """The history cannot be kept now (the data dir is read-only or missing, the disk is
    full, the file is locked, or it is not ours to write); the file is left as it is."""


class DamagedHistory(Exception):
    """The history file is not SQLite, or fails SQLite's integrity check."""


SQLITE_HEADER = b"SQLite format 3\x00"
# Only these mean the file itself is bad; full, locked, read-only or I/O errors do not.
_DAMAGED_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One run as the history list shows it."""

    id: int
    session: str
    session_name: str
    session_hash: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    speed: float
    active_seconds: float
    work_seconds: float
    done_work_steps: int
    planned_work_steps: int

    @property
    def is_preview(self) -> bool:
        """A run at another speed than real time: shown, but left out of the stats."""
        return self.speed != 1

    @property
    def completion(self) -> float:
        """Work steps done out of those planned, 0 to 1."""
        return (
            min(1.0, self.done_work_steps / self.planned_work_steps)
            if self.planned_work_steps
            else 0
        )


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One finished step of a run, as journaled."""

    step_index: int
    kind: str
    exercise: str | None
    side: str | None
    set_number: int
    set_count: int
    round_number: int
    round_count: int
    planned_seconds: float | None
    actual_seconds: float
    reps: int | None
    load: str | None
    skipped: bool
    finished_at: datetime


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
    "id, session, session_name, session_hash,"
    " CASE WHEN status = 'running' AND NOT alive(pid) THEN 'interrupted' ELSE status END,"
    " started_at, ended_at, speed, active_seconds, work_seconds, done_work_steps,"
    " planned_work_steps"
)
_STEP_COLUMNS = (
    "step_index, kind, exercise, side, set_number, set_count, round_number, round_count, "
    "planned_seconds, actual_seconds, reps, load, skipped, finished_at"
)


class HistoryStore:
    """The history database. Every write is its own transaction, committed before returning."""

    def __init__(self, path: Path, now: Now | None = None, read_only: bool = False) -> None:
        """Open (creating and migrating as needed, unless `read_only`) the database at `path`.

        Raises:
            HistoryUnavailable: it cannot be opened or written now, or it is not ours.
            DamagedHistory: the file is not SQLite or fails the integrity check.
        """
        self.path = path
        self.now: Now = now or (lambda: datetime.now().astimezone().replace(microsecond=0))
        _check_file(path)
        try:
            if read_only:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise HistoryUnavailable(f"cannot open {path}: {_reason(error)}") from None
        self.db.create_function("alive", 1, _alive)
        try:
            self._check_ours()
            if not read_only:
                self._prepare()
        except sqlite3.Error as error:
            self.db.close()
            if _is_damaged(error):
                raise DamagedHistory(str(error)) from None
            raise HistoryUnavailable(f"cannot use {path}: {_reason(error)}") from None
        except BaseException:
            self.db.close()
            raise

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

    def _prepare(self) -> None:
        db = self.db
        db.execute("PRAGMA busy_timeout = 10000")
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise sqlite3.OperationalError("unable to open the history in WAL mode")
        db.execute("PRAGMA synchronous = FULL")  # a finished step survives a power cut
        db.execute("PRAGMA foreign_keys = ON")
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
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedHistory(f"integrity check failed: {check}")

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    # -- writing ---------------------------------------------------------------------------

    def next_run_id(self) -> int:
        """The id the next run gets (a read: it works on a full disk)."""
        row = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").fetchone()
        return int(row[0])

    def start_run(
        self, plan: Plan, session: str, session_hash: str, speed: float, run_id: int | None = None
    ) -> int:
        """Record that a run started, under `run_id` if given; returns its id.

        Raises:
            sqlite3.IntegrityError: `run_id` is taken (another process started a run).
        """
        started = self.now()
        planned_work = sum(1 for step in plan.steps if step.is_work)
        cursor = self.db.execute(
            "INSERT INTO runs (id, session, session_name, session_hash, speed, status, started_at,"
            " started_ts, planned_work_steps, pid) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)",
            (run_id, session, plan.session.name, session_hash, speed, started.isoformat(),
             started.timestamp(), planned_work, os.getpid()),
        )  # fmt: skip
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def resume_run(self, run_id: int) -> None:
        """Carry on an interrupted run in this process."""
        self.db.execute(
            "UPDATE runs SET status = 'running', ended_at = NULL, pid = ? WHERE id = ?",
            (os.getpid(), run_id),
        )

    def record_step(self, run_id: int, step: Step, outcome: StepOutcome) -> None:
        """Journal one finished step, and the run's running totals, in one transaction."""
        exercise = step.exercise
        work = step.is_work
        with self._transaction():
            self.db.execute(
                f"INSERT INTO steps (run_id, {_STEP_COLUMNS}) VALUES (?{', ?' * 14})",
                (run_id, step.index, step.kind.value, exercise.name if exercise else None,
                 step.side, step.set_number, step.set_count, step.round_number, step.round_count,
                 step.seconds, outcome.active_seconds, outcome.reps, outcome.load,
                 int(outcome.skipped), self.now().isoformat()),
            )  # fmt: skip
            self.db.execute(
                "UPDATE runs SET active_seconds = active_seconds + ?,"
                " work_seconds = work_seconds + ?, done_work_steps = done_work_steps + ?"
                " WHERE id = ?",
                (outcome.active_seconds, outcome.active_seconds if work else 0,
                 int(work and not outcome.skipped), run_id),
            )  # fmt: skip

    def relog(self, run_id: int, step_index: int, reps: int, load: str | None) -> None:
        """Change the reps and load logged for a step (its latest entry in the run)."""
        self.db.execute(
            "UPDATE steps SET reps = ?, load = ? WHERE id = (SELECT MAX(id) FROM steps"
            " WHERE run_id = ? AND step_index = ?)",
            (reps, load, run_id, step_index),
        )

    def finish_run(self, run_id: int, status: str) -> None:
        """Close a run as completed or stopped."""
        assert status in STATUSES
        self.db.execute(
            "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
            (status, self.now().isoformat(), run_id),
        )

    def mark_interrupted(self) -> int:
        """Mark runs left running by a process that is gone as interrupted; returns how many."""
        rows = self.db.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall()
        dead = [run_id for run_id, pid in rows if not _alive(pid)]
        for run_id in dead:
            self.db.execute(
                "UPDATE runs SET status = 'interrupted', ended_at = COALESCE(ended_at, ("
                " SELECT MAX(finished_at) FROM steps WHERE run_id = ?), started_at)"
                " WHERE id = ? AND status = 'running'",
                (run_id, run_id),
            )
        return len(dead)

    def delete_run(self, run_id: int) -> None:
        """Delete a run and its steps."""
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
        """A run's finished steps, in the order they finished."""
        rows = self.db.execute(
            f"SELECT {_STEP_COLUMNS} FROM steps WHERE run_id = ? ORDER BY id", (run_id,)
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

    def interrupted_run(self, session: str) -> tuple[RunSummary, int] | None:
        """The routine's latest run if it was interrupted, with the step to resume at."""
        row = self.db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE session = ? ORDER BY started_ts DESC, id DESC"
            " LIMIT 1",
            (session,),
        ).fetchone()
        if row is None or row[4] != "interrupted":
            return None
        run = _run(row)
        last = self.db.execute(
            "SELECT MAX(step_index) FROM steps WHERE run_id = ?", (run.id,)
        ).fetchone()[0]
        return run, 0 if last is None else last + 1

    def last_sets(self, exercise: str, before_run: int | None = None) -> list[StepRecord]:
        """The sets of `exercise` done in the latest real-time run that did any."""
        row = self.db.execute(
            "SELECT steps.run_id FROM steps JOIN runs ON runs.id = steps.run_id"
            " WHERE steps.exercise = ? AND runs.speed = 1 AND NOT steps.skipped"
            " AND steps.kind LIKE 'work%' AND steps.run_id != ? ORDER BY steps.run_id DESC LIMIT 1",
            (exercise, before_run or -1),
        ).fetchone()
        if row is None:
            return []
        rows = self.db.execute(
            f"SELECT {_STEP_COLUMNS} FROM steps WHERE run_id = ? AND exercise = ? AND NOT skipped"
            " AND kind LIKE 'work%' ORDER BY id",
            (row[0], exercise),
        )
        return [_step(r) for r in rows]

    def stats(self, weeks: int = 12) -> Stats:
        """Streak, this week's sessions and minutes, and minutes a week for `weeks` weeks."""
        now = self.now()
        monday = (now - timedelta(days=now.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        first = monday - timedelta(weeks=weeks - 1)
        weekly = [0.0] * weeks
        week_sessions = 0
        for started_ts, active in self.db.execute(
            "SELECT started_ts, active_seconds FROM runs WHERE speed = 1 AND started_ts >= ?"
            " AND done_work_steps > 0",
            (first.timestamp(),),
        ):
            index = int((started_ts - first.timestamp()) // (7 * 86400))
            if 0 <= index < weeks:
                weekly[index] += active / 60
                week_sessions += index == weeks - 1
        return Stats(self._streak(now), week_sessions, weekly[-1], tuple(weekly))

    def _streak(self, now: datetime) -> int:
        """Days in a row, ending today (or yesterday, if today has nothing yet), with a session."""
        expected = now.date()
        streak = 0
        for (started_at,) in self.db.execute(
            "SELECT started_at FROM runs WHERE speed = 1 AND done_work_steps > 0"
            " ORDER BY started_ts DESC"
        ):
            day = datetime.fromisoformat(started_at).date()
            if day == expected:
                streak += 1
                expected -= timedelta(days=1)
            elif day < expected:
                if streak == 0 and day == expected - timedelta(days=1):
                    streak, expected = 1, day - timedelta(days=1)
                else:
                    break
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


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _search(text: str) -> tuple[str, tuple[str, ...]]:
    if not text.strip():
        return "", ()
    pattern = f"%{text.strip()}%"
    return "WHERE session LIKE ? OR session_name LIKE ?", (pattern, pattern)


def _run(row: Any) -> RunSummary:
    values = list(row)
    values[5] = datetime.fromisoformat(values[5])
    values[6] = datetime.fromisoformat(values[6]) if values[6] else None
    return RunSummary(*values)


def _step(row: Any) -> StepRecord:
    values = list(row)
    values[12] = bool(values[12])
    values[13] = datetime.fromisoformat(values[13])
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
    if read_only and not path.exists():
        if data_dir.exists() and not data_dir.is_dir():
            return None, [f"History is off: {data_dir} is not a folder."]
        return None, []  # nothing recorded yet, and a read creates nothing
    try:
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
            try:
                store.mark_interrupted()
            except sqlite3.Error as error:  # the disk is full or the file locked: not damage
                store.close()
                raise HistoryUnavailable(f"cannot write {path}: {_reason(error)}") from None
    except (HistoryUnavailable, DamagedHistory, OSError, sqlite3.Error) as error:
        reason = _reason(error)
        return None, [f"History is off: {reason}. Sessions still run but are not recorded."]
    return store, notices
