"""What a second of the player redraws, and when the footer is rebuilt: the player's idle
CPU is mostly Textual drawing widgets (benchmarks/bench.py measures the CPU itself)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from tests.ui.helpers import advance, make_app, practice, screen_text, text
from workout_tui.core.library import load_routine
from workout_tui.core.moment import moment_of
from workout_tui.ui.player import PlayerScreen

T = TypeVar("T")


def _counting(function: Callable[..., T], calls: Counter[str]) -> Callable[..., T]:
    def counted(*args: object) -> T:
        calls["calls"] += 1
        return function(*args)

    return counted


async def test_a_second_of_the_player_redraws_the_clock_not_the_step_or_its_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: Counter[str] = Counter()
    render_lines = Widget.render_lines

    def counted(widget: Widget, crop: object) -> object:
        drawn[widget.id or type(widget).__name__] += 1
        return render_lines(widget, crop)  # type: ignore[arg-type]

    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 6)  # the left side of a timed hold, its notes on screen
        await pilot.pause()
        monkeypatch.setattr(Widget, "render_lines", counted)
        for _ in range(3):
            await advance(pilot, 1, tick=1)
            await pilot.pause()
    # Before the clock moved out of the step's column, every widget was drawn each second.
    kept = {"notes", "next", "logged", "exercise", "side", "detail", "hint", "topbar", "phase"}
    assert kept.isdisjoint(drawn), drawn
    assert drawn["clock"] >= 3, drawn  # the clock, and the session's line under it


async def test_the_footer_is_rebuilt_only_when_the_keys_it_shows_change(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 6)
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        # Textual tells the footer on each focus move and refresh_bindings; nothing changed.
        for _ in range(3):
            app.screen.refresh_bindings()
            await pilot.pause()
        assert list(app.screen.query(FooterKey)) == keys  # the same widgets, not rebuilt
        await pilot.press("space")  # pause: space now resumes
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert list(app.screen.query(FooterKey)) != keys
        assert "space Resume" in screen_text(pilot).splitlines()[-1]


async def test_a_tick_moves_only_the_clocks_and_a_lead_ins_end_redraws_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tick with no event works out the clock and the bar, not the whole screen (that
    was a third of the player's own work each second); the ticks of a lead-in, and its
    end, draw the rest as they change it."""
    path = tmp_path / "quiet.yaml"
    path.write_text("name: Quiet\ndefaults: {prepare: 2s}\nexercises: [{name: Plank, hold: 60s}]\n")
    moments = Counter[str]()
    monkeypatch.setattr("workout_tui.ui.player.moment_of", _counting(moment_of, moments))
    app = make_app(start=load_routine(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 4, tick=1)  # into the hold
        moments.clear()
        await advance(pilot, 3, tick=1)
        assert moments["calls"] == 0
        assert text(pilot, "#clock") == "0:55"
        assert "0:07 done" in screen_text(pilot)
        await pilot.press("space", "space")  # pause, resume: a 3 s lead-in
        await advance(pilot, 1, tick=1)
        assert "GET SET" in screen_text(pilot)
        await advance(pilot, 3, tick=1)  # the lead-in ends
        assert "GET SET" not in screen_text(pilot) and "WORK" in screen_text(pilot)
        assert text(pilot, "#clock") == "0:54"
