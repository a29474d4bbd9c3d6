"""Odd files, closed pipes, no terminal and hostile names, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from tests.cli.test_cli import SCRIPT, cli, env
from tests.conftest import REPO
from tests.log_helpers import entry
from workout_tui.core.config import Config, load_config
from workout_tui.core.library import load_routine
from workout_tui.core.log.export import export_history
from workout_tui.core.log.store import HistoryStore

ESC_NAME = "Evil \\e]0;pwned\\a\\e[2J name"  # YAML escapes: ESC ... BEL, then clear-screen


def write_routine(folder: Path, name: str = ESC_NAME, stem: str = "evil") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yaml"
    path.write_text(f'name: "{name}"\nexercises:\n  - {{name: "{name}", hold: 5s}}\n')
    return path


def shell(home: Path, line: str) -> subprocess.CompletedProcess[str]:
    """`line` run by bash, with the CLI's environment in `home`."""
    return subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, env=env(home), timeout=60
    )


def test_validate_refuses_a_fifo_by_path_without_reading_it(home: Path) -> None:
    fifo = home / "pipe.yaml"
    os.mkfifo(fifo)
    folder = home / "folder"
    folder.mkdir()
    os.mkfifo(folder / "also-a-pipe.yaml")
    result = cli(home, "validate", str(fifo), str(folder))  # 30 s timeout: it used to hang
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{fifo}:1:1: is not a regular file (a FIFO, device or socket); not read",
        f"{folder / 'also-a-pipe.yaml'}:1:1: is not a regular file (a FIFO, device or socket);"
        " not read",
    ]


def test_a_fifo_as_the_config_file_is_reported_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    result: list[tuple[Config, list[str]]] = []
    reader = threading.Thread(target=lambda: result.append(load_config(fifo)), daemon=True)
    reader.start()
    reader.join(3)
    assert result, "reading the config hung on a FIFO"
    config, (problem,) = result[0]
    assert config == Config() and "not a regular file" in problem


def test_no_escape_byte_reaches_the_terminal_from_list_or_validate(home: Path) -> None:
    path = write_routine(home / "config" / "workout-tui" / "sessions")
    listed = cli(home, "list")
    assert "Evil ␛]0;pwned␇␛[2J name" in listed.stdout
    bad = write_routine(home, "x", stem="bad")
    bad.write_text('name: x\nexercises: [{name: a, hold: 5s, "\\e]0;t\\a": 1}]\n')
    checked = cli(home, "validate", str(path), str(bad))
    for result in (listed, checked):
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
    assert "unknown key `␛]0;t␇`" in checked.stdout
    routines = json.loads(cli(home, "list", "--json").stdout)  # JSON escapes, exactly
    assert "Evil \x1b]0;pwned\x07\x1b[2J name" in [r.get("name") for r in routines]


def test_a_closed_pipe_ends_the_output_quietly(home: Path) -> None:
    folder = home / "many"
    for i in range(300):  # well past a pipe's 64 KiB buffer
        write_routine(folder, f"Routine {i} " + "x" * 200, stem=f"r{i:03}")
    result = shell(home, f"'{SCRIPT}' list --json --sessions-dir '{folder}' | head -c 10")
    assert result.stdout == '[\n  {\n    "'[:10]
    assert result.stderr == "", result.stderr


def test_a_validate_cut_off_by_its_reader_does_not_pass_for_a_clean_one(home: Path) -> None:
    """Under `set -o pipefail` a pipeline fails when its writer does: a validate whose
    reader went away ends 141, as a shell tool ended by SIGPIPE does, never 0."""
    folder = home / "many"
    folder.mkdir()
    for i in range(300):  # each says its problem: well past a pipe's 64 KiB buffer
        (folder / f"r{i:03}.yaml").write_text(
            f"name: Routine {i}\nexercises:\n  - {{name: {'x' * 200}, hold: 5x}}\n"
        )
    result = shell(home, f"'{SCRIPT}' validate '{folder}' | head -c 10; exit ${{PIPESTATUS[0]}}")
    assert result.stdout == str(folder / "r000.yaml")[:10]
    assert (result.returncode, result.stderr) == (141, "")


