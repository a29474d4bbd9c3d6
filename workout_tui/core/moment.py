"""What the player shows at one moment, as plain values: a pure function of the engine, the
record of the run and the keys, computed on each redraw and handed to the widgets part by
part (a widget redraws only when its part changed). Also when the screen next changes.

While the engine runs, time alone changes only the clock (`clock_text`) and the session's
bar and times (`progress_of`); the rest changes with the engine's events and the keys.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workout_tui.core.durations import format_clock
from workout_tui.core.engine import Engine, EngineState
from workout_tui.core.model import Mode
from workout_tui.core.plan import Step, StepKind
from workout_tui.core.record import SessionRecord

PREVIEW_FRAME_SECONDS = 0.1  # in a preview, the clocks are redrawn at most ten times a second

TONES = {
    StepKind.PREPARE: ("GET READY", "prepare"),
    StepKind.SWITCH: ("SWITCH SIDES", "prepare"),
    StepKind.REST: ("REST", "rest"),
    StepKind.WORK_TIMED: ("WORK", "work"),
    StepKind.WORK_REPS: ("WORK", "work"),
}


@dataclass(frozen=True, slots=True)
class Keys:
    """The keys that hints on screen name, as the person has them mapped."""

    resume: str
    done: str
    edit_log: str


@dataclass(frozen=True, slots=True)
class PhasePart:
    """The bar across the top: GET READY, WORK, REST... and its colour (`tone`)."""

    text: str
    tone: str
    paused: bool


@dataclass(frozen=True, slots=True)
class StepPart:
    """The step's name, its side (None when it has none) and where it sits."""

    exercise: str
    side: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class ClockPart:
    """The big clock and the line under it."""

    clock: str
    hint: str


@dataclass(frozen=True, slots=True)
class AsidePart:
    """Beside the clock: what comes next, the form notes, and the set just logged."""

    next: str
    notes: str
    logged: str


@dataclass(frozen=True, slots=True)
class ProgressPart:
    """The session's progress: seconds done of the estimated total, and both as clocks."""

    done: int
    total: int
    times: str


@dataclass(frozen=True, slots=True)
class FigurePart:
    """The figure beside the notes: its name ("" for none) and tempo (None: its own), which
    way it faces, and how far into its moves (seconds, on a frame; 0 standing still); the
    exercise's own picture in its place, if it has one (`image:` as written)."""

    name: str
    tempo: tuple[float, float, float] | None = None
    left: bool = False
    at: float = 0.0
    image: str = ""


@dataclass(frozen=True, slots=True)
class Moment:
    """Everything the player shows now; `space` is what the space key does now."""

    topbar: str
    phase: PhasePart
    step: StepPart
    clock: ClockPart
    aside: AsidePart
    progress: ProgressPart
    figure: FigurePart
    space: str


def moment_of(
    engine: Engine,
    record: SessionRecord,
    keys: Keys,
    last: Callable[[Step], str],
    topbar: Sequence[str],
) -> Moment:
    """The player's screen now. `last` says what was logged for a step's exercise last
    time; `topbar` holds the top line's parts after the step count."""
    step, plan = engine.step, engine.plan
    upcoming = plan.next_work(step)
    shown = step if step.is_work else upcoming
    top = [plan.session.name, f"step {engine.index + 1}/{len(plan.steps)}", *topbar]
    return Moment(
        topbar=" · ".join(top),
        phase=_phase(engine, keys),
        step=StepPart(
            exercise=step.title,
            side=_side(step, upcoming),
            detail=" · ".join(filter(None, (step_detail(step), last(step)))),
        ),
        clock=ClockPart(clock_text(engine), step_hint(engine, step, keys.done)),
        aside=AsidePart(
            next=f"{'Then' if step.is_work else 'Next up'}: {upcoming.label()}" if upcoming else "",
            notes=shown.exercise.notes if shown and shown.exercise else "",
            logged=_logged(engine, record, keys),
        ),
        progress=progress_of(engine),
        figure=figure_of(engine),
        space=space_action(engine),
    )


