"""The timing engine: a state machine over a plan, driven by an injected clock.

Time shown is always computed from the clock (`deadline - now`), never from counted
ticks, and a step that ends on its timer ends at its deadline, not at the moment the
engine noticed, so late polls never add up to drift. The engine reports what happened
as events; it draws nothing and plays nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from workout_tui.core.cues import Cue, CueKey, CueKind, finish_cue, say_number, step_cues
from workout_tui.core.plan import Outcome, Plan, Step

Clock = Callable[[], float]


class EngineState(StrEnum):
    """Where the engine is in a session."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class StepStarted:
    """A step began at instant `at`."""

    step: Step
    at: float


@dataclass(frozen=True, slots=True)
class StepFinished:
    """A visit to a step ended at `at` after `active_seconds` (pauses excluded): done,
    skipped, or partial (the session stopped in it, or went back from it)."""

    step: Step
    at: float
    active_seconds: float
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class CueDue:
    """A cue whose instant `at` has come (a late poll reports it late, with its true instant).

    `key` tells this cue from every other of the run, so a cue handed on ahead of time
    (see `Engine.upcoming_cues`) is known when it comes due.
    """

    cue: Cue
    at: float
    key: CueKey = (-1, "", 0, 0.0)


@dataclass(frozen=True, slots=True)
class SessionEnded:
    """The session ended at `at`: `completed` when it ran to the end, not when stopped."""

    at: float
    completed: bool


Event = StepStarted | StepFinished | CueDue | SessionEnded


def speed_clock(clock: Clock, speed: float) -> Clock:
    """A clock that runs `speed` times faster than `clock` (for previewing a routine)."""
    origin = clock()
    return lambda: origin + (clock() - origin) * speed


