"""The routine list follows the files: read again on `r` or when the terminal regains focus,
a routine changed since it was listed is read as it is now, and `e`/`n` say why they
cannot open an editor when they cannot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from tests.ui.helpers import make_app, notices, screen_text, text
from tests.ui.test_home import listed
from workout_tui.core.config import Config
from workout_tui.core.library import discover
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.home import HomeScreen

PLANK = "name: {name}\nexercises: [{{name: Plank, hold: 30s}}]\n"


def library_app(folder: Path, **options: Any) -> WorkoutApp:
    """The app on the routines in `folder`, read again when it asks."""
    return make_app(routines=discover([(folder, "user")]), folders=[(folder, "user")], **options)


async def test_f5_reads_the_files_again_and_keeps_the_highlighted_routine(tmp_path: Path) -> None:
    for slug in ("b", "d"):
        (tmp_path / f"{slug}.yaml").write_text(PLANK.format(name=slug.upper() * 3))
    app = library_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        assert text(pilot, "#details-text").startswith("DDD")
        (tmp_path / "a.yaml").write_text(PLANK.format(name="AAA"))
        (tmp_path / "d.yaml").write_text(PLANK.format(name="DDD again"))
        await pilot.press("f5")
        assert listed(app) == ["AAA  (user)", "BBB  (user)", "DDD again  (user)"]
        assert text(pilot, "#details-text").startswith("DDD again")


async def test_the_list_is_read_again_when_the_terminal_regains_focus(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(PLANK.format(name="BBB"))
    app = library_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        (tmp_path / "c.yaml").write_text(PLANK.format(name="CCC"))
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert listed(app) == ["BBB  (user)", "CCC  (user)"]


async def test_a_routine_broken_since_it_was_listed_shows_its_problems_on_enter(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(PLANK.format(name="BBB"))
    app = library_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        path.write_text(PLANK.format(name="BBB").replace("30s", "lots"))
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert listed(app) == ["b.yaml  ⚠ cannot load"]
        assert f"{path}:2:33: 'lots' is not a duration" in text(pilot, "#details-text")


@pytest.mark.parametrize(
    ("editor", "said"),
    [
        ("no-such-editor-here", "cannot find the editor 'no-such-editor-here' (from $EDITOR)"),
        ("true", "cannot open an editor here"),
    ],  # headless: the app cannot hand over the terminal
)
async def test_ctrl_o_and_ctrl_n_say_why_no_editor_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str, said: str
) -> None:
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "b.yaml").write_text(PLANK.format(name="BBB"))
    app = library_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for key in ("ctrl+o", "ctrl+n"):
            await pilot.press(key)
            assert said in notices(app)
            app.clear_notifications()
    assert (tmp_path / "b.yaml").read_text() == PLANK.format(name="BBB")
    mine = tmp_path / "config" / "workout-tui" / "sessions"
    assert not mine.exists() or list(mine.iterdir()) == []  # `n` left no routine behind


async def test_a_long_hostile_name_is_cut_in_the_list_and_shown_whole_beside_it(
    tmp_path: Path,
) -> None:
    name = "[b]Dawn[/] \x1b]0;x\x07" + "z" * 10_000
    quoted = name.replace("\x1b", "\\e").replace("\x07", "\\a")
    (tmp_path / "b.yaml").write_text(PLANK.format(name=f'"{quoted}"'))
    app = library_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(pilot)
        assert "│ [b]Dawn[/] ␛]0;x␇zzzzzzzzzzzzzzzzzzzzzzz… │" in shown  # BEL too: not dropped
        assert "│  ␛]0;x␇zzzz" in shown  # beside it, wrapped in full
        assert "\x1b" not in shown and "\x07" not in shown
        assert text(pilot, "#details-text").count("z") == 10_000


async def test_the_listed_routines_are_kept_out_of_full_collections(tmp_path: Path) -> None:
    """A full collection over thousands of routines' objects took 50-100 ms, and it came in
    the middle of a keystroke (the filter's 90th percentile was 81 ms; 41 ms frozen)."""
    import gc

    (tmp_path / "b.yaml").write_text(PLANK.format(name="BBB"))
    gc.unfreeze()  # another test's app may have frozen objects in this process
    assert gc.get_freeze_count() == 0
    app = library_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home._index is not None
        frozen = gc.get_freeze_count()
        assert frozen > len(home._index)
    gc.unfreeze()


async def test_new_edit_and_reload_keys_can_be_remapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "b.yaml").write_text(PLANK.format(name="BBB"))
    app = library_app(tmp_path, config=Config(keys={"new": "f2", "edit": "f4", "reload": "f6"}))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for key in ("f2", "f4"):
            await pilot.press(key)
            assert "cannot find the editor" in notices(app)
            app.clear_notifications()
        (tmp_path / "c.yaml").write_text(PLANK.format(name="CCC"))
        await pilot.press("f6")
        assert "Read the routine files again: 2 routines." in notices(app)
        await pilot.press("n", "e")  # no longer keys here: they start the filter
        assert app.screen.query_one("#filter", Input).value == "ne"


async def test_ctrl_o_on_a_bundled_routine_left_unchanged_leaves_no_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.helpers import bundled

    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app(routines=bundled())
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("ctrl+o")  # on Desk break: copied to be edited, then not edited
        assert "cannot open an editor here" in notices(app)
    mine = tmp_path / "config" / "workout-tui" / "sessions"
    assert not mine.exists() or list(mine.iterdir()) == []
