"""`new` and `edit`, run as a person runs them, with a scripted $EDITOR standing in for them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.terminal import Terminal
from tests.cli.test_cli import SCRIPT, cli, env
from tests.conftest import REPO
from tests.hostile.conftest import fill, tiny_disk  # noqa: F401  (a fixture)

USER = Path("config/workout-tui/sessions")
BUNDLED_HIP = REPO / "sessions" / "hip-flexor-stretch.yaml"

# Each time the editor is opened it applies the next list of (old, new) replacements.
EDITOR = """\
import json, pathlib, sys
edits = json.loads(pathlib.Path(sys.argv[1]).read_text())
count = pathlib.Path(sys.argv[1] + ".count")
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
routine = pathlib.Path(sys.argv[2])
text = routine.read_text()
for old, new in edits[min(n, len(edits) - 1)]:
    assert old in text, old
    text = text.replace(old, new)
routine.write_text(text)
"""


def editor(home: Path, *edits: list[tuple[str, str]]) -> str:
    """An $EDITOR that makes `edits[n]` on its n-th opening."""
    script, plan = home / "editor.py", home / "edits.json"
    script.write_text(EDITOR)
    plan.write_text(json.dumps(edits))
    return f"{sys.executable} {script} {plan}"


def run(home: Path, *args: str, editor: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=answers,
        capture_output=True,
        text=True,
        timeout=30,
        env={**env(home), "EDITOR": editor, "VISUAL": ""},
        cwd=home,
    )


def opened(home: Path) -> int:
    count = home / "edits.json.count"
    return int(count.read_text()) if count.exists() else 0


def test_new_with_a_typo_reports_it_and_the_second_edit_is_accepted(home: Path) -> None:
    typo = editor(
        home,
        [("hold: 45s", "hold: 40 secnds"), ("load: 12 kg", "weight: 12 kg")],
        [("40 secnds", "40 seconds"), ("weight:", "load:")],
    )
    result = run(home, "new", "Morning mobility", editor=typo, answers="\n")
    path = home / USER / "morning-mobility.yaml"
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}:14:11: '40 secnds' is not a duration" in result.stdout
    assert f"{path}:20:5: unknown key `weight` in an exercise; did you mean `load`?" in (
        result.stdout
    )
    assert "Edit again? [Y/n]" in result.stdout and opened(home) == 2
    assert f"{path}: ok (10 steps, ~5 min)" in result.stdout
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert "hold: 40 seconds" in text and "name: Morning mobility\n" in text
    assert "morning-mobility" in cli(home, "list").stdout


def test_no_keeps_the_file_as_the_editor_left_it(home: Path) -> None:
    result = run(home, "new", editor=editor(home, [("reps: 8-12", "reps: eight")]), answers="n\n")
    path = home / USER / "my-routine.yaml"
    assert result.returncode == 1
    assert f"{path}:19:11: 'eight' is not reps: write a whole number" in result.stdout
    assert f"Kept {path} as it is" in result.stdout and opened(home) == 1
    assert "reps: eight" in path.read_text()
    shown = cli(home, "list")
    assert "my-routine" in shown.stderr and "my-routine" not in shown.stdout


def test_end_of_input_at_the_question_counts_as_no(home: Path) -> None:
    result = run(home, "new", editor=editor(home, [("hold: 45s", "hold: soon")]))
    assert result.returncode == 1 and opened(home) == 1
    assert "Kept" in result.stdout


def test_new_never_overwrites_a_routine(home: Path) -> None:
    (home / USER).mkdir(parents=True)
    mine = home / USER / "my-routine.yaml"
    mine.write_text("name: Mine\nexercises: [{name: Plank, hold: 30s}]\n")
    result = run(home, "new", editor=editor(home, [("name: My routine", "name: Evening")]))
    assert result.returncode == 0, result.stderr
    assert (home / USER / "my-routine-2.yaml").is_file()
    assert mine.read_text() == "name: Mine\nexercises: [{name: Plank, hold: 30s}]\n"
    # Nor does a new routine take a bundled routine's slug, which would hide it.
    run(home, "new", "Desk break", editor=editor(home, []))
    assert (home / USER / "desk-break-2.yaml").is_file()


def test_new_from_a_routine_copies_it_under_a_new_name(home: Path) -> None:
    result = run(home, "new", "--from", "desk-break", editor=editor(home, []))
    assert result.returncode == 0, result.stderr
    copy = home / USER / "desk-break-copy.yaml"
    bundled = (REPO / "sessions" / "desk-break.yaml").read_text()
    assert copy.read_text().split("\n", 1)[1] == bundled.replace(
        "name: Desk break\n", "name: Desk break (copy)\n"
    )


def test_edit_a_bundled_routine_copies_it_and_the_copy_replaces_it(home: Path) -> None:
    before = BUNDLED_HIP.read_bytes()
    rename = editor(home, [("name: Hip flexor and quad stretch", "name: My hip stretch")])
    result = run(home, "edit", "hip-flexor-stretch", editor=rename)
    assert result.returncode == 0, result.stderr
    assert BUNDLED_HIP.read_bytes() == before
    copy = home / USER / "hip-flexor-stretch.yaml"
    assert f"Copied hip-flexor-stretch to {copy}" in result.stdout
    assert copy.read_text().split("\n", 1)[1] == before.decode().replace(
        "Hip flexor and quad stretch", "My hip stretch"
    )
    rows = [line.split("  ") for line in cli(home, "list").stdout.splitlines()]
    hip = [[cell.strip() for cell in row if cell.strip()] for row in rows if "hip-flexor" in row[0]]
    assert hip == [
        ["hip-flexor-stretch", "My hip stretch", "user, replaces bundled", "7 min", "18", "mat"]
    ]
    # Edited again, it is the copy that opens: the bundled file is never written.
    again = run(home, "edit", "hip-flexor-stretch", editor=editor(home, [("My hip", "Our hip")]))
    assert again.returncode == 0 and "Copied" not in again.stdout
    assert "Our hip stretch" in copy.read_text() and BUNDLED_HIP.read_bytes() == before


def test_without_an_editor_nothing_is_created(home: Path) -> None:
    result = run(home, "new", editor=str(home / "no-such-editor"))
    assert result.returncode == 1
    assert "cannot find the editor" in result.stderr
    assert not (home / USER).exists()


def test_hostile_names_make_a_safe_slug_and_are_kept_as_written(home: Path) -> None:
    name = "[b]Dawn[/] \x1b]0;x\x07" + "z" * 10_000
    result = run(home, "new", name, editor=editor(home, []))
    assert result.returncode == 0, result.stderr
    (path,) = (home / USER).iterdir()
    assert path.name == "b-dawn-0-x-" + "z" * 49 + ".yaml"
    listed = json.loads(cli(home, "list", "--json").stdout)
    assert listed[0]["name"] == name
    assert "\x1b" not in cli(home, "list").stdout + result.stdout


def test_a_full_disk_says_so_and_leaves_nothing(home: Path, tiny_disk: Path) -> None:  # noqa: F811
    fill(tiny_disk)
    result = subprocess.run(
        [str(SCRIPT), "new"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=home,
        env={**env(home), "XDG_CONFIG_HOME": str(tiny_disk), "EDITOR": editor(home, [])},
    )
    assert result.returncode == 1
    assert "cannot create" in result.stderr and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert list((tiny_disk / "workout-tui" / "sessions").iterdir()) == []


def test_a_copy_from_a_fifo_is_refused_without_hanging(home: Path) -> None:
    fifo = home / "from.yaml"
    os.mkfifo(fifo)
    result = run(home, "new", "--from", str(fifo), editor=editor(home, []))
    assert result.returncode == 1 and "is not a regular file" in result.stderr
    assert opened(home) == 0 and not (home / USER).exists()


CTRL_O, CTRL_N, CTRL_Q = "\x0f", "\x0e", "\x11"  # as a terminal sends them


def test_ctrl_o_and_ctrl_n_on_the_list_edit_in_the_editor_and_come_back_with_the_change(
    home: Path,
) -> None:
    before = BUNDLED_HIP.read_bytes()
    edits = editor(
        home,
        [("name: Hip flexor and quad stretch", "name: Hips, my way")],
        [("name: My routine", "name: Dawn routine")],
        [("hold: 45s", "hold: forty")],
    )
    terminal = Terminal([SCRIPT], {**env(home), "EDITOR": edits, "VISUAL": ""}, cwd=home)
    try:
        terminal.wait_for("Neck and mid-back relief")
        terminal.type("\x1b[B\x1b[B")  # down to the hip flexor stretch
        terminal.wait_for("Lengthen the hip flexors")
        # Short needles: a line changed in place may be drawn only where it differs.
        mark = len(terminal.output)
        terminal.type(CTRL_O)
        terminal.wait_for("Hips, my way", since=mark)
        terminal.wait_for("replaces bundled", since=mark)
        assert BUNDLED_HIP.read_bytes() == before and opened(home) == 1
        mark = len(terminal.output)
        terminal.type(CTRL_N)
        terminal.wait_for("Dawn routine", since=mark)
        terminal.wait_for("10 steps · Enter to start", since=mark)  # highlighted: its outline
        mark = len(terminal.output)
        terminal.type(CTRL_O)  # on the new one, which it has highlighted: now with a typo
        terminal.wait_for("cannot load", since=mark)
        terminal.wait_for("'forty' is not a duration", since=mark)
        terminal.type(CTRL_Q)
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    assert (home / USER / "my-routine.yaml").read_text().count("hold: forty") == 1


def test_ctrl_n_closed_without_a_change_keeps_no_routine(home: Path) -> None:
    terminal = Terminal([SCRIPT], {**env(home), "EDITOR": "true", "VISUAL": ""}, cwd=home)
    try:
        terminal.wait_for("Neck and mid-back relief")
        mark = len(terminal.output)
        terminal.type(CTRL_N)
        terminal.wait_for("Nothing was written", since=mark)
        terminal.type(CTRL_Q)
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    assert list((home / USER).iterdir()) == []


@pytest.mark.parametrize("name", ["2024", "Yes", "null", "Morning: mobility # 1", "- dash"])
def test_a_name_yaml_would_read_as_something_else_is_kept_as_written(home: Path, name: str) -> None:
    result = run(home, "new", name, editor=editor(home, []))
    assert result.returncode == 0, result.stdout + result.stderr
    (entry,) = json.loads(cli(home, "list", "--json").stdout)[:1]
    assert entry["name"] == name


def test_ctrl_c_at_the_question_keeps_the_file_without_a_traceback(home: Path) -> None:
    typo = editor(home, [("hold: 45s", "hold: soon")])
    terminal = Terminal([SCRIPT, "new"], {**env(home), "EDITOR": typo, "VISUAL": ""}, cwd=home)
    try:
        terminal.wait_for("Edit again? [Y/n]")
        # As a person would: not within microseconds of the question. (Python's readline
        # misses a ctrl+c that comes between printing the prompt and waiting for input.)
        terminal.drain(0.3)
        terminal.type("\x03")
        assert terminal.exit_code() == 1
        assert "Kept" in terminal.text and "Traceback" not in terminal.text
    finally:
        terminal.close()
    assert "hold: soon" in (home / USER / "my-routine.yaml").read_text()


def test_new_and_edit_closed_without_a_change_keep_no_template_and_no_copy(home: Path) -> None:
    unchanged = editor(home, [])  # opens and closes, writing nothing
    new = run(home, "new", editor=unchanged)
    assert new.returncode == 1 and "Nothing was written, so no new routine was kept." in new.stdout
    copied = run(home, "edit", "hip-flexor-stretch", editor=unchanged)
    assert copied.returncode == 1 and "so no copy was kept: the bundled routine is used" in (
        copied.stdout
    )
    assert list((home / USER).iterdir()) == []  # no template, no copy hiding the bundled one
    listed = cli(home, "list").stdout
    assert "My routine" not in listed and "replaces bundled" not in listed


@pytest.mark.parametrize("leaves", ["nothing", "a folder"])
def test_an_editor_that_removes_the_file_is_told_of_not_kept_as_it_is(
    home: Path, leaves: str
) -> None:
    script = home / "remover.py"
    make = "os.mkdir(path)" if leaves == "a folder" else "pass"
    script.write_text(f"import os, sys\npath = sys.argv[1]\nos.remove(path)\n{make}\n")
    result = run(home, "new", "Dawn", editor=f"{sys.executable} {script}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "There is no routine file at" in result.stdout and "Kept" not in result.stdout
