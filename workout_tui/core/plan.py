"""Compile a session into a flat plan: every step in order, each with what it needs to show."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workout_tui.core.durations import format_estimate
from workout_tui.core.model import Block, Exercise, Mode, Session

MAX_STEPS = 2000
MAX_TOTAL_SECONDS = 12 * 3600
REP_SECONDS = 3  # a rep set's estimated length per rep, for totals and the progress bar


class StepKind(StrEnum):
    """What a step asks of the person."""

    PREPARE = "prepare"
    WORK_TIMED = "work-timed"
    WORK_REPS = "work-reps"
    SWITCH = "switch"
    REST = "rest"


class Outcome(StrEnum):
    """How a step ended. A step has one outcome in a run: that of its last visit."""

    DONE = "done"
    SKIPPED = "skipped"
    PARTIAL = "partial"  # the run stopped in it, or the person went back from it


class PlanError(ValueError):
    """A session that compiles to more steps or time than a routine can sensibly hold."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a plan. Work steps name their exercise; the others point at the next work."""

    index: int
    kind: StepKind
    seconds: int | None  # planned length; None for a rep set, which ends when the person says
    exercise: Exercise | None = None
    side: str | None = None
    set_number: int = 1
    set_count: int = 1
    round_number: int = 1
    round_count: int = 1
    block: str | None = None
    next_work: int | None = None  # index of the next work step, if any

    @property
    def is_work(self) -> bool:
        """True for a hold, timed set or rep set."""
        return self.kind is StepKind.WORK_TIMED or self.kind is StepKind.WORK_REPS

    @property
    def estimated_seconds(self) -> int:
        """Planned seconds, or an estimate for a rep set."""
        if self.seconds is not None:
            return self.seconds
        return (self.exercise.amount if self.exercise else 0) * REP_SECONDS

    @property
    def title(self) -> str:
        """What the step is called on screen: the exercise, or Get ready / Rest / Switch sides."""
        if self.exercise is not None:
            return self.exercise.name
        return {StepKind.PREPARE: "Get ready", StepKind.SWITCH: "Switch sides"}.get(
            self.kind, "Rest"
        )

    def label(self) -> str:
        """A one-line description: `Goblet squat · set 2/3 · 10 reps`."""
        parts = [self.title]
        if self.block and self.round_count > 1:
            parts.append(f"round {self.round_number}/{self.round_count}")
        if self.set_count > 1:
            parts.append(f"set {self.set_number}/{self.set_count}")
        if self.side:
            parts.append(self.side)
        if self.exercise is not None:
            unit = "reps" if self.exercise.mode is Mode.REPS else "s"
            parts.append(f"{self.exercise.amount}{' ' if unit == 'reps' else ''}{unit}")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Plan:
    """The flat list of steps a session compiles to."""

    session: Session
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> int:
        """Planned seconds of every timed step (rep sets excluded)."""
        return sum(step.seconds or 0 for step in self.steps)

    @property
    def estimated_seconds(self) -> int:
        """Planned seconds with rep sets estimated at REP_SECONDS a rep."""
        return sum(step.estimated_seconds for step in self.steps)

    @property
    def estimate(self) -> str:
        """How long it takes, as the list, the app and the CLI say it: `~17 min`."""
        return format_estimate(self.estimated_seconds, self.has_rep_sets)

    @property
    def has_rep_sets(self) -> bool:
        """True when the estimate includes rep sets whose length depends on the person."""
        return any(step.kind is StepKind.WORK_REPS for step in self.steps)

    def next_work(self, step: Step) -> Step | None:
        """The next work step after `step`, for "next up"."""
        return None if step.next_work is None else self.steps[step.next_work]


def compile_plan(session: Session) -> Plan:
    """Flatten a session's sets, sides, rounds and rests into steps.

    Order: get ready; then each exercise's sets, each set once per side with a switch
    between sides; rests between sets, after each exercise and between a block's rounds.
    Zero-length rests are left out, and the plan never ends on a rest.

    Raises:
        PlanError: when the plan would exceed MAX_STEPS or MAX_TOTAL_SECONDS.
    """
    builder = _Builder(session)
    defaults = session.defaults
    if defaults.prepare > 0:
        builder.add(StepKind.PREPARE, defaults.prepare)
    for item in session.items:
        if isinstance(item, Block):
            for round_number in range(1, item.rounds + 1):
                for position, exercise in enumerate(item.exercises):
                    builder.exercise(exercise, item, round_number)
                    last_in_round = position == len(item.exercises) - 1
                    if not last_in_round:
                        builder.rest(_rest_after(exercise, defaults.rest))
                    elif round_number < item.rounds:
                        builder.rest(_or(item.rest_between_rounds, defaults.rest))
            builder.rest(defaults.rest)
        else:
            builder.exercise(item, None, 1)
            builder.rest(_rest_after(item, defaults.rest))
    return builder.finish()


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _rest_after(exercise: Exercise, default: int) -> int:
    return _or(exercise.rest, default)


class _Builder:
    """Collects steps in order, enforcing the bounds as it goes (so huge counts stop early).

    Steps are kept as their fields until `finish` makes each Step once: copying frozen
    Steps to set an index or a next-work link took half the time of loading a library.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.steps: list[dict[str, Any]] = []
        self.total = 0

    def add(self, kind: StepKind, seconds: int | None, **fields: Any) -> None:
        if len(self.steps) >= MAX_STEPS:
            raise PlanError(f"the session has more than {MAX_STEPS} steps; split it up")
        step = {"index": len(self.steps), "kind": kind, "seconds": seconds, **fields}
        self.total += seconds if seconds is not None else fields["exercise"].amount * REP_SECONDS
        if self.total > MAX_TOTAL_SECONDS:
            raise PlanError(
                f"the session would take over {MAX_TOTAL_SECONDS // 3600} hours; split it up"
            )
        self.steps.append(step)

    def rest(self, seconds: int) -> None:
        # Rests merge: an exercise's rest is not stacked on a round's rest.
        if seconds <= 0 or not self.steps:
            return
        last = self.steps[-1]
        if last["kind"] is StepKind.REST:
            self.total += max(0, seconds - last["seconds"])
            last["seconds"] = max(last["seconds"], seconds)
        else:
            self.add(StepKind.REST, seconds)

    def exercise(self, exercise: Exercise, block: Block | None, round_number: int) -> None:
        kind = StepKind.WORK_TIMED if exercise.is_timed else StepKind.WORK_REPS
        seconds = exercise.amount if exercise.is_timed else None
        defaults = self.session.defaults
        for set_number in range(1, exercise.sets + 1):
            if set_number > 1:
                self.rest(_or(exercise.rest_between_sets, _rest_after(exercise, defaults.rest)))
            for position, side in enumerate(exercise.sides or (None,)):
                if position > 0 and defaults.switch_sides > 0:
                    self.add(StepKind.SWITCH, defaults.switch_sides, side=side)
                self.add(
                    kind,
                    seconds,
                    exercise=exercise,
                    side=side,
                    set_number=set_number,
                    set_count=exercise.sets,
                    round_number=round_number,
                    round_count=block.rounds if block else 1,
                    block=block.name if block else None,
                )

    def finish(self) -> Plan:
        while self.steps and self.steps[-1]["kind"] in (StepKind.REST, StepKind.SWITCH):
            self.steps.pop()
        steps: list[Step] = []
        next_work: int | None = None
        for fields in reversed(self.steps):
            step = Step(**fields, next_work=next_work)
            steps.append(step)
            if step.is_work:
                next_work = step.index
        return Plan(self.session, tuple(reversed(steps)))
