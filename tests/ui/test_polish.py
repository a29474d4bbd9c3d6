"""What a person meets around the player: help, dialogs that pause the clock, notices,
a theme that is kept, a preview that says so."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import FakeClock
from tests.ui.helpers import advance, bundled, make_app, practice, screen_text, text
from tests.ui.test_history import record
from workout_tui.core.config import Breaks, Config, load_config
from workout_tui.core.log.store import HistoryStore
from workout_tui.ui.bindings import REGISTRY, WITH_HELP, ScreenName, bindings
from workout_tui.ui.dialogs import Confirm, LogSet, ResumeRun
from workout_tui.ui.help import HelpScreen
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.settings import BreakSetup
from workout_tui.ui.summary import SummaryScreen


async def test_question_mark_lists_the_screens_keys_with_remapped_ones_as_remapped(
    tmp_path: Path,
) -> None:
    app = make_app(start=practice(tmp_path), config=Config(keys={"skip": "s"}))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(pilot)
        assert "s        Skip to the next step" in lines  # remapped: n and right are gone
        assert "+ / =    Add 15 seconds" in lines  # in the help though not in the footer
        assert "q / esc  Stop the session (asks first)" in lines
        await pilot.press("escape")
        assert isinstance(app.screen, PlayerScreen)


async def help_is_whole(pilot: Pilot[None], name: str) -> str:
    """Press ? on the screen showing, registered as `name`: every key of it is listed, and
    escape comes back to it. Returns `name`."""
    screen, name = pilot.app.screen, ScreenName(name)
    assert bindings(name) == type(screen).BINDINGS, f"{type(screen).__name__} is not {name}"
    await pilot.press("question_mark")
    assert isinstance(pilot.app.screen, HelpScreen), name
    shown = screen_text(pilot)
    assert f"Keys: {type(screen).HELP_TITLE}" in shown, name  # type: ignore[attr-defined]
    missing = [b.tooltip for b in REGISTRY[name] if b.tooltip not in shown]
    assert not missing, (name, missing, shown)
    await pilot.press("escape")
    assert pilot.app.screen is screen, name
    return name


async def test_every_screen_has_help(tmp_path: Path) -> None:
    seen = set()
    store = HistoryStore(tmp_path / "history.sqlite3")
    record(store, bundled()[0], upto=4, status="stopped")
    async with make_app(history=store).run_test(size=(100, 40)) as pilot:
        seen.add(await help_is_whole(pilot, "home"))
        for key, name in [
            ("ctrl+r", "history"),
            ("enter", "run-detail"),
            ("escape", "history"),
            ("ctrl+k", "insight"),
            ("escape", "history"),
            ("ctrl+t", "exercises"),
            ("enter", "exercise"),
        ]:
            await pilot.press(key)
            seen.add(await help_is_whole(pilot, name))
    async with make_app(start=practice(tmp_path)).run_test(size=(100, 40)) as pilot:
        seen.add(await help_is_whole(pilot, "player"))
        while isinstance(pilot.app.screen, PlayerScreen):
            await pilot.press("n")
        seen.add(await help_is_whole(pilot, "summary"))
    setup = BreakSetup(Breaks(), practice(tmp_path), "")
    async with make_app(breaks=setup, wall=FakeClock(0.0)).run_test(size=(100, 40)) as pilot:
        seen.add(await help_is_whole(pilot, "breaks"))
    assert seen == WITH_HELP


async def test_the_clock_stops_while_the_stop_dialog_is_open(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 8)  # 3 s into the left side: 0:17 left
        await pilot.press("q")
        assert isinstance(app.screen, Confirm)
        await advance(pilot, 30)  # reading the question does not use up the hold
        await pilot.press("n")
        assert text(pilot, "#phase") == "GET SET" and text(pilot, "#clock") == "3"
        await advance(pilot, 3)
        assert text(pilot, "#phase") == "WORK" and text(pilot, "#clock") == "0:17"


async def test_ctrl_q_in_a_run_asks_first_as_q_does(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, Confirm)  # "Stop this session?"
        await pilot.press("n")
        assert isinstance(app.screen, PlayerScreen)
        await pilot.press("ctrl+q", "y")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+q")  # nothing left to lose: it quits
    assert app.return_code == 0


async def test_e_before_any_set_is_logged_says_why_nothing_opens(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("e")
        assert not isinstance(app.screen, LogSet)
        assert "No rep set logged yet: space ends a rep set" in screen_text(pilot)


async def test_a_previews_summary_says_it_was_a_preview(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path), speed=20)
    async with app.run_test(size=(100, 30)) as pilot:
        while isinstance(app.screen, PlayerScreen):
            await pilot.press("n")
        assert isinstance(app.screen, SummaryScreen)
        assert text(pilot, "#summary-title").endswith("(preview ×20, left out of the stats)")


async def test_several_config_problems_make_one_notice_that_fits(tmp_path: Path) -> None:
    keys = {"jump": "j", "skip": "space"}
    app = make_app(start=practice(tmp_path), config=Config(theme="nope", keys=keys))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        (notice,) = app._notifications
        assert "Unknown theme" in notice.message and "jump" in notice.message
        assert "already the key of" in notice.message


async def test_a_theme_picked_in_the_palette_is_kept_for_the_next_launch(tmp_path: Path) -> None:
    config_path = tmp_path / "config.toml"
    config_path.write_text('# mine\nmute = true\n\n[keys]\nskip = "s"\n')
    app = make_app(config=load_config(config_path)[0], config_path=config_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
    config, problems = load_config(config_path)
    assert problems == [] and (config.theme, config.mute, config.keys) == (
        "nord",
        True,
        {"skip": "s"},
    )
    assert config_path.read_text().startswith('theme = "nord"\n# mine\n')


async def test_the_resume_dialog_wraps_a_long_step_name_instead_of_cutting_it(
    tmp_path: Path,
) -> None:
    """A guard: the cut reported in the issue did not reproduce on Textual 8.2.8 (a Label
    wraps here, headless and in tmux), so this fails only if wrapping is lost."""
    store = HistoryStore(tmp_path / "history.sqlite3")
    routine = practice(tmp_path)
    record(store, routine, upto=7, status="interrupted")
    app = make_app(start=routine, history=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeRun)
        assert "8 reps?" in screen_text(pilot)  # the end of the question, wrapped onto its own line


async def test_a_launch_leaves_the_config_file_as_it_was(tmp_path: Path) -> None:
    config_path = tmp_path / "config.toml"
    config_path.write_text('theme = "nord"\n')
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('theme = "nope"\n')  # Textual keeps its default: not saved over it
    for path in (config_path, unknown):
        before = path.read_bytes()
        app = make_app(config=load_config(path)[0], config_path=path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
        assert path.read_bytes() == before


async def test_the_summary_keeps_its_columns_at_80_columns_whatever_the_names(
    tmp_path: Path,
) -> None:
    from workout_tui.core.library import load_routine

    path = tmp_path / "long.yaml"
    path.write_text(
        "name: Long\ndefaults: {prepare: 0s, rest: 0s}\nexercises:\n"
        f"  - {{name: {'Single-leg Romanian deadlift ' * 3}, reps: 11, load: 12 kg}}\n"
        "  - {name: Squat, reps: 11, load: 12 kg}\n"
    )
    app = make_app(start=load_routine(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space")  # both rep sets done
        assert isinstance(app.screen, SummaryScreen)
        rows = [line for line in screen_text(pilot).splitlines() if "11 reps @ 12 kg" in line]
    assert len(rows) == 2, rows  # planned and done on the step's first line, no load wrapped
    assert rows[0].index("11 reps") == rows[1].index("11 reps")  # in line
    assert rows[0].startswith("  Single-leg Romanian deadlift")  # the name wraps in its column


async def test_a_notice_in_the_player_leaves_the_time_left_in_view(tmp_path: Path) -> None:
    from textual.widgets._toast import Toast

    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("No audio device (card 7); cues will ring the terminal bell.", timeout=8)
        await pilot.pause(0.3)
        (toast,) = app.screen.query(Toast)
        clock = app.screen.query_one("#clock").region
        times = clock.bottom - 1  # the clock's last row: the bar, and the times at its end
        assert toast.region.bottom <= times, (toast.region, clock)
