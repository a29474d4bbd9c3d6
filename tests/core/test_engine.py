"""The engine steps through a plan on an injected clock, with exact timing and one cue each."""

from __future__ import annotations

import random

import pytest

from tests.conftest import FakeClock
from workout_tui.core.cues import CueKind, spoken_lines
from workout_tui.core.engine import (
    CueDue,
    Engine,
    EngineState,
    Event,
    SessionEnded,
    StepFinished,
    StepStarted,
    speed_clock,
)
from workout_tui.core.loader import load_plan_text
from workout_tui.core.plan import Outcome, Plan

STRETCH = """
name: Stretch
defaults: {prepare: 10s, rest: 15s, switch_sides: 5s, countdown: 3}
exercises:
  - {name: Couch stretch, hold: 40s, sides: [left, right]}
  - {name: Squat, reps: 10}
"""


def plan_of(text: str = STRETCH) -> Plan:
    return load_plan_text(text)


def cues(events: list[Event]) -> list[str]:
    return [f"{e.cue.kind.value}{e.cue.count or ''}" for e in events if isinstance(e, CueDue)]


def started(events: list[Event]) -> list[str]:
    return [e.step.label() for e in events if isinstance(e, StepStarted)]


def test_timed_steps_follow_the_clock_and_rep_sets_wait_for_done(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    events = engine.start()
    assert started(events) == ["Get ready"]
    assert cues(events) == ["get-ready"]
    assert engine.remaining() == 10
    clock.advance(10)
    assert started(engine.poll()) == ["Couch stretch · left · 40s"]
    clock.advance(40 + 5 + 40 + 15)
    assert started(engine.poll()) == [
        "Switch sides · right",
        "Couch stretch · right · 40s",
        "Rest",
        "Squat · 10 reps",
    ]
    assert engine.remaining() is None
    clock.advance(1000)
    assert engine.poll() == [] and engine.state is EngineState.RUNNING
    assert engine.step_elapsed() == 1000
    events = engine.done()
    finished = [e for e in events if isinstance(e, StepFinished)]
    assert [(f.active_seconds, f.outcome) for f in finished] == [(1000, Outcome.DONE)]
    assert events[-1] == SessionEnded(clock.now, completed=True)
    assert engine.state is EngineState.FINISHED  # type: ignore[comparison-overlap]  # it moved


def test_cues_land_at_their_instants_in_order(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    start = clock.now
    log: list[tuple[float, str]] = []
    events = engine.start()
    while engine.state is EngineState.RUNNING and engine.step.seconds is not None:
        log += [
            (e.at - start, f"{e.cue.kind}{e.cue.count or ''}")
            for e in events
            if isinstance(e, CueDue)
        ]
        clock.advance(0.25)
        events = engine.poll()
    log += [
        (e.at - start, f"{e.cue.kind}{e.cue.count or ''}") for e in events if isinstance(e, CueDue)
    ]
    assert log == [
        (0, "get-ready"),
        (7, "countdown3"),
        (8, "countdown2"),
        (9, "countdown1"),
        (10, "go"),
        (30, "halfway"),
        (47, "countdown3"),
        (48, "countdown2"),
        (49, "countdown1"),
        (50, "set-done"),
        (50, "switch"),
        (52, "countdown3"),
        (53, "countdown2"),
        (54, "countdown1"),
        (55, "go"),
        (75, "halfway"),
        (92, "countdown3"),
        (93, "countdown2"),
        (94, "countdown1"),
        (95, "set-done"),
        (95, "rest"),
        (107, "countdown3"),
        (108, "countdown2"),
        (109, "countdown1"),
        (110, "go"),
    ]


def test_voice_lines_name_what_comes_next(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    lines = [e.cue.say for e in engine.start() if isinstance(e, CueDue)]
    clock.advance(10 + 40 + 5 + 40 + 15)
    lines += [e.cue.say for e in engine.poll() if isinstance(e, CueDue)]
    lines += [e.cue.say for e in engine.done() if isinstance(e, CueDue)]
    assert lines[0] == "Get ready: Couch stretch"
    assert "Switch sides. Right" in lines
    assert "Right side. Go" in lines
    assert "Rest. Next: Squat" in lines
    assert "10 reps. Go" in lines
    assert lines[-1] == "Done. Well done."


def test_spoken_lines_hold_every_line_a_run_speaks(clock: FakeClock) -> None:
    """The voice renders these before the run starts, so none is missing when it is due."""
    plan = plan_of()
    engine = Engine(plan, clock)
    lines = [e.cue.say for e in engine.start() if isinstance(e, CueDue)]
    while engine.step.seconds is not None:
        clock.advance(0.5)
        lines += [e.cue.say for e in engine.poll() if isinstance(e, CueDue)]
    lines += [e.cue.say for e in engine.done() if isinstance(e, CueDue)]
    assert len(lines) == 26 and lines[-1] == "Done. Well done."
    assert set(lines) <= set(spoken_lines(plan))


def test_a_late_poll_reports_each_due_cue_once_with_its_true_instant(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(9.7)  # the poll comes late: countdown 3, 2 and 1 all came due
    events = engine.poll()
    assert cues(events) == ["countdown3", "countdown2", "countdown1"]
    assert [e.at for e in events if isinstance(e, CueDue)] == [1007, 1008, 1009]
    assert engine.poll() == []


def test_pause_freezes_time_and_moves_the_deadline(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(4)
    engine.pause()
    assert engine.state is EngineState.PAUSED
    clock.advance(300)
    assert engine.poll() == []
    assert engine.remaining() == 6
    assert engine.session_elapsed() == 4
    engine.resume()
    clock.advance(5.5)
    assert engine.remaining() == 0.5
    clock.advance(0.5)
    assert started(engine.poll()) == ["Couch stretch · left · 40s"]
    assert engine.paused_seconds == 300


def test_no_cue_fires_twice_across_pause_and_resume(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    fired = cues(engine.start())
    clock.advance(7.5)
    fired += cues(engine.poll())
    for _ in range(5):
        fired += cues(engine.pause())
        clock.advance(10)
        fired += cues(engine.resume())
    clock.advance(2.5)
    fired += cues(engine.poll())
    assert fired == ["get-ready", "countdown3", "countdown2", "countdown1", "go"]


def test_resume_with_a_lead_in_counts_down_before_the_clock_runs(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(2)
    engine.pause()
    clock.advance(20)
    engine.resume(lead_in=3)
    assert engine.resume_in() == 3
    clock.advance(2)
    engine.poll()
    assert engine.state is EngineState.PAUSED and engine.remaining() == 8
    clock.advance(1)
    engine.poll()
    assert engine.state is EngineState.RUNNING  # type: ignore[comparison-overlap]  # it moved
    assert engine.resume_in() is None and engine.paused_seconds == 23
    clock.advance(1)
    assert engine.remaining() == 7


def test_skip_and_done_end_a_step_now(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(3)
    events = engine.skip()
    (finished,) = [e for e in events if isinstance(e, StepFinished)]
    assert (finished.active_seconds, finished.outcome) == (3, Outcome.SKIPPED)
    assert engine.step.label() == "Couch stretch · left · 40s"
    clock.advance(12)
    events = engine.done()
    (finished,) = [e for e in events if isinstance(e, StepFinished)]
    assert (finished.active_seconds, finished.outcome) == (12, Outcome.DONE)
    assert "set-done" in cues(events)
    assert engine.step.label() == "Switch sides · right"


def test_a_skipped_set_does_not_say_set_done(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    engine.skip()
    assert "set-done" not in cues(engine.skip())


def test_back_restarts_the_previous_step(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(15)
    engine.poll()  # 5 s into the left side
    events = engine.back()
    (left,) = [e for e in events if isinstance(e, StepFinished)]  # its visit, as partial
    assert (left.step.index, left.active_seconds, left.outcome) == (1, 5, Outcome.PARTIAL)
    assert started(events) == ["Get ready"]
    assert cues(events) == ["get-ready"]  # a fresh visit plays its cues again
    assert engine.remaining() == 10
    events = engine.back()  # no time in it: nothing to log
    assert started(events) == ["Get ready"] and engine.index == 0
    assert not [e for e in events if isinstance(e, StepFinished)]


def test_extend_adds_and_takes_time_from_a_timed_step(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(4)
    engine.extend(15)
    assert engine.remaining() == 21
    assert engine.duration() == 25
    engine.extend(-15)
    engine.extend(-15)  # cannot take more than is left: the step ends now
    assert engine.step.label() == "Couch stretch · left · 40s"
    assert engine.step_elapsed() == 0


def test_a_countdown_that_played_plays_again_before_an_extended_end(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(8.5)
    assert cues(engine.poll()) == ["countdown3", "countdown2"]
    engine.extend(15)
    clock.advance(16.5)
    assert cues(engine.poll()) == ["countdown3", "countdown2", "countdown1", "go"]


def test_extend_does_nothing_to_a_rep_set(clock: FakeClock) -> None:
    engine = Engine(
        plan_of("name: r\ndefaults: {prepare: 0}\nexercises: [{name: A, reps: 5}]"), clock
    )
    engine.start()
    assert engine.extend(15) == [] and engine.duration() is None


def test_stop_ends_the_session_as_not_completed(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(20)
    engine.pause()
    clock.advance(5)
    events = engine.stop()
    partial = StepFinished(engine.plan.steps[1], clock.now, 10, Outcome.PARTIAL)
    assert events == [partial, SessionEnded(clock.now, completed=False)]  # 10 s of the hold
    assert engine.state is EngineState.STOPPED
    assert engine.session_elapsed() == 20
    assert engine.stop() == [] and engine.skip() == [] and engine.poll() == []


def test_session_remaining_counts_down_to_zero(clock: FakeClock) -> None:
    plan = plan_of()
    engine = Engine(plan, clock)
    assert engine.session_remaining() == plan.estimated_seconds
    engine.start()
    clock.advance(12)
    engine.poll()
    assert engine.session_remaining() == plan.estimated_seconds - 12
    clock.advance(10_000)
    engine.done()
    assert engine.session_remaining() == 0


@pytest.mark.parametrize("seed", range(5))
def test_zero_drift_after_ten_thousand_jittered_ticks(seed: int) -> None:
    """The end instant is start + planned total + paused time, exactly, however late ticks come.

    Clock readings are multiples of 1/1024 s so float sums are exact and "exactly" means it.
    """
    rng = random.Random(seed)
    plan = plan_of(
        "name: long\ndefaults: {prepare: 7s, rest: 13s, switch_sides: 3s}\nexercises:\n"
        "  - {name: A, hold: 37s, sets: 50, sides: [left, right]}\n"
        "  - {name: B, time: 23s, sets: 50, rest_between_sets: 11s}\n"
    )
    clock = FakeClock(start=rng.randrange(10**6) / 1024)
    engine = Engine(plan, clock)
    start = clock.now
    engine.start()
    paused = 0.0
    ticks = 0
    while engine.state is not EngineState.FINISHED:
        clock.advance(rng.randint(1, 1024) / 1024)  # 1 ms to 1 s late, at random
        engine.poll()
        ticks += 1
        if rng.random() < 0.01 and engine.state is EngineState.RUNNING:
            engine.pause()
            pause = rng.randint(1, 10_000) / 1024
            clock.advance(pause)
            paused += pause
            engine.resume()
    assert ticks >= 10_000
    assert engine.ended_at == start + plan.total_seconds + paused
    assert engine.paused_seconds == paused


def test_speed_clock_runs_faster_from_where_it_starts(clock: FakeClock) -> None:
    fast = speed_clock(clock, 20)
    origin = fast()
    clock.advance(1.5)
    assert fast() == origin + 30


def test_next_due_names_the_next_cue_or_step_end(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    assert engine.next_due() is None
    engine.start()
    assert engine.next_due() == 1007  # countdown 3 of the 10 s get-ready
    clock.advance(9.5)
    engine.poll()
    assert engine.next_due() == 1010  # the step's end
    clock.advance(0.5)
    engine.poll()
    assert engine.next_due() == 1030  # halfway through the 40 s hold
    engine.pause()
    assert engine.next_due() is None
    engine.resume(lead_in=3)
    assert engine.next_due() == clock.now + 1  # the "two" of the 3-2-1 ("three" played)
    clock.advance(3 + 10 + 40 + 5 + 40 + 15)
    engine.poll()
    assert engine.step.exercise is not None and engine.next_due() is None  # a rep set waits


def test_a_resume_counts_three_two_one_aloud_then_go(clock: FakeClock) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(12)
    engine.pause()
    clock.advance(60)
    started = clock.now
    heard = [e for e in engine.resume(lead_in=3) if isinstance(e, CueDue)]
    for _ in range(6):
        clock.advance(0.5)
        heard += [e for e in engine.poll() if isinstance(e, CueDue)]
    assert [(e.cue.kind, e.cue.count, e.at - started) for e in heard] == [
        (CueKind.COUNTDOWN, 3, 0),
        (CueKind.COUNTDOWN, 2, 1),
        (CueKind.COUNTDOWN, 1, 2),
        (CueKind.GO, 0, 3),
    ]
    assert engine.state is EngineState.RUNNING


def test_upcoming_cues_are_the_ones_that_then_come_due_with_the_same_keys(
    clock: FakeClock,
) -> None:
    engine = Engine(plan_of(), clock)
    engine.start()
    clock.advance(2)
    engine.poll()
    ahead = engine.upcoming_cues()  # the get-ready's 3-2-1, its end, and the hold's go
    assert [e.cue.kind for e in ahead] == [CueKind.COUNTDOWN] * 3 + [CueKind.GO]
    came: list[CueDue] = []
    for _ in range(20):
        clock.advance(0.5)
        came += [e for e in engine.poll() if isinstance(e, CueDue)]
    assert [(e.key, e.at) for e in came[:4]] == [(e.key, e.at) for e in ahead]
    assert len({e.key for e in came}) == len(came)  # no two cues share a key
    engine.pause()
    assert engine.upcoming_cues() == []  # paused: nothing will play on its own
