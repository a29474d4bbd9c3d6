"""The real CLI, run as a subprocess the way a person runs it."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.terminal import Terminal
from tests.conftest import REPO
from tests.core.test_pictures import png

BUNDLED = ["desk-break", "glute-hamstring-strength", "hip-flexor-stretch", "neck-and-back-relief"]
SCRIPT = Path(sys.executable).parent / "workout-tui"


def env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "WORKOUT_TUI_DATA_DIR": str(home / "data"),
        "TERM": "xterm-256color",
    }


def cli(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env(home),
        cwd=cwd or home,
        timeout=30,
    )


def timed_cli(home: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """The CLI's result and the CPU seconds it used: unlike wall time, that does not grow
    when other tests share the cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = cli(home, *args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, used


def test_list_from_another_directory_shows_the_bundled_routines(home: Path) -> None:
    result = cli(home, "list", cwd=Path("/tmp"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SLUG", "NAME", "SOURCE", "TIME", "STEPS", "EQUIPMENT"]
    assert [line.split()[0] for line in lines[1:]] == BUNDLED
    assert all(" bundled " in line for line in lines[1:])
    assert result.stderr == ""


def test_list_json_describes_each_routine(home: Path) -> None:
    result = cli(home, "list", "--json")
    routines = json.loads(result.stdout)
    assert [r["slug"] for r in routines] == BUNDLED
    desk = routines[0]
    assert desk["name"] == "Desk break" and desk["source"] == "bundled"
    assert 240 <= desk["estimated_seconds"] <= 360 and desk["steps"] > 5
    assert desk["equipment"] == []


def test_list_json_names_the_bundled_routine_a_users_copy_replaces(home: Path) -> None:
    user = home / "config" / "workout-tui" / "sessions"
    user.mkdir(parents=True)
    (user / "desk-break.yaml").write_text(
        "name: My desk break\nexercises: [{name: A, hold: 30s}]\n"
    )
    desk = json.loads(cli(home, "list", "--json").stdout)[0]
    assert desk["source"] == "user" and desk["name"] == "My desk break"
    assert desk["replaces"].endswith("sessions/desk-break.yaml") and "shadows" not in desk


def test_user_routines_are_listed_and_broken_ones_reported(home: Path) -> None:
    user = home / "config" / "workout-tui" / "sessions"
    user.mkdir(parents=True)
    (user / "my-stretch.yaml").write_text("name: Mine\nexercises: [{name: A, hold: 30s}]\n")
    (user / "broken.yaml").write_text("name: Broken\nexercises: [{name: A, hodl: 30s}]\n")
    extra = home / "extra"
    extra.mkdir()
    (extra / "other.yml").write_text("name: Other\nexercises: [{name: B, reps: 5}]\n")
    result = cli(home, "--sessions-dir", str(extra), "list")
    assert result.returncode == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert set(rows) == {*BUNDLED, "my-stretch", "other"}
    assert " user " in rows["my-stretch"] and " user " in rows["other"]
    assert f"{user / 'broken.yaml'}:2:" in result.stderr
    assert "did you mean `hold`?" in result.stderr


def test_validate_the_bundled_routines_exits_zero(home: Path) -> None:
    files = sorted(str(p) for p in (REPO / "sessions").glob("*.yaml"))
    result = cli(home, "validate", *files)
    assert result.returncode == 0, result.stdout
    assert len(result.stdout.splitlines()) == 4
    assert all(": ok (" in line for line in result.stdout.splitlines())


ONE_EXERCISE = "name: x\nexercises:\n  - {name: a, "
BAD_FILES = {
    "typo.yaml": (ONE_EXERCISE + "hold: 5s, nots: hi}\n", "3:25: unknown key"),
    "both.yaml": (ONE_EXERCISE + "hold: 5s, reps: 3}\n", "3:25: exercise 'a' has both"),
    "empty.yaml": ("", "1:1: file is empty"),
    "binary.yaml": ("\x00\x01junk", "1:1: file is binary"),
    "zero.yaml": (ONE_EXERCISE + "reps: 0}\n", "3:21: `reps` must be"),
    "negative.yaml": (ONE_EXERCISE + "hold: 5, sets: -1}\n", "3:30: `sets` must be"),
    "deep.yaml": ("name: x\nexercises: " + "[" * 50_000, "2:35: nested more than 24 levels"),
    "figure.yaml": (
        ONE_EXERCISE + "reps: 8, figure: goblet-squatt}\n",
        "3:32: no figure called `goblet-squatt`; did you mean `goblet-squat`?",
    ),
    "tempo.yaml": (ONE_EXERCISE + "reps: 8, tempo: 2-x-2}\n", "3:31: tempo '2-x-2' is not"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_validate_prints_one_located_line_per_problem_and_exits_one(home: Path, name: str) -> None:
    text, expected = BAD_FILES[name]
    path = home / name
    path.write_text(text, encoding="utf-8")
    result, elapsed = timed_cli(home, "validate", str(path))
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()  # each of these files has exactly one problem
    assert line.startswith(f"{path}:{expected}")
    assert "Traceback" not in result.stdout + result.stderr
    assert elapsed < 1.0, f"took {elapsed:.2f}s"


@pytest.mark.parametrize("kind", ["text", "empty", "huge"])
def test_validate_says_where_an_image_is_not_a_picture_it_can_show(home: Path, kind: str) -> None:
    picture = home / "squat.png"
    if kind == "huge":
        png(picture, 20_000, 20_000)
    else:
        picture.write_text("Sit between your heels.\n" if kind == "text" else "")
    routine = home / "squat.yaml"
    routine.write_text(ONE_EXERCISE + "reps: 8,\n     image: squat.png}\n", encoding="utf-8")
    result, elapsed = timed_cli(home, "validate", str(routine))
    assert result.returncode == 1
    said = {
        "text": "is not a picture (PNG, JPEG, GIF or WebP)",
        "empty": "is empty (0 bytes), not a picture",
        "huge": "is too big to show: more than 16.8 million pixels (4096 x 4096 at most)",
    }[kind]
    assert result.stdout.splitlines() == [f"{routine}:4:13: {picture} {said}"]
    assert "Traceback" not in result.stdout + result.stderr
    assert elapsed < 1.0, f"took {elapsed:.2f}s"


def test_validate_a_wrong_encoding_and_a_missing_file(home: Path) -> None:
    latin = home / "latin.yaml"
    latin.write_bytes("name: Étirement\n".encode("latin-1"))
    result = cli(home, "validate", str(latin), str(home / "nope.yaml"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{latin}:1:7: file is not UTF-8 text (byte 0xc9); save it as UTF-8",
        f"{home / 'nope.yaml'}:1:1: no such file",
    ]


def test_a_python_object_tag_runs_nothing(home: Path) -> None:
    marker = home / "pwned"
    path = home / "evil.yaml"
    path.write_text(f"name: !!python/object/apply:os.system ['touch {marker}']\nexercises: []\n")
    for command in (["validate", str(path)], ["run", str(path)]):
        result = cli(home, *command)
        assert result.returncode == 1
        assert "tag !!python/object/apply:os.system is not allowed" in result.stdout + result.stderr
    assert not marker.exists()


def test_an_alias_bomb_is_refused_within_a_second(home: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        lines.append(f"{level}: &{level} [{', '.join(['*' + chr(ord(level) - 1)] * 10)}]")
    path = home / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nname: bomb\nexercises: [*i]\n")
    result, elapsed = timed_cli(home, "validate", str(path))
    assert elapsed < 1.0, f"took {elapsed:.2f}s"
    assert result.returncode == 1 and "once aliases are expanded" in result.stdout


def test_run_an_unknown_routine_suggests_the_closest_and_lists_all(home: Path) -> None:
    result = cli(home, "run", "hip-flexer")
    assert result.returncode == 2
    assert "no routine called 'hip-flexer'. Did you mean: hip-flexor-stretch?" in result.stderr
    for slug in BUNDLED:
        assert slug in result.stderr


def test_run_a_routine_in_a_terminal_to_its_summary(home: Path) -> None:
    terminal = Terminal(
        [SCRIPT, "run", "hip-flexor-stretch", "--speed", "150", "--mute"], env(home), cwd=Path("/")
    )
    terminal.wait_for("PREVIEW ×150")
    terminal.wait_for("LEFT SIDE")
    terminal.wait_for("RIGHT SIDE")
    terminal.wait_for("Done: Hip flexor and quad stretch", timeout=30)
    terminal.wait_for("9 of 9")
    assert "ALSA lib" not in terminal.text  # no sound card here: it must not print over the UI
    terminal.type("q")
    assert terminal.exit_code() == 0


def test_a_key_typed_while_the_terminal_is_asked_what_it_draws_ends_nothing(home: Path) -> None:
    """textual-image reads the terminal's answer a byte at a time before the app starts:
    the rest of an `é` typed meanwhile reached Textual and ended the app (a traceback)."""
    from PIL import Image

    folder = home / "routines"
    folder.mkdir()
    Image.new("RGB", (40, 20), (200, 30, 40)).save(folder / "squat.png")
    routine = "name: Pictures\nexercises:\n  - {name: Goblet squat, reps: 8, image: squat.png}\n"
    (folder / "pictures.yaml").write_text(routine)
    terminal = Terminal([SCRIPT, "--sessions-dir", str(folder)], env(home), cwd=home)
    terminal.type("é")  # there before the program reads: what it reads first
    terminal.wait_for("• Goblet squat: 8 reps")
    terminal.wait_for("start typing to filter")  # the filter as it was: nothing typed in
    terminal.type("\x11")  # ctrl+q
    assert terminal.exit_code() == 0
    assert "Traceback" not in terminal.text


def test_run_a_routine_by_path(home: Path) -> None:
    path = REPO / "sessions" / "desk-break.yaml"
    terminal = Terminal([SCRIPT, "run", str(path), "--mute"], env(home), cwd=Path("/"))
    terminal.wait_for("Standing hip flexor stretch")
    assert terminal.stop_session("Desk break") == 0


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["run"],
        ["run", "desk-break", "--speed", "fast"],
        ["list", "--nope"],
    ],
)
def test_usage_errors_exit_two(home: Path, args: list[str]) -> None:
    result = cli(home, *args)
    assert result.returncode == 2
    assert "usage: workout-tui" in result.stderr


def test_validate_takes_slugs_and_with_nothing_checks_every_routine(home: Path) -> None:
    one = cli(home, "validate", "desk-break")
    assert one.returncode == 0 and one.stdout.endswith("desk-break.yaml: ok (16 steps, ~5 min)\n")
    routines = home / "config" / "workout-tui" / "sessions"
    routines.mkdir(parents=True)
    (routines / "mine.yaml").write_text("name: Mine\nexercises:\n  - {name: Row, reps: eight}\n")
    every = cli(home, "validate")
    assert every.returncode == 1
    assert len(every.stdout.splitlines()) == 5 and every.stdout.count(": ok (") == 4
    assert f"{routines}/mine.yaml:3:23: 'eight' is not reps" in every.stdout


def test_version_and_module_entry_point(home: Path) -> None:
    result = cli(home, "--version")
    assert result.returncode == 0 and result.stdout.startswith("workout-tui ")  # see test_changelog
    module = subprocess.run(
        [sys.executable, "-m", "workout_tui", "--version"], capture_output=True, text=True
    )
    assert module.stdout == result.stdout


def test_no_command_opens_the_home_screen_with_the_routines(home: Path) -> None:
    terminal = Terminal([SCRIPT], env(home), cwd=Path("/tmp"))
    for name in ("Desk break", "Glute and hamstring strength", "Hip flexor and quad stretch"):
        terminal.wait_for(name)
    terminal.wait_for("Neck and mid-back relief")
    terminal.type("\x11")  # ctrl+q
    assert terminal.exit_code() == 0


def test_a_damaged_history_is_kept_aside_and_said_so_after_the_list_is_drawn(home: Path) -> None:
    data = home / "data"
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"not a database " * 500)
    terminal = Terminal([SCRIPT], env(home), cwd=Path("/tmp"))
    terminal.wait_for("Desk break")
    terminal.wait_for("The history file was damaged")
    kept = [p.name for p in data.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and (data / kept[0]).read_bytes().startswith(b"not a database")
    terminal.type("\x11")  # ctrl+q
    assert terminal.exit_code() == 0


def test_schema_prints_the_json_schema(home: Path) -> None:
    schema = json.loads(cli(home, "schema").stdout)
    assert schema["required"] == ["name", "exercises"]


def seed_history(home: Path) -> None:
    from tests.log_helpers import entry
    from workout_tui.core.loader import load_plan
    from workout_tui.core.log.store import HistoryStore

    plan = load_plan(REPO / "sessions" / "desk-break.yaml")
    store = HistoryStore(home / "data" / "history.sqlite3")
    run = store.start_run(plan, "desk-break", "abc", 1)
    for step in plan.steps:
        reps = None if step.seconds else 12
        store.record_step(run, entry(step, step.seconds or 30.0, reps=reps))
    store.finish_run(run, "completed")
    store.close()


def test_history_exports_json_with_every_step(home: Path) -> None:
    seed_history(home)
    result = cli(home, "history", "--export", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["format"], document["version"]) == ("workout-tui history", 3)
    assert document["breaks"] == []  # version 2 carries the breaks (none here)
    (run,) = document["runs"]
    assert (run["session"], run["session_name"], run["status"], run["speed"]) == (
        "desk-break",
        "Desk break",
        "completed",
        1.0,
    )
    assert datetime.fromisoformat(run["started_at"]).utcoffset() is not None
    assert datetime.fromisoformat(run["ended_at"]) >= datetime.fromisoformat(run["started_at"])
    assert len(run["steps"]) == 16
    squat = run["steps"][9]
    keys = (
        "exercise",
        "side",
        "set",
        "round",
        "kind",
        "planned_seconds",
        "planned_reps",
        "actual_seconds",
    )
    assert {k: squat[k] for k in keys} == {
        "exercise": "Bodyweight squat",
        "side": None,
        "set": 1,
        "round": 1,
        "kind": "work-reps",
        "planned_seconds": None,
        "planned_reps": 12,
        "actual_seconds": 30.0,
    }
    assert (squat["reps"], squat["load"], squat["outcome"]) == (12, None, "done")


def test_history_exports_csv_one_row_per_step_to_a_file(home: Path) -> None:
    seed_history(home)
    out = home / "history.csv"
    result = cli(home, "history", "--export", "csv", "-o", str(out))
    assert result.returncode == 0 and result.stderr == f"Wrote 1 runs to {out}\n"
    lines = out.read_text().splitlines()
    assert lines[0].startswith("run_id,run_uid,session,session_name,status,started_at,ended_at,")
    assert lines[0].endswith(",planned_reps,planned_load,actual_seconds,reps,load,outcome")
    assert len(lines) == 1 + 16
    assert ",desk-break,Desk break,completed," in lines[10] and ",Bodyweight squat,," in lines[10]


def test_history_export_problems_are_clear(home: Path) -> None:
    assert cli(home, "history", "-o", "x.json").returncode == 2
    (home / "data").write_text("a file where the data dir should be")
    result = cli(home, "history", "--export", "json")
    assert result.returncode == 1
    assert result.stderr.startswith("workout-tui: History is off: ")
    assert "Traceback" not in result.stderr


def test_each_commands_help_says_what_it_does_and_where_its_files_go(home: Path) -> None:
    routines, data = str(home / "config" / "workout-tui" / "sessions"), str(home / "data")
    where = {
        "list": routines,
        "new": routines,
        "edit": routines,
        "run": data,
        "history": data,
        "progress": data,
        "schema": "session.schema.json",
        "today": "config.toml",
        "validate": "path:line:col",
    }
    for command, place in where.items():
        shown = " ".join(cli(home, command, "--help").stdout.split())
        assert place in shown, (command, shown)
    top = " ".join(cli(home, "--help").stdout.split())
    assert routines in top and data in top and "config.toml" in top
    lines = cli(home, "--help").stdout.splitlines()
    listed = [line.split()[0] for line in lines[lines.index("  COMMAND") + 1 :][:12]]
    assert listed == [
        *("list", "validate", "run", "history", "new", "edit"),
        *("progress", "today", "checkin", "insight", "breaks", "schema"),
    ]


def test_help_shows_a_home_with_control_characters_as_marks(tmp_path: Path) -> None:
    home = tmp_path / "[b]\x1b]0;x\x07"
    (home / "config").mkdir(parents=True)
    shown = cli(home, "new", "--help").stdout
    assert "\x1b" not in shown and "\x07" not in shown and "[b]␛]0;x␇" in shown


def test_validate_says_each_key_the_app_would_refuse_with_its_line(home: Path) -> None:
    config = home / "config" / "workout-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\nstop = "qq"\nskp = "s"\n')
    result = cli(home, "validate", "desk-break")
    assert result.returncode == 0 and "desk-break.yaml: ok" in result.stdout
    assert result.stderr.splitlines() == [
        f'workout-tui: {config}:2: [keys] stop = "qq": "qq" is not a key (like s, space, f5'
        " or ctrl+k); it keeps q,escape.",
        f"workout-tui: {config}:3: [keys] skp: no binding has this id; did you mean skip?",
    ]


def test_the_readme_gives_each_bundled_routine_the_length_list_gives_it(home: Path) -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    said = dict(re.findall(r"^\| `([a-z-]+)` \|.*?About (\d+) minutes", readme, re.M))
    listed = {r["slug"]: r for r in json.loads(cli(home, "list", "--json").stdout)}
    assert set(said) == {
        "hip-flexor-stretch",
        "glute-hamstring-strength",
        "desk-break",
        "neck-and-back-relief",
    }
    for slug, minutes in said.items():  # as the list rounds it: `~17 min`
        assert round(listed[slug]["estimated_seconds"] / 60) == int(minutes), slug


def test_one_step_is_one_step(home: Path) -> None:
    path = home / "plank.yaml"
    path.write_text("name: Plank\ndefaults: {prepare: 0s}\nexercises: [{name: Plank, hold: 20s}]\n")
    result = cli(home, "validate", str(path))
    assert result.stdout == f"{path}: ok (1 step, 20s)\n", result.stderr


def test_validate_of_a_misspelt_slug_offers_the_routine_and_exits_2(home: Path) -> None:
    result = cli(home, "validate", "hip-flexor-strech")
    assert result.returncode == 2
    assert "no routine called 'hip-flexor-strech'. Did you mean: hip-flexor-stretch?" in (
        result.stderr
    )


def test_list_cuts_a_10000_character_name_and_keeps_every_other_row_narrow(home: Path) -> None:
    mine = home / "config" / "workout-tui" / "sessions"
    mine.mkdir(parents=True)
    plank = "exercises: [{name: Plank, hold: 20s}]\n"
    (mine / "long.yaml").write_text(f"name: {'x' * 10_000}\n{plank}")
    lines = cli(home, "list").stdout.splitlines()
    assert len(lines) == 6 and max(map(len, lines)) < 160, max(map(len, lines))
    assert any(f"{'x' * 39}…" in line for line in lines)
    offered = cli(home, "validate", "nosuch").stderr.splitlines()  # the routines there are
    assert "Available routines:" in offered and max(map(len, offered)) < 160