def space_action(engine: Engine) -> str:
    """What space does now: `resume` while paused, `done` in a rep set, else `pause`."""
    if engine.state is EngineState.PAUSED and engine.resume_in() is None:
        return "resume"
    if engine.state is EngineState.RUNNING and engine.step.kind is StepKind.WORK_REPS:
        return "done"
    return "pause"


def _phase(engine: Engine, keys: Keys) -> PhasePart:
    text, tone = TONES[engine.step.kind]
    paused = engine.state is EngineState.PAUSED
    if paused:
        text = "GET SET" if engine.resume_in() is not None else f"PAUSED · {keys.resume} to resume"
    return PhasePart(text, tone, paused)


def _side(step: Step, upcoming: Step | None) -> str | None:
    side = step.side or (upcoming.side if step.kind is StepKind.SWITCH and upcoming else None)
    if side is None:
        return None
    return "◀  LEFT SIDE" if side == "left" else "RIGHT SIDE  ▶"


def _logged(engine: Engine, record: SessionRecord, keys: Keys) -> str:
    last = record.last_logged_set()
    if last is None or engine.step.is_work:
        return ""
    step = engine.plan.steps[last.step_index]
    load = f" @ {last.load}" if last.load else ""
    return f"Logged {step.title}: {last.reps} reps{load} · {keys.edit_log} to change"


def progress_of(engine: Engine) -> ProgressPart:
    """The session's bar and times now."""
    total = max(1, engine.plan.estimated_seconds)
    done = min(total, int(total - engine.session_remaining()))
    times = (
        f"{format_clock(engine.session_elapsed(), round_up=False)} done · "
        f"{format_clock(engine.session_remaining())} left"
    )
    return ProgressPart(done, total, times)


def figure_of(engine: Engine) -> FigurePart:
    """The figure now: the exercise's at work (moving in a rep or timed set), else the next
    one's, standing, facing its side."""
    step = engine.step
    shown = step if step.is_work else engine.plan.next_work(step)
    if shown is None or shown.exercise is None:
        return FigurePart("")
    at = 0.0
    if step.is_work and moves(step):
        at = engine.step_elapsed() // 1.0  # a pose a second, with the clock's tick
    exercise = shown.exercise
    left = shown.side == "left"
    return FigurePart(exercise.figure_name, exercise.tempo, left, at, exercise.image or "")


def moves(step: Step) -> bool:
    """Whether its figure moves: in a rep set or a timed set, not in a hold."""
    return step.exercise is not None and step.exercise.mode is not Mode.HOLD


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


def next_change(engine: Engine, speed: float) -> float | None:
    """Real seconds until something is due (a cue, a step's end, a lead-in's end) or a clock
    on screen changes (a moving figure takes a pose with the step's clock); None when
    nothing will until the person acts."""
    if not engine.running:
        return None
    exact: list[float] = []  # cues and the ends of steps and lead-ins: to the ms
    shown: list[float] = []  # when a clock on screen changes
    due = engine.next_due()
    if due is not None:
        exact.append(due - engine.clock())
    if engine.state is EngineState.RUNNING:  # paused, the screen does not change
        remaining = engine.remaining()
        if remaining is not None:
            exact.append(remaining)
            shown.append(_until_change(remaining, counting_down=True))
        else:
            shown.append(_until_change(engine.step_elapsed(), counting_down=False))
        shown.append(_until_change(engine.session_elapsed(), counting_down=False))
    elif (lead_in := engine.resume_in()) is not None:
        exact.append(lead_in)
        shown.append(_until_change(lead_in, counting_down=True))
    # A preview's clocks change many times a second: no need to draw more than ~10.
    frame = PREVIEW_FRAME_SECONDS if speed > 1 else 0.0
    delays = [w / speed for w in exact] + [max(frame, w / speed) for w in shown]
    return max(0.001, min(delays)) if delays else None


def _until_change(value: float, counting_down: bool) -> float:
    """Seconds until a clock showing `value` in whole seconds next changes.

    A change under 2 ms away is the tick just handled, seen through float rounding (the
    step clock and the session clock tick together): count to the one after it.
    """
    wait = value % 1.0 if counting_down else 1.0 - value % 1.0
    return wait if wait > 0.002 else wait + 1.0
