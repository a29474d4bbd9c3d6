"""Two processes saving runs at once: every run lands."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.core.test_history import run_through
from workout_tui.core.log.connection import RunInUse
from workout_tui.core.log.store import HistoryStore

DEAD_PID = 2**22 + 1  # above Linux's largest pid: no process has it

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workout_tui.core.log.store import HistoryStore
    from workout_tui.core.loader import load_plan_text
    from tests.log_helpers import entry
    plan = load_plan_text("name: W\\nexercises: [{name: Squat, reps: 5, sets: 3, rest: 5s}]\\n")
    store = HistoryStore(Path(sys.argv[1]))
    for _ in range(200):
        run = store.start_run(plan, sys.argv[2], "x", 1)
        for step in plan.steps:
            store.record_step(run, entry(step, 10.0, reps=5))
        store.finish_run(run, "completed")
    print("ok")
    """
)


def test_two_processes_writing_200_runs_each_all_land(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()  # created once; both writers open it as it is
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    results = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    store = HistoryStore(path)
    assert store.count_runs() == 400
    assert store.count_runs("first") == store.count_runs("second") == 200
    assert {r.status for r in store.runs(limit=400)} == {"completed"}
    steps = store.db.execute("SELECT COUNT(*) FROM steps").fetchone()[0]
    assert steps == 400 * 6  # get ready, three sets and two rests a run
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# A window of the app, as far as the history sees it: one run's journal, told what to do
# line by line on stdin, saying after each what became of it.
WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workout_tui.core.log.store import HistoryStore
    from workout_tui.core.log.journal import RunJournal
    from workout_tui.core.loader import load_plan_text
    from tests.log_helpers import entry
    plan = load_plan_text("name: Hips\\nexercises: [{name: Couch stretch, hold: 30s, sets: 3}]\\n")
    journal = RunJournal(HistoryStore(Path(sys.argv[1])))
    for line in sys.stdin:
        command, *arg = line.split()
        if command == "start":
            journal.start(plan, "hips", "x", 1)
        elif command == "resume":
            journal.resume(int(arg[0]))
        elif command == "step":
            journal.step(entry(plan.steps[int(arg[0])], 30.0))
        elif command == "finish":
            journal.finish("stopped")
        journal.flush()  # written on the journal's thread: wait for it
        print(journal.run_id, "lost" if journal.lost else "ok", journal.lost or "", flush=True)
    """
)


class Other:
    """A real process on the same history, running `code` and told what to do on its stdin;
    it ends when that is closed."""

    def __init__(self, code: str, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Window(Other):
    """Another workout-tui on the same history."""

    def __init__(self, path: Path) -> None:
        super().__init__(WINDOW, path)

    def do(self, command: str) -> tuple[int, str]:
        """Run `command`; the run's id and "ok" or "lost ..." after it."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        run_id, said = self.process.stdout.readline().split(" ", 1)
        return int(run_id), said.strip()


def test_a_run_going_on_in_another_window_cannot_be_deleted_and_nothing_is_written_astray(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    window = Window(path)
    try:
        run_id, _ = window.do("start")
        assert window.do("step 0") == (run_id, "ok")
        with pytest.raises(RunInUse):
            store.delete_run(run_id)  # d in this window's history: refused, said
        # Deleted all the same (by hand, or an older workout-tui), and its id used again by
        # a run in this window: the other window's next writes must not land in it.
        store.db.execute("DELETE FROM runs WHERE id = ?", (run_id,))
        mine = run_through(store, upto=1, status=None)
        assert mine == run_id
        _, said = window.do("step 1")
        assert said.startswith("lost this run was deleted or taken on in another window")
        assert window.do("finish")[1].startswith("lost")
    finally:
        window.close()
    assert store.run(mine).status == "running"  # type: ignore[union-attr]  # not "stopped"
    assert [s.step_index for s in store.steps(mine)] == [0]  # this window's step alone


def test_an_interrupted_run_is_resumed_by_one_window_only(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    run_id = run_through(store, upto=2, status=None)
    store.db.execute("UPDATE runs SET pid = ?, pid_start = NULL WHERE id = ?", (DEAD_PID, run_id))
    assert store.interrupted_run("strength") is not None  # offered: its process is gone
    first, second = Window(path), Window(path)
    try:
        assert first.do(f"resume {run_id}") == (run_id, "ok")
        assert store.interrupted_run("strength") is None  # no longer offered anywhere
        assert store.running_elsewhere("strength")
        _, said = second.do(f"resume {run_id}")  # the dialog was open in both: r in both
        assert said == f"lost run {run_id} is running in another window"
        assert second.do("step 5")[1].startswith("lost")  # writes nothing
        assert first.do("step 2") == (run_id, "ok")
    finally:
        first.close()
        second.close()
    steps = [s.step_index for s in store.steps(run_id)]
    assert steps == [0, 1, 2]


def test_a_pid_given_to_another_process_is_not_taken_for_the_runs_owner(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    run_id = run_through(store, upto=1, status=None)
    sleeper = subprocess.Popen(["sleep", "30"])  # alive, with the run's pid but not its start
    try:
        store.db.execute(
            "UPDATE runs SET pid = ?, pid_start = 1 WHERE id = ?", (sleeper.pid, run_id)
        )
        assert store.run(run_id).status == "interrupted"  # type: ignore[union-attr]
        assert store.mark_interrupted() == 1
    finally:
        sleeper.kill()
        sleeper.wait()


async def test_delete_on_a_run_going_on_in_another_window_says_so_and_keeps_it(
    tmp_path: Path,
) -> None:
    from tests.ui.helpers import make_app, notices
    from workout_tui.ui.dialogs import Confirm

    path = tmp_path / "history.sqlite3"
    window = Window(path)
    try:
        run_id, _ = window.do("start")
        store = HistoryStore(path)
        app = make_app(history=store, show_history=True)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.press("delete")
            assert not isinstance(app.screen, Confirm)
            assert "Hips, " in notices(app)
            assert "is running in another window: not deleted." in notices(app)
        assert store.run(run_id) is not None
    finally:
        window.close()


async def test_a_window_that_lost_the_race_to_resume_says_so_to_the_end(tmp_path: Path) -> None:
    from tests.ui.helpers import advance, make_app, notices, practice, text
    from tests.ui.test_history import record
    from workout_tui.ui.dialogs import ResumeRun
    from workout_tui.ui.player import PlayerScreen

    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    routine = practice(tmp_path)
    run_id = record(store, routine, upto=3, status="interrupted")
    app = make_app(start=routine, history=store)
    window = Window(path)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            assert isinstance(app.screen, ResumeRun)  # offered here and in the other window
            assert window.do(f"resume {run_id}") == (run_id, "ok")  # which took it first
            await pilot.press("r")
            screen = app.screen
            assert isinstance(screen, PlayerScreen)
            assert screen.run.journal.flush()  # the resume was refused on the writer thread
            await advance(pilot, 0.5)  # and the player's next tick says so
            assert f"Not saved: run {run_id} is running in another window." in notices(app)
            while isinstance(app.screen, PlayerScreen):
                await pilot.press("n")
            assert text(pilot, "#summary-title").endswith(
                f"(not saved: run {run_id} is running in another window)"
            )
    finally:
        window.close()
    assert [s.step_index for s in store.steps(run_id)] == [0, 1, 2]  # nothing of this window's


async def test_a_routine_going_on_elsewhere_is_named_literally_and_run_afresh(
    tmp_path: Path,
) -> None:
    from tests.ui.helpers import make_app, notices, screen_text
    from workout_tui.core.library import load_routine
    from workout_tui.ui.player import PlayerScreen

    path = tmp_path / "history.sqlite3"
    (tmp_path / "hips.yaml").write_text(  # the slug the other window runs
        'name: "[b]Hips[/] \\e]0;t\\a ' + "x" * 10_000 + '"\nexercises: [{name: Squat, hold: 5s}]\n'
    )
    routine = load_routine(tmp_path / "hips.yaml")
    window = Window(path)
    try:
        window.do("start")
        store = HistoryStore(path)
        app = make_app(start=routine, history=store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PlayerScreen)  # no resume offered: a new run
            said = notices(app)
            assert said.startswith("[b]Hips[/] ␛]0;t␇ xxx") and "\x1b" not in said
            assert said.endswith("is running in another window: this is a new run.")
            assert "[b]Hips[/] ␛]0;t␇" in screen_text(pilot)  # drawn as written, not as markup
    finally:
        window.close()
    assert len(store.runs()) == 2


# Another process holding the history's write lock (an import, say) until told to let go.
LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    db = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    print("held", flush=True)
    sys.stdin.read()
    db.execute("ROLLBACK")
    """
)


class Locker(Other):
    """A real process holding the history's write lock until `release`."""

    def __init__(self, path: Path) -> None:
        super().__init__(LOCKER, path)
        assert self.process.stdout and self.process.stdout.readline() == "held\n"

    release = Other.close


BUSY_MS = 2000  # the app's 10 s busy timeout, shortened: the lock is held for longer


async def test_a_lock_held_elsewhere_never_stalls_the_player_and_every_step_lands(
    tmp_path: Path,
) -> None:
    from tests.ui.helpers import advance, make_app, notices, practice
    from workout_tui.ui.player import PlayerScreen

    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    store.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    routine = practice(tmp_path)
    app = make_app(start=routine, history=store)
    locker = None
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            screen = app.screen
            assert isinstance(screen, PlayerScreen)
            await pilot.press("n")  # past get ready: the first press also draws the app
            locker = Locker(path)
            waits = []
            for _ in range(3):  # the left side, the switch, the right: each written at once
                began = time.monotonic()
                await pilot.press("n")
                waits.append(time.monotonic() - began)
            assert max(waits) < BUSY_MS / 1000 / 2, waits  # no press waited on SQLite
            while not screen.run.journal.behind:  # the writer gave up on this try
                await advance(pilot, 0.5)
            await advance(pilot, 0.5)
            assert "Cannot save to the history now (database is locked)" in notices(app)
            locker.release()
            while screen.run.journal.behind:  # its next try lands them all
                await advance(pilot, 0.5)
            await advance(pilot, 0.5)
            assert "The history is saved again; nothing was lost." in notices(app)
            while isinstance(app.screen, PlayerScreen):
                await pilot.press("n")
    finally:
        if locker is not None:
            locker.release()
    (run,) = store.runs()
    planned = len(routine.plan.steps)
    assert [s.step_index for s in store.steps(run.id)] == list(range(planned))
    assert run.status == "completed"


async def test_a_lock_held_elsewhere_never_stalls_the_break_screen_and_its_breaks_land(
    tmp_path: Path,
) -> None:
    from tests.conftest import FakeClock
    from tests.ui.helpers import text
    from tests.ui.test_breaks import MONDAY_10, break_app, logged, sit, store_on

    wall = FakeClock(MONDAY_10)
    store = store_on(wall, tmp_path)  # the app's own 10 s busy timeout: a stall is 10 s
    locker = Locker(tmp_path / "history.sqlite3")
    app = break_app(wall, store, every=600, snooze=120)
    try:
        async with app.run_test(notifications=True) as pilot:
            await sit(pilot, 600)
            began = time.monotonic()
            await pilot.press("s")  # snoozed: written on the log's thread
            await sit(pilot, 120)
            await pilot.press("x")  # due again: skipped
            await sit(pilot, 60)  # and the count ticks on
            # Half the busy timeout: a loaded machine took 1.02 s here, one stall takes 10.
            assert time.monotonic() - began < 5, "the break screen waited on SQLite"
            assert text(pilot, "#break-today") == "Today: 0 taken · 1 snoozed · 1 skipped"
            locker.release()
    finally:
        locker.release()
    assert logged(store) == [("snoozed", None), ("skipped", None)]


def test_a_history_opened_while_another_process_holds_the_lock_is_on_and_takes_the_run(
    tmp_path: Path,
) -> None:
    from datetime import datetime

    from tests.core.test_history import PLAN
    from tests.log_helpers import entry
    from workout_tui.core.log.journal import RunJournal
    from workout_tui.core.log.opening import open_history
    from workout_tui.core.log.schema import FILE_NAME

    earlier = HistoryStore(tmp_path / FILE_NAME)
    dead = run_through(earlier, upto=1, status=None)  # a crashed run, to be marked
    earlier.db.execute("UPDATE runs SET pid = ? WHERE id = ?", (DEAD_PID, dead))
    earlier.close()
    locker = Locker(tmp_path / FILE_NAME)  # an import, say, writing all along
    try:
        began = time.monotonic()
        store, notices = open_history(tmp_path)
        assert time.monotonic() - began < 5  # no waiting out the lock (10 s) at start
        assert store is not None and notices == []  # history on, not "locked: off"
        assert store.run(dead).status == "interrupted"  # type: ignore[union-attr]
        journal = RunJournal(store)
        journal.start(PLAN, "strength", "x", 1)
        started = datetime.now().astimezone()
        journal.step(entry(PLAN.steps[0], 5.0))
        journal.finish("stopped")
        time.sleep(2)  # the run's writes wait behind the lock
    finally:
        locker.release()
    assert journal.flush()
    run = store.run(journal.run_id)
    assert run is not None and run.status == "stopped"
    # Its start is when it started (kept to the second), not when the history took it.
    assert -1.1 < (run.started_at - started).total_seconds() <= 0.1
    store.close()
