"""Snapshots of every screen at 80x24 and 120x40, on a frozen clock.

Review each diff (the HTML report pytest writes) before running --snapshot-update.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.helpers import advance, bundled, make_app
from workout_tui.core.plan import StepKind
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.summary import SummaryScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Before = Callable[[Pilot[None]], Awaitable[None]]


def routine_app(slug: str) -> WorkoutApp:
    routines = bundled()
    return make_app(start=next(r for r in routines if r.slug == slug), routines=routines)


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
