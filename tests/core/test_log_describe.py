"""The log in words: sets as people write them, planned beside done, and the totals."""

from __future__ import annotations

from dataclasses import replace

from tests.core.test_history import PLAN
from tests.log_helpers import entry
from workout_tui.core.log.describe import describe_sets, planned_text, result_text
from workout_tui.core.log.entries import StepRecord
from workout_tui.core.plan import Outcome

SQUAT = PLAN.steps[1]  # Goblet squat, 10 reps @ 12 kg
STRETCH = PLAN.steps[5]  # Couch stretch, left, 30 s


def sets(*pairs: tuple[int | None, float], load: str | None = "12 kg") -> list[StepRecord]:
    step = SQUAT if pairs[0][0] else STRETCH
    return [entry(step, seconds, reps=reps, load=load) for reps, seconds in pairs]


def test_sets_are_described_as_people_write_them() -> None:
    assert describe_sets(sets((10, 30), (10, 30), (10, 30))) == "3 × 10 @ 12 kg"
    assert describe_sets(sets((10, 30))) == "10 reps @ 12 kg"  # one set: no "1 ×"
    assert describe_sets(sets((10, 30), (8, 30))) == "10, 8 reps @ 12 kg"
    assert describe_sets(sets((None, 45), (None, 45))) == "2 × 45s @ 12 kg"
    assert describe_sets(sets((8, 30), (8, 30), load=None)) == "2 × 8"


def test_sets_at_different_loads_each_say_their_load() -> None:
    logged = [*sets((8, 30)), *sets((10, 30), load="14 kg"), *sets((6, 30), load=None)]
    assert describe_sets(logged) == "8 @ 12 kg, 10 @ 14 kg, 6"


def test_planned_and_done_read_side_by_side() -> None:
    squat = entry(SQUAT, 31.5, reps=12, load="14 kg")
    assert (planned_text(squat), result_text(squat)) == ("10 reps @ 12 kg", "12 reps @ 14 kg")
    stretch = entry(STRETCH, 30)
    assert (planned_text(stretch), result_text(stretch)) == ("0:30", "0:30")
    stopped = entry(STRETCH, 20.7, Outcome.PARTIAL)
    assert result_text(stopped) == "partial, 0:20"
    assert result_text(entry(SQUAT, 3, Outcome.SKIPPED)) == "skipped, 0:03"
    older = replace(squat, planned_reps=None, planned_load=None)  # logged before version 3
    assert planned_text(older) == "-"