class Engine:
    """Steps through a plan. Every action returns the events it caused, in order.

    Reads (`step`, `remaining()`, ...) describe the step as of the last action or `poll()`,
    with times taken from the clock now; the UI polls on each tick, then reads.
    """

    def __init__(self, plan: Plan, clock: Clock = time.monotonic) -> None:
        self.plan = plan
        self.clock = clock
        self.state = EngineState.READY
        self.index = 0
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.paused_seconds = 0.0  # whole session, finished pauses only
        self._paused_at: float | None = None
        self._resume_at: float | None = None
        self._step_start = 0.0
        self._step_paused = 0.0
        self._extension = 0.0
        self._checked = 0.0  # cues at offsets up to here (active seconds) have been looked at
        self._fired: set[tuple[CueKind, int]] = set()
        self._lead_in: list[CueDue] = []  # the 3-2-1 after a resume, still to play
        self._cues: tuple[int, float | None, list[tuple[float, Cue]]] = (-1, None, [])
        # Estimated seconds of all steps after each one, summed once (read on every tick).
        self._after = list(accumulate(s.estimated_seconds for s in reversed(plan.steps[1:])))
        self._after = [*reversed(self._after), 0]

    # -- what the UI reads ---------------------------------------------------------------

    @property
    def step(self) -> Step:
        """The current step (the first before start, the last after the end)."""
        return self.plan.steps[self.index]

    @property
    def running(self) -> bool:
        """True while the session is started and not yet ended."""
        return self.state in (EngineState.RUNNING, EngineState.PAUSED)

    def duration(self) -> float | None:
        """The current step's length with extensions; None for a rep set."""
        seconds = self.step.seconds
        return None if seconds is None else seconds + self._extension

    def step_elapsed(self) -> float:
        """Active seconds spent in the current step (pauses excluded)."""
        if self.state is EngineState.READY:
            return 0.0
        return self._active(self._now_or_frozen())

    def remaining(self) -> float | None:
        """Seconds left in the current timed step; None for a rep set."""
        duration = self.duration()
        return None if duration is None else max(0.0, duration - self.step_elapsed())

    def resume_in(self) -> float | None:
        """Seconds until a lead-in after resume ends, while one is counting down."""
        if self._resume_at is None:
            return None
        return max(0.0, self._resume_at - self.clock())

    def next_due(self) -> float | None:
        """The next instant a cue, a step's end or a lead-in's end is due; None if nothing is.

        The UI sleeps until then (or until its display next changes) instead of polling fast.
        """
        if self.state is EngineState.PAUSED:
            lead_in = self._lead_in_cues()
            return lead_in[0].at if lead_in else self._resume_at
        if self.state is not EngineState.RUNNING:
            return None
        origin = self._step_start + self._step_paused
        duration = self.duration()
        for offset, cue in self._step_cues():
            if offset > self._checked and (cue.kind, cue.count) not in self._fired:
                return origin + offset
        return None if duration is None else origin + duration

    def upcoming_cues(self) -> list[CueDue]:
        """The cues still to come if nobody touches a key: the rest of this step's, and for
        a timed step, those of its end and of the next step's start. Handing them to the
        sound ahead of time lets it play each at its instant, whatever the UI is doing."""
        if self.state is EngineState.PAUSED:
            return self._lead_in_cues()
        if self.state is not EngineState.RUNNING:
            return []
        origin = self._step_start + self._step_paused
        duration = self.duration()
        cues = [
            _due(self.index, cue, origin + offset)
            for offset, cue in self._step_cues()
            if offset > self._checked and (cue.kind, cue.count) not in self._fired
        ]
        if duration is None:
            return cues
        end = origin + duration
        finish = finish_cue(self.plan, self.step)
        if finish is not None:
            cues.append(_due(self.index, finish, end))
        if self.index + 1 < len(self.plan.steps):
            after = self.plan.steps[self.index + 1]
            cues += [
                _due(after.index, cue, end)
                for offset, cue in step_cues(self.plan, after, after.seconds)
                if offset == 0
            ]
        return cues

    def session_elapsed(self) -> float:
        """Active seconds since the session started."""
        if self.started_at is None:
            return 0.0
        end = self._now_or_frozen()
        return end - self.started_at - self.paused_seconds

    def session_remaining(self) -> float:
        """Seconds left: what remains of this step plus every later step (rep sets estimated)."""
        if self.state in (EngineState.FINISHED, EngineState.STOPPED):
            return 0.0
        current = self.remaining()
        if current is None:
            current = max(0.0, self.step.estimated_seconds - self.step_elapsed())
        return current + self._after[self.index]

    # -- actions -------------------------------------------------------------------------

    def start(self, at_step: int = 0) -> list[Event]:
        """Start the session at the first step (or at `at_step`, to resume a run)."""
        if self.state is not EngineState.READY:
            return []
        now = self.clock()
        self.started_at = now
        self.state = EngineState.RUNNING
        return self._enter(min(at_step, len(self.plan.steps) - 1), now) + self._advance(now)

    def poll(self) -> list[Event]:
        """Catch up with the clock: cues that came due, steps whose time ran out."""
        return self._advance(self.clock())

    def pause(self) -> list[Event]:
        """Freeze the clock of the step and the session."""
        now = self.clock()
        events = self._advance(now)
        if self.state is EngineState.RUNNING:
            self.state = EngineState.PAUSED
            self._paused_at = now
        self._resume_at = None
        self._lead_in = []
        return events

    def resume(self, lead_in: float = 0.0) -> list[Event]:
        """Run again, after `lead_in` seconds (shown as a 3-2-1) if given."""
        now = self.clock()
        events = self._advance(now)
        if self.state is EngineState.PAUSED:
            self._resume_at = now + max(0.0, lead_in)
            counts = min(math.ceil(lead_in), self.plan.session.defaults.countdown)
            self._lead_in = _lead_in_cues(self.index, self._resume_at, counts) if lead_in else []
            events += self._advance(now)
        return events

    def skip(self) -> list[Event]:
        """End the current step now as skipped and go to the next."""
        return self._finish_now(Outcome.SKIPPED)

    def done(self) -> list[Event]:
        """End the current step now as done (how a rep set ends)."""
        return self._finish_now(Outcome.DONE)

    def back(self) -> list[Event]:
        """Leave the current step unfinished (partial) and start the previous one again."""
        now = self.clock()
        events = self._advance(now)
        if self.running:
            events += self._left_partway(now)
            events += self._enter(max(0, self.index - 1), now)
            events += self._advance(now)
        return events

    def extend(self, seconds: float) -> list[Event]:
        """Add (or with a negative number take) seconds to the current timed step."""
        now = self.clock()
        events = self._advance(now)
        duration = self.duration()
        if not self.running or duration is None:
            return events
        active = self._active(self._frozen_at(now))
        self._extension = max(active, duration + seconds) - (self.step.seconds or 0)
        # A countdown that already played plays again before the new end.
        new_duration = self.duration() or 0.0
        for count in range(1, self.plan.session.defaults.countdown + 1):
            if new_duration - count > active:
                self._fired.discard((CueKind.COUNTDOWN, count))
        self._checked = min(self._checked, active)
        return events + self._advance(now)

    def stop(self) -> list[Event]:
        """End the session early."""
        now = self.clock()
        events = self._advance(now)
        if not self.running:
            return events
        events += self._left_partway(now)
        return [*events, self._end(now, EngineState.STOPPED)]

    # -- inside --------------------------------------------------------------------------

    def _now_or_frozen(self) -> float:
        if self.ended_at is not None:
            return self.ended_at
        return self._frozen_at(self.clock())

    def _frozen_at(self, now: float) -> float:
        return self._paused_at if self._paused_at is not None else now

    def _active(self, instant: float) -> float:
        return max(0.0, instant - self._step_start - self._step_paused)

    def _advance(self, now: float) -> list[Event]:
        events: list[Event] = []
        while True:
            if self.state is EngineState.PAUSED:
                due = [c for c in self._lead_in_cues() if c.at <= now]
                events += due
                self._lead_in = [c for c in self._lead_in if c not in due]
                if self._resume_at is None or now < self._resume_at:
                    return events
                self._unpause(self._resume_at)
            if self.state is not EngineState.RUNNING:
                return events
            active = self._active(now)
            duration = self.duration()
            reached = active if duration is None else min(active, duration)
            events += self._due_cues(reached)
            if duration is None or active < duration:
                return events
            deadline = self._step_start + self._step_paused + duration
            events += self._leave(deadline, duration, Outcome.DONE)

    def _lead_in_cues(self) -> list[CueDue]:
        """The 3-2-1 still to play; its "go" only if the step's own start cue has sounded
        (a step entered while paused says its own cue as the clock runs again)."""
        started = bool(self._fired)  # the start cue, at offset 0, is the first to fire
        return [c for c in self._lead_in if started or c.cue.kind is not CueKind.GO]

    def _unpause(self, at: float) -> None:
        assert self._paused_at is not None
        self.paused_seconds += at - self._paused_at
        self._step_paused += at - max(self._paused_at, self._step_start)
        self._paused_at = None
        self._resume_at = None
        self._lead_in = []
        self.state = EngineState.RUNNING

    def _step_cues(self) -> list[tuple[float, Cue]]:
        """The current step's cues at its length now, worked out once (read on every tick)."""
        index, duration, cues = self._cues
        if index != self.index or duration != self.duration():
            duration = self.duration()
            self._cues = (self.index, duration, step_cues(self.plan, self.step, duration))
        return self._cues[2]

    def _due_cues(self, reached: float) -> list[Event]:
        """Cues whose offsets lie in (checked, reached]: none twice, none after a pause."""
        events: list[Event] = []
        origin = self._step_start + self._step_paused
        for offset, cue in self._step_cues():
            key = (cue.kind, cue.count)
            in_window = self._checked < offset <= reached or (offset == 0 and self._checked == 0)
            if in_window and key not in self._fired:
                self._fired.add(key)
                events.append(_due(self.index, cue, origin + offset))
        self._checked = max(self._checked, reached)
        return events

    def _finish_now(self, outcome: Outcome) -> list[Event]:
        now = self.clock()
        events = self._advance(now)
        if not self.running:
            return events
        active = self._active(self._frozen_at(now))
        events += self._leave(now, active, outcome)
        return events + self._advance(now)

    def _left_partway(self, now: float) -> list[Event]:
        """The visit to the current step, ended before the step did (none if no time passed
        in it: a step left the instant it began leaves its earlier outcome as it was)."""
        active = self._active(self._frozen_at(now))
        return [StepFinished(self.step, now, active, Outcome.PARTIAL)] if active > 0 else []

    def _leave(self, at: float, active: float, outcome: Outcome) -> list[Event]:
        step = self.step
        events: list[Event] = [StepFinished(step, at, active, outcome)]
        cue = finish_cue(self.plan, step)
        skipped = outcome is Outcome.SKIPPED
        if cue is not None and not (skipped and cue.kind is CueKind.SET_DONE):
            events.append(_due(step.index, cue, at))
        if self.index + 1 < len(self.plan.steps):
            return events + self._enter(self.index + 1, at)
        return [*events, self._end(at, EngineState.FINISHED)]

    def _end(self, at: float, state: EngineState) -> SessionEnded:
        """End the session at `at`, FINISHED or STOPPED: a pause going on counts to `at`."""
        if self._paused_at is not None:
            self.paused_seconds += at - self._paused_at
            self._paused_at = None
        self._resume_at = None
        self._lead_in = []
        self.state, self.ended_at = state, at
        return SessionEnded(at, completed=state is EngineState.FINISHED)

    def _enter(self, index: int, at: float) -> list[Event]:
        self.index = index
        self._step_start = at
        self._step_paused = 0.0
        self._extension = 0.0
        self._checked = 0.0
        self._fired = set()
        return [StepStarted(self.step, at)]


def _due(step_index: int, cue: Cue, at: float) -> CueDue:
    return CueDue(cue, at, (step_index, cue.kind.value, cue.count, round(at, 6)))


def _lead_in_cues(step_index: int, resume_at: float, counts: int) -> list[CueDue]:
    """3, 2, 1 a second apart (`counts` of them, to the routine's countdown), then Go as
    the clock runs again."""
    cues = [
        _due(step_index, Cue(CueKind.COUNTDOWN, say_number(n), n), resume_at - n)
        for n in range(counts, 0, -1)
    ]
    return [*cues, _due(step_index, Cue(CueKind.GO, "Go"), resume_at)]
