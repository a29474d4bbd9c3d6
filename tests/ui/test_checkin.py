"""The daily check-in in the app: asked once a day at the end of a routine run to its end
and after a break, one key to answer, Esc to skip; and the insight view in the history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events

from tests.cli.test_checkin import seed
from tests.conftest import FakeClock
from tests.ui.helpers import advance, bundled, make_app, short
from tests.ui.test_breaks import MONDAY_10, store_on
from tests.ui.test_history import record
from workout_tui.core.config import Breaks
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore
from workout_tui.ui.breaks import BreakScreen
from workout_tui.ui.checkin import QUESTION, CheckInDialog
from workout_tui.ui.insight import InsightScreen
from workout_tui.ui.settings import BreakSetup
from workout_tui.ui.summary import SummaryScreen


def kept(store: HistoryStore) -> list[tuple[int, str | None]]:
    return [(c.score, c.note) for c in store.checkins()]


async def test_a_run_to_its_end_asks_once_a_day_and_a_key_answers(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / FILE_NAME)
    routine = short(tmp_path, "Short stretch")
    app = make_app(start=routine, history=store, checkin=True)
    async with app.run_test() as pilot:
        await advance(pilot, 8)
        assert isinstance(app.screen, CheckInDialog)
        asked = str(app.screen.query_one(".dialog-title").render()).replace("\n", " ")
        assert asked == QUESTION
        await pilot.press("t")  # 10
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        app.start(routine.loaded())
        await pilot.pause()
        await advance(pilot, 8)
        assert isinstance(app.screen, SummaryScreen)  # not asked again today
        assert app._checkins is not None and app._checkins.flush()
    assert kept(store) == [(10, None)]
    store.close()


async def test_escape_skips_it_for_the_day_and_a_stopped_run_is_not_asked(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / FILE_NAME)
    routine = short(tmp_path, "Short stretch")
    app = make_app(start=routine, history=store, checkin=True)
    async with app.run_test() as pilot:
        await advance(pilot, 3)
        await pilot.press("q", "y")  # stopped: not run to its end
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        app.start(routine.loaded())
        await pilot.pause()
        await advance(pilot, 8)
        assert isinstance(app.screen, CheckInDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        app.start(routine.loaded())
        await pilot.pause()
        await advance(pilot, 8)
        assert isinstance(app.screen, SummaryScreen)  # skipped today: not asked again
    assert kept(store) == []
    store.close()


async def test_a_break_taken_asks_on_the_break_screen(tmp_path: Path) -> None:
    wall = FakeClock(MONDAY_10)
    store = store_on(wall, tmp_path)
    setup = BreakSetup(Breaks(every=60), short(tmp_path, "Short break"), "")
    app = make_app(breaks=setup, wall=wall, history=store, checkin=True)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await advance(pilot, 8)
        assert isinstance(app.screen, CheckInDialog)
        await pilot.press("2")
        assert isinstance(app.screen, BreakScreen)
        assert app._checkins is not None and app._checkins.flush()
    assert kept(store) == [(2, None)]
    assert store.checkins()[0].day == datetime.fromtimestamp(MONDAY_10).date()
    store.close()


TODAY = date(2026, 11, 30)  # a fixed day: the view is drawn the same whenever it runs


def insight_app(tmp_path: Path) -> Any:
    seed(tmp_path, 28, lower_by=2, today=TODAY)
    evening = datetime.combine(TODAY, time(20)).astimezone()
    store = HistoryStore(tmp_path / FILE_NAME, now=lambda: evening)
    return make_app(history=store, show_history=True, routines=bundled())


async def test_the_history_opens_the_insight_view(tmp_path: Path) -> None:
    app = insight_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, InsightScreen)
        shown = str(app.screen.query_one("#insight-text").render())
        assert "lower (better) than on other days" in shown and "not a diagnosis" in shown
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HistoryScreen"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_of_the_insight_view(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def open_insight(pilot: Any) -> None:
        await pilot.press("ctrl+k")

    assert snap_compare(insight_app(tmp_path), terminal_size=size, run_before=open_insight)


def test_the_check_in_dialog_snapshot(snap_compare: Any) -> None:
    async def ask(pilot: Any) -> None:
        await pilot.app.push_screen(CheckInDialog())

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ask)


async def test_a_comeback_is_greeted_in_the_summary_and_counted_in_the_history(
    tmp_path: Path,
) -> None:
    when = [datetime.now().astimezone() - timedelta(days=4)]
    store = HistoryStore(tmp_path / FILE_NAME, now=lambda: when[0])
    record(store, bundled()[0])  # four days ago
    when[0] += timedelta(days=4)
    app = make_app(start=short(tmp_path, "Short stretch"), history=store)
    async with app.run_test() as pilot:
        await advance(pilot, 8)
        assert isinstance(app.screen, SummaryScreen)
        greeting = "Back after 4 days: that is the part that counts."
        assert str(app.screen.query_one("#summary-records").render()).startswith(greeting)
        await pilot.press("enter", "ctrl+r")
        assert "comebacks: 1" in str(app.screen.query_one("#stats").render())
    store.close()


async def test_keys_typed_fast_answer_once_and_leave_the_summary(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / FILE_NAME)
    app = make_app(start=short(tmp_path, "Short stretch"), history=store, checkin=True)
    async with app.run_test() as pilot:
        await advance(pilot, 8)
        dialog = app.screen
        assert isinstance(dialog, CheckInDialog)
        for key in "37t":  # one burst, all in the dialog's queue before it closes
            dialog.post_message(events.Key(key, key))
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # the first answered; no more closed
        assert app._checkins is not None and app._checkins.flush()
    assert kept(store) == [(3, None)]
    store.close()


async def test_a_skip_holds_for_the_day_in_another_window_too(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / FILE_NAME)
    routine = short(tmp_path, "Short stretch")
    for answer in ("escape", None):  # the second app, the same day: not asked
        app = make_app(start=routine, history=store, checkin=True)
        async with app.run_test() as pilot:
            await advance(pilot, 8)
            if answer is None:
                assert isinstance(app.screen, SummaryScreen)
            else:
                assert isinstance(app.screen, CheckInDialog)
                await pilot.press(answer)
    assert kept(store) == []
    store.close()


async def test_a_remapped_skip_key_is_the_one_the_dialog_names(tmp_path: Path) -> None:
    from workout_tui.core.config import Config

    store = HistoryStore(tmp_path / FILE_NAME)
    config = Config(keys={"skip-checkin": "n"})
    app = make_app(start=short(tmp_path, "Stretch"), history=store, config=config, checkin=True)
    async with app.run_test() as pilot:
        await advance(pilot, 8)
        assert "n: not today" in str(app.screen.query(".dim").first().render())
        await pilot.press("n")
        assert isinstance(app.screen, SummaryScreen)
    store.close()


def test_a_score_key_cannot_be_the_skip_key() -> None:
    from workout_tui.ui.keys import build_keymap

    keymap, problems = build_keymap({"skip-checkin": "t"})
    assert keymap == {} and problems == [
        '[keys] skip-checkin = "t": "t" answers the check-in (0-9, t for 10): take another key;'
        " it keeps escape."
    ]
