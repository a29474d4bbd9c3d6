"""`workout-tui progress`: each exercise's best and last, and one exercise's records and
sessions, from the real CLI."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from tests.cli.test_cli import cli
from tests.core.test_records import log
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore

ODD = load_plan_text('name: Odd\nexercises:\n  - {name: "[b]Row\\e]0;x\\a", reps: 9}\n')


def seed(home: Path) -> None:
    store = HistoryStore(home / "data" / FILE_NAME)
    for load in ("10 kg", "12 kg", "14 kg"):
        log(store, load, [5, 5, 5])
    log(store, "20 kg", [5, 5, 5], speed=10)  # a preview: never counted
    odd = store.start_run(ODD, "odd", "abc", 1)
    store.finish_run(odd, "completed")  # nothing done: not listed
    store.close()


def test_progress_lists_every_exercise_with_its_best_and_last(home: Path) -> None:
    seed(home)
    result = cli(home, "progress")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["EXERCISE", "SESSIONS", "LAST", "BEST"]
    # the most recently done first; those done in the same run in the routine's order
    names = [line.split("  ")[0] for line in lines[1:]]
    assert names == ["Goblet squat", "Couch stretch", "Bridge"]
    today = datetime.now().strftime("%a %d %b %Y")
    assert re.split(r"\s{2,}", lines[1]) == ["Goblet squat", "3", today, "14 kg × 5"]
    listed = json.loads(cli(home, "progress", "--json").stdout)
    assert {item["exercise"]: (item["sessions"], item["best"]) for item in listed} == {
        "Goblet squat": (3, "14 kg × 5"),
        "Couch stretch": (3, "hold 0:30"),
        "Bridge": (3, "12 reps"),
    }


def test_progress_of_one_exercise_shows_its_records_and_sessions(home: Path) -> None:
    seed(home)
    result = cli(home, "progress", "goblet  SQUAT")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "Goblet squat: 3 sessions"
    assert out[1] == "Records:" and out[2].split()[:4] == ["heaviest", "14", "kg", "×"]
    sessions = out[out.index("Sessions:") + 1 :]
    assert [line.split("  ")[-1] for line in sessions] == [
        "3 × 5 @ 14 kg",
        "3 × 5 @ 12 kg",
        "3 × 5 @ 10 kg",
    ]
    document = json.loads(cli(home, "progress", "Goblet squat", "--json").stdout)
    assert document["exercise"] == "Goblet squat" and len(document["sessions"]) == 3
    assert {r["record"]: r["value"] for r in document["records"]}["heaviest"] == "14 kg × 5"
    assert document["sessions"][2]["sets"][0] == {
        "reps": 5,
        "load": "14 kg",
        "seconds": 20,
        "side": None,
    }


def test_an_unknown_exercise_says_the_closest_and_an_empty_history_says_so(home: Path) -> None:
    empty = cli(home, "progress")
    assert empty.returncode == 0 and empty.stdout.startswith("No exercises logged yet")
    seed(home)
    result = cli(home, "progress", "goblet sqat")
    assert result.returncode == 1
    assert result.stderr == (
        "workout-tui: no exercise named 'goblet sqat' in the history; "
        "did you mean 'Goblet squat'?\n"
    )
    hostile = cli(home, "progress", "\x1b]0;x\x07[b]")
    assert hostile.returncode == 1 and "\x1b" not in hostile.stderr
