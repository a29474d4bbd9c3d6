"""Next targets: an exercise with `progress` gets today's reps, load or time from its last
session (double progression for rep sets, added time for holds)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from workout_tui.core.durations import format_clock
from workout_tui.core.log.describe import describe_sets
from workout_tui.core.log.records import Session
from workout_tui.core.model import Block, Exercise, Load, parse_load
from workout_tui.core.plan import Plan, PlanError, compile_plan

FULL = 0.5  # a hold that ran to within half a second of its time ran in full
Sessions = Callable[[str], Sequence[Session]]  # an exercise's sessions by name, oldest first


def target(exercise: Exercise, sessions: Sequence[Session]) -> tuple[Exercise, str]:
    """The exercise as today's target, and what it came from (`last: 3 × 12 @ 12 kg →
    14 kg`); as written when it has no `progress` or no history."""
    if exercise.progress is None or not sessions:
        return exercise, ""
    last = sessions[-1]
    said = f"last: {describe_sets(last.sets)} →"
    if exercise.is_timed:
        return _hold_target(exercise, last, said)
    loads = [(s, parse_load(s.load)) for s in last.sets if s.reps is not None]
    weighed = [(s.reps or 0, load) for s, load in loads if load is not None]
    if not weighed:
        return exercise, ""
    current = max((load for _, load in weighed), key=lambda load: load.kilos)
    at_current = [reps for reps, load in weighed if load.kilos == current.kilos]
    top = exercise.top or exercise.amount
    if len(at_current) >= exercise.sets and min(at_current) >= top:
        heavier = Load(current.amount + exercise.progress, current.unit)
        return replace(exercise, load=str(heavier)), f"{said} {heavier}"
    reps = min(top, max(exercise.amount, min(at_current) + 1))
    return replace(exercise, amount=reps, load=str(current)), f"{said} {reps} reps"


def _hold_target(exercise: Exercise, last: Session, said: str) -> tuple[Exercise, str]:
    held = max(s.planned_seconds or s.actual_seconds for s in last.sets)
    full = all(s.actual_seconds >= (s.planned_seconds or 0) - FULL for s in last.sets)
    every = len(last.sets) >= exercise.sets * max(1, len(exercise.sides))
    seconds = int(held)
    if full and every:
        seconds = min(seconds + int(exercise.progress or 0), exercise.up_to or 24 * 3600)
    return replace(exercise, amount=seconds), f"{said} {format_clock(seconds)}"


def with_targets(plan: Plan, sessions: Sessions) -> tuple[Plan, dict[str, str]]:
    """The plan with each progressing exercise at today's target, and what each target
    came from, by exercise name; the plan as it was if the targets do not fit."""
    notes: dict[str, str] = {}

    def today(exercise: Exercise) -> Exercise:
        if exercise.progress is None:
            return exercise
        aimed, notes[exercise.name] = target(exercise, sessions(exercise.name))
        return aimed

    items = tuple(
        replace(item, exercises=tuple(today(e) for e in item.exercises))
        if isinstance(item, Block)
        else today(item)
        for item in plan.session.items
    )
    if items == plan.session.items:
        return plan, notes
    try:
        return compile_plan(replace(plan.session, items=items)), notes
    except PlanError:
        return plan, {}
