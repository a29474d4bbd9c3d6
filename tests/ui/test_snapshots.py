"""Snapshots of every screen at 80x24 and 120x40, and of each dialog, the summaries of a
stopped run and a preview, and the player at 40x12, on a frozen clock.

Review each diff (the HTML report pytest writes) before running --snapshot-update.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.helpers import advance, bundled, make_app, practice
from tests.ui.test_history import Wall, record
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import StepKind
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.summary import SummaryScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Before = Callable[[Pilot[None]], Awaitable[None]]


def routine_app(slug: str, **options: Any) -> WorkoutApp:
    routines = bundled()
    return make_app(start=next(r for r in routines if r.slug == slug), routines=routines, **options)


def after(*steps: Before) -> Before:
    async def run_before(pilot: Pilot[None]) -> None:
        for step in steps:
            await step(pilot)

    return run_before


def wait(seconds: float) -> Before:
    return lambda pilot: advance(pilot, seconds)


def press(*keys: str) -> Before:
    return lambda pilot: pilot.press(*keys)


async def finish_with_every_set_done(pilot: Pilot[None]) -> None:
    while isinstance(screen := pilot.app.screen, PlayerScreen):
        if screen.engine.step.kind is StepKind.WORK_REPS:
            await advance(pilot, 25)
            await pilot.press("space")
        else:
            await advance(pilot, screen.engine.remaining() or 0.5)  # to the step's end
    assert isinstance(pilot.app.screen, SummaryScreen)


async def to_the_summary(pilot: Pilot[None]) -> None:
    while isinstance(pilot.app.screen, PlayerScreen):
        await pilot.press("n")


async def still_cursor(pilot: Pilot[None]) -> None:
    await pilot.pause()
    pilot.app.screen.query_one(Input).cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
class TestScreens:
    def test_home(self, snap_compare: Any, size: tuple[int, int]) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=still_cursor)

    def test_player_timed_step_with_a_side(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = routine_app("hip-flexor-stretch")
        assert snap_compare(app, terminal_size=size, run_before=wait(22))

    def test_player_rep_set(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = routine_app("glute-hamstring-strength")
        assert snap_compare(app, terminal_size=size, run_before=wait(22))

    def test_player_rest_with_next_up(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = routine_app("glute-hamstring-strength")
        assert snap_compare(
            app, terminal_size=size, run_before=after(wait(40), press("space"), wait(5))
        )

    def test_player_paused(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = routine_app("hip-flexor-stretch")
        assert snap_compare(app, terminal_size=size, run_before=after(wait(22), press("space")))

    def test_summary(self, snap_compare: Any, size: tuple[int, int]) -> None:
        app = routine_app("desk-break")
        assert snap_compare(app, terminal_size=size, run_before=finish_with_every_set_done)


class TestDialogsAndSmallScreens:
    """At 80x24, the size most terminals open at; the player also at 40x12, the least it
    promises to fit."""

    def test_stop_dialog(self, snap_compare: Any) -> None:
        app = routine_app("hip-flexor-stretch")
        assert snap_compare(app, terminal_size=(80, 24), run_before=after(wait(22), press("q")))

    def test_resume_dialog(self, snap_compare: Any, tmp_path: Path) -> None:
        store = HistoryStore(tmp_path / "history.sqlite3", Wall())
        routine = practice(tmp_path)
        record(store, routine, upto=3, status="interrupted")
        app = make_app(start=routine, history=store)
        assert snap_compare(app, terminal_size=(80, 24))

    def test_log_set_dialog(self, snap_compare: Any) -> None:
        app = routine_app("glute-hamstring-strength")
        before = after(wait(40), press("space"), wait(5), press("e"))  # a set logged, then e
        assert snap_compare(app, terminal_size=(80, 24), run_before=before)

    def test_help(self, snap_compare: Any) -> None:
        app = routine_app("hip-flexor-stretch")
        before = after(wait(22), press("question_mark"))
        assert snap_compare(app, terminal_size=(80, 24), run_before=before)

    def test_stopped_summary(self, snap_compare: Any) -> None:
        app = routine_app("hip-flexor-stretch")
        before = after(wait(80), press("q", "y"))
        assert snap_compare(app, terminal_size=(80, 24), run_before=before)

    def test_preview_summary(self, snap_compare: Any) -> None:
        app = routine_app("desk-break", speed=20)
        assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_summary)

    def test_player_at_40x12(self, snap_compare: Any) -> None:
        app = routine_app("hip-flexor-stretch")
        assert snap_compare(app, terminal_size=(40, 12), run_before=wait(22))
