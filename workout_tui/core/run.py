"""One run of a plan from start to end: the engine keeps time, the record keeps what was
done, and the journal writes each finished step to the history as it finishes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from workout_tui.core.engine import Clock, CueDue, Engine, Event, SessionEnded
from workout_tui.core.habits import back_after
from workout_tui.core.library import Routine, file_hash
from workout_tui.core.log.describe import describe_sets
from workout_tui.core.log.entries import RunSummary, StepRecord
from workout_tui.core.log.journal import RunJournal
from workout_tui.core.log.progression import with_targets
from workout_tui.core.log.records import beaten, best, by_exercise, record_lines, sessions_of
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Outcome, Plan, Step
from workout_tui.core.record import SessionRecord


class Run:
    """A run: its engine, its record and its journal, kept in step with each other."""

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        store: HistoryStore | None,
        routine: Routine | None = None,
        speed: float = 1.0,
    ) -> None:
        """A run of `plan` (the `routine`'s, as the config makes it) at `speed`; with its
        routine, it knows the interrupted run it may carry on (`interrupted`)."""
        # Exercises with `progress` run at today's target, from their last session.
        plan, self.targets = (
            with_targets(plan, lambda name: sessions_of(store, name)) if store else (plan, {})
        )
        self.plan, self.routine, self.speed = plan, routine, speed
        self.engine = Engine(plan, clock)
        self.record = SessionRecord(plan)
        self.journal = RunJournal(store)
        self._last_time: dict[str, str] = {}
        self.interrupted = resumable(store, routine) if routine is not None else None
        self.notices: list[str] = []  # what to tell when it starts
        self._days_off = 0

    def begin(self, resume: bool, lead_in: float) -> list[Event]:
        """Start the routine's run: carrying on its interrupted one if `resume` (after a
        `lead_in` 3-2-1), else anew."""
        if resume and self.interrupted is not None:
            return self.resume(*self.interrupted, lead_in=lead_in)
        assert self.routine is not None
        return self.start(self.routine.slug, file_hash(self.routine.path), self.speed)

    def start(self, session: str, session_hash: str, speed: float) -> list[Event]:
        """Start a new run at the first step."""
        self.speed = speed
        self._days_off = self._days_off_before()  # before this run writes anything
        self.journal.start(self.plan, session, session_hash, speed)
        return self.engine.start()

    def resume(self, run: RunSummary, step_index: int, lead_in: float) -> list[Event]:
        """Carry on an interrupted run at `step_index`, after a `lead_in` 3-2-1 (the step's
        own start cue is not played: the lead-in's go takes its place). The record starts
        from what the run logged before, so the summary covers the whole run."""
        self.speed = run.speed
        if self.journal.store is not None:
            self.record.carry_on(run, self.journal.store.steps(run.id))
        self.journal.resume(run.id)
        events = [e for e in self.engine.start(step_index) if not isinstance(e, CueDue)]
        return events + self.engine.pause() + self.engine.resume(lead_in=lead_in)

    def take(self, events: Iterable[Event]) -> bool:
        """Record and journal what the engine reported; True when the run has ended."""
        events = list(events)
        for entry in self.record.add(events):
            self.journal.step(entry)
        ended = [e for e in events if isinstance(e, SessionEnded)]
        if ended:
            self.journal.finish("completed" if ended[0].completed else "stopped")
        return bool(ended)

    def stop(self) -> None:
        """End the run now as stopped, if it is still going (the app is closing)."""
        if self.engine.running:
            self.take(self.engine.stop())

    def relog(self, entry: StepRecord, reps: int, load: str) -> None:
        """Change what was logged for a rep set, in the record and the history."""
        updated = self.record.relog(entry, reps, load)
        self.journal.relog(updated.step_index, updated.reps or 0, updated.load)

    def last_time(self, step: Step) -> str:
        """What was logged for this step's exercise in an earlier run: `last: 3 × 10 @ 12 kg`,
        and where it has `progress`, today's target: `last: 3 × 5 @ 14 kg → 16 kg`."""
        store = self.journal.store
        if store is None or step.exercise is None:
            return ""
        name = step.exercise.name
        if self.targets.get(name):
            return self.targets[name]
        if name not in self._last_time:
            try:
                sets = store.last_sets(name, before_run=self.journal.run_id)
            except sqlite3.Error:
                sets = []
            self._last_time[name] = f"last: {describe_sets(sets)}" if sets else ""
        return self._last_time[name]

    def _days_off_before(self) -> int:
        """Days since the last session, when today has none yet and they are enough for a
        run today to come back (`habits.back_after`); else 0."""
        store, today = self.journal.store, self.record.now().date()
        if store is None or self.speed != 1:
            return 0
        try:
            days = store.session_days()
        except sqlite3.Error:
            return 0
        return 0 if today in days else back_after(days, today)

    def back_after(self) -> int:
        """The days off this run came back after: 0 unless it is a comeback with work done."""
        done = any(e.is_work and e.outcome is Outcome.DONE for e in self.record.logged)
        return self._days_off if done else 0

    def records_beaten(self) -> list[str]:
        """`New record: Goblet squat 14 kg × 5, was 12 kg × 5` for each record this run beat
        (none for a preview, with history off, or when it cannot be read)."""
        store = self.journal.store
        if store is None or self.speed != 1:
            return []
        done = [e for e in self.record.logged if e.exercise and e.outcome is Outcome.DONE]
        done = [e for e in done if e.is_work]
        mine = by_exercise((self.journal.run_id, self.record.now(), entry) for entry in done)
        lines = []
        for key, (session,) in mine.items():
            name = session.sets[0].exercise or key
            earlier = sessions_of(store, name, before_run=self.journal.run_id)
            lines += record_lines(name, beaten(best(earlier), session))
        return lines


def resumable(store: HistoryStore | None, routine: Routine) -> tuple[RunSummary, int] | None:
    """The routine's interrupted run and the step to carry on at, if it can be resumed:
    only into the same file, since an edited one may have other steps."""
    found = store.interrupted_run(routine.slug) if store is not None else None
    if found is None or routine.plan is None:
        return None
    run, step = found
    if step >= len(routine.plan.steps) or run.session_hash != file_hash(routine.path):
        return None
    return run, step
