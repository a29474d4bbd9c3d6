"""The run journal keeps writes in order while the history refuses them, and catches up."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_history import PLAN
from tests.log_helpers import entry
from workout_tui.core.log.history import HistoryStore
from workout_tui.core.log.journal import RunJournal


def test_writes_refused_by_the_history_wait_in_order_and_land_later(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    journal = RunJournal(store)
    store.db.execute("PRAGMA query_only = ON")  # SQLite refuses every write, as a full disk does
    journal.start(PLAN, "strength", "hash", 1)
    for step in PLAN.steps[:3]:
        journal.step(entry(step, 5.0))
    assert journal.behind and "readonly" in str(journal.error)
    assert journal.run_id == 1 and store.count_runs() == 0  # its id is known already

    store.db.execute("PRAGMA query_only = OFF")  # space came back
    journal.step(entry(PLAN.steps[3], 5.0))
    journal.finish("completed")
    assert not journal.behind and journal.error is None
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
    store = HistoryStore(tmp_path / "history.sqlite3")
    journal = RunJournal(store)
    store.db.execute("PRAGMA query_only = ON")  # the disk is full: the start waits
    journal.start(PLAN, "strength", "hash", 1)
    journal.step(entry(PLAN.steps[0], 5.0))
    assert journal.run_id == 1
    store.db.execute("PRAGMA query_only = OFF")
    other = HistoryStore(tmp_path / "history.sqlite3")  # another workout-tui, meanwhile
    assert other.start_run(PLAN, "strength", "hash", 1) == 1
    other.close()
    journal.finish("completed")
    assert not journal.behind and journal.run_id == 2
    assert [s.step_index for s in store.steps(2)] == [0] and store.steps(1) == []
    store.close()
