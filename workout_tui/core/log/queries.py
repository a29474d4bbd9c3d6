"""Reading the history: runs a page at a time, a run's steps, the sets of an exercise, and
what the history screen and the plan count (streak, weeks, days, breaks)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workout_tui.core.habits import Streak, comebacks, session_streak
from workout_tui.core.log.connection import this_process
from workout_tui.core.log.entries import (
    BreakEvent,
    CheckIn,
    RunSummary,
    StepRecord,
    exercise_key,
)
from workout_tui.core.log.schema import (
    BREAK_DAY,
    COUNTED,
    DONE_SET,
    REAL_TIME,
    RUN_COLUMNS,
    RUN_DAY,
    STEP_COLUMNS,
    Now,
    run_of,
    step_of,
)


@dataclass(frozen=True, slots=True)
class Stats:
    """The numbers at the top of the history screen (previews left out)."""

    streak: Streak  # one missed day in any seven passes as a rest day
    week_sessions: int
    week_minutes: float
    weekly_minutes: tuple[float, ...]  # oldest first, this week last
    comebacks: int  # sessions after a gap of COMEBACK_GAP days or more


class HistoryReads:
    """What the history store reads (HistoryStore adds the writes): runs and steps as
    entries, and what the screens and the plan count."""

    db: sqlite3.Connection
    now: Now

    def next_run_id(self) -> int:
        """The id the next run gets (a read: it works on a full disk)."""
        row = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").fetchone()
        return int(row[0])

    def runs(self, limit: int = 100, offset: int = 0, search: str = "") -> list[RunSummary]:
        """Runs newest first, a page at a time; `search` matches the routine's slug or name."""
        where, params = _search(search)
        rows = self.db.execute(
            f"SELECT {RUN_COLUMNS} FROM runs {where} ORDER BY started_ts DESC, id DESC"
            " LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [run_of(row) for row in rows]

    def count_runs(self, search: str = "") -> int:
        """How many runs match `search`."""
        where, params = _search(search)
        count: int = self.db.execute(f"SELECT COUNT(*) FROM runs {where}", params).fetchone()[0]
        return count

    def run(self, run_id: int) -> RunSummary | None:
        """One run, or None if it is not there (any more)."""
        row = self.db.execute(f"SELECT {RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return run_of(row) if row else None

    def steps(self, run_id: int) -> list[StepRecord]:
        """A run's logged steps, one entry each, in plan order."""
        rows = self.db.execute(
            f"SELECT {STEP_COLUMNS} FROM steps WHERE run_id = ? ORDER BY step_index", (run_id,)
        )
        return [step_of(row) for row in rows]

    def all_runs(self) -> Iterator[tuple[RunSummary, list[StepRecord]]]:
        """Every run with its steps, oldest first (for export)."""
        rows = self.db.execute(f"SELECT {RUN_COLUMNS} FROM runs ORDER BY started_ts, id").fetchall()
        for row in rows:
            run = run_of(row)
            yield run, self.steps(run.id)

    def done_sets(
        self, exercise: str | None = None, before_run: int | None = None
    ) -> Iterator[tuple[int, datetime, StepRecord]]:
        """Every done set (of `exercise`, or of all) in real-time runs, with its run's id
        and start, in the order the runs started: what records and progress read."""
        where = "AND steps.exercise_key = ?" if exercise is not None else ""
        keys = (exercise_key(exercise),) if exercise is not None else ()
        rows = self.db.execute(
            f"SELECT runs.id, runs.started_at, {STEP_COLUMNS}"
            f" FROM steps JOIN runs ON runs.id = steps.run_id WHERE {REAL_TIME}"
            f" AND {DONE_SET} AND runs.id != ? {where}"
            " ORDER BY runs.started_ts, runs.id, steps.step_index",
            (before_run or -1, *keys),
        )
        started: dict[str, datetime] = {}  # a run's sets share its start: read it once
        for row in rows:
            at = row["started_at"]
            when = started.get(at) or started.setdefault(at, datetime.fromisoformat(at))
            yield row["id"], when, step_of(row)

    def is_mine(self, run_id: int) -> bool:
        """Whether `run_id` is a run this process started or resumed."""
        row = self.db.execute("SELECT pid, pid_start FROM runs WHERE id = ?", (run_id,))
        return tuple(row.fetchone() or ()) == this_process()

    def _latest_run(self, session: str) -> RunSummary | None:
        row = self.db.execute(
            f"SELECT {RUN_COLUMNS} FROM runs WHERE session = ? ORDER BY started_ts DESC, id DESC"
            " LIMIT 1",
            (session,),
        ).fetchone()
        return None if row is None else run_of(row)

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
            f" WHERE steps.exercise_key = ? AND {REAL_TIME} AND {DONE_SET} AND steps.run_id != ?"
            " ORDER BY runs.started_ts DESC, runs.id DESC LIMIT 1",
            (key, before_run or -1),
        ).fetchone()
        if row is None:
            return []
        rows = self.db.execute(
            f"SELECT {STEP_COLUMNS} FROM steps WHERE run_id = ? AND exercise_key = ?"
            f" AND {DONE_SET} ORDER BY step_index",
            (row[0], key),
        )
        return [step_of(r) for r in rows]

    def stats(self, weeks: int = 12) -> Stats:
        """Streak, this week's sessions and minutes, and minutes a week for `weeks` weeks
        (each run in the week of its own day, `day_of`)."""
        today = self.now().date()
        first = today - timedelta(days=today.weekday(), weeks=weeks - 1)  # a Monday
        weekly = [0.0] * weeks
        week_sessions = 0
        for day, active in self.db.execute(
            f"SELECT {RUN_DAY}, active_seconds FROM runs WHERE {COUNTED} AND started_ts >= ?",
            (_instant_before(first),),
        ):
            index = (date.fromisoformat(day) - first).days // 7
            if 0 <= index < weeks:
                weekly[index] += active / 60
                week_sessions += index == weeks - 1
        days = self.session_days()
        return Stats(
            session_streak(days, today), week_sessions, weekly[-1], tuple(weekly), comebacks(days)
        )

    def active_days(self, weeks: int = 53) -> dict[date, int]:
        """Sessions per day (the day they started, where they started) over the last
        `weeks` weeks, previews and runs with nothing done left out; days without none."""
        since = self.now().date() - timedelta(weeks=weeks)
        rows = self.db.execute(
            f"SELECT {RUN_DAY}, COUNT(*) FROM runs WHERE {COUNTED} AND started_ts >= ? GROUP BY 1",
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

    def checkins(self) -> list[CheckIn]:
        """Every check-in, oldest first (for export)."""
        rows = self.db.execute("SELECT day, score, at, note FROM checkins ORDER BY at_ts, id")
        return [
            CheckIn(date.fromisoformat(d), s, datetime.fromisoformat(a), n) for d, s, a, n in rows
        ]

    def scores(self) -> dict[date, int]:
        """Each day's check-in: the latest given for it."""
        rows = self.db.execute("SELECT day, score FROM checkins ORDER BY at_ts, id")
        return {date.fromisoformat(day): score for day, score in rows}

    def minutes_of(self, slugs: set[str]) -> dict[date, float]:
        """Each day's minutes of the routines `slugs` run in real time to at least half
        their work (days without none)."""
        days: dict[date, float] = {}
        for day, session, seconds in self.db.execute(
            f"SELECT {RUN_DAY}, session, active_seconds FROM runs WHERE {COUNTED}"
            " AND 2 * done_work_steps >= planned_work_steps"
        ):
            if session in slugs:
                found = date.fromisoformat(day)
                days[found] = days.get(found, 0.0) + seconds / 60
        return days

    def first_day(self) -> date | None:
        """The day the history began: its first run, break or check-in (None: empty)."""
        row = self.db.execute(
            f"SELECT MIN(day) FROM (SELECT MIN({RUN_DAY}) AS day FROM runs UNION ALL"
            f" SELECT MIN({BREAK_DAY}) FROM breaks UNION ALL SELECT MIN(day) FROM checkins)"
        ).fetchone()
        return date.fromisoformat(row[0]) if row[0] else None

    def breaks_by_day(self, since: date) -> dict[date, dict[str, int]]:
        """How many breaks were taken, snoozed and skipped each day from `since` (the day
        they happened, where they happened); days without none."""
        rows = self.db.execute(
            f"SELECT {BREAK_DAY}, action, COUNT(*) FROM breaks"
            f" WHERE at_ts >= ? AND {BREAK_DAY} >= ? GROUP BY 1, 2",
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
            f"SELECT DISTINCT {RUN_DAY}, session FROM runs WHERE {REAL_TIME}"
            " AND status = 'completed' AND started_ts >= ?",
            (_instant_before(since),),
        )
        days: dict[date, set[str]] = {}
        for day, slug in rows:
            if (found := date.fromisoformat(day)) >= since:
                days.setdefault(found, set()).add(slug)
        return days

    def session_days(self) -> set[date]:
        """Every day with a session (`day_of`; previews and runs with nothing done left
        out), whatever order the runs started in."""
        rows = self.db.execute(f"SELECT DISTINCT {RUN_DAY} FROM runs WHERE {COUNTED}")
        return {date.fromisoformat(day) for (day,) in rows}


def _instant_before(day: date) -> float:
    """An instant before anything whose own day is `day` or later began, in any zone: the
    day's start here, less the 26 hours between UTC+14 and UTC-12 and a margin. For an
    index to narrow a query that then keeps what is on or after `day` by `day_of`."""
    return datetime.combine(day, datetime.min.time()).timestamp() - 2 * 86400


def _search(text: str) -> tuple[str, tuple[str, ...]]:
    if not text.strip():
        return "", ()
    pattern = f"%{text.strip()}%"
    return "WHERE session LIKE ? OR session_name LIKE ?", (pattern, pattern)
