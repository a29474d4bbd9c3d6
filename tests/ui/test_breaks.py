"""The break reminder in the real app, on a fake wall clock: a break comes due with its cue
and the bell, Enter runs the break's routine and comes back, snooze, skip and pause, quiet
hours, one break after a machine slept, and every break kept in the history."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits

from tests.conftest import FakeClock
from tests.ui.helpers import advance, bundled, make_app, notices, short, text
from workout_tui.core.breaks import BreakState
from workout_tui.core.config import Breaks
from workout_tui.core.cues import CueKind
from workout_tui.core.library import Routine
from workout_tui.core.log.store import HistoryStore
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.breaks import BreakScreen
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.settings import BreakSetup

MONDAY_10 = datetime(2026, 11, 23, 10, 0).timestamp()  # local time


def desk_break() -> Routine:
    return next(r for r in bundled() if r.slug == "desk-break")


def store_on(wall: FakeClock, tmp_path: Path) -> HistoryStore:
    """A real history whose clock is the fake wall clock."""
    return HistoryStore(
        tmp_path / "history.sqlite3", lambda: datetime.fromtimestamp(wall()).astimezone()
    )


def break_app(
    wall: FakeClock,
    store: HistoryStore | None = None,
    routine: Routine | None = None,
    problem: str = "",
    **breaks: Any,
) -> WorkoutApp:
    setup = BreakSetup(Breaks(**breaks), routine or (None if problem else desk_break()), problem)
    return make_app(breaks=setup, wall=wall, history=store)


async def sit(pilot: Pilot[None], seconds: float, tick: float = 1.0) -> None:
    """Move the wall clock on, the break screen looking at it every `tick` seconds."""
    wall = pilot.app.settings.wall  # type: ignore[attr-defined]
    assert isinstance(wall, FakeClock)
    left = seconds
    while left > 0:
        wall.advance(min(tick, left))
        left -= tick
        screen = pilot.app.screen
        assert isinstance(screen, BreakScreen)
        screen.tick()
    await pilot.pause()


def state(app: WorkoutApp) -> BreakState:
    screen = app.screen
    assert isinstance(screen, BreakScreen)
    return screen.timer.state


def break_cues(app: WorkoutApp) -> int:
    cues = app.settings.cues
    assert cues is not None
    return sum(cue.kind is CueKind.BREAK_DUE for cue, _ in cues.played)


def logged(store: HistoryStore) -> list[tuple[str, int | None]]:
    return [tuple(r) for r in store.db.execute("SELECT action, run_id FROM breaks ORDER BY id")]


async def test_a_break_comes_due_with_the_cue_and_the_bell(monkeypatch: pytest.MonkeyPatch) -> None:
    app = break_app(FakeClock(MONDAY_10), every=10)
    rang: list[int] = []
    async with app.run_test() as pilot:
        monkeypatch.setattr(app, "bell", lambda: rang.append(1))
        await sit(pilot, 9)
        assert state(app) is BreakState.SITTING and break_cues(app) == 0
        assert text(pilot, "#break-clock") == "1"  # seconds, in the last minute
        await sit(pilot, 1)
        assert state(app) is BreakState.DUE
        assert break_cues(app) == 1 and rang == [1]
        assert "Enter starts the break · s snoozes it 5 min · x skips it" in text(
            pilot, "#break-prompt"
        )
        await sit(pilot, 60)
        assert break_cues(app) == 1  # asked once, until answered


async def test_enter_runs_the_break_and_stopping_it_comes_back_to_the_count(
    tmp_path: Path,
) -> None:
    wall = FakeClock(MONDAY_10)
    store = store_on(wall, tmp_path)
    app = break_app(wall, store, every=10)
    async with app.run_test() as pilot:
        await sit(pilot, 10)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.routine.slug == "desk-break"
        await advance(pilot, 12)
        await pilot.press("q", "y")
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        assert screen.timer.state is BreakState.SITTING and screen.timer.sitting == 0
        assert text(pilot, "#break-today").startswith("Today: 1 taken · 0 snoozed · 0 skipped")
        assert "Last break: Desk break, stopped at 10:00." in text(pilot, "#break-today")
    (run,) = store.runs()
    assert run.session == "desk-break" and run.status == "stopped"
    assert logged(store) == [("taken", run.id)]


async def test_a_break_run_to_its_end_comes_back_done(tmp_path: Path) -> None:
    wall = FakeClock(MONDAY_10)
    store = store_on(wall, tmp_path)
    app = break_app(wall, store, routine=short(tmp_path, "Short break"), every=60)
    async with app.run_test() as pilot:
        await pilot.press("enter")  # a break can be taken before it is due
        await advance(pilot, 8)
        assert isinstance(app.screen, BreakScreen)
        assert "Last break: Short break, done at 10:00." in text(pilot, "#break-today")
    (run,) = store.runs()
    assert run.status == "completed" and logged(store) == [("taken", run.id)]


async def test_snooze_and_skip_are_counted_and_kept(tmp_path: Path) -> None:
    wall = FakeClock(MONDAY_10)
    store = store_on(wall, tmp_path)
    app = break_app(wall, store, every=600, snooze=120)
    async with app.run_test() as pilot:
        await pilot.press("s")  # nothing is due: nothing to snooze
        await sit(pilot, 600)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        assert state(app) is BreakState.SITTING and screen.timer.left == 120
        await sit(pilot, 120)
        assert state(app) is BreakState.DUE and break_cues(app) == 2
        await pilot.press("x")
        assert screen.timer.left == 600
        assert text(pilot, "#break-today") == "Today: 0 taken · 1 snoozed · 1 skipped"
    assert logged(store) == [("snoozed", None), ("skipped", None)]


async def test_the_counts_are_the_days_and_survive_a_restart(tmp_path: Path) -> None:
    wall = FakeClock(MONDAY_10)
    store = store_on(wall, tmp_path)
    for action in ("taken", "taken", "skipped"):
        store.record_break(action, datetime.fromtimestamp(wall()).astimezone())
    app = break_app(wall, store, every=600)
    async with app.run_test() as pilot:
        assert text(pilot, "#break-today") == "Today: 2 taken · 0 snoozed · 1 skipped"
        await sit(pilot, 14 * 3600, tick=600)  # past midnight: a new day
        assert text(pilot, "#break-today") == "Today: 0 taken · 0 snoozed · 0 skipped"


async def test_pause_stops_the_count_until_resumed() -> None:
    app = break_app(FakeClock(MONDAY_10), every=600)
    async with app.run_test() as pilot:
        await sit(pilot, 100)
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, BreakScreen) and screen.timer.state is BreakState.PAUSED
        assert text(pilot, "#break-state") == "Paused after 1 min sitting: p counts again."
        await sit(pilot, 3600, tick=60)
        assert state(app) is BreakState.PAUSED and screen.timer.left == 500
        await pilot.press("p")
        await sit(pilot, 500)
        assert state(app) is BreakState.DUE


async def test_a_machine_that_slept_for_hours_asks_for_one_break() -> None:
    app = break_app(FakeClock(MONDAY_10), every=45 * 60)
    async with app.run_test() as pilot:
        await sit(pilot, 600)
        await sit(pilot, 6 * 3600, tick=6 * 3600)  # the lid closed: one look after 6 h
        await sit(pilot, 30)
        assert break_cues(app) == 1
        await pilot.press("x")
        screen = app.screen
        assert isinstance(screen, BreakScreen) and screen.timer.left == 45 * 60


async def test_quiet_hours_ask_for_no_break() -> None:
    app = break_app(FakeClock(MONDAY_10), every=60, quiet=(9 * 60 + 30, 10 * 60 + 30))
    async with app.run_test() as pilot:
        await sit(pilot, 29 * 60, tick=30)
        assert break_cues(app) == 0
        assert text(pilot, "#break-state") == "Quiet hours (09:30-10:30): no breaks are asked for."
        await sit(pilot, 60 + 60)  # 10:30 passed, then a minute sitting
        assert break_cues(app) == 1


async def test_a_break_routine_that_is_not_there_is_said_and_the_count_goes_on() -> None:
    problem = "config.toml:3: [breaks] names no routine 'desk-brake'; did you mean 'desk-break'?"
    app = break_app(FakeClock(MONDAY_10), problem=problem, every=10)
    async with app.run_test(notifications=True) as pilot:
        assert text(pilot, "#break-routine") == problem
        await sit(pilot, 10)
        await pilot.press("enter")
        assert isinstance(app.screen, BreakScreen) and problem in notices(app)
        await pilot.press("s")
        assert app.screen.timer.snoozed == 1


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
class TestSnapshots:
    def test_sitting(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = break_app(FakeClock(MONDAY_10))
        assert snap_compare(app, terminal_size=size, run_before=lambda pilot: sit(pilot, 754))

    def test_due_after_a_snooze(self, snap_compare: Any, size: tuple[int, int]) -> None:
        async def due_again(pilot: Pilot[None]) -> None:
            await sit(pilot, 45 * 60, tick=60)
            await pilot.press("s")
            await sit(pilot, 5 * 60, tick=60)

        app = break_app(FakeClock(MONDAY_10))
        assert snap_compare(app, terminal_size=size, run_before=due_again)

    def test_quiet_hours(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = break_app(FakeClock(MONDAY_10), quiet=(9 * 60 + 30, 10 * 60 + 30))
        assert snap_compare(app, terminal_size=size, run_before=lambda pilot: sit(pilot, 120))


async def test_the_count_shows_minutes_then_seconds_and_redraws_only_when_they_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = break_app(FakeClock(MONDAY_10), every=180)
    drawn: list[str] = []
    async with app.run_test() as pilot:
        await sit(pilot, 1)
        assert text(pilot, "#break-clock") == "3"  # 2:59 left: 3 minutes, rounded up
        sitting = "Sitting for under a minute. The next break in minutes:"
        assert text(pilot, "#break-state") == sitting
        monkeypatch.setattr(Digits, "update", lambda self, value: drawn.append(value))
        await sit(pilot, 58)  # 2:01 left
        assert drawn == [] and text(pilot, "#break-clock") == "3"
        await sit(pilot, 1)  # 2:00 left
        assert drawn == ["2"]
        await sit(pilot, 61)  # 0:59 left, in seconds from 1:00
        assert drawn == ["2", "60", "59"]
        assert "The next break in seconds:" in text(pilot, "#break-state")


def test_the_screen_looks_again_when_what_it_shows_changes() -> None:
    from workout_tui.core.breaks import BreakPolicy, BreakTimer, next_change

    timer = BreakTimer(BreakPolicy(180, 60), 0.0)
    timer.update(1.5)  # 2:58.5 left: the minutes change at 2:00, in 58.5 s; a look every 10
    assert next_change(timer, quiet=False) == 10.0
    timer.update(121.2)  # 58.8 s left: the seconds change in 0.8 s
    assert next_change(timer, quiet=False) == pytest.approx(0.8)
    assert next_change(timer, quiet=True) == 10.0
