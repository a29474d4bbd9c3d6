"""Properties that hold for every session, every action sequence and every damaged file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from workout_tui.core import locations
from workout_tui.core.cues import CueKind
from workout_tui.core.engine import CueDue, Engine, EngineState, Event, StepStarted
from workout_tui.core.loader import load_plan_text
from workout_tui.core.model import Block, Defaults, Exercise, Mode, Session
from workout_tui.core.plan import Plan, StepKind, compile_plan
from workout_tui.core.problems import SessionFileError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

seconds = st.integers(min_value=0, max_value=120)
exercises = st.builds(
    Exercise,
    name=st.sampled_from(["Squat", "Couch stretch", "Swing", "Bridge"]),
    mode=st.sampled_from(list(Mode)),
    amount=st.integers(min_value=1, max_value=90),
    sets=st.integers(min_value=1, max_value=4),
    sides=st.sampled_from([(), ("left", "right"), ("right",)]),
    rest=st.none() | seconds,
    rest_between_sets=st.none() | seconds,
)
blocks = st.builds(
    Block,
    name=st.just("Circuit"),
    exercises=st.lists(exercises, min_size=1, max_size=3).map(tuple),
    rounds=st.integers(min_value=1, max_value=3),
    rest_between_rounds=st.none() | seconds,
)
defaults = st.builds(
    Defaults,
    prepare=seconds,
    rest=seconds,
    switch_sides=st.integers(min_value=0, max_value=10),
    countdown=st.integers(min_value=0, max_value=5),
    halfway=st.booleans(),
)
sessions = st.builds(
    Session,
    name=st.just("Random"),
    items=st.lists(exercises | blocks, min_size=1, max_size=5).map(tuple),
    defaults=defaults,
)
timed_sessions = sessions.map(
    lambda s: Session(
        s.name,
        tuple(
            Exercise(e.name, Mode.HOLD, e.amount, e.sets, e.sides, rest=e.rest)
            for e in _exercises(s)
        ),
        defaults=s.defaults,
    )
)


def _exercises(session: Session) -> list[Exercise]:
    found: list[Exercise] = []
    for item in session.items:
        found += list(item.exercises) if isinstance(item, Block) else [item]
    return found


@SETTINGS
@given(sessions)
def test_a_plan_totals_the_sum_of_its_steps_and_is_well_formed(session: Session) -> None:
    plan = compile_plan(session)
    assert plan.total_seconds == sum(step.seconds or 0 for step in plan.steps)
    assert plan.estimated_seconds == sum(step.estimated_seconds for step in plan.steps)
    assert [step.index for step in plan.steps] == list(range(len(plan.steps)))
    assert plan.steps[-1].is_work  # never ends on a rest or a switch
    assert all(step.seconds is None or step.seconds > 0 for step in plan.steps)
    for step in plan.steps:
        upcoming = plan.next_work(step)
        later_work = [s for s in plan.steps[step.index + 1 :] if s.is_work]
        assert upcoming == (later_work[0] if later_work else None)
    work = [s for s in plan.steps if s.is_work]
    expected = sum(
        e.sets * max(1, len(e.sides)) * (i.rounds if isinstance(i, Block) else 1)
        for i in session.items
        for e in (i.exercises if isinstance(i, Block) else (i,))
    )
    assert len(work) == expected


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["poll", "pause", "resume", "lead-in", "skip", "back", "done", "add", "take"]
        ),
        st.integers(min_value=1, max_value=4096),  # clock advance in 1/1024 s
    ),
    max_size=120,
)


@SETTINGS
@given(sessions, ACTIONS)
def test_the_engine_never_goes_negative_nor_fires_a_cue_twice(
    session: Session, actions: list[tuple[str, int]]
) -> None:
    plan = compile_plan(session)
    clock = FakeClock()
    engine = Engine(plan, clock)
    events = engine.start()
    for action, advance in actions:
        clock.advance(advance / 1024)
        act: Callable[[], list[Event]] = {
            "poll": engine.poll,
            "pause": engine.pause,
            "resume": engine.resume,
            "lead-in": lambda: engine.resume(lead_in=3),
            "skip": engine.skip,
            "back": engine.back,
            "done": engine.done,
            "add": lambda: engine.extend(15),
            "take": lambda: engine.extend(-15),
        }[action]
        events += act()
        remaining = engine.remaining()
        assert remaining is None or remaining >= 0
        assert engine.step_elapsed() >= 0 and engine.session_elapsed() >= 0
        assert engine.session_remaining() >= 0
    _assert_each_cue_once_a_visit(events, plan)


def _assert_each_cue_once_a_visit(events: list[Event], plan: Plan) -> None:
    """Within one visit of a step no cue repeats; a countdown or go may replay only at a
    new instant (an extended step counts down again before its new end; a resume counts
    3-2-1 and says go). No two cues of a run share a key (cues handed on ahead rely on it)."""
    seen: set[tuple[CueKind, int]] = set()
    instants: set[tuple[CueKind, int, float]] = set()
    keys: set[tuple[int, str, int, float]] = set()
    for event in events:
        if isinstance(event, StepStarted):
            seen, instants = set(), set()
        elif isinstance(event, CueDue):
            key = (event.cue.kind, event.cue.count)
            assert (*key, event.at) not in instants, f"{key} fired twice at {event.at}"
            assert event.key not in keys, f"two cues share the key {event.key}"
            instants.add((*key, event.at))
            keys.add(event.key)
            if event.cue.kind not in (CueKind.COUNTDOWN, CueKind.GO):
                assert key not in seen, f"{key} fired twice in one visit"
            seen.add(key)


@SETTINGS
@given(
    timed_sessions, st.lists(st.tuples(st.integers(1, 4096), st.integers(0, 20_000)), max_size=60)
)
def test_a_timed_session_ends_at_its_total_plus_paused_time(
    session: Session, pauses: list[tuple[int, int]]
) -> None:
    plan = compile_plan(session)
    assert all(step.kind is not StepKind.WORK_REPS for step in plan.steps)
    clock = FakeClock(start=4096.0)
    engine = Engine(plan, clock)
    start = clock.now
    engine.start()
    paused = 0.0
    for wait, pause in pauses:
        clock.advance(wait / 1024)
        engine.poll()
        if engine.state is EngineState.RUNNING:
            engine.pause()
            clock.advance(pause / 1024)
            paused += pause / 1024
            engine.resume()
    while engine.state is not EngineState.FINISHED:
        clock.advance(0.5)
        engine.poll()
    assert engine.ended_at == start + plan.total_seconds + paused


BUNDLED = {p.name: p.read_bytes() for p in sorted(locations.bundled_sessions_dir().glob("*.yaml"))}
mutations = st.lists(
    st.one_of(
        st.tuples(st.just("delete-line"), st.integers(0, 200), st.just(b"")),
        st.tuples(
            st.just("swap-values"),
            st.integers(0, 200),
            st.integers(0, 200).map(str).map(str.encode),
        ),
        st.tuples(st.just("junk"), st.integers(0, 10_000), st.binary(min_size=1, max_size=8)),
    ),
    min_size=1,
    max_size=4,
)


@SETTINGS
@given(st.sampled_from(sorted(BUNDLED)), mutations)
def test_a_damaged_routine_gives_only_located_loader_errors(
    name: str, changes: list[tuple[str, int, bytes]]
) -> None:
    data = BUNDLED[name]
    for kind, where, payload in changes:
        lines = data.split(b"\n")
        if kind == "delete-line":
            del lines[where % len(lines)]
        elif kind == "swap-values":
            a, b = where % len(lines), int(payload) % len(lines)
            head_a, _, value_a = lines[a].partition(b": ")
            head_b, _, value_b = lines[b].partition(b": ")
            lines[a], lines[b] = head_a + b": " + value_b, head_b + b": " + value_a
        else:
            spot = where % (len(data) + 1)
            lines = (data[:spot] + payload + data[spot:]).split(b"\n")
        data = b"\n".join(lines)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # the file reader reports undecodable bytes; test_loader covers that path
    try:
        load_plan_text(text, name)
    except SessionFileError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == name and problem.line >= 1 and problem.column >= 1
            assert problem.message


def test_undecodable_bytes_through_the_file_reader_are_a_located_error(tmp_path: Path) -> None:
    from workout_tui.core.loader import load_plan

    damaged = tmp_path / "damaged.yaml"
    damaged.write_bytes(BUNDLED["desk-break.yaml"][:300] + b"\xff\xfe" + b"junk")
    with pytest.raises(SessionFileError) as caught:
        load_plan(damaged)
    (problem,) = caught.value.problems
    assert problem.line > 1 and "not UTF-8" in problem.message
