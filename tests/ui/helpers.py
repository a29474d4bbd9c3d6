"""Build the real app around a fake clock and a recording player, and move time in tests."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Digits, Static

from tests.conftest import FakeClock
from workout_tui.audio import SilentCues
from workout_tui.core import locations
from workout_tui.core.config import CheckInSettings, Config
from workout_tui.core.library import Routine, discover, load_routine
from workout_tui.core.workspace import Workspace
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.figure_view import FigureView
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.settings import Settings

PRACTICE = """
name: Practice
defaults: {prepare: 5s, rest: 10s, switch_sides: 5s}
exercises:
  - name: Couch stretch
    hold: 20s
    sides: [left, right]
    notes: Squeeze the back glute and bring the torso upright.
  - name: Goblet squat
    sets: 2
    reps: 8
    load: 12 kg
    rest_between_sets: 30s
    notes: Bell at chest height, sit back between the heels.
"""


def bundled() -> list[Routine]:
    """The bundled routines, loaded (as the app gets a routine to run)."""
    return [r.loaded() for r in discover([(locations.bundled_sessions_dir(), "bundled")])]


def practice(tmp_path: Path) -> Routine:
    path = tmp_path / "practice.yaml"
    path.write_text(textwrap.dedent(PRACTICE))
    return load_routine(path)


def short(tmp_path: Path, name: str, source: str = "file") -> Routine:
    """A routine of one 5 s hold after 2 s to get ready, slug `short`."""
    path = tmp_path / "short.yaml"
    path.write_text(
        f"name: {name}\ndefaults: {{prepare: 2s}}\n"
        "exercises:\n  - {name: Couch stretch, hold: 5s}\n"
    )
    return load_routine(path, source)


def make_app(
    start: Routine | None = None, routines: list[Routine] | None = None, **options: Any
) -> WorkoutApp:
    """The real app on a fake clock (starting at 0) with cues that are recorded, not played
    (unless `cues` are given), that asks no check-in (unless `checkin=True`)."""
    given = {name: options.pop(name) for name in WORKSPACE_PARTS if name in options}
    if not options.pop("checkin", False):  # the daily check-in is asked where a test asks
        config = given.get("config") or Config()
        given["config"] = replace(config, checkin=CheckInSettings(ask="off"))
    routines = routines if routines is not None else bundled()
    workspace = Workspace(routines=routines, **given)
    options = {"cues": SilentCues(), **options}
    return WorkoutApp(Settings(workspace, start=start, clock=FakeClock(0.0), **options))


# What make_app hands to the workspace, not to the settings.
WORKSPACE_PARTS = ("folders", "config", "history", "data_dir", "config_path")


async def advance(pilot: Pilot[None], seconds: float, tick: float = 0.5) -> None:
    """Move the fake clock on in ticks, letting the player catch up after each as its timer
    would (it wakes at least once a second)."""
    app = pilot.app
    assert isinstance(app, WorkoutApp) and isinstance(app.settings.clock, FakeClock)
    left = seconds
    while left > 0:
        step = min(tick, left)
        app.settings.clock.advance(step)
        left -= step
        screen = app.screen
        if isinstance(screen, PlayerScreen):
            screen.sync()
    await pilot.pause()


def text(pilot: Pilot[None], selector: str) -> str:
    """What a Static (or Digits) on the current screen shows."""
    widget = pilot.app.screen.query_one(selector)
    if isinstance(widget, Digits):
        return widget.value
    assert isinstance(widget, Static)
    return str(widget.render())


def notices(app: object) -> str:
    """Every notice the app is showing, as one string (run_test needs notifications=True)."""
    return " ".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


def screen_text(pilot: Pilot[None]) -> str:
    """What the current screen shows, as the terminal would get it."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def drawn(pilot: Pilot[None]) -> list[str]:
    """The figure's rows as shown, trailing blanks dropped ([] when it is not on screen)."""
    view = pilot.app.screen.query_one(FigureView)
    if not view.display or view.region.area == 0:
        return []
    rows = [view.render_line(y).text.rstrip() for y in range(view.content_size.height)]
    return [row for row in rows if row] and rows
