"""The figure beside the notes: it moves in a rep set and stands in a hold, faces the side
being worked, hides and shows with `i` (kept in the config), and leaves a narrow screen."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import advance, drawn, make_app, practice, screen_text
from workout_tui.core.config import load_config
from workout_tui.core.library import load_routine
from workout_tui.core.plan import StepKind
from workout_tui.ui.figure_view import FigureView
from workout_tui.ui.player import PlayerScreen


def middle(rows: list[str]) -> float:
    """Where across its room the figure stands: the mean column of its drawn cells."""
    columns = [x for row in rows for x, cell in enumerate(row) if cell.strip()]
    return sum(columns) / len(columns)


async def test_a_rep_set_moves_the_figure_and_a_hold_keeps_it_still(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await advance(pilot, 6)  # the couch stretch, left side: a hold
        still = [drawn(pilot)]
        for _ in range(2):
            await advance(pilot, 1)
            still.append(drawn(pilot))
        assert still[0] and still[0] == still[1] == still[2]
        screen = pilot.app.screen
        assert isinstance(screen, PlayerScreen)
        while screen.engine.step.kind is not StepKind.WORK_REPS:
            await pilot.press("n")
        await pilot.pause()
        moving = [drawn(pilot)]
        for _ in range(3):
            await advance(pilot, 1)
            moving.append(drawn(pilot))
        assert moving[0] and all(a != b for a, b in zip(moving, moving[1:], strict=False))


async def test_the_left_side_faces_the_other_way(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await advance(pilot, 6)
        assert "LEFT SIDE" in screen_text(pilot)
        left = drawn(pilot)
        await pilot.press("n", "n")  # past the switch, to the right side
        await pilot.pause()
        assert "RIGHT SIDE" in screen_text(pilot)
        right = drawn(pilot)
        width = pilot.app.screen.query_one(FigureView).content_size.width
        assert left != right
        # Mirror images: one stands where the other would in a mirror (to a cell or so).
        assert abs(middle(left) + middle(right) - (width - 1)) < 1.5, (left, right)


async def test_i_hides_and_shows_the_figure_and_keeps_the_choice(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n')
    app = make_app(start=practice(tmp_path), config_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 6)
        assert drawn(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert drawn(pilot) == [] and "LEFT SIDE" in screen_text(pilot)
        assert load_config(config)[0].figures is False  # kept for the next launch
        assert 'theme = "nord"' in config.read_text()  # the rest as written
        await pilot.press("i")
        await pilot.pause()
        assert drawn(pilot) and load_config(config)[0].figures is True


async def test_a_narrow_or_short_screen_keeps_the_clock_and_side_not_the_figure(
    tmp_path: Path,
) -> None:
    for size in ((60, 30), (100, 18)):
        app = make_app(start=practice(tmp_path))
        async with app.run_test(size=size) as pilot:
            await advance(pilot, 6)
            assert drawn(pilot) == [], size
            assert "LEFT SIDE" in screen_text(pilot), size


async def test_an_exercise_with_no_figure_shows_its_notes_alone(tmp_path: Path) -> None:
    path = tmp_path / "plank.yaml"
    path.write_text("name: P\nexercises: [{name: Plank, hold: 30s, notes: Hips level.}]\n")
    app = make_app(start=load_routine(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 12)
        view = pilot.app.screen.query_one(FigureView)
        assert view.figure is None and not view.display and drawn(pilot) == []
        assert "Hips level." in screen_text(pilot)
