"""Kill a real session at random moments, and stop one with signals: the history must hold."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.terminal import Terminal
from tests.cli.test_cli import SCRIPT, env

STEP = re.compile(r"step (\d+)/18")
ROUTINE = ["run", "hip-flexor-stretch", "--speed", "60", "--mute"]


def export(home: Path) -> list[dict[str, object]]:
    """The history as the next start of the real CLI sees it."""
    result = subprocess.run(
        [SCRIPT, "history", "--export", "json"],
        capture_output=True,
        text=True,
        env=env(home),
        check=True,
        timeout=30,
    )
    runs: list[dict[str, object]] = json.loads(result.stdout)["runs"]
    return runs


def integrity(home: Path) -> str:
    db = sqlite3.connect(home / "data" / "history.sqlite3")
    try:
        result: str = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    return result


def last_step_drawn(terminal: Terminal) -> int:
    return max(int(n) for n in STEP.findall(terminal.text))


# 20 kills in all, in four histories of five, so parallel workers can share them. At 60
# times real speed, 1.2 s reaches the fourth or fifth of the 18 steps.
@pytest.mark.parametrize("seed", range(4))
def test_sigkill_at_random_moments_loses_no_finished_step(tmp_path: Path, seed: int) -> None:
    rng = random.Random(20261123 + seed)
    for attempt in range(5):
        terminal = Terminal([SCRIPT, *ROUTINE], env(tmp_path), cwd=tmp_path)
        started = time.monotonic()  # the run's clock starts after this
        if attempt:  # the last run was interrupted, so the app offers to resume it
            terminal.wait_for("Resume where you left off?")
            started = time.monotonic()
            terminal.type("s")  # start over: each attempt is its own run
        terminal.wait_for("/18")  # the player is drawn (step 1 lasts a quarter second)
        time.sleep(rng.uniform(0.05, 1.2))
        terminal.drain(0)  # take in what was drawn up to the kill
        os.kill(terminal.pid, signal.SIGKILL)
        run_time = (time.monotonic() - started) * 60  # at most this much of the routine ran
        assert terminal.exit_code() == -signal.SIGKILL
        drawn = last_step_drawn(terminal)

        runs = export(tmp_path)
        assert len(runs) == attempt + 1
        run = runs[-1]
        steps = run["steps"]
        assert isinstance(steps, list)
        assert run["status"] == "interrupted", (attempt, run["status"])
        # A step is journaled before the next one is drawn: every step before the one on
        # screen is there. And none is journaled before its time was up (the screen may lag
        # the clock when other tests keep the cores busy, so the clock bounds it).
        assert drawn - 1 <= len(steps), (attempt, drawn, len(steps))
        journaled = sum(float(s["actual_seconds"]) for s in steps)
        assert journaled <= run_time, (attempt, journaled, run_time)
        assert [s["index"] for s in steps] == list(range(len(steps)))
        assert integrity(tmp_path) == "ok"


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"]
)
def test_a_signal_mid_session_leaves_a_stopped_run_with_its_steps(
    tmp_path: Path, signum: signal.Signals
) -> None:
    terminal = Terminal([SCRIPT, *ROUTINE], env(tmp_path), cwd=tmp_path)
    terminal.wait_for("step 4/18")
    os.kill(terminal.pid, signum)
    assert terminal.exit_code(timeout=2) == 0  # within 2 s, every time
    (run,) = export(tmp_path)
    assert run["status"] == "stopped"
    steps = run["steps"]
    assert isinstance(steps, list) and len(steps) >= 4
    # The step it stopped in is logged as far as it got.
    assert [s["outcome"] for s in steps[-2:]] == ["done", "partial"], steps[-2:]
    assert integrity(tmp_path) == "ok"
