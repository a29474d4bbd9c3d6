"""Next targets from the history: double progression for rep sets, added time for holds,
and the routine format's new keys with their located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.log_helpers import entry
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Outcome, Plan
from workout_tui.core.problems import SessionFileError
from workout_tui.core.run import Run

PLAN = load_plan_text(
    "name: Legs\ndefaults: {prepare: 0, rest: 0}\nexercises:\n"
    "  - {name: Goblet squat, sets: 3, reps: 3-5, load: 14 kg, progress: 2 kg}\n"
    "  - {name: Side plank, hold: 30s, progress: 5s, up_to: 40s}\n"
)


def session(
    store: HistoryStore, plan: Plan, reps: list[int | None], load: str = "14 kg", hold: float = 30
) -> None:
    """A run of `plan`: goblet squat sets with `reps` (None: skipped), holds of `hold` s."""
    run_id = store.start_run(plan, "legs", "abc", 1)
    sets = iter(reps)
    for step in plan.steps:
        if step.exercise is None:
            continue
        if step.exercise.is_timed:
            store.record_step(run_id, entry(step, hold))
            continue
        done = next(sets)
        outcome = Outcome.DONE if done is not None else Outcome.SKIPPED
        store.record_step(run_id, entry(step, 20, outcome, reps=done, load=load))
    store.finish_run(run_id, "completed")


def today(store: HistoryStore) -> tuple[str, int, str | None, int, str, str]:
    run = Run(PLAN, FakeClock(), store)
    squat, plank = run.plan.steps[0], run.plan.steps[-1]
    assert squat.exercise is not None and plank.exercise is not None
    return (
        squat.exercise.name,
        squat.exercise.amount,
        squat.exercise.load,
        plank.seconds or 0,
        run.last_time(squat),
        run.last_time(plank),
    )


@pytest.mark.parametrize(
    ("reps", "hold", "squat", "plank"),
    [
        ([5, 5, 5], 30, (3, "16 kg", "last: 3 × 5 @ 14 kg → 16 kg"), (35, "last: 30s → 0:35")),
        ([5, 4, 5], 29.8, (5, "14 kg", "last: 5, 4, 5 reps @ 14 kg → 5 reps"), (35, None)),
        ([3, 3, 4], 20, (4, "14 kg", "last: 3, 3, 4 reps @ 14 kg → 4 reps"), (30, None)),
        ([5, 5, None], 30, (5, "14 kg", "last: 2 × 5 @ 14 kg → 5 reps"), (35, None)),
    ],
    ids=["every-set-at-the-top", "one-short", "one-more-rep", "a-set-skipped"],
)
def test_the_target_comes_from_the_last_session(
    tmp_path: Path,
    reps: list[int | None],
    hold: float,
    squat: tuple[int, str, str],
    plank: tuple[int, str | None],
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    session(store, PLAN, [5, 5, 5], "12 kg")  # an older session: only the last one counts
    session(store, PLAN, reps, hold=hold)
    name, amount, load, seconds, squat_note, plank_note = today(store)
    assert (amount, load, squat_note) == squat
    assert seconds == plank[0]
    if plank[1]:
        assert plank_note == plank[1]


def test_no_history_runs_as_written_and_holds_stop_at_up_to(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    assert today(store)[1:4] == (3, "14 kg", 30)
    longer = load_plan_text("name: L\nexercises:\n  - {name: Side plank, hold: 38s}\n")
    session(store, longer, [], hold=38)
    assert today(store)[3] == 40  # 38 + 5, but no more than up_to


@pytest.mark.parametrize(
    ("exercise", "where", "message"),
    [
        ("{name: S, reps: 8, load: 12 kg, progress: 2 kg}", 3, "needs a rep range to climb"),
        ("{name: S, reps: 8-12, progress: 2 kg}", 3, "adds to a load like `load: 12 kg`"),
        ("{name: S, reps: 8-12, load: 12 kg, progress: 5s}", 3, "`progress` is a load to add"),
        ("{name: S, reps: 8-12, load: 12 kg, progress: 5 lb}", 3, "not in the load's unit"),
        ("{name: S, reps: 12-8, load: 12 kg}", 3, "a rep range goes from low to high"),
        ("{name: S, reps: 8-x}", 3, "or a range like 8-12"),
        ("{name: P, hold: 30s, progress: 2 kg}", 3, "is timed: `progress` adds time"),
        ("{name: P, hold: 30s, progress: 5s, up_to: 20s}", 3, "`up_to` is below the 30s"),
        ("{name: P, hold: 30s, up_to: 60s}", 3, "`up_to` goes with a timed `progress`"),
    ],
)
def test_bad_progression_keys_are_located_errors(exercise: str, where: int, message: str) -> None:
    with pytest.raises(SessionFileError) as raised:
        load_plan_text(f"name: T\nexercises:\n  - {exercise}\n", "t.yaml")
    (problem,) = raised.value.problems
    assert str(problem).startswith(f"t.yaml:{where}:") and message in str(problem), problem
