"""The run journal writes on a thread of its own, keeps writes in order while the history
refuses them, and catches up."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from tests.core.test_history import PLAN
from tests.log_helpers import entry
from workout_tui.core.log.journal import RunJournal, settle
from workout_tui.core.log.store import HistoryStore


def hold_lock(path: Path) -> sqlite3.Connection:
    """Another connection holding the history's write lock, as an import in another window."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_writes_refused_by_the_history_wait_in_order_and_land_later(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    store.db.execute("PRAGMA busy_timeout = 0")  # the journal's writer waits as long: not at all
    journal = RunJournal(store)
    other = hold_lock(path)
    journal.start(PLAN, "strength", "hash", 1)
    for step in PLAN.steps[:3]:
        journal.step(entry(step, 5.0))
    assert not journal.flush() and journal.behind and "locked" in str(journal.error)
    assert journal.run_id == 1 and store.count_runs() == 0  # its id is known already

    other.execute("ROLLBACK")  # the lock is let go
    journal.step(entry(PLAN.steps[3], 5.0))
    journal.finish("completed")
    assert journal.flush() and not journal.behind and journal.error is None
    (run,) = store.runs()
    assert (run.id, run.status) == (journal.run_id, "completed")
    assert [s.step_index for s in store.steps(run.id)] == [0, 1, 2, 3]
    store.close()


def test_no_history_means_no_writes_and_nothing_behind() -> None:
    journal = RunJournal(None)
    journal.start(PLAN, "strength", "hash", 1)
    journal.step(entry(PLAN.steps[0], 5.0))
    journal.finish("stopped")
    assert not journal.behind and journal.run_id == 0 and journal.flush()


def test_an_id_taken_by_another_run_while_this_one_waited_is_not_shared(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    store.db.execute("PRAGMA busy_timeout = 0")
    journal = RunJournal(store)
    another = HistoryStore(path)  # another workout-tui, holding the lock: the start waits
    another.db.execute("BEGIN IMMEDIATE")
    journal.start(PLAN, "strength", "hash", 1)
    journal.step(entry(PLAN.steps[0], 5.0))
    assert not journal.flush() and journal.run_id == 1
    # Meanwhile it starts a run of its own, under the id this one was to have, and lets go.
    assert another.start_run(PLAN, "strength", "hash", 1) == 1
    another.db.execute("COMMIT")
    another.close()
    journal.finish("completed")
    assert journal.flush() and journal.run_id == 2
    assert [s.step_index for s in store.steps(2)] == [0] and store.steps(1) == []
    store.close()


def test_a_held_lock_never_holds_up_the_caller_and_the_writes_land_in_order_after(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)  # the app's 10 s busy timeout: the writer waits the lock out
    journal = RunJournal(store)
    other = hold_lock(path)
    began = time.monotonic()
    journal.start(PLAN, "strength", "hash", 1)
    for step in PLAN.steps:
        journal.step(entry(step, 5.0))
    journal.finish("completed")
    queued = time.monotonic() - began
    # The caller (the screen) did not wait on SQLite: that would be 10 s. Under 1 ms alone;
    # 1 s leaves room for a machine busy with other tests.
    assert queued < 1.0, queued
    assert store.count_runs() == 0  # nothing could be written yet
    threading.Timer(1.0, other.execute, args=("ROLLBACK",)).start()
    assert journal.flush()
    assert [s.step_index for s in store.steps(1)] == list(range(len(PLAN.steps)))
    assert store.run(1).status == "completed"  # type: ignore[union-attr]
    store.close()


def test_at_the_end_what_cannot_be_written_is_said_once_and_given_up(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    store.db.execute("PRAGMA busy_timeout = 0")
    journal = RunJournal(store)
    other = hold_lock(path)
    journal.start(PLAN, "strength", "hash", 1)
    assert settle(timeout=5) == [
        "This session could not be saved to the history (database is locked)."
    ]
    assert settle(timeout=5) == []  # said once: the journal has stopped
    other.execute("ROLLBACK")
    journal.step(entry(PLAN.steps[0], 5.0))  # after the end: nothing more is written
    assert store.count_runs() == 0
    store.close()