def test_an_export_cut_off_by_its_reader_does_not_pass_for_a_whole_one(home: Path) -> None:
    """The JSON export is one document: CPython dropped the broken pipe met in the middle
    of writing it at once, and the export ended 0, as if all of it had been read."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench import seed

    seed(home / "data", 300, 15)  # a document of some 2 MB
    for kind in ("json", "csv"):
        export = f"'{SCRIPT}' --data-dir '{home / 'data'}' history --export {kind}"
        result = shell(home, f"{export} | head -c 1; exit ${{PIPESTATUS[0]}}")
        assert (result.returncode, result.stderr) == (141, ""), kind


def test_a_closed_standard_stream_drops_what_would_go_there_and_keeps_the_status(
    home: Path, write_routine: Callable[..., Path]
) -> None:
    """`>&-`, `2>&-`, `<&-`: what went to a closed stream is dropped, the exit status still
    tells, and the app without a terminal says so (on stderr, where that is open)."""
    bad = write_routine("name: x\nexercises: [{name: a, hold: 5x}]\n")
    commands = {"validate": ([f"validate '{bad}'"], 1), "list": (["list"], 0), "app": ([""], 2)}
    for closed in ("<&-", ">&-", "2>&-", "<&- >&- 2>&-"):
        for name, ((command,), status) in commands.items():
            result = shell(home, f"'{SCRIPT}' {command} {closed}")
            said = result.stdout + result.stderr
            assert (result.returncode, "Traceback" in said) == (status, False), (closed, name, said)
            if ">&-" in closed.split():
                assert result.stdout == "", (closed, name)
            if "2>&-" in closed.split():
                assert result.stderr == "", (closed, name)
            if name == "app" and "2>&-" not in closed.split():
                assert "needs a terminal" in result.stderr, (closed, said)


def test_the_app_without_a_terminal_says_it_needs_one(home: Path) -> None:
    for args in (["run", "desk-break"], [], ["history"]):
        result = subprocess.run(
            [str(SCRIPT), *args],
            input="\n",
            capture_output=True,
            text=True,
            env=env(home),
            timeout=20,
        )
        assert result.returncode == 2, (args, result.stderr)
        assert "needs a terminal" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_sessions_dir_is_an_error(home: Path) -> None:
    result = cli(home, "list", "--sessions-dir", str(home / "nope"))
    assert result.returncode == 2
    assert result.stderr == f"workout-tui: --sessions-dir {home / 'nope'}: no such folder\n"
    # A command that reads no routine does not mind it.
    for args in (["schema"], ["history", "--export", "json"], ["progress"]):
        result = cli(home, *args, "--sessions-dir", str(home / "nope"))
        assert (result.returncode, result.stderr) == (0, ""), args


def test_csv_cells_cannot_start_a_formula_and_json_stays_exact(tmp_path: Path) -> None:
    names = ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "Plain \x1b[2J"]
    store = HistoryStore(tmp_path / "history.sqlite3")
    for i, name in enumerate(names):
        routine = load_routine(write_routine(tmp_path / "r", json.dumps(name)[1:-1], f"r{i}"))
        assert routine.plan is not None, routine.problems
        run_id = store.start_run(routine.plan, "r", "hash", 1)
        step = routine.plan.steps[1]  # the hold, named `name`
        store.record_step(run_id, entry(step, 5.0, reps=None, load=name))
        store.finish_run(run_id, "completed")
    out = io.StringIO()
    export_history(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["load"] for row in rows] == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2+3",
        "'@SUM(A1)",
        "' Tab",
        "'␍CR",
        "Plain ␛[2J",
    ]
    for column in ("session_name", "exercise"):  # the loader trims names; none starts a formula
        assert not any(row[column].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows)
        assert '\'=HYPERLINK("x")' in [row[column] for row in rows]
    out = io.StringIO()
    export_history(store, "json", out)
    assert "\x1b" not in out.getvalue()  # escaped as \u001b, so it reads back exactly
    runs = json.loads(out.getvalue())["runs"]
    assert [r["session_name"] for r in runs] == [name.strip() for name in names]
    assert [r["steps"][0]["load"] for r in runs] == names
    store.close()


def test_a_name_too_long_or_a_full_device_is_said_in_a_line_not_a_traceback(home: Path) -> None:
    """What no command foresaw in the file system is still said plainly, with the path."""
    long = home / ("a" * 300)  # over a file name's 255 bytes
    for command, said in (
        (["--data-dir", str(long), "checkin", "3"], f"{long / 'history.sqlite3'}: File name too"),
        (["--sessions-dir", str(long), "list"], f"{long}: File name too long"),
        (["validate", str(long)], f"{long}: File name too long"),
    ):
        result = cli(home, *command)
        assert (result.returncode, "Traceback" in result.stderr) == (1, False), result.stderr
        assert said in result.stderr, (command, result.stderr)
    for command in (["list"], ["history", "--export", "json"]):
        with open("/dev/full", "w") as full:
            ended = subprocess.run(
                [SCRIPT, *command], stdout=full, stderr=subprocess.PIPE, text=True, env=env(home)
            )
        assert ended.returncode == 1, ended.stderr
        assert ended.stderr.endswith("cannot write the output: No space left on device\n")


def test_a_usage_error_shows_what_was_typed_as_text(home: Path) -> None:
    for typed in (["insight", ESCAPES], ["list", ESCAPES], [f"--{ESCAPES}"], [ESCAPES]):
        result = cli(home, *typed)
        assert result.returncode == 2, result.stderr
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr, result.stderr
        assert "workout-tui: error: " in result.stderr
        assert "␛]0;pwned␇" in result.stderr or "\\x1b]0;pwned\\x07" in result.stderr  # repr


ESCAPES = "\x1b]0;pwned\x07\x1b[2Jboo"  # a window title, then clear the screen


def test_a_home_of_no_such_user_or_a_config_nested_too_deep_is_said_not_a_traceback(
    home: Path,
) -> None:
    result = subprocess.run(
        [SCRIPT, "--data-dir", "~nosuchuser/x", "checkin", "3"],
        capture_output=True,
        text=True,
        cwd=home,
        env=env(home),
        timeout=30,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == "workout-tui: ~nosuchuser/x: no such user's home\n"
    assert not (home / "~nosuchuser").exists()  # not made as a folder of that name here
    for *command, where in (  # every place a path is taken: one answer
        ["--sessions-dir", "~nosuchuser/x", "list", "~nosuchuser/x"],
        ["run", "~nosuchuser/x.yaml", "~nosuchuser/x.yaml"],
        ["new", "x", "--from", "~nosuchuser/x.yaml", "~nosuchuser/x.yaml"],
        ["history", "--export", "json", "-o", "~nosuchuser/x.json", "~nosuchuser/x.json"],
    ):
        said = cli(home, *command)
        last = said.stderr.splitlines()[-1] if said.stderr else ""
        assert (said.returncode, last) == (1, f"workout-tui: {where}: no such user's home")
    config = home / "config" / "workout-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("a = " + "[" * 1000 + "]" * 1000 + "\n")
    result = cli(home, "validate")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"{config}: nested too deep to read; using the defaults" in result.stderr


def test_bytes_that_are_not_utf8_in_a_note_or_a_name_are_refused_in_a_line(home: Path) -> None:
    for args, what in (
        ([b"checkin", b"2", b"--note", b"caf\xe9"], "--note"),
        ([b"new", b"caf\xe9"], "the name"),
    ):
        result = subprocess.run(
            [str(SCRIPT).encode(), *args], capture_output=True, text=True, env=env(home)
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith(f"workout-tui: {what} is not valid text: a byte in it")
    assert json.loads(cli(home, "history", "--export", "json").stdout)["checkins"] == []
    assert not list((home / "config").rglob("*.yaml"))  # no routine written
