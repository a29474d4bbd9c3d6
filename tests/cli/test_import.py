"""`history --import`: an export merged into another history, through the real CLI, all of
it or nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli.test_cli import SCRIPT, cli, env
from tests.conftest import REPO
from tests.core.test_history import run_through
from tests.log_helpers import entry
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.entries import CheckIn
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Outcome

HOSTILE = load_plan_text(
    'name: "[b]Odd[/] \\e]0;x\\a"\nexercises:\n'
    '  - {name: "Goblet [/]squat", sets: 2, reps: 8, load: "=12 kg"}\n'
    f'  - {{name: "{"long " * 2000}", hold: 20s, sides: [left, right]}}\n'
)


def seed(data: Path) -> None:
    """Runs of every kind: completed, stopped with a partial step, relogged, interrupted,
    a preview, and one whose names are markup, escapes and 10,000 characters."""
    store = HistoryStore(data / FILE_NAME)
    run_through(store)
    stopped = run_through(store, upto=3, status="stopped")
    store.record_step(stopped, entry(HOSTILE.steps[3], 4.5, Outcome.PARTIAL))
    store.relog(run_through(store), 1, 7, "14 kg")
    run_through(store, upto=2, status=None)
    store.db.execute("UPDATE runs SET pid = ? WHERE status = 'running'", (2**22 + 1,))
    store.mark_interrupted()
    run_through(store, speed=20)
    odd = store.start_run(HOSTILE, "odd", "abc", 1)
    for step in HOSTILE.steps:
        outcome = Outcome.SKIPPED if step.index == 4 else Outcome.DONE
        store.record_step(odd, entry(step, 3.25, outcome))
    store.finish_run(odd, "completed")
    for action, run_id in (("snoozed", None), ("taken", odd), ("skipped", None)):
        store.record_break(action, store.now(), run_id)
    yesterday = store.now().date() - timedelta(days=1)
    store.record_checkin(CheckIn(yesterday, 4, store.now(), "[b]stiff\x1b]0;x\x07" * 625))
    store.record_checkin(CheckIn(yesterday, 3, store.now() + timedelta(minutes=1)))
    store.close()


def import_into(home: Path, data: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return cli(home, "--data-dir", str(data), "history", "--import", str(path))


def export(home: Path, data: Path, out: Path) -> bytes:
    result = cli(home, "--data-dir", str(data), "history", "--export", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_export_import_twice_export_gives_the_same_document(home: Path) -> None:
    seed(home / "old")
    first = export(home, home / "old", home / "first.json")
    assert len(json.loads(first)["runs"]) == 6
    result = import_into(home, home / "new", home / "first.json")
    assert result.returncode == 0, result.stderr
    said = f"from {home}/first.json"
    here = "were in the history already"
    assert result.stdout == f"Imported 6 runs, 3 breaks and 2 check-ins {said} (0 {here}).\n"
    again = import_into(home, home / "new", home / "first.json")
    assert again.stdout == f"Imported 0 runs, 0 breaks and 0 check-ins {said} (6 {here}).\n"
    assert export(home, home / "new", home / "second.json") == first
    breaks = json.loads(first)["breaks"]
    assert [b["action"] for b in breaks] == ["snoozed", "taken", "skipped"]
    assert breaks[1]["run_uid"] == json.loads(first)["runs"][5]["uid"]  # the run it started
    store = HistoryStore(home / "new" / FILE_NAME)
    assert store.breaks_by_day(store.now().date()) == {
        store.now().date(): {"snoozed": 1, "taken": 1, "skipped": 1}
    }
    store.close()


def test_an_export_of_version_2_without_check_ins_still_imports(home: Path) -> None:
    seed(home / "old")
    document = json.loads(export(home, home / "old", home / "new.json"))
    assert [c["score"] for c in document["checkins"]] == [4, 3]
    del document["checkins"]
    (home / "old.json").write_text(json.dumps({**document, "version": 2}))
    result = import_into(home, home / "new", home / "old.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 6 runs and 3 breaks from ")


def test_an_export_of_version_1_without_breaks_still_imports(home: Path) -> None:
    seed(home / "old")
    document = json.loads(export(home, home / "old", home / "new.json"))
    del document["breaks"]
    (home / "old.json").write_text(json.dumps({**document, "version": 1}))
    result = import_into(home, home / "new", home / "old.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 6 runs from ")


def test_importing_into_a_history_of_its_own_keeps_both_and_gives_new_ids(home: Path) -> None:
    seed(home / "old")
    export(home, home / "old", home / "old.json")
    store = HistoryStore(home / "new" / FILE_NAME)
    mine = [run_through(store, session="mine") for _ in range(2)]
    store.close()
    result = import_into(home, home / "new", home / "old.json")
    assert result.returncode == 0, result.stderr
    store = HistoryStore(home / "new" / FILE_NAME)
    runs = store.runs(limit=100)
    assert len(runs) == 8 and len({r.uid for r in runs}) == 8
    assert [store.run(i).session for i in mine] == ["mine", "mine"]  # type: ignore[union-attr]
    assert sorted(r.id for r in runs) == list(range(1, 9))
    store.close()


def bad_exports(home: Path) -> dict[str, tuple[bytes, str]]:
    """A file and the message it must get."""
    seed(home / "old")
    good = json.loads(export(home, home / "old", home / "good.json"))
    bad_field = json.loads(json.dumps(good))
    bad_field["runs"][5]["steps"][4]["outcome"] = "mostly"
    no_zone = json.loads(json.dumps(good))
    no_zone["runs"][0]["started_at"] = "2026-11-23T18:00:00"
    twice = json.loads(json.dumps(good))
    twice["runs"][1]["uid"] = twice["runs"][0]["uid"]

    def changed(run: int, step: int | None, key: str, value: object) -> bytes:
        document = json.loads(json.dumps(good))
        item = document["runs"][run] if step is None else document["runs"][run]["steps"][step]
        item[key] = value
        return json.dumps(document).encode()  # Infinity and NaN as bare words, as JSON5 has

    day = "expected a number of seconds up to a day (86400)"
    no_run = json.loads(json.dumps(good))
    no_run["breaks"][1]["run_uid"] = "abc123"
    no_breaks = json.loads(json.dumps(good))
    del no_breaks["breaks"]

    def checked_in(day: str, at: str) -> bytes:
        checkin = {"day": day, "score": 3, "note": None, "at": at}
        return json.dumps({**good, "version": 3, "checkins": [checkin]}).encode()

    year_one, not_yet = "0001-01-01T00:00:00+14:00", "2999-01-01T00:00:00+00:00"
    a_day = "checkins[0].day: expected a date (YYYY-MM-DD) from 1970 to tomorrow"
    return {
        # Each was taken, and `insight` then ended in a traceback at every launch.
        "year one": (checked_in(year_one[:10], year_one), a_day),
        "not yet": (checked_in(not_yet[:10], not_yet), a_day),
        "run in year one": (changed(0, None, "started_at", year_one), "runs[0].started_at: exp"),
        "not json": (b'{"format": "workout-tui history",\n oops}', "is not JSON (lexical error"),
        "newer": (json.dumps({**good, "version": 4}).encode(), "is history format 4; this"),
        "version 0": (json.dumps({**good, "version": 0}).encode(), ": `version` is a format num"),
        "bare list": (json.dumps(good["runs"]).encode(), "an export from an older workout-tui"),
        "field": (json.dumps(bad_field).encode(), ": runs[5].steps[4].outcome: expected one of"),
        "no zone": (json.dumps(no_zone).encode(), "runs[0].started_at: expected a date and time"),
        "twice": (json.dumps(twice).encode(), "the same run (uid) is in it twice"),
        "not text": (b"\xff\xfe\x00junk", "is not JSON (not UTF-8 text)"),
        "infinite": (changed(2, 2, "actual_seconds", float("inf")), "not JSON (lexical error: inv"),
        "nan": (changed(0, 1, "planned_seconds", float("nan")), "is not JSON (lexical error: inv"),
        "1e308": (changed(0, 0, "actual_seconds", 1e308), f"[0].steps[0].actual_seconds: {day}"),
        "a day": (changed(1, 0, "actual_seconds", 86_401), f"[1].steps[0].actual_seconds: {day}"),
        "huge": (changed(0, None, "work_seconds", 10**400), "is not JSON (parse error: integer ov"),
        "reps": (changed(2, 1, "reps", 10_001), "runs[2].steps[1].reps: expected a whole number"),
        "surrogate": (changed(5, 0, "exercise", "Squat \ud800"), "not valid Unicode (a lone surr"),
        "long": (changed(4, None, "session_name", "x" * 10_001), "runs[4].session_name: expected"),
        "no run": (json.dumps(no_run).encode(), ": breaks[1].run_uid: names no run in the file"),
        "deep": (
            b'{"format": "workout-tui history", "version": 2, "runs": [{}, '
            + b"[" * 10**6
            + b"]" * 10**6
            + b'], "breaks": []}',
            ": runs[1]: nested deeper than an",
        ),
        "no breaks": (json.dumps(no_breaks).encode(), ": `breaks` must be a list"),
    }


def test_bad_files_are_refused_whole_with_where_and_why(home: Path) -> None:
    store = HistoryStore(home / "new" / FILE_NAME)
    run_through(store)
    store.close()
    before = (home / "new" / FILE_NAME).read_bytes()
    for name, (content, message) in bad_exports(home).items():
        path = home / f"{name}.json"
        path.write_bytes(content)
        result = import_into(home, home / "new", path)
        assert result.returncode == 1, name
        assert result.stderr.startswith(f"workout-tui: cannot import: {path}"), result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr, (name, result.stderr)
    assert (home / "new" / FILE_NAME).read_bytes() == before


def test_a_fifo_or_a_folder_is_refused_without_waiting(home: Path) -> None:
    fifo = home / "export.json"
    os.mkfifo(fifo)  # no writer: a plain open would wait forever (cli() gives up at 30 s)
    for path, why in ((fifo, "is not a regular file"), (home, "Is a directory")):
        result = cli(home, "history", "--import", str(path))
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(f"workout-tui: cannot import: cannot read {path}: ")
        assert why in result.stderr


@pytest.mark.parametrize("option", [["--export", "json"], ["-o", "x.json"]])
def test_import_goes_alone(home: Path, option: list[str]) -> None:
    result = cli(home, "history", "--import", "x.json", *option)
    assert result.returncode == 2 and "--import" in result.stderr


def extreme_export(home: Path) -> Path:
    """An export at every edge the importer allows: steps of a whole day, 10,000 reps, text of
    10,000 characters that looks like markup and terminal control."""
    seed(home / "edge")
    document = json.loads(export(home, home / "edge", home / "edge.json"))
    name = "[b]Goblet[/] \x1b]0;x\x07 " + "squat " * 1663
    for run in document["runs"]:
        run["session_name"] = name
        for step in run["steps"]:
            step.update(
                actual_seconds=86_400,
                planned_seconds=86_400,
                exercise=name,
                load=f"{10**6} kg [/]",
                planned_load="=1e308 kg",
            )
            if step["reps"] is not None:
                step.update(reps=10_000, planned_reps=10_000)
    path = home / "extreme.json"
    path.write_text(json.dumps(document))
    return path


def test_what_the_importer_takes_every_command_shows(home: Path) -> None:
    path = extreme_export(home)
    data = str(home / "new")
    result = import_into(home, home / "new", path)
    assert result.returncode == 0, result.stderr
    name = json.loads(path.read_text())["runs"][0]["steps"][0]["exercise"]
    commands = (
        ["progress"],
        ["progress", name],
        ["progress", "--json"],
        ["today"],
        ["list"],
        ["history", "--export", "csv"],
        ["history", "--export", "json"],
    )
    for command in commands:
        shown = cli(home, "--data-dir", data, *command)
        assert shown.returncode in (0, 1) and "Traceback" not in shown.stderr, (command, shown)
        assert shown.stdout and "\x1b" not in shown.stdout, command


async def test_what_the_importer_takes_every_history_screen_shows(home: Path) -> None:
    from tests.ui.helpers import make_app, screen_text
    from workout_tui.core.log.importing import read_export
    from workout_tui.ui.exercises import ExerciseScreen
    from workout_tui.ui.run_detail import RunDetailScreen

    store = HistoryStore(home / "history.sqlite3")
    export = read_export(extreme_export(home))
    store.import_runs(export.runs_in(), export.breaks_in())
    app = make_app(history=store, show_history=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "[b]Goblet[/] ␛]0;x␇" in screen_text(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, RunDetailScreen)
        assert "completed · 0:26 in all" in screen_text(pilot)
        await pilot.press("escape", "ctrl+t", "enter")
        assert isinstance(app.screen, ExerciseScreen)
        assert "[b]Goblet[/]" in screen_text(pilot)


def test_ctrl_c_during_an_import_ends_it_quietly_with_nothing_taken(home: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench import seed as seed_many

    seed_many(home / "old", 3000, 15)
    path = home / "big.json"
    export(home, home / "old", path)
    importing = subprocess.Popen(
        [SCRIPT, "--data-dir", str(home / "new"), "history", "--import", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(home),
        # Ctrl-C as at a terminal: a run started in the background (`.ci/run &`) has SIGINT
        # ignored, and the app would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    while importing.poll() is None and not has_open(importing.pid, path):
        time.sleep(0.002)  # Ctrl-C once it reads the file: the import is under way
    importing.send_signal(signal.SIGINT)
    out, err = importing.communicate(timeout=30)
    assert importing.returncode == 130 and "Traceback" not in err, err
    after = cli(home, "--data-dir", str(home / "new"), "history", "--export", "json").stdout
    assert json.loads(after)["runs"] == []  # all or nothing


def has_open(pid: int, path: Path) -> bool:
    """Whether process `pid` has `path` open (False once it has ended)."""
    try:
        real = os.path.realpath(path)
        return any(os.path.realpath(fd) == real for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
