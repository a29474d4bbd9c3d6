"""Every bundled routine validates, matches the JSON Schema, and runs to its end."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import FakeClock
from workout_tui.core import locations
from workout_tui.core.engine import Engine, EngineState, StepFinished
from workout_tui.core.loader import load_plan
from workout_tui.core.plan import Outcome, StepKind

BUNDLED = sorted(locations.bundled_sessions_dir().glob("*.yaml"))
EXPECTED = {"hip-flexor-stretch", "glute-hamstring-strength", "desk-break", "neck-and-back-relief"}


def test_the_four_routines_from_the_article_ship() -> None:
    assert {p.stem for p in BUNDLED} == EXPECTED


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_routine_matches_the_json_schema(path: Path) -> None:
    schema = json.loads(locations.schema_path().read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_routine_runs_through_the_engine_to_the_end(path: Path) -> None:
    plan = load_plan(path)
    clock = FakeClock()
    engine = Engine(plan, clock)
    events = engine.start()
    while engine.state is EngineState.RUNNING:
        if engine.step.kind is StepKind.WORK_REPS:
            clock.advance(20)
            events += engine.done()
        else:
            clock.advance(0.5)
            events += engine.poll()
    assert engine.state is EngineState.FINISHED
    finished = [e for e in events if isinstance(e, StepFinished)]
    assert [e.step.index for e in finished] == list(range(len(plan.steps)))
    assert all(e.outcome is Outcome.DONE for e in finished)
    for step in plan.steps:
        if step.is_work:
            assert step.exercise is not None and step.exercise.notes, f"{step.label()} has no notes"


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads(locations.schema_path().read_text(encoding="utf-8"))
    bad = [
        {"name": "x", "exercises": [{"name": "a", "hold": "30s", "reps": 5}]},
        {"name": "x", "exercises": [{"name": "a"}]},
        {"name": "x", "exercises": [{"name": "a", "hold": "soon"}]},
        {"name": "x", "exercises": [{"name": "a", "hold": "0s", "sides": ["middle"]}]},
        {"name": "x", "exercises": [], "defualts": {}},
        {"exercises": [{"name": "a", "hold": 5}]},
    ]
    for document in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)


def test_desk_break_takes_about_five_minutes() -> None:
    plan = load_plan(locations.bundled_sessions_dir() / "desk-break.yaml")
    assert 4 * 60 <= plan.estimated_seconds <= 6 * 60


def test_the_sounds_for_every_cue_ship() -> None:
    names = {p.stem for p in locations.sounds_dir().glob("*.wav")}
    assert names == {"tick", "go", "halfway", "switch", "rest", "done"}


@pytest.mark.parametrize(
    "written",
    [
        "45s",
        "1m30s",
        "2m",
        "1:30",
        "1:02:03",
        "90",
        "40 seconds",
        "40 sec",
        "40 s",
        "40S",
        "2 Min",
        "1 hour 5 minutes",
        "1h 30m",
        "soon",
        "40 secnds",
        "1:75",
        "",
        "  ",
        "-5s",
        "40 seconds ago",
    ],
)
def test_the_schema_reads_a_duration_as_the_loader_does(written: str) -> None:
    """An editor's schema check says what `validate` says: a duration it accepts is one
    the loader accepts (and the other way round), in any case, with units spelled out."""
    from workout_tui.core.durations import parse_duration

    schema = json.loads(locations.schema_path().read_text(encoding="utf-8"))
    routine = {
        "name": "x",
        "exercises": [{"name": "a", "hold": "5s", "rest": written, "sides": ["Left", "RIGHT"]}],
    }
    try:
        parse_duration(written)
        loader_accepts = True
    except ValueError:
        loader_accepts = False
    schema_accepts = jsonschema.Draft202012Validator(schema).is_valid(routine)
    assert schema_accepts == loader_accepts
