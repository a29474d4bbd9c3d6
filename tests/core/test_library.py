"""The library: every routine found, a user's copy used in place of the bundled one."""

from __future__ import annotations

from pathlib import Path

from workout_tui.core.library import discover

BUNDLED = Path(__file__).resolve().parents[2] / "sessions"


def test_a_users_copy_replaces_the_bundled_routine_of_that_slug(tmp_path: Path) -> None:
    text = "name: My desk break\nexercises: [{name: A, hold: 5s}]\n"
    (tmp_path / "desk-break.yaml").write_text(text)
    routines = discover([(tmp_path, "user"), (BUNDLED, "bundled")])
    slugs = [r.slug for r in routines]
    assert slugs.count("desk-break") == 1 and len(slugs) == 4
    mine = routines[0]
    assert mine.title == "My desk break" and mine.origin == "user, replaces bundled"
    assert mine.shadows is not None and mine.shadows.path == BUNDLED / "desk-break.yaml"
    assert all(r.origin == "bundled" for r in routines[1:])


def test_a_broken_copy_still_replaces_it_and_keeps_its_problems(tmp_path: Path) -> None:
    (tmp_path / "desk-break.yaml").write_text("name: [\n")
    mine = discover([(tmp_path, "user"), (BUNDLED, "bundled")])[0]
    assert mine.plan is None and mine.problems and mine.title == "desk-break"
    assert mine.origin == "user, replaces bundled"


def test_the_outline_says_a_rep_range_as_written(tmp_path: Path) -> None:
    path = tmp_path / "squat.yaml"
    path.write_text("name: S\nexercises: [{name: Goblet squat, sets: 3, reps: 8-12, load: 12 kg}]")
    (routine,) = discover([(tmp_path, "user")])
    assert routine.summary is not None
    assert routine.summary.outline == ("• Goblet squat: 3 × 8-12 reps @ 12 kg",)
