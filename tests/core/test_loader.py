"""The loader turns every kind of bad input into located problems, never a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from workout_tui.core import yaml_source
from workout_tui.core.durations import parse_duration
from workout_tui.core.loader import load_plan, load_plan_text
from workout_tui.core.model import Block, Exercise, Mode
from workout_tui.core.problems import SessionFileError

Write = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    started = time.process_time()  # CPU: waiting for a core shared with other tests is not work
    with pytest.raises(SessionFileError) as caught:
        load_plan(path)
    assert time.process_time() - started < 1.0, "bad input must be rejected within a second of CPU"
    return [str(p) for p in caught.value.problems]


def test_the_design_example_loads_with_every_key(write_routine: Write) -> None:
    path = write_routine(
        """
        name: Hip flexor stretch
        description: Loosen the hip flexors.
        tags: [mobility, hips]
        equipment: [kettlebell]
        defaults:
          {prepare: 10s, rest: 15s, switch_sides: 5s, countdown: 3, halfway: true, voice: false}
        exercises:
          - name: Half-kneeling hip flexor stretch
            hold: 45s
            sides: [left, right]
            notes: Tuck the pelvis under.
          - name: Goblet squat
            sets: 3
            reps: 10
            load: 12 kg
            rest_between_sets: 60s
          - name: Kettlebell swing
            sets: 3
            time: 30s
            rest_between_sets: 30s
            rest: 90s
          - block: Finisher
            rounds: 2
            rest_between_rounds: 1:00
            exercises:
              - {name: Bodyweight squat, reps: 15}
              - {name: Glute bridge, hold: 30s}
        """
    )
    session = load_plan(path).session
    assert session.name == "Hip flexor stretch"
    assert session.tags == ("mobility", "hips")
    assert session.defaults.voice is False
    stretch, squat, swing, finisher = session.items
    assert stretch == Exercise(
        "Half-kneeling hip flexor stretch",
        Mode.HOLD,
        45,
        sides=("left", "right"),
        notes="Tuck the pelvis under.",
    )
    assert isinstance(squat, Exercise) and squat.load == "12 kg" and squat.sets == 3
    assert isinstance(swing, Exercise) and swing.mode is Mode.TIME and swing.rest == 90
    assert isinstance(finisher, Block) and finisher.rounds == 2
    assert finisher.rest_between_rounds == 60


def test_every_problem_is_reported_in_one_pass_with_line_and_column(write_routine: Write) -> None:
    path = write_routine(
        """
        name: Broken
        defualts: {rest: 10s}
        exercises:
          - name: Squat
            reps: 0
          - name: Plank
            hold: 30s
            reps: 10
          - name: Lunge
            sets: -2
            hold: soon
          - hold: 20s
          - name: Stretch
            hold: 30s
            sides: [left, middle]
        """
    )
    name = str(path)
    assert problems_of(path) == [
        f"{name}:2:1: unknown key `defualts` in a session; did you mean `defaults`?",
        f"{name}:5:11: `reps` must be a whole number from 1 to 1000, not 0",
        f"{name}:8:5: exercise 'Plank' has both `hold` and `reps`; give exactly one",
        f"{name}:10:11: `sets` must be a whole number from 1 to 100, not -2",
        f"{name}:11:11: 'soon' is not a duration; write it like 45s, 1m30s, 2m or 1:30",
        f"{name}:12:5: an exercise needs a `name`",
        f"{name}:15:12: `sides` must list left and/or right once each, like [left, right]",
    ]


def test_misspelt_exercise_keys_get_did_you_mean(write_routine: Write) -> None:
    path = write_routine(
        "name: x\nexercises:\n  - {name: a, hold: 5s, nots: hi, rest_betwen_sets: 5}\n"
    )
    problems = problems_of(path)
    assert any("unknown key `nots` in an exercise; did you mean `notes`?" in p for p in problems)
    assert any("did you mean `rest_between_sets`?" in p for p in problems)


def test_a_python_tag_is_an_error_and_runs_nothing(write_routine: Write, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write_routine(
        f"name: !!python/object/apply:os.system ['touch {marker}']\nexercises: []\n"
    )
    assert problems_of(path) == [
        f"{path}:1:7: tag !!python/object/apply:os.system is not allowed; "
        "session files hold plain values only"
    ]
    assert not marker.exists()


@pytest.mark.timeout(5)  # expanded, it would be 10**9 values: minutes and gigabytes
def test_an_alias_bomb_is_refused_quickly(write_routine: Write) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    path = write_routine("\n".join(lines) + "\nname: bomb\nexercises: [*i]\n")
    (problem,) = problems_of(path)
    assert "values once aliases are expanded" in problem


def test_aliases_that_repeat_many_exercises_hit_the_step_bound(write_routine: Write) -> None:
    path = write_routine(
        "name: many\nexercises:\n"
        "  - &e {name: a, hold: 1s, sets: 100, sides: [left, right]}\n"
        + "".join("  - *e\n" for _ in range(30))
    )
    (problem,) = problems_of(path)
    assert problem.endswith("the session has more than 2000 steps; split it up")
    assert problem.startswith(f"{path}:1:1:")


def test_a_session_longer_than_the_bound_is_refused(write_routine: Write) -> None:
    path = write_routine("name: long\nexercises:\n  - {name: a, hold: 4h, sets: 5}\n")
    (problem,) = problems_of(path)
    assert "would take over 12 hours" in problem


# libyaml (when PyYAML has it) scans ahead and has limits of its own; the pure-Python
# scanner has none. The project's bound must speak first with either.
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("depth", [30, 1_001, 5_000, 100_000])
@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_deep_nesting_is_refused_without_crashing(
    write_routine: Write, monkeypatch: pytest.MonkeyPatch, loader: type, depth: int, closed: bool
) -> None:
    monkeypatch.setattr(yaml_source, "_Loader", loader)
    path = write_routine("name: deep\nexercises: " + "[" * depth + "]" * depth * closed + "\n")
    (problem,) = problems_of(path)
    assert problem == f"{path}:2:35: nested more than 24 levels deep"


def test_a_huge_file_is_refused(write_routine: Write) -> None:
    path = write_routine("name: huge\n" + "# padding\n" * 40_000)
    assert problems_of(path) == [f"{path}:1:1: file is larger than 256 KiB; a routine is small"]


def test_binary_junk_is_refused(write_routine: Write) -> None:
    path = write_routine(b"name: x\n\x00\x01\x02\xff")
    assert problems_of(path) == [f"{path}:2:1: file is binary (it has a NUL byte), not YAML text"]


def test_a_wrong_encoding_is_refused_with_its_position(write_routine: Write) -> None:
    path = write_routine("name: Étirement\nexercises: []\n".encode("latin-1"))
    assert problems_of(path) == [
        f"{path}:1:7: file is not UTF-8 text (byte 0xc9); save it as UTF-8"
    ]


def test_a_utf8_bom_is_fine(write_routine: Write) -> None:
    path = write_routine("\ufeffname: Étirement\nexercises: [{name: a, hold: 5}]\n".encode())
    assert load_plan(path).session.name == "Étirement"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_an_empty_file_is_refused(write_routine: Write, text: str) -> None:
    path = write_routine(text)
    assert problems_of(path) == [
        f"{path}:1:1: file is empty; a session needs `name` and `exercises`"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "1:1: a session must be a mapping of `key: value` lines"),
        ("name: x\n", "1:1: the session needs `exercises`"),
        ("name: x\nexercises: []\n", "2:12: `exercises` is empty; add at least one exercise"),
        ("exercises: [{name: a, hold: 5}]\n", "1:1: the session needs a `name`"),
        ("name: x\nexercises: [{name: a}]\n", "needs one of `hold`, `time` or `reps`"),
        ("name: x\nexercises: [{name: a, hold: 0}]\n", "must last at least 1 second"),
        ("name: x\nexercises: [{name: a, hold: -5s}]\n", "cannot be negative"),
        ("name: x\nexercises: [{name: a, hold: 5, sets: 0}]\n", "`sets` must be a whole number"),
        ("name: x\nexercises: [{name: a, reps: 2.5}]\n", "`reps` must be a whole number"),
        ("name: x\nexercises: [{name: a, reps: true}]\n", "`reps` must be a whole number"),
        ("name: x\nexercises: [{name: a, hold: 5, name: b}]\n", "`name` is given twice"),
        (
            "name: x\nexercises: [{block: b, rounds: 0, exercises: [{name: a, hold: 5}]}]\n",
            "`rounds` must be a whole number",
        ),
        (
            "name: x\nexercises: [{block: b, exercises: [{block: c, exercises: []}]}]\n",
            "blocks cannot be nested",
        ),
        (
            "name: x\ndefaults: {countdown: 20}\nexercises: [{name: a, hold: 5}]\n",
            "`countdown` must be a whole number of beeps from 0 to 10",
        ),
        (
            "name: x\ndefaults: {halfway: maybe}\nexercises: [{name: a, hold: 5}]\n",
            "expected true or false",
        ),
        ("name: [x]\nexercises: [{name: a, hold: 5}]\n", "1:7: expected some text here"),
        ("name: x\nexercises: [{name: a, hold: 5}\n", "not valid YAML"),
        ("name: x\n---\nname: y\n", "2:1: not valid YAML"),  # the rest is PyYAML's wording
    ],
)
def test_each_mistake_gets_a_clear_located_message(
    write_routine: Write, text: str, message: str
) -> None:
    path = write_routine(text)
    problems = problems_of(path)
    assert any(p.startswith(f"{path}:") and message in p for p in problems), problems


def test_merge_keys_share_settings_between_exercises() -> None:
    plan = load_plan_text(
        "name: x\nexercises:\n"
        "  - &base {name: a, hold: 20s, sides: [left, right]}\n"
        "  - {<<: *base, name: b}\n"
    )
    first, second = plan.session.items
    assert isinstance(second, Exercise) and second.name == "b"
    assert isinstance(first, Exercise) and second.sides == first.sides == ("left", "right")


def test_a_missing_file_and_a_directory_are_problems_not_crashes(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}:1:1: no such file"]
    assert problems_of(tmp_path) == [f"{tmp_path}:1:1: is a directory, not a routine file"]


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("40 seconds", 40),
        ("40 sec", 40),
        ("40 s", 40),
        ("40S", 40),
        ("1 min 30 sec", 90),
        ("2 minutes", 120),
        ("1 hour", 3600),
    ],
)
def test_durations_may_spell_their_units(written: str, seconds: int) -> None:
    assert parse_duration(written) == seconds


def test_what_people_write_by_hand_gets_a_message_that_quotes_it(write_routine: Write) -> None:
    path = write_routine(
        """
        name: By hand
        exercises:
          - {name: Plank, hold: forty seconds}
          - {name: Squat, reps: eight}
          - {name: Row, reps: 8, weight: 12 kg}
          - {name: Lunge, hold: 40S, sides: [Left, Right]}
        """
    )
    assert problems_of(path) == [
        f"{path}:3:25: 'forty seconds' is not a duration; write it like 45s, 1m30s, 2m or 1:30",
        f"{path}:4:25: 'eight' is not reps: write a whole number or a range like 8-12",
        f"{path}:5:26: unknown key `weight` in an exercise; did you mean `load`?",
    ]  # [Left, Right] is read as [left, right], as 40S is as 40s


@pytest.mark.parametrize(
    ("text", "where", "meaning"),
    [
        (
            "  - name: Plank\n    hold: 30s\n   - name: Squat\n    reps: 8\n",
            "5:4",
            "this line does not line up with the list it is in: every `- ` item of a list starts "
            "in the same column (the list starts on line 3)",
        ),
        ("  - name: Plank\n     hold: 30s\n", "4:10", "a `key: value` where none can start"),
        ("\t- {name: Plank, hold: 30s}\n", "3:1", "indent with spaces only"),
    ],
)
def test_a_yaml_slip_says_what_it_means_for_a_routine(
    write_routine: Write, text: str, where: str, meaning: str
) -> None:
    path = write_routine("name: X\nexercises:\n" + text)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{where}: ") and meaning in problem, problem
    assert "(YAML: " in problem  # PyYAML's words too, for whoever knows them
