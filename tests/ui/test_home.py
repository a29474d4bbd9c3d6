"""The home screen lists every routine, filters as you type, and starts one with Enter."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from textual.widgets import OptionList

from tests.ui.helpers import bundled, make_app, text
from workout_tui.core.library import load_routine
from workout_tui.ui.home import HomeScreen
from workout_tui.ui.player import PlayerScreen


def listed(app: object) -> list[str]:
    options = app.screen.query_one("#routines", OptionList)  # type: ignore[attr-defined]
    return [
        str(options.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(options.option_count)
    ]


async def test_home_lists_the_four_bundled_routines_with_details() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert listed(app) == [
            "Desk break",
            "Glute and hamstring strength",
            "Hip flexor and quad stretch",
            "Neck and mid-back relief, from the hips",
        ]
        details = text(pilot, "#details-text")
        assert (
            "Desk break" in details
            and "• Standing hip flexor stretch: 30s hold, each side" in details
        )
        await pilot.press("down", "down")
        assert "Half-kneeling hip flexor stretch: 2 × 45s hold, each side" in text(
            pilot, "#details-text"
        )


async def test_typing_filters_the_list_and_enter_starts_the_highlighted_routine() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"kettlebell")
        assert listed(app) == [
            "Glute and hamstring strength",
            "Neck and mid-back relief, from the hips",
        ]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.plan.session.name == "Neck and mid-back relief, from the hips"


async def test_a_filter_that_matches_nothing_says_so() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"zumba")
        assert listed(app) == []
        assert text(pilot, "#details-text") == "No routine matches that filter."
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)


async def test_a_broken_routine_is_listed_with_its_error_and_does_not_start(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: Broken\nexercises:\n  - {name: Plank, hodl: 30s}\n")
    app = make_app(routines=[load_routine(broken, "user"), *bundled()])
    async with app.run_test(size=(100, 30)) as pilot:
        assert listed(app)[0] == "broken.yaml  ⚠ cannot load"
        assert f"{broken}:3:19: unknown key `hodl`" in text(pilot, "#details-text")
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_r_opens_the_history_and_typing_filters_even_words_starting_with_h(
    tmp_path: Path,
) -> None:
    from workout_tui.core.log.store import HistoryStore
    from workout_tui.ui.history import HistoryScreen

    app = make_app(history=HistoryStore(tmp_path / "history.sqlite3"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(*"hip")
        assert listed(app) == [
            "Hip flexor and quad stretch",
            "Neck and mid-back relief, from the hips",
        ]
        await pilot.press("escape")
        assert len(listed(app)) == 4
        await pilot.press("ctrl+q")
    assert app.return_code == 0


def test_the_home_screen_loads_only_what_it_draws(tmp_path: Path) -> None:
    """Start-up stays quick: the player, dialogs, audio and history code load when first used."""
    script = textwrap.dedent(
        """
        import asyncio, sys
        from workout_tui.core import locations
        from workout_tui.core.workspace import Workspace
        from workout_tui.ui.app import WorkoutApp
        from workout_tui.ui.settings import Settings

        async def main():
            app = WorkoutApp(Settings(Workspace([(locations.bundled_sessions_dir(), "bundled")])))
            async with app.run_test() as pilot:
                await pilot.pause()
                print(app.screen.__class__.__name__, *sorted(sys.modules))

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    screen, *modules = result.stdout.split()
    assert screen == "HomeScreen"
    later = (
        "workout_tui.ui.player",
        "workout_tui.ui.dialogs",
        "workout_tui.ui.history",
        "workout_tui.ui.summary",
        "workout_tui.audio",
        "workout_tui.core.engine",
        "workout_tui.core.log.store",
        "simpleaudio",
        "sqlite3",
        "tomllib",
        "textual_image",  # asked for before the app runs, and only for a routine's picture
        "PIL",
    )
    assert [m for m in modules if m.startswith(later)] == []


async def test_any_word_typed_on_the_list_filters_and_runs_no_command() -> None:
    from textual.widgets import Input

    from workout_tui.ui.routine_text import search_text

    routines = bundled()
    plans = [r.plan for r in routines if r.plan is not None]
    names = [r.title for r in routines] + [
        s.exercise.name for p in plans for s in p.steps if s.exercise
    ]
    # Every name's first word, and words starting with each letter that was once a command.
    words = sorted({n.split()[0] for n in names} | {"quad", "hips", "neck", "easy", "reach", "x"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for word in words:
            for letter in word:  # a key at a time, each handled before the next
                await pilot.press(letter)
            assert isinstance(app.screen, HomeScreen), word
            assert app.screen.query_one("#filter", Input).value == word
            holding = [r.title for r in routines if word.lower() in search_text(r)]
            shown = [line.removesuffix("  (bundled)") for line in listed(app)]
            assert shown == holding, word
            await pilot.press("escape")  # clear: the next word starts afresh
