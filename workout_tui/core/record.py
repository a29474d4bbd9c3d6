"""What happened in a run, step by step: fed engine events, read by the summary and the
journal. It logs what the history logs, entry for entry, so the two always agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from workout_tui.core.engine import Event, SessionEnded, StepFinished
from workout_tui.core.log.entries import RunSummary, StepRecord, Totals, count_outcomes, wall_clock
from workout_tui.core.log.schema import Now
from workout_tui.core.plan import Outcome, Plan, Step, StepKind


def logged_step(step: Step, outcome: Outcome, seconds: float, at: datetime) -> StepRecord:
    """A step's log entry: what the plan asked and what was done (reps and load only when
    it was done; the person can change them after)."""
    exercise = step.exercise
    reps_planned = exercise.amount if exercise and step.kind is StepKind.WORK_REPS else None
    load_planned = exercise.load if exercise else None
    done = outcome is Outcome.DONE
    return StepRecord(
        step.index,
        step.kind.value,
        exercise.name if exercise else None,
        step.side,
        step.set_number,
        step.set_count,
        step.round_number,
        step.round_count,
        step.seconds,
        reps_planned,
        load_planned,
        seconds,
        reps_planned if done else None,
        load_planned if done else None,
        outcome,
        at,
    )


class SessionRecord:
    """A run's log so far: each step's entry (that of its last visit) and the time of every
    visit. A resumed run starts from what was logged before the interruption."""

    def __init__(self, plan: Plan, now: Now = wall_clock) -> None:
        self.plan = plan
        self.now = now
        self.entries: dict[int, StepRecord] = {}  # by step index, in the order they last ended
        self.active_seconds = 0.0
        self.work_seconds = 0.0
        self.completed: bool | None = None  # None while the run goes on

    def carry_on(self, run: RunSummary, entries: Iterable[StepRecord]) -> None:
        """Start from an interrupted run's log: its entries and its time so far."""
        self.entries = {entry.step_index: entry for entry in entries}
        self.active_seconds, self.work_seconds = run.active_seconds, run.work_seconds

    def add(self, events: Iterable[Event]) -> list[StepRecord]:
        """Take in engine events; return the entries they logged (to save)."""
        new: list[StepRecord] = []
        for event in events:
            if isinstance(event, StepFinished):
                step = event.step
                entry = logged_step(step, event.outcome, event.active_seconds, self.now())
                self.entries.pop(step.index, None)  # its last visit goes to the end
                self.entries[step.index] = entry
                self.active_seconds += event.active_seconds
                self.work_seconds += event.active_seconds if step.is_work else 0
                new.append(entry)
            elif isinstance(event, SessionEnded):
                self.completed = event.completed
        return new

    @property
    def logged(self) -> list[StepRecord]:
        """Every step logged, in plan order."""
        return sorted(self.entries.values(), key=lambda entry: entry.step_index)

    def totals(self) -> Totals:
        """The run's figures so far."""
        planned = sum(1 for step in self.plan.steps if step.is_work)
        return count_outcomes(self.logged, self.active_seconds, self.work_seconds, planned)

    def last_logged_set(self) -> StepRecord | None:
        """The rep set done most recently, for editing its reps and load."""
        for entry in reversed(self.entries.values()):
            if entry.reps is not None:
                return entry
        return None

    def relog(self, entry: StepRecord, reps: int, load: str | None) -> StepRecord:
        """Replace what was logged for a set; returns the new entry."""
        updated = replace(entry, reps=reps, load=load or None)
        self.entries[entry.step_index] = updated
        return updated
