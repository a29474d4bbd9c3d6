"""What the player writes about a step: its detail line, its hint, its clock, past sets."""

from __future__ import annotations

import math
from collections.abc import Sequence

from workout_tui.core.durations import format_clock, format_span
from workout_tui.core.engine import Engine
from workout_tui.core.history import StepRecord
from workout_tui.core.model import Mode
from workout_tui.core.plan import Step, StepKind


def clock_text(engine: Engine) -> str:
    """The big clock: the 3-2-1 lead-in, time left, or for a rep set, time so far."""
    lead_in = engine.resume_in()
    if lead_in is not None:
        return str(max(1, math.ceil(lead_in)))
    remaining = engine.remaining()
    if remaining is None:
        return format_clock(engine.step_elapsed(), round_up=False)
    return format_clock(remaining)


def step_detail(step: Step) -> str:
    """Where the step sits: `set 2/3 · round 1/2 · 12 kg · Circuit`."""
    parts = []
    if step.set_count > 1:
        parts.append(f"set {step.set_number}/{step.set_count}")
    if step.round_count > 1:
        parts.append(f"round {step.round_number}/{step.round_count}")
    if step.exercise is not None:
        if step.exercise.load:
            parts.append(step.exercise.load)
        if step.block:
            parts.append(step.block)
    return " · ".join(parts)


def step_hint(engine: Engine, step: Step, done_key: str = "space") -> str:
    """What to do now, under the clock; `done_key` ends a rep set."""
    if engine.resume_in() is not None:
        return "get set…"
    if step.kind is StepKind.WORK_REPS and step.exercise is not None:
        return f"{step.exercise.amount} reps · press {done_key} when done"
    if step.kind is StepKind.WORK_TIMED and step.exercise is not None:
        return "hold" if step.exercise.mode is Mode.HOLD else "work"
    return ""


def describe_sets(sets: Sequence[StepRecord]) -> str:
    """Sets as a person writes them: `3 × 10 @ 12 kg`, `10, 8, 8 reps`, `2 × 45s`."""
    reps = [s.reps for s in sets]
    if all(r is not None for r in reps):
        amounts = [f"{r}" for r in reps]
        unit = "" if len(set(amounts)) == 1 and len(sets) > 1 else " reps"
    else:
        amounts = [format_span(s.actual_seconds) for s in sets]
        unit = ""
    same = len(set(amounts)) == 1
    text = f"{len(sets)} × {amounts[0]}{unit}" if same else ", ".join(amounts) + unit
    loads = {s.load for s in sets}
    if len(loads) == 1 and None not in loads:
        text += f" @ {loads.pop()}"
    return text
