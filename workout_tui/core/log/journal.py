"""One run's writes to the history, made off the UI thread and kept in order in memory
while they cannot be written.

A full disk, a locked file or a vanished data dir must not lose a session, nor stall it: a
writer thread, on its own connection, writes each write in turn; after a failure it tries
again from the front every RETRY_SECONDS, or at once when another write comes, so the
history catches up the moment space returns or the lock is let go. The screen only
queues writes and reads the state.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from workout_tui.core.log.connection import HistoryUnavailable, RunInUse, RunLost
from workout_tui.core.log.entries import StepRecord
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Plan

Write = Callable[[HistoryStore], object]

RETRY_SECONDS = 2.0  # a full disk fails at once; a locked file waits out its busy timeout
# How long the end of the app waits for what is still to be written: the busy timeout
# (a lock held by another window) and a margin.
SETTLE_SECONDS = 12.0


class WriteQueue:
    """Writes to a history store in order, on a thread of its own (or nowhere, when history
    is off), keeping what the history cannot take now until it can."""

    unsaved = "Some writes could not be saved to the history"  # said at exit if some wait

    def __init__(self, store: HistoryStore | None) -> None:
        self.store = store
        self._open = store.opener() if store is not None else None
        self.error: Exception | None = None  # why the waiting writes wait
        self.lost: Exception | None = None  # why nothing more is written (RunLost, RunInUse)
        self._waiting: list[Write] = []  # the first is being written, or failed last
        self._changed = threading.Condition()
        self._writer: threading.Thread | None = None
        self._tries = 0  # failed tries so far: a flush waits for one more
        self._asked = False  # try again now, not after RETRY_SECONDS
        self._closed = False

    @property
    def behind(self) -> bool:
        """Whether some writes wait because the history would not take them."""
        return self.error is not None

    def flush(self, timeout: float = SETTLE_SECONDS) -> bool:
        """Wait (at most `timeout`) until what waits is written, or one more try of it has
        failed; True when nothing waits any more."""

        def tried() -> bool:
            return not self._waiting or self._tries > tries or self._closed

        with self._changed:
            tries, self._asked = self._tries, True
            self._changed.notify_all()
            self._changed.wait_for(tried, timeout)
            return not self._waiting

    def close(self) -> None:
        """Stop trying: what still waits is given up (the app is ending)."""
        with self._changed:
            self._closed = True
            with _LOCK:
                _BUSY.discard(self)
            self._changed.notify_all()

    def _write(self, write: Write) -> None:
        if self.store is None or self.lost is not None:
            return
        with self._changed:
            if self._closed:
                return
            self._waiting.append(write)
            self._asked = True  # after a failure, a new write tries again at once
            self._changed.notify_all()
            if self._writer is None:
                self._writer = threading.Thread(target=self._drain, name="history", daemon=True)
                with _LOCK:
                    _BUSY.add(self)
                self._writer.start()

    def _drain(self) -> None:
        """The writer thread: write what waits, in order, until nothing does."""
        store: HistoryStore | None = None
        try:
            while (write := self._next(store)) is not None:
                try:
                    store = store or self._open()  # type: ignore[misc]
                    write(store)
                except (sqlite3.Error, OSError, HistoryUnavailable) as error:
                    if store is not None:  # the next try on a fresh connection
                        store.close()
                    store = None
                    self._failed(error)
                except (RunLost, RunInUse) as error:  # not ours to write: stop, touch nothing
                    with self._changed:
                        self.lost, self.error = error, None
                        self._waiting.clear()
                        self._changed.notify_all()
                else:
                    with self._changed:
                        self._waiting.pop(0)
                        self.error = None if not self._waiting else self.error
                        self._changed.notify_all()
        finally:  # after a bug too: the next write starts a new thread
            self._next(store, ending=True)

    def _next(self, store: HistoryStore | None, ending: bool = False) -> Write | None:
        """The write to make next; None when nothing waits, and then the thread ends, its
        connection closed before a flush hears that all is written."""
        with self._changed:
            if self._waiting and not self._closed and not ending:
                self._asked = False  # from here, a write or a flush asks for another try
                return self._waiting[0]
            if store is not None:
                store.close()
            if self._writer is threading.current_thread():  # not a writer started since
                self._writer = None
                with _LOCK:
                    _BUSY.discard(self)
            self._changed.notify_all()
        return None

    def _failed(self, error: Exception) -> None:
        with self._changed:
            self.error, self._tries = error, self._tries + 1
            self._changed.notify_all()
            self._changed.wait_for(lambda: self._asked or self._closed, RETRY_SECONDS)


_LOCK = threading.Lock()
_BUSY: set[WriteQueue] = set()  # the queues with a writer thread, in this process


def settle(timeout: float = SETTLE_SECONDS) -> list[str]:
    """At the end of the app: wait for every queue's writes (each gets one more try), stop
    them, and say what could not be written."""
    with _LOCK:
        busy = list(_BUSY)
    unsaved = []
    for queue in busy:
        if not queue.flush(timeout):
            unsaved.append(f"{queue.unsaved} ({queue.error}).")
        queue.close()
    return unsaved


class RunJournal(WriteQueue):
    """Writes one run to a history store (or nowhere, when history is off)."""

    unsaved = "This session could not be saved to the history"

    def __init__(self, store: HistoryStore | None) -> None:
        super().__init__(store)
        # The run's id, known from the start even when the history cannot take the run yet
        # (a full disk still reads). 0 until then only if the history cannot even be read,
        # or when history is off; it can change only before the run's start is written.
        self.run_id = 0

    def start(self, plan: Plan, session: str, session_hash: str, speed: float) -> None:
        started = self.store.now() if self.store is not None else None  # not when written

        def write(store: HistoryStore) -> None:
            for _ in range(100):
                self.run_id = self.run_id or store.next_run_id()
                try:
                    store.start_run(plan, session, session_hash, speed, self.run_id, started)
                    return
                except sqlite3.IntegrityError:  # another workout-tui started a run meanwhile
                    self.run_id = 0
            raise sqlite3.IntegrityError("no free run id")

        if self.store is not None:
            try:
                self.run_id = self.store.next_run_id()
            except sqlite3.Error:
                self.run_id = 0
        self._write(write)

    def resume(self, run_id: int) -> None:
        self.run_id = run_id
        self._write(lambda store: store.resume_run(run_id))

    def step(self, entry: StepRecord) -> None:
        self._write(lambda store: store.record_step(self.run_id, entry))

    def relog(self, step_index: int, reps: int, load: str | None) -> None:
        self._write(lambda store: store.relog(self.run_id, step_index, reps, load))

    def finish(self, status: str) -> None:
        ended = self.store.now() if self.store is not None else None  # not when written
        self._write(lambda store: store.finish_run(self.run_id, status, ended))
