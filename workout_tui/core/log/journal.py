"""One run's writes to the history, kept in order in memory while they cannot be written.

A full disk, a locked file or a vanished data dir must not lose a session: each write
waits its turn, and every write after a failure tries the queue again from the front, so
the history catches up the moment space returns (or at the end of the session).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable

from workout_tui.core.log.entries import StepRecord
from workout_tui.core.log.history import HistoryStore, RunInUse, RunLost
from workout_tui.core.plan import Plan

Write = Callable[[HistoryStore], object]


class WriteQueue:
    """Writes to a history store in order (or nowhere, when history is off), keeping what
    the history cannot take now until it can."""

    def __init__(self, store: HistoryStore | None) -> None:
        self.store = store
        self.error: Exception | None = None  # why the waiting writes wait
        self.lost: Exception | None = None  # why nothing more is written (RunLost, RunInUse)
        self._waiting: list[Write] = []

    @property
    def behind(self) -> bool:
        """Whether some writes are waiting for the history to take them."""
        return bool(self._waiting)

    def flush(self) -> bool:
        """Write what waits, in order; True when nothing waits any more."""
        while self._waiting and self.store is not None:
            try:
                self._waiting[0](self.store)
            except (sqlite3.Error, OSError) as error:
                self.error = error
                return False
            except (RunLost, RunInUse) as error:  # not ours to write: stop, touch nothing
                self.lost, self.error = error, None
                self._waiting.clear()
                return True
            self._waiting.pop(0)
        self.error = None
        return True

    def _write(self, write: Write) -> None:
        if self.store is not None and self.lost is None:
            self._waiting.append(write)
            self.flush()


class RunJournal(WriteQueue):
    """Writes one run to a history store (or nowhere, when history is off)."""

    def __init__(self, store: HistoryStore | None) -> None:
        super().__init__(store)
        # The run's id, known from the start even when the history cannot take the run yet
        # (a full disk still reads). 0 until then only if the history cannot even be read,
        # or when history is off; it can change only before the run's start is written.
        self.run_id = 0

    def start(self, plan: Plan, session: str, session_hash: str, speed: float) -> None:
        def write(store: HistoryStore) -> None:
            for _ in range(100):
                self.run_id = self.run_id or store.next_run_id()
                try:
                    store.start_run(plan, session, session_hash, speed, self.run_id)
                    return
                except sqlite3.IntegrityError:  # another workout-tui started a run meanwhile
                    self.run_id = 0
            raise sqlite3.IntegrityError("no free run id")

        if self.store is not None:
            with contextlib.suppress(sqlite3.Error):
                self.run_id = self.store.next_run_id()
        self._write(write)

    def resume(self, run_id: int) -> None:
        self.run_id = run_id
        self._write(lambda store: store.resume_run(run_id))

    def step(self, entry: StepRecord) -> None:
        self._write(lambda store: store.record_step(self.run_id, entry))

    def relog(self, step_index: int, reps: int, load: str | None) -> None:
        self._write(lambda store: store.relog(self.run_id, step_index, reps, load))

    def finish(self, status: str) -> None:
        self._write(lambda store: store.finish_run(self.run_id, status))
