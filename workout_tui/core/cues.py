"""The cue schedule: what to play, and when, within one step."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workout_tui.core.model import Defaults
from workout_tui.core.plan import Plan, Step, StepKind

HALFWAY_MIN_SECONDS = 20
# Tells one cue of a run from every other: (step index, kind, count, instant to the µs).
CueKey = tuple[int, str, int, float]
_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


class CueKind(StrEnum):
    """A kind of cue; each has its own sound."""

    GET_READY = "get-ready"
    GO = "go"
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"
    SWITCH_SIDES = "switch"
    REST = "rest"
    SET_DONE = "set-done"
    SESSION_DONE = "done"
    BREAK_DUE = "break"  # the break reminder's: time to stand up


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue to play: its kind, the line to speak, and for a countdown, which number."""

    kind: CueKind
    say: str
    count: int = 0


def step_cues(plan: Plan, step: Step, duration: float | None) -> list[tuple[float, Cue]]:
    """The cues of one step as (seconds into the step, cue), in order.

    Args:
        plan: the plan the step belongs to (for "next up" lines).
        step: the step.
        duration: the step's length now, extensions included; None for a rep set.
    """
    defaults: Defaults = plan.session.defaults
    cues: list[tuple[float, Cue]] = [(0.0, _start_cue(plan, step))]
    if duration is None:
        return cues
    if step.is_work and defaults.halfway and duration >= HALFWAY_MIN_SECONDS:
        cues.append((duration / 2, Cue(CueKind.HALFWAY, "Halfway")))
    for count in range(defaults.countdown, 0, -1):
        if duration - count > 0:
            cues.append((duration - count, Cue(CueKind.COUNTDOWN, say_number(count), count)))
    return sorted(cues, key=lambda pair: pair[0])


def finish_cue(plan: Plan, step: Step) -> Cue | None:
    """The cue for a step's end: set done after work, session done after the last step."""
    if step.index == len(plan.steps) - 1:
        return Cue(CueKind.SESSION_DONE, "Done. Well done.")
    if step.is_work:
        return Cue(CueKind.SET_DONE, "Set done")
    return None


def spoken_lines(plan: Plan) -> list[str]:
    """Every line the plan's cues may speak, to render before they are needed."""
    lines = []
    for step in plan.steps:
        lines += [cue.say for _, cue in step_cues(plan, step, step.seconds)]
        end = finish_cue(plan, step)
        if end is not None:
            lines.append(end.say)
    return lines


def _start_cue(plan: Plan, step: Step) -> Cue:
    upcoming = plan.next_work(step)
    next_label = upcoming.title if upcoming else ""
    if step.kind is StepKind.PREPARE:
        return Cue(CueKind.GET_READY, f"Get ready: {next_label}")
    if step.kind is StepKind.SWITCH:
        return Cue(CueKind.SWITCH_SIDES, f"Switch sides. {(step.side or '').capitalize()}".strip())
    if step.kind is StepKind.REST:
        return Cue(CueKind.REST, f"Rest. Next: {next_label}" if upcoming else "Rest")
    side = f"{step.side.capitalize()} side. " if step.side else ""
    if step.kind is StepKind.WORK_REPS and step.exercise is not None:
        return Cue(CueKind.GO, f"{side}{step.exercise.amount} reps. Go")
    return Cue(CueKind.GO, f"{side}Go")


def say_number(count: int) -> str:
    """A countdown's number as spoken: `Three`."""
    return _NUMBERS[count].capitalize() if count < len(_NUMBERS) else str(count)
