"""An exercise's own picture (`image:`) in the player: in the figure's place, decoded in a
thread, hidden and shown with `i`; one that cannot be drawn is said once and the figure
stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from textual.pilot import Pilot

from tests.ui.helpers import advance, drawn, make_app, notices, screen_text
from workout_tui.core.library import load_routine
from workout_tui.ui import picture_view
from workout_tui.ui.picture_view import PictureView


def routine(tmp_path: Path, image: str) -> Path:
    """A couch stretch (which has a figure) with `image:`, and a picture beside it."""
    Image.new("RGB", (200, 100), (200, 30, 40)).save(tmp_path / "stretch.png")
    path = tmp_path / "stretch.yaml"
    path.write_text(
        "name: Stretch\ndefaults: {prepare: 5s}\nexercises:\n"
        f"  - {{name: Couch stretch, hold: 20s, sides: [left, right], image: {image}}}\n"
    )
    return path


async def shown(pilot: Pilot[None]) -> PictureView:
    """The picture view, once its picture was decoded (in a thread) and put on screen."""
    view = pilot.app.screen.query_one(PictureView)
    for _ in range(500):
        await pilot.pause(0.01)
        if not view._decoding:
            break
    await pilot.pause()
    return view


def picture_cells(pilot: Pilot[None]) -> int:
    """How many cells of the picture's room are drawn (with no terminal, textual-image
    draws in shades: ░▒▓█)."""
    region = pilot.app.screen.query_one(PictureView).region
    rows = screen_text(pilot).splitlines()[region.y : region.bottom]
    return sum(len(row[region.x : region.right].strip()) for row in rows)


@pytest.fixture
def prepared() -> None:
    picture_view.prepare()  # as a launch does (no terminal here: textual-image asks none)
    assert picture_view._state["ready"] == ""


@pytest.mark.usefixtures("prepared")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_picture_takes_the_figures_place(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(start=load_routine(routine(tmp_path, "stretch.png")))
    async with app.run_test(size=size) as pilot:
        await advance(pilot, 6)
        view = await shown(pilot)
        assert view.display and view.region.area > 0
        assert pilot.app.screen.has_class("-picture")
        assert drawn(pilot) == []  # the figure makes way
        assert picture_cells(pilot) > 100
        text = screen_text(pilot)
        assert "LEFT SIDE" in text and "done ·" in text  # the side and the times stay


@pytest.mark.usefixtures("prepared")
async def test_i_hides_the_picture_as_it_hides_the_figure(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = make_app(start=load_routine(routine(tmp_path, "stretch.png")), config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await advance(pilot, 6)
        await shown(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert picture_cells(pilot) == 0 and drawn(pilot) == []
        assert not pilot.app.screen.has_class("-picture")
        await pilot.press("i")
        await pilot.pause()
        assert picture_cells(pilot) > 100


@pytest.mark.usefixtures("prepared")
async def test_a_missing_picture_is_said_once_and_the_figure_stays(tmp_path: Path) -> None:
    app = make_app(start=load_routine(routine(tmp_path, "nothere.png")))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await advance(pilot, 6)
        await shown(pilot)
        await pilot.press("n", "n")  # the right side: the same picture, not said again
        await shown(pilot)
        said = notices(pilot.app)
        assert said.count(f"No picture: {tmp_path / 'nothere.png'} not found") == 1
        assert drawn(pilot) and picture_cells(pilot) == 0


@pytest.mark.usefixtures("prepared")
async def test_a_pictures_name_is_shown_as_text_never_as_markup_or_control(
    tmp_path: Path,
) -> None:
    app = make_app(start=load_routine(routine(tmp_path, '"\\e]0;x\\a[b][/]x.png"')))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await advance(pilot, 6)
        await shown(pilot)
        assert f"No picture: {tmp_path}/\u241b]0;x\u2407[b][/]x.png not found" in notices(pilot.app)
        assert "\x1b" not in screen_text(pilot)


async def test_without_asking_the_terminal_first_the_figure_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture added once the app runs: the terminal can no longer be asked what it draws."""
    monkeypatch.setitem(picture_view._state, "ready", picture_view.NOT_ASKED)
    app = make_app(start=load_routine(routine(tmp_path, "stretch.png")))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await advance(pilot, 6)
        await shown(pilot)
        assert "pictures show from the next start" in notices(pilot.app)
        assert drawn(pilot) and picture_cells(pilot) == 0
