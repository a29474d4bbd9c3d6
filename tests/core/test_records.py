"""Records and each exercise's sessions, from a real history file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.log_helpers import entry
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.records import beaten, best, by_exercise, headline, record_lines
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.model import Load, parse_load
from workout_tui.core.plan import Plan

PLAN = load_plan_text(
    "name: Legs\nexercises:\n"
    "  - {name: Goblet squat, sets: 3, reps: 5, load: 10 kg}\n"
    "  - {name: Couch stretch, hold: 30s}\n"
    "  - {name: Bridge, reps: 12}\n"
)


def log(
    store: HistoryStore,
    load: str,
    reps: list[int],
    hold: float = 30,
    speed: float = 1,
    plan: Plan = PLAN,
) -> int:
    """A run of PLAN with each goblet squat set's reps at `load`."""
    run_id = store.start_run(plan, "legs", "abc", speed)
    sets = iter(reps)
    for step in plan.steps:
        name = step.exercise.name if step.exercise else ""
        if name == "Goblet squat":
            store.record_step(run_id, entry(step, 20, reps=next(sets), load=load))
        else:
            store.record_step(run_id, entry(step, hold if name == "Couch stretch" else 20))
    store.finish_run(run_id, "completed")
    return run_id


@pytest.mark.parametrize(
    ("text", "load"),
    [
        ("12 kg", Load(12, "kg")),
        ("12kg", Load(12, "kg")),
        ("7,5 KG", Load(7.5, "kg")),
        ("25 lbs", Load(25, "lb")),
        ("20 pounds", Load(20, "lb")),
        ("16", Load(16, "")),
        ("red band", None),
        ("2 × 12 kg", None),
        ("", None),
        (None, None),
        ("[b]12[/] kg", None),
    ],
)
def test_a_load_is_one_number_and_a_unit(text: str | None, load: Load | None) -> None:
    assert parse_load(text) == load


def test_three_sessions_heavier_each_time_set_and_name_records(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    lines = []
    for load in ("10 kg", "12 kg", "14 kg"):
        run_id = log(store, load, [5, 5, 5])
        earlier = by_exercise(store.done_sets("GOBLET  squat", before_run=run_id))
        (now,) = by_exercise(store.done_sets("goblet squat"))["goblet squat"][-1:]
        records = best(earlier.get("goblet squat", []))
        lines.append(record_lines("Goblet squat", beaten(records, now)))
    assert lines[0] == []  # a first session beats nothing
    assert lines[2] == [
        "New record: Goblet squat 14 kg × 5, was 12 kg × 5",
        "New record: Goblet squat est. 1RM 16.3 kg, was 14 kg",
        "New record: Goblet squat volume 210 kg, was 180 kg",
    ]
    records = best(by_exercise(store.done_sets())["goblet squat"])
    assert str(headline(records)) == "14 kg × 5"
    assert str(records["reps at 10 kg"]) == "5 reps at 10 kg"


def test_previews_skipped_sets_and_long_sets_do_not_count(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    log(store, "12 kg", [5, 5, 5])
    log(store, "40 kg", [5, 5, 5], speed=20)  # a preview
    log(store, "12 kg", [20, 5, 5], hold=45)  # 20 reps: no one-rep max from that
    records = best(by_exercise(store.done_sets())["goblet squat"])
    assert str(records["heaviest"]) == "12 kg × 20"
    assert str(records["1rm"]) == "est. 1RM 14 kg"
    assert str(records["reps at 12 kg"]) == "20 reps at 12 kg"
    holds = best(by_exercise(store.done_sets())["couch stretch"])
    assert str(holds["hold"]) == "hold 0:45" and str(headline(holds)) == "hold 0:45"
    bridge = best(by_exercise(store.done_sets())["bridge"])
    assert (str(bridge["reps"]), str(bridge["volume"])) == ("12 reps", "volume 12 reps")


def test_a_session_that_beats_a_record_twice_names_it_once_against_the_old(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    log(store, "12 kg", [5, 5, 5])
    run_id = log(store, "12 kg", [6, 7, 8])
    earlier = best(by_exercise(store.done_sets("goblet squat", before_run=run_id))["goblet squat"])
    now = by_exercise(store.done_sets("goblet squat"))["goblet squat"][-1]
    assert "New record: Goblet squat 8 reps at 12 kg, was 5 reps at 12 kg" in record_lines(
        "Goblet squat", beaten(earlier, now)
    )
