"""The plan flattens sets, sides, rounds and rests into the steps a person will follow."""

from __future__ import annotations

import pytest

from workout_tui.core.durations import format_estimate
from workout_tui.core.loader import load_plan_text
from workout_tui.core.plan import Plan, StepKind


def plan_of(yaml_text: str) -> Plan:
    return load_plan_text(yaml_text)


def outline(plan: Plan) -> list[str]:
    return [f"{s.kind.value}:{s.label()}:{s.seconds}" for s in plan.steps]


def test_sides_run_left_then_right_with_a_switch_between() -> None:
    plan = plan_of(
        "name: s\ndefaults: {prepare: 10s, switch_sides: 5s}\nexercises:\n"
        "  - {name: Couch stretch, hold: 45s, sides: [left, right]}\n"
    )
    assert outline(plan) == [
        "prepare:Get ready:10",
        "work-timed:Couch stretch · left · 45s:45",
        "switch:Switch sides · right:5",
        "work-timed:Couch stretch · right · 45s:45",
    ]
    assert plan.total_seconds == 105


def test_sets_rest_between_sets_and_the_exercise_rest_follows() -> None:
    plan = plan_of(
        "name: s\ndefaults: {prepare: 0, rest: 15s}\nexercises:\n"
        "  - {name: Goblet squat, sets: 3, reps: 10, load: 12 kg, rest_between_sets: 60s}\n"
        "  - {name: Kettlebell swing, sets: 2, time: 30s, rest: 90s}\n"
        "  - {name: Bridge, hold: 20s}\n"
    )
    assert outline(plan) == [
        "work-reps:Goblet squat · set 1/3 · 10 reps:None",
        "rest:Rest:60",
        "work-reps:Goblet squat · set 2/3 · 10 reps:None",
        "rest:Rest:60",
        "work-reps:Goblet squat · set 3/3 · 10 reps:None",
        "rest:Rest:15",
        "work-timed:Kettlebell swing · set 1/2 · 30s:30",
        "rest:Rest:90",  # rest_between_sets defaults to the exercise's rest
        "work-timed:Kettlebell swing · set 2/2 · 30s:30",
        "rest:Rest:90",
        "work-timed:Bridge · 20s:20",
    ]
    assert plan.steps[0].exercise is not None and plan.steps[0].exercise.load == "12 kg"


def test_a_block_repeats_its_rounds_with_rest_between_rounds() -> None:
    plan = plan_of(
        "name: s\ndefaults: {prepare: 5s, rest: 10s}\nexercises:\n"
        "  - block: Finisher\n    rounds: 2\n    rest_between_rounds: 60s\n    exercises:\n"
        "      - {name: Squat, reps: 15}\n      - {name: Bridge, hold: 30s}\n"
        "  - {name: Wall reset, hold: 60s}\n"
    )
    assert outline(plan) == [
        "prepare:Get ready:5",
        "work-reps:Squat · round 1/2 · 15 reps:None",
        "rest:Rest:10",
        "work-timed:Bridge · round 1/2 · 30s:30",
        "rest:Rest:60",
        "work-reps:Squat · round 2/2 · 15 reps:None",
        "rest:Rest:10",
        "work-timed:Bridge · round 2/2 · 30s:30",
        "rest:Rest:10",
        "work-timed:Wall reset · 60s:60",
    ]
    assert [s.round_number for s in plan.steps if s.is_work] == [1, 1, 2, 2, 1]
    assert {s.block for s in plan.steps if s.is_work} == {"Finisher", None}


def test_zero_rests_are_left_out_and_the_plan_never_ends_on_a_rest() -> None:
    plan = plan_of(
        "name: s\ndefaults: {prepare: 0, rest: 0, switch_sides: 0}\nexercises:\n"
        "  - {name: A, hold: 10s, sides: [right, left], rest: 0}\n"
        "  - {name: B, reps: 5, rest: 30s}\n"
    )
    assert [s.kind for s in plan.steps] == [StepKind.WORK_TIMED] * 2 + [StepKind.WORK_REPS]
    assert [s.side for s in plan.steps] == ["right", "left", None]


def test_every_step_knows_what_comes_next() -> None:
    plan = plan_of(
        "name: s\nexercises:\n  - {name: A, hold: 10s, sides: [left, right]}\n"
        "  - {name: B, reps: 5}\n"
    )
    kinds = [s.kind for s in plan.steps]
    assert kinds == [
        StepKind.PREPARE,
        StepKind.WORK_TIMED,
        StepKind.SWITCH,
        StepKind.WORK_TIMED,
        StepKind.REST,
        StepKind.WORK_REPS,
    ]
    upcoming = [plan.next_work(s) for s in plan.steps]
    labels = [u.label() if u else None for u in upcoming]
    assert labels == [
        "A · left · 10s",
        "A · right · 10s",
        "A · right · 10s",
        "B · 5 reps",
        "B · 5 reps",
        None,
    ]
    assert [s.index for s in plan.steps] == list(range(6))


def test_rep_sets_are_estimated_in_the_total() -> None:
    plan = plan_of("name: s\ndefaults: {prepare: 10}\nexercises: [{name: A, reps: 10}]\n")
    assert plan.total_seconds == 10
    assert plan.estimated_seconds == 10 + 30
    assert plan.has_rep_sets


def test_compiling_is_deterministic() -> None:
    text = "name: s\nexercises: [{name: A, hold: 10s, sets: 2, sides: [left, right]}]\n"
    assert plan_of(text) == plan_of(text)


@pytest.mark.parametrize(
    ("seconds", "approximate", "said"),
    [
        (45, False, "45s"),
        (430, False, "7 min"),
        (302, True, "~5 min"),
        (1049, True, "~17 min"),
        (3900, True, "~1 h 05 min"),
    ],
)
def test_a_routines_length_is_said_one_way(seconds: int, approximate: bool, said: str) -> None:
    assert format_estimate(seconds, approximate) == said
