"""The exercises view of the history: every exercise, and one exercise's chart, records
and sessions, on the seeded history."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.conftest import REPO
from tests.ui.helpers import make_app, text
from tests.ui.test_history import seeded  # noqa: F401  (a fixture)
from workout_tui.core.log.store import HistoryStore
from workout_tui.ui.exercises import ExerciseScreen, ExercisesScreen
from workout_tui.ui.history import HistoryScreen


def rows(app: Any, table: str) -> list[list[str]]:
    found = app.screen.query_one(table, DataTable)
    return [[str(cell) for cell in found.get_row_at(i)] for i in range(found.row_count)]


async def test_x_switches_to_exercises_and_enter_opens_one(seeded: HistoryStore) -> None:  # noqa: F811
    app = make_app(history=seeded, show_history=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ExercisesScreen)
        listed = rows(app, "#exercises")
        names = [row[0] for row in listed]
        assert len(names) == len(set(names)) and "Goblet squat" in names
        goblet = listed[names.index("Goblet squat")]
        # Three real-time runs did it: two of the strength routine (one stopped after two
        # sets) and the relief routine's circuit, as one exercise; the preview does not count.
        assert goblet[1:4] == ["3", "23 Nov 2026", "12 kg × 10"]
        await pilot.press(*["down"] * names.index("Goblet squat"), "enter")
        assert isinstance(app.screen, ExerciseScreen)
        assert text(pilot, "#detail-title") == "Goblet squat · 3 sessions"
        assert "heaviest      12 kg × 10" in text(pilot, "#exercise-records")
        assert rows(app, "#sessions") == [
            ["Mon 23 Nov 2026 18:00", "10 reps @ 12 kg"],
            ["Sun 22 Nov 2026 17:00", "2 × 8 @ 12 kg"],
            ["Tue 10 Nov 2026 17:00", "3 × 8 @ 12 kg"],
        ]
        await pilot.press("escape", "ctrl+t")
        assert isinstance(app.screen, HistoryScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
class TestExerciseSnapshots:
    def test_exercises(
        self,
        snap_compare: Any,
        seeded: HistoryStore,  # noqa: F811
        size: tuple[int, int],
    ) -> None:
        async def open_exercises(pilot: Pilot[None]) -> None:
            await pilot.press("ctrl+t")

        app = make_app(history=seeded, show_history=True)
        assert snap_compare(app, terminal_size=size, run_before=open_exercises)

    def test_exercise(
        self,
        snap_compare: Any,
        seeded: HistoryStore,  # noqa: F811
        size: tuple[int, int],
    ) -> None:
        async def open_goblet_squat(pilot: Pilot[None]) -> None:
            await pilot.press("ctrl+t")
            names = [row[0] for row in rows(pilot.app, "#exercises")]
            await pilot.press(*["down"] * names.index("Goblet squat"), "enter")

        app = make_app(history=seeded, show_history=True)
        assert snap_compare(app, terminal_size=size, run_before=open_goblet_squat)


async def cpu_to_open_the_exercises(store: HistoryStore, sessions: int) -> float:
    """The least CPU of two openings of the history's exercises and the first one's detail
    (`sessions` of goblet squats); then pages through the second."""
    app = make_app(history=store, show_history=True)
    took = []
    async with app.run_test(size=(80, 24)) as pilot:
        for again in (True, False):
            started = time.process_time()  # CPU, not wall time: other processes share the cores
            await pilot.press("ctrl+t", "enter")
            took.append(time.process_time() - started)
            assert text(pilot, "#detail-title") == f"Goblet squat · {sessions} sessions"
            if again:
                await pilot.press("escape", "escape")
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 100
        table.move_cursor(row=95)
        await pilot.pause()
        assert table.row_count == 200  # the next page, loaded as the cursor neared the end
    return min(took)


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A history of 10,000 runs (70,000 goblet squat sets) and one of 1,000 in `tenth/`,
    written before the test that reads them has the machine to itself."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench import seed

    folder = tmp_path_factory.mktemp("ten-thousand")
    seed(folder / "tenth", 1_000, 15)
    seed(folder, 10_000, 15)
    return folder


@pytest.mark.alone
async def test_ten_thousand_runs_open_the_exercises_in_time(ten_thousand: Path) -> None:
    """Opening grows with the history no faster than the history does: the yardstick is the
    same opening on a tenth of it, in the same run (this machine's speed varies 1.5x by the
    hour, which an absolute bound, or one against other work, could not stand)."""
    tenth = await cpu_to_open_the_exercises(
        HistoryStore(ten_thousand / "tenth" / "history.sqlite3"), 1000
    )
    whole = await cpu_to_open_the_exercises(HistoryStore(ten_thousand / "history.sqlite3"), 10_000)
    # Measured 2026-12-06: 1,000 runs 0.26-0.31 s, 10,000 runs 1.26-1.40 s (4.5-5.1x: a fixed
    # part, then about 0.12 ms a run). Work growing with the square of the history fails
    # (13.7x for a quadratic pass that tripled the time), as would anything worse.
    assert whole < 8 * tenth, f"opening took {whole:.2f}s, {whole / tenth:.1f}x a tenth of it"


async def test_the_exercises_key_can_be_remapped(seeded: HistoryStore) -> None:  # noqa: F811
    from workout_tui.core.config import Config

    config = Config(keys={"exercises": "f3", "back-to-runs": "b"})
    app = make_app(history=seeded, show_history=True, config=config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, HistoryScreen)  # ctrl+t is f3 now
        await pilot.press("f3")
        assert isinstance(app.screen, ExercisesScreen)
        await pilot.press("b")
        assert isinstance(app.screen, HistoryScreen)
        assert not app._notifications
