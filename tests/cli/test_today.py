"""`workout-tui today`: what the weekly plan asks today, what is done, and an exit status a
shell prompt can show."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.cli.terminal import Terminal
from tests.cli.test_cli import SCRIPT, cli, env
from tests.conftest import REPO

TODAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[date.today().weekday()]


def plan(home: Path, text: str) -> None:
    folder = home / "config" / "workout-tui"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("[plan]\n" + text)


def test_nothing_planned_is_nothing_left(home: Path) -> None:
    result = cli(home, "today")
    assert result.returncode == 0 and "Nothing planned for" in result.stdout


def test_what_is_planned_today_is_listed_and_left_until_done(home: Path) -> None:
    plan(home, f'daily = ["desk-break"]\n{TODAY} = ["hip-flexer"]\n')
    result = cli(home, "today")
    assert result.returncode == 1
    assert "· desk-break" in result.stdout and "0 of 2 done." in result.stdout
    said = "config.toml:3: [plan] names no routine 'hip-flexer'; did you mean 'hip-flexor-stretch'?"
    assert said in result.stderr
    listed = json.loads(cli(home, "today", "--json").stdout)
    assert listed["date"] == date.today().isoformat()
    assert [(p["slug"], p["done"]) for p in listed["planned"]] == [
        ("desk-break", False),
        ("hip-flexer", False),
    ]


def test_a_routine_run_to_its_end_today_is_done(home: Path) -> None:
    plan(home, f'{TODAY} = ["hip-flexor-stretch"]\n')
    assert cli(home, "today").returncode == 1
    terminal = Terminal(
        [SCRIPT, "run", "hip-flexor-stretch", "--speed", "150", "--mute"], env(home), cwd=home
    )
    try:
        terminal.wait_for("Done: Hip flexor and quad stretch", timeout=30)
        terminal.type("q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    result = cli(home, "today")
    assert result.returncode == 1  # a preview (--speed) is not the routine done
    assert "· hip-flexor-stretch" in result.stdout


def test_with_all_of_today_done_it_exits_zero(home: Path) -> None:
    """A real-time run, finished today, as the player records one (written through the store;
    the routine takes 7 minutes at its own speed)."""
    from workout_tui.core.library import load_routine
    from workout_tui.core.log.opening import open_history

    plan(home, f'daily = ["hip-flexor-stretch"]\n{TODAY} = "hip-flexor-stretch"\n')
    routine = load_routine(REPO / "sessions" / "hip-flexor-stretch.yaml").loaded()
    assert routine.plan is not None
    store, _ = open_history(home / "data")
    assert store is not None
    run_id = store.start_run(routine.plan, "hip-flexor-stretch", "", 1.0)
    store.finish_run(run_id, "completed")
    store.close()
    result = cli(home, "today")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ hip-flexor-stretch" in result.stdout and "1 of 1 done." in result.stdout


def test_a_hostile_slug_in_the_plan_is_shown_as_text(home: Path) -> None:
    plan(home, f'{TODAY} = ["[b]\\u001b]0;x\\u0007' + "z" * 10_000 + '"]\n')
    result = cli(home, "today")
    assert result.returncode == 1 and "\x1b" not in result.stdout + result.stderr
    assert "· [b]␛]0;x␇zzz" in result.stdout and "(no routine has this slug)" in result.stdout
    assert "config.toml:2: [plan] names no routine" in result.stderr
