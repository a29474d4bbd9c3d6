"""Stick figures: the bundled ones load and move, a bad file is refused with where and why,
and braille draws what it is given."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from workout_tui.core import locations
from workout_tui.core.figures import (
    FigureError,
    Pose,
    braille,
    bundled_figures,
    figure_for,
    find_figure,
    load_figure,
    mirrored,
    segments,
)
from workout_tui.core.library import discover, load_routine
from workout_tui.core.model import Block, Exercise, Mode

SQUAT = locations.figures_dir() / "bodyweight-squat.yaml"


def test_every_bundled_figure_loads_and_a_rep_moves_there_and_back() -> None:
    figures = bundled_figures()
    assert {"bodyweight-squat", "glute-bridge-hold"} <= set(figures)
    squat = figures["bodyweight-squat"]
    down, bottom, up = squat.tempo
    assert squat.moves and squat.pose_at(0) == squat.positions["start"]
    assert squat.pose_at(down) == squat.positions["end"]  # eased: exactly there at the bottom
    hip = [squat.pose_at(t / 4).joints["hip"][1] for t in range(int((down + bottom + up) * 4))]
    assert hip.index(min(hip)) == int(down * 4)  # lowest at the bottom of the rep
    assert squat.pose_at(down + bottom + up) == squat.pose_at(0)  # the next rep starts again
    bridge = figures["glute-bridge-hold"]
    assert not bridge.moves and bridge.pose_at(7.3) == bridge.positions["start"]


def test_every_exercise_of_the_bundled_routines_has_its_figure() -> None:
    figures = bundled_figures()
    names = set()
    for found in discover([(locations.bundled_sessions_dir(), "bundled")]):
        routine = found.loaded()
        assert routine.plan is not None
        for item in routine.plan.session.items:
            exercises = item.exercises if isinstance(item, Block) else (item,)
            names |= {e.figure_name for e in exercises}
            still = [
                e.name
                for e in exercises
                if e.mode is Mode.REPS and not figures[e.figure_name].moves
            ]
            assert still == [], f"a rep set whose figure never moves: {still}"
    assert len(names) == 13 and names <= set(figures), sorted(names - set(figures))


def test_braille_draws_the_lines_it_is_given_in_the_room_it_has() -> None:
    assert braille([], 3, 2) == ["\u2800" * 3] * 2
    floor = braille([((0, 0), (100, 0))], 10, 5)
    assert floor[:-1] == ["\u2800" * 10] * 4
    assert all(cell != "\u2800" for cell in floor[-1][1:-1])  # the bottom row, end to end
    wall = braille([((50, 0), (50, 100))], 10, 5)
    assert all(row[5] != "\u2800" or row[4] != "\u2800" for row in wall)  # top to bottom
    # A line out of the box is clipped, never an error; any size of room draws.
    assert braille([((-50, -50), (150, 150))], 1, 1)[0] != "\u2800"
    assert all(len(row) == 40 for row in braille(segments(bundled_pose()), 40, 20))


def bundled_pose() -> Pose:
    return bundled_figures()["bodyweight-squat"].positions["end"]


def test_the_left_side_faces_the_other_way() -> None:
    pose = bundled_pose()
    flipped = mirrored(pose)
    assert flipped.joints["knee"] == (100 - pose.joints["knee"][0], pose.joints["knee"][1])
    assert mirrored(flipped) == pose


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t.replace("    hip: [48, 52]\n", ""), "positions.start: no hip"),
        (lambda t: t.replace("knee: [50, 27]", "kneee: [50, 27]"), "did you mean `knee`?"),
        (lambda t: t.replace("knee: [50, 27]", "knee: [50, 27]\n    tail: [1, 1]"), "`tail`"),
        (lambda t: t.replace("knee: [50, 27]", "knee: [50, 270]"), "positions.start.knee"),
        (lambda t: t.replace("knee: [50, 27]", "knee: [true, 5]"), "positions.start.knee"),
        (lambda t: t.replace("tempo: 2-0-2", "tempo: slow"), "tempo 'slow'"),
        (lambda t: t.replace("  end:", "  middle:"), "positions are `start`"),
        (lambda t: t.replace("lines: [[[5, 1], [95, 1]]]\n  end", "lines: []\n  end"), "props"),
        (lambda t: "positions: !!python/object/apply:os.system [echo]\n", ":1:12: tag !!python"),
        (lambda t: t.replace("lines: [[[5, 1], [95, 1]]]", "lines: [3]"), "lines are"),
        (lambda t: "[1, 2]\n", "expected `positions:`"),
        # A ring's drawing takes time in step with its radius; nan and inf draw no dots.
        (
            lambda t: t.replace(
                "lines: [[[5, 1], [95, 1]]]\n  end", "circles: [[5, 5, 1e9]]\n  end"
            ),
            "radius",
        ),
        (
            lambda t: t.replace(
                "lines: [[[5, 1], [95, 1]]]\n  end", "circles: [[5, 5, .nan]]\n  end"
            ),
            "radius",
        ),
        (
            lambda t: t.replace(
                "lines: [[[5, 1], [95, 1]]]\n  end", "circles: [[5, 5, -3]]\n  end"
            ),
            "radius",
        ),
        (lambda t: t.replace("tempo: 2-0-2", "tempo: nan-0-1"), "tempo 'nan-0-1'"),
    ],
)
def test_a_bad_figure_is_refused_with_where_and_why(
    tmp_path: Path, change: object, says: str
) -> None:
    path = tmp_path / "bodyweight-squat.yaml"
    path.write_text(change(SQUAT.read_text()))  # type: ignore[operator]
    with pytest.raises(FigureError, match=None) as raised:
        load_figure(path)
    assert str(raised.value).startswith("bodyweight-squat.yaml") and says in str(raised.value)


def test_a_fifo_or_a_folder_in_a_figures_place_is_said_so_not_passed_over(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    own = locations.user_figures_dir()
    own.mkdir(parents=True)
    os.mkfifo(own / "my-squat.yaml")  # nobody writes: read as a file, it would hang
    (own / "my-plank.yaml").mkdir()
    with pytest.raises(FigureError, match="my-squat.yaml:1:1: is not a regular file"):
        find_figure("my-squat")
    with pytest.raises(FigureError, match="my-plank.yaml:1:1: is a directory, not a figure file"):
        find_figure("my-plank")


def test_a_routine_names_its_figure_and_tempo_or_is_drawn_with_the_one_named_like_it(
    home: Path, monkeypatch: pytest.MonkeyPatch, write_routine: Callable[..., Path]
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    own = locations.user_figures_dir()
    own.mkdir(parents=True)
    # The person's own figure, and one of theirs that shadows a bundled one.
    (own / "my-plank.yaml").write_text(SQUAT.read_text().split("  end:")[0])
    (own / "couch-stretch.yaml").write_text(SQUAT.read_text())
    path = write_routine(
        """
        name: Mine
        exercises:
          - {name: Goblet squat, reps: 8, tempo: 3-1-1}
          - {name: Plank, hold: 30s, figure: my-plank}
          - {name: Couch stretch, hold: 30s}
          - {name: Burpee, reps: 5}
        """
    )
    routine = load_routine(path)
    assert routine.plan is not None, routine.problems
    squat, plank, couch, burpee = routine.plan.session.items
    assert isinstance(squat, Exercise) and isinstance(plank, Exercise)
    assert isinstance(couch, Exercise) and isinstance(burpee, Exercise)
    drawn = figure_for(squat)
    assert drawn is not None and drawn.name == "goblet-squat" and drawn.tempo == (3, 1, 1)
    mine = figure_for(plank)
    assert mine is not None and mine.name == "my-plank" and not mine.moves
    assert figure_for(couch) == load_figure(own / "couch-stretch.yaml")
    assert figure_for(burpee) is None  # no figure: the notes alone
    assert routine.summary is not None and routine.summary.figure == "goblet-squat"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("figure: [a]", "5:13: expected some text here"),
        ("figure: bodyweight-squats", "5:13: no figure called `bodyweight-squats`; did you mean"),
        ("figure: broken", "5:13: figure `broken` cannot be drawn: broken.yaml: expected"),
        ("tempo: 11-0-2", "5:12: tempo '11-0-2' is not seconds down-held-up like 2-0-2"),
        ("tempo: 0-0-0", "5:12: tempo '0-0-0' is not"),
        ("tempo: 2", "5:12: tempo 2 is not"),
        ("tempo: nan-0-1", "5:12: tempo 'nan-0-1' is not"),
        pytest.param(
            f"figure: {'a' * 10_000}", f"5:13: no figure called `{'a' * 59}…`; known: ", id="long"
        ),
    ],
)
def test_a_figure_or_tempo_that_cannot_be_used_is_a_located_problem(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_routine: Callable[..., Path],
    line: str,
    says: str,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    locations.user_figures_dir().mkdir(parents=True)
    (locations.user_figures_dir() / "broken.yaml").write_text("positions: 3\n")
    path = write_routine(f"name: x\nexercises:\n  - name: Squat\n    reps: 8\n    {line}\n")
    routine = load_routine(path)
    assert routine.plan is None
    (problem,) = routine.problems
    assert str(problem).startswith(f"{path}:{says}"), problem
