"""Exits that always happen: a closed terminal, signals and a bug end the process, and the
run is kept as stopped."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.cli.terminal import Terminal
from tests.cli.test_cli import SCRIPT, env

ROUTINE = ["run", "hip-flexor-stretch", "--speed", "40", "--mute"]


def statuses(home: Path) -> list[str]:
    db = sqlite3.connect(home / "data" / "history.sqlite3")
    try:
        return [row[0] for row in db.execute("SELECT status FROM runs ORDER BY id")]
    finally:
        db.close()


def ended_within(pid: int, seconds: float) -> int | None:
    """The exit status if `pid` ended within `seconds`, else None (and it is killed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


# It hung 2 to 3 times in 12 (a blocked write on exit): 12 closes, in three histories of
# four so parallel workers can share them. Signals are in tests/fault/test_crash.py.
@pytest.mark.parametrize("batch", range(3))
def test_closing_the_terminal_ends_the_process_every_time(home: Path, batch: int) -> None:
    for attempt in range(batch * 4, batch * 4 + 4):
        terminal = Terminal([SCRIPT, *ROUTINE], env(home))
        terminal.wait_for("/18")
        time.sleep(0.05 * (attempt % 5))
        os.close(terminal.fd)  # the window closes: the kernel hangs up the session
        assert ended_within(terminal.pid, 2.0) is not None, f"still running (attempt {attempt})"
    assert statuses(home) == ["stopped"] * 4


def test_a_bug_exits_non_zero_keeps_the_run_and_leaves_a_short_report(home: Path) -> None:
    # The one fake: a bug put into the player, so that skipping raises.
    code = (
        "import sys; from workout_tui.ui.player import PlayerScreen;"
        "PlayerScreen.action_skip = lambda self: 1 / 0;"
        "from workout_tui.cli import main; sys.exit(main())"
    )
    terminal = Terminal([sys.executable, "-c", code, *ROUTINE], env(home))
    terminal.wait_for("step 2/18")
    terminal.type("n")
    assert terminal.exit_code() == 1
    text = terminal.text
    assert "stopped on a bug; the session so far is saved" in text
    assert "ZeroDivisionError: division by zero" in text and "in <lambda>" in text
    assert "locals" not in text  # Textual's report shows every local variable
    assert statuses(home) == ["stopped"]
