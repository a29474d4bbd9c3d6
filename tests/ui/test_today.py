"""The "Today" section of the routine list: what the weekly plan asks for today, first, each
routine marked once it has been run to its end today."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.ui.helpers import advance, bundled, make_app, short
from tests.ui.test_home import listed
from workout_tui.core.config import Config
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.week import WeekPlan
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.home import HomeScreen
from workout_tui.ui.summary import SummaryScreen


def planned_app(tmp_path: Path, *slugs: str, store: HistoryStore | None = None) -> WorkoutApp:
    routines = [short(tmp_path, "Short stretch", "user"), *bundled()]
    config = Config(plan=WeekPlan(daily=slugs))
    return make_app(routines=routines, config=config, history=store)


def highlighted(app: WorkoutApp) -> str:
    options = app.screen.query_one("#routines", OptionList)
    assert options.highlighted is not None
    return str(options.get_option_at_index(options.highlighted).prompt).split("\n")[0]


async def test_the_list_opens_on_today_and_marks_a_routine_once_done(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    app = planned_app(tmp_path, "short", "desk-break", store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert listed(app)[:4] == [
            "Today",
            "· to do  Short stretch  (user)",
            "· to do  Desk break",
            "All routines",
        ]
        assert highlighted(app) == "· to do  Short stretch  (user)"
        await pilot.press("enter")
        await advance(pilot, 8)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert listed(app)[1:3] == ["✓ done today  Short stretch  (user)", "· to do  Desk break"]
        assert highlighted(app) == "✓ done today  Short stretch  (user)"
    assert store.completed_on(store.now().date()) == {"short"}


async def test_a_preview_or_a_stopped_run_does_not_count_as_done(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    app = planned_app(tmp_path, "short", store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await advance(pilot, 3)
        await pilot.press("q", "y", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert listed(app)[1] == "· to do  Short stretch  (user)"


async def test_the_filter_picks_from_today_too_and_the_arrows_pass_over_headings(
    tmp_path: Path,
) -> None:
    app = planned_app(tmp_path, "short", "desk-break")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"desk")
        assert listed(app) == ["Today", "· to do  Desk break", "All routines", "Desk break"]
        await pilot.press("down")
        assert highlighted(app) == "Desk break"
        await pilot.press("up")
        assert highlighted(app) == "· to do  Desk break"
        await pilot.press("up")  # the heading is passed over: nothing above
        assert highlighted(app) == "· to do  Desk break"
        await pilot.press(*"zzz")
        assert listed(app) == []


async def test_a_planned_slug_that_names_no_routine_is_shown_as_such(tmp_path: Path) -> None:
    app = planned_app(tmp_path, "hip-flexer", "[b]x[/]\x1b]0;x\x07")
    async with app.run_test(size=(100, 30)):
        assert listed(app)[:3] == [
            "Today",
            "· hip-flexer  ⚠ no routine has this slug",
            "· [b]x[/]␛]0;x␇  ⚠ no routine has this slug",
        ]
        assert highlighted(app) == "Short stretch  (user)"  # the first that can start


async def test_no_plan_for_today_shows_no_section(tmp_path: Path) -> None:
    app = make_app(config=Config(plan=WeekPlan(days={7: ("desk-break",)})))
    async with app.run_test(size=(100, 30)):
        assert listed(app)[0] == "Desk break"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_of_the_today_section(
    snap_compare: Any, size: tuple[int, int], tmp_path: Path
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    desk = next(r for r in bundled() if r.slug == "desk-break")
    assert desk.plan is not None
    store.finish_run(store.start_run(desk.plan, "desk-break", "x", 1.0), "completed")
    app = make_app(
        config=Config(plan=WeekPlan(daily=("desk-break", "hip-flexor-stretch"))), history=store
    )

    async def still(pilot: Pilot[None]) -> None:
        await pilot.pause()
        app.screen.query_one("#filter").cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=still)
