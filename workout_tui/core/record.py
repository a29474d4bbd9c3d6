"""What happened in a run, step by step: fed engine events, read by the summary and history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from workout_tui.core.engine import Event, SessionEnded, StepFinished
from workout_tui.core.plan import Plan, StepKind


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """One finished step: how long it took, whether it was skipped, and what was logged."""

    step_index: int
    active_seconds: float
    skipped: bool
    reps: int | None = None  # logged for a rep set; the target unless the person changed it
    load: str | None = None


class SessionRecord:
    """The outcomes of a run's finished steps, in the order they finished."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.outcomes: list[StepOutcome] = []
        self.completed: bool | None = None  # None while the run goes on

    def add(self, events: Iterable[Event]) -> list[StepOutcome]:
        """Take in engine events; return the outcomes they finished (to show or save)."""
        new: list[StepOutcome] = []
        for event in events:
            if isinstance(event, StepFinished):
                exercise = event.step.exercise
                logs_reps = event.step.kind is StepKind.WORK_REPS and not event.skipped
                outcome = StepOutcome(
                    step_index=event.step.index,
                    active_seconds=event.active_seconds,
                    skipped=event.skipped,
                    reps=exercise.amount if logs_reps and exercise else None,
                    load=exercise.load if exercise and not event.skipped else None,
                )
                self.outcomes.append(outcome)
                new.append(outcome)
            elif isinstance(event, SessionEnded):
                self.completed = event.completed
        return new

    def last_logged_set(self) -> StepOutcome | None:
        """The most recent rep set that was done, for editing its reps and load."""
        for outcome in reversed(self.outcomes):
            if outcome.reps is not None:
                return outcome
        return None

    def relog(self, outcome: StepOutcome, reps: int, load: str | None) -> StepOutcome:
        """Replace what was logged for a set; returns the new outcome."""
        position = self.outcomes.index(outcome)
        updated = replace(outcome, reps=reps, load=load or None)
        self.outcomes[position] = updated
        return updated

    @property
    def work_seconds(self) -> float:
        """Seconds spent working (holds, timed sets and rep sets, skipped or not)."""
        return sum(o.active_seconds for o in self.outcomes if self.plan.steps[o.step_index].is_work)
