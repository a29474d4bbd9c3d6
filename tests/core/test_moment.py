"""The player's screen as plain values, without Textual: what each part shows, and when
the screen next needs drawing."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.core.test_engine import plan_of
from workout_tui.core.engine import Engine
from workout_tui.core.moment import FigurePart, Keys, figure_of, moment_of, next_change
from workout_tui.core.plan import Step, StepKind
from workout_tui.core.record import SessionRecord

REPS = """
name: Legs
defaults: {prepare: 5s, rest: 30s}
exercises:
  - {name: Couch stretch, hold: 20s, sides: [left, right], notes: "Squeeze the glute. [b]"}
  - {name: Goblet squat, reps: 8, sets: 2, load: 12 kg}
"""


def last(step: Step) -> str:
    return "last: 2 × 8 @ 10 kg" if step.title == "Goblet squat" else ""


def test_each_part_of_the_screen_at_a_few_moments(clock: FakeClock) -> None:
    engine = Engine(plan_of(REPS), clock)
    record = SessionRecord(engine.plan)
    record.add(engine.start())
    keys = Keys(resume="k", done="d", edit_log="l")
    moment = moment_of(engine, record, keys, last, ["muted"])
    assert moment.topbar == "Legs · step 1/8 · muted"
    assert (moment.phase.text, moment.phase.tone, moment.clock.clock) == (
        "GET READY",
        "prepare",
        "0:05",
    )
    assert moment.step.side is None and moment.aside.notes == "Squeeze the glute. [b]"
    assert moment.aside.next == "Next up: Couch stretch · left · 20s"
    clock.advance(6)
    record.add(engine.poll())
    moment = moment_of(engine, record, keys, last, [])
    assert (moment.phase.text, moment.step.side, moment.clock.clock) == (
        "WORK",
        "◀  LEFT SIDE",
        "0:19",
    )
    assert moment.clock.hint == "hold" and moment.space == "pause"
    while engine.step.title != "Goblet squat":  # skip on to the first squat set
        record.add(engine.skip())
    moment = moment_of(engine, record, keys, last, [])
    assert moment.step.detail == "set 1/2 · 12 kg · last: 2 × 8 @ 10 kg"
    assert moment.clock.hint == "8 reps · press d when done" and moment.space == "done"
    record.add(engine.done())
    moment = moment_of(engine, record, keys, last, [])
    assert moment.aside.logged == "Logged Goblet squat: 8 reps @ 12 kg · l to change"
    record.add(engine.pause())
    moment = moment_of(engine, record, keys, last, [])
    assert moment.phase.text == "PAUSED · k to resume" and moment.space == "resume"


def test_the_screen_wakes_once_a_second_for_its_clocks_and_to_the_ms_for_cues(
    clock: FakeClock,
) -> None:
    engine = Engine(plan_of(REPS), clock)
    engine.start()
    clock.advance(0.25)
    engine.poll()
    assert next_change(engine, speed=1) == 0.75  # the clocks' next tick
    clock.advance(0.75 + 1)  # 2 s into the 5 s get-ready: "three" is due at 2 s
    engine.poll()
    assert next_change(engine, speed=1) == 1.0
    assert next_change(engine, speed=20) == 0.05  # a cue is due: no frame cap for it
    engine.pause()
    assert next_change(engine, speed=1) is None  # paused: nothing changes on its own


def test_a_figure_moves_with_the_clock_in_a_rep_or_timed_set_and_stands_in_a_hold(
    clock: FakeClock,
) -> None:
    engine = Engine(plan_of(REPS), clock)
    engine.start()
    clock.advance(0.2)
    assert figure_of(engine) == FigurePart("couch-stretch", None, True, 0.0)  # what comes next
    engine.skip()
    clock.advance(3.7)
    assert figure_of(engine) == FigurePart("couch-stretch", None, True, 0.0)  # a hold: still
    while engine.step.kind is not StepKind.WORK_REPS:
        engine.skip()
    clock.advance(0.2)
    engine.poll()
    # A pose a second, taken as the step's clock ticks: the screen wakes no more often.
    assert figure_of(engine) == FigurePart("goblet-squat", None, False, 0.0)
    assert next_change(engine, 1) == pytest.approx(0.8)  # the step's clock, and the pose
    clock.advance(0.8)
    assert figure_of(engine) == FigurePart("goblet-squat", None, False, 1.0)
