"""Keys keep their meaning when the config remaps others, and hints name the keys as bound."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.hostile.test_user_text import no_control
from tests.ui.helpers import advance, bundled, make_app, notices, practice, screen_text, text
from workout_tui.core.config import Config
from workout_tui.core.engine import EngineState
from workout_tui.ui.help import HelpScreen
from workout_tui.ui.keys import build_keymap
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.summary import SummaryScreen


async def test_remapping_pause_keeps_space_for_done_and_resume(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path), config=Config(keys={"pause": "space,k"}))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        await pilot.press("k")
        assert screen.engine.state is EngineState.PAUSED
        assert text(pilot, "#phase") == "PAUSED · space to resume"
        await pilot.press("space")  # resume, as before the remapping
        assert screen.engine.resume_in() is not None
        await advance(pilot, 3 + 5 + 20 + 5 + 20 + 10)  # 3-2-1, then to the first rep set
        assert text(pilot, "#hint") == "8 reps · press space when done"
        await pilot.press("space")  # done, as before the remapping
        assert text(pilot, "#phase") == "REST"
        assert screen.run.record.last_logged_set() is not None


async def test_hints_name_the_keys_as_bound(tmp_path: Path) -> None:
    keys = {"pause": "k", "resume": "r", "done": "d"}
    app = make_app(start=practice(tmp_path), config=Config(keys=keys))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("k")
        assert text(pilot, "#phase") == "PAUSED · r to resume"
        await pilot.press("r")
        await advance(pilot, 3 + 5 + 20 + 5 + 20 + 10)
        assert text(pilot, "#hint") == "8 reps · press d when done"
        await pilot.press("d")
        assert text(pilot, "#phase") == "REST"


async def test_two_bindings_on_one_key_are_reported_and_neither_loses_it(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path), config=Config(keys={"skip": "space"}))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert '[keys] skip = "space": space is already the key of done' in notices(app)
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        await pilot.press("space")
        assert screen.engine.state is EngineState.PAUSED  # space still pauses
        await pilot.press("n")  # n still skips
        assert screen.engine.index == 1


async def test_typing_on_the_list_at_human_speed_filters_from_the_first_key() -> None:
    app = make_app(routines=bundled())
    async with app.run_test(size=(100, 30)) as pilot:
        for letter in "desk":
            await pilot.press(letter)
            await pilot.pause(0.15)  # a person types about this fast
        assert app.screen.query_one("#filter", Input).value == "desk"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen | SummaryScreen)
        assert app.screen.routine.slug == "desk-break"


def test_the_keymap_names_what_shares_a_key_but_never_an_id_with_other_keys_elsewhere() -> None:
    keymap, problems = build_keymap({"stop": "q", "pause": "space,k"})
    # resume and done keep space; back is not named: it is escape on the history screen
    # and p on the player, and naming it would give one screen's keys to the other.
    assert problems == []
    assert keymap == {"stop": "q", "pause": "space,k", "resume": "space", "done": "space"}


@pytest.mark.parametrize(
    "key", ["[/]", "[b]", "\x1b]0;x\x07", "x" * 10_000], ids=["close-tag", "bold", "osc", "10k"]
)
async def test_a_key_that_is_no_key_name_is_refused_and_shown_literally(
    tmp_path: Path, key: str
) -> None:
    # Before, Textual took any string: the footer printed "\x1b]0;x" to the terminal as is,
    # and 10,000 x's pushed the help's lines off screen.
    app = make_app(start=practice(tmp_path), config=Config(keys={"done": key, "skip": key}))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "is not a key (like s, space" in notices(app) and no_control(screen_text(pilot))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(pilot)
        assert "n / →    Skip to the next step" in shown and no_control(shown)
        await pilot.press("escape")
        await pilot.press("n")  # skip keeps its own keys
        assert text(pilot, "#phase") == "WORK"


async def test_the_break_screens_keys_can_be_remapped_and_its_prompt_names_them() -> None:
    from tests.conftest import FakeClock
    from workout_tui.core.config import Breaks
    from workout_tui.ui.breaks import BreakScreen
    from workout_tui.ui.settings import BreakSetup

    desk = next(r for r in bundled() if r.slug == "desk-break")
    keys = {"snooze": "z", "skip-break": "k", "take-break": "t"}
    wall = FakeClock(0.0)
    app = make_app(breaks=BreakSetup(Breaks(every=10), desk), wall=wall, config=Config(keys=keys))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        wall.advance(10)
        screen.tick()
        await pilot.pause()
        prompt = "t starts the break · z snoozes it 5 min · k skips it"
        assert text(pilot, "#break-prompt") == prompt
        await pilot.press("s", "x")  # no longer bound here
        assert (screen.timer.snoozed, screen.timer.skipped) == (0, 0)
        await pilot.press("z")
        assert screen.timer.snoozed == 1


async def test_keys_no_terminal_can_press_are_located_errors_and_stop_keeps_its_keys(
    tmp_path: Path,
) -> None:
    from workout_tui.core.config import load_config
    from workout_tui.ui.dialogs import Confirm

    path = tmp_path / "config.toml"
    path.write_text(
        'mute = true\n\n[keys]\nstop = "qq"\nskip = "ctrl+shift+banana"\n'
        'help = ""\nhistory = "h"\npause = "ctrl+p"\n'
    )
    config, problems = load_config(path)
    assert problems == []  # the file is fine as TOML: the keys are checked against Textual's
    app = make_app(start=practice(tmp_path), config=config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wanted = [
            f'{path}:4: [keys] stop = "qq": "qq" is not a key (like s, space, f5 or ctrl+k);'
            " it keeps q,escape.",
            f'{path}:5: [keys] skip = "ctrl+shift+banana": "ctrl+shift+banana" is not a key'
            " (like s, space, f5 or ctrl+k); it keeps n,right.",
            f'{path}:6: [keys] help = "": no key is given; it keeps question_mark.',
            "2 more: `workout-tui validate` lists all.",  # the notice fits 24 rows
        ]
        said = notices(app).splitlines()
        assert len(said) == 4 and all(map(shown, said, wanted)), said
        footer = screen_text(pilot).splitlines()[-1]
        assert "n Skip" in footer and "q Stop" in footer and "🍌" not in footer
        await pilot.press("n")  # skip kept its key
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)  # and help its
        await pilot.press("escape", "q")
        assert isinstance(app.screen, Confirm)  # and q still stops


def shown(line: str, wanted: str) -> bool:
    """Whether a notice's line is `wanted`, or `wanted` cut short (a long path makes it so)."""
    return line == wanted or (line.endswith("…") and wanted.startswith(line[:-1]))


async def test_a_pause_key_of_its_own_shows_and_pauses_in_a_rep_set(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path), config=Config(keys={"pause": "space,k"}))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        await advance(pilot, 5 + 20 + 5 + 20 + 10)  # to the first rep set
        assert text(pilot, "#hint") == "8 reps · press space when done"
        footer = screen_text(pilot).splitlines()[-1]
        assert "space Done" in footer and "k Pause" in footer, footer
        await pilot.press("k")
        assert screen.engine.state is EngineState.PAUSED
        await pilot.press("space")  # resume
        await advance(pilot, 3)
        await pilot.press("space")  # and space is done again
        assert screen.run.record.last_logged_set() is not None
