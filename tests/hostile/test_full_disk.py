"""A disk that fills in the middle of a session: the session goes on, nothing is lost."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.cli.terminal import Terminal
from tests.cli.test_cli import SCRIPT, cli, env
from tests.core.test_history import run_through
from tests.hostile.conftest import fill
from tests.ui.helpers import advance, make_app, notices, practice, text
from workout_tui.core.log.opening import open_history
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore
from workout_tui.ui.history import HistoryScreen
from workout_tui.ui.summary import SummaryScreen


def earlier_runs(data: Path, count: int) -> None:
    data.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(data / FILE_NAME)
    for _ in range(count):
        run_through(store)
    store.close()


async def test_the_run_waits_in_memory_while_the_disk_is_full_and_lands_when_it_frees(
    tiny_disk: Path, tmp_path: Path
) -> None:
    data = tiny_disk / "data"
    earlier_runs(data, 3)
    store, _ = open_history(data)
    assert store is not None
    app = make_app(start=practice(tmp_path), history=store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await advance(pilot, 5 + 10)  # get ready, then into the first hold
        filler = fill(tiny_disk)
        await advance(pilot, 10 + 5 + 20 + 5)  # the rest of the stretch, into the rest
        journal = app.screen.run.journal  # type: ignore[attr-defined]
        assert not journal.flush() and journal.behind  # its writer thread tried, and failed
        await advance(pilot, 0.5)  # the player's next tick says so
        assert "Cannot save to the history now" in notices(app)
        assert text(pilot, "#phase") == "REST"  # the session goes on
        filler.unlink()
        await advance(pilot, 5)
        await pilot.press("space")  # first rep set
        await advance(pilot, 30)
        await pilot.press("space")  # second rep set: the end
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "saved again" in notices(app)
    runs = store.runs(limit=10)
    assert [r.status for r in runs] == ["completed"] * 4
    planned = len(practice(tmp_path).plan.steps)  # type: ignore[union-attr]
    assert [s.step_index for s in store.steps(runs[0].id)] == list(range(planned))
    assert not list(data.glob("*.damaged-*"))
    store.close()


def test_a_disk_that_stays_full_keeps_every_earlier_run_and_sets_nothing_aside(
    tiny_disk: Path, home: Path
) -> None:
    data = tiny_disk / "data"
    earlier_runs(data, 5)
    terminal = Terminal(
        [SCRIPT, "run", "desk-break", "--speed", "20", "--mute", "--data-dir", str(data)],
        env(home),
    )
    terminal.wait_for("step 2/")
    filler = fill(tiny_disk)
    terminal.wait_for("Cannot save to the history now", timeout=20)
    terminal.wait_for("step 5/")  # it goes on
    assert terminal.stop_session("Desk break") == 0
    assert re.search(r"could not be saved to the history \(.*full", terminal.text)
    assert not list(data.glob("*.damaged-*"))
    filler.unlink()
    db = sqlite3.connect(data / FILE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    statuses = [row[0] for row in db.execute("SELECT status FROM runs ORDER BY id")]
    db.close()
    assert statuses[:5] == ["completed"] * 5


def test_a_theme_saved_on_a_full_disk_leaves_the_config_whole(tiny_disk: Path) -> None:
    from workout_tui.core.config import save_setting

    path = tiny_disk / "config.toml"
    path.write_text("mute = true\n# a long comment\n" + "# padding\n" * 50)
    before = path.read_bytes()
    fill(tiny_disk)
    problem = save_setting(path, "theme", "nord")
    assert problem is not None and "No space left" in problem
    assert path.read_bytes() == before and [p.name for p in tiny_disk.glob("*.tmp")] == []


def test_a_run_killed_while_the_disk_is_full_says_so_after_the_app_has_closed(
    tiny_disk: Path, home: Path
) -> None:
    data = tiny_disk / "data"
    earlier_runs(data, 2)
    terminal = Terminal(
        [SCRIPT, "run", "desk-break", "--speed", "20", "--mute", "--data-dir", str(data)],
        env(home),
    )
    terminal.wait_for("step 2/")
    filler = fill(tiny_disk)
    terminal.wait_for("Cannot save to the history now", timeout=20)
    os.kill(terminal.pid, signal.SIGTERM)  # as `kill` or a logout would
    assert terminal.exit_code() == 0  # a signal ends a run cleanly, as with room on the disk
    closed = terminal.output.rindex(b"\x1b[?1049l")  # the app's screen put away: said after
    after = terminal.text_since(closed)
    assert re.search(r"This session could not be saved to the history \(.*full", after), after
    filler.unlink()
    store = HistoryStore(data / FILE_NAME)  # what the next start finds
    runs = store.runs(limit=10)
    assert len(runs) == 3 and [r.status for r in runs[1:]] == ["completed"] * 2  # kept whole
    # The run's end never reached the disk: the next start finds it cut off, with the step
    # written before the disk filled.
    assert (runs[0].session, runs[0].status) == ("desk-break", "interrupted")
    assert [s.step_index for s in store.steps(runs[0].id)][:1] == [0]
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(data.glob("*.damaged-*"))
    store.close()


def test_breaks_logged_on_a_full_disk_wait_and_land_when_it_frees(tiny_disk: Path) -> None:
    from datetime import date

    from workout_tui.core.log.break_log import BreakLog

    data = tiny_disk / "data"
    earlier_runs(data, 1)
    store, _ = open_history(data)
    assert store is not None
    log = BreakLog(store)
    filler = fill(tiny_disk)
    for action in ("snoozed", "skipped", "taken"):
        log.add(action)
    assert not log.flush() and log.behind and "full" in str(log.error)
    today = date.today()
    assert log.counts_on(today) == {"snoozed": 1, "skipped": 1, "taken": 1}  # still counted
    filler.unlink()
    assert log.flush() and not log.behind
    assert [a for (a,) in store.db.execute("SELECT action FROM breaks ORDER BY id")] == [
        "snoozed",
        "skipped",
        "taken",
    ]
    assert store.breaks_by_day(today) == {today: {"snoozed": 1, "skipped": 1, "taken": 1}}
    store.close()


def test_a_disk_full_at_start_is_said_in_words_and_leaves_no_file(
    tiny_disk: Path, home: Path
) -> None:
    fill(tiny_disk)
    data = tiny_disk / "data"
    store, notices = open_history(data)
    assert store is None
    assert notices == [
        f"History is off: the disk holding {data} is full. Sessions still run but are not recorded."
    ]
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]  # no stray file or folder


async def test_a_history_on_a_read_only_mount_is_read_by_every_reading_command(
    home: Path,
) -> None:
    from tests.conftest import mount_tmpfs
    from tests.core.test_history import run_through

    disk = home / "disk"
    disk.mkdir()
    unmount = mount_tmpfs(disk, "size=1m")
    try:
        data = disk / "data"
        earlier_runs(data, 2)
        store = HistoryStore(data / FILE_NAME)
        store.record_break("taken", store.now(), run_through(store))
        store.close()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for command in (
            ["history", "--export", "json"],
            ["history", "--export", "csv"],
            ["progress"],
            ["today"],
        ):
            done = cli(home, "--data-dir", str(data), *command)
            assert done.returncode in (0, 1) and not done.stderr, (command, done.stderr)
        exported = cli(home, "--data-dir", str(data), "history", "--export", "json")
        assert len(json.loads(exported.stdout)["runs"]) == 3
        app = make_app(data_dir=data, routines=[])  # and the app's history screen
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.press("ctrl+r")
            assert isinstance(app.screen, HistoryScreen)
            assert app.screen.query_one("#runs", DataTable).row_count == 3
            said = f"The history in {data} is read-only: past sessions can be looked through"
            assert said in notices(app)
    finally:
        unmount()


def test_a_check_in_on_a_full_disk_is_refused_in_a_line_and_kept_nowhere(
    home: Path, tiny_disk: Path
) -> None:
    from tests.cli.test_cli import cli

    data = ["--data-dir", str(tiny_disk)]
    assert cli(home, *data, "checkin", "3").returncode == 0  # the history exists
    fill(tiny_disk)
    result = cli(home, *data, "checkin", "5", "--note", "x" * 10_000)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "nothing was kept" in result.stderr or "History is off" in result.stderr
    (tiny_disk / "filler").unlink()
    export = cli(home, *data, "history", "--export", "json").stdout
    assert [c["score"] for c in json.loads(export)["checkins"]] == [3]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_an_export_that_fills_the_disk_leaves_the_last_one_whole(
    home: Path, tiny_disk: Path, kind: str
) -> None:
    data = home / "data"
    earlier_runs(data, 3)
    backup = tiny_disk / f"backup.{kind}"
    assert (
        cli(
            home, "--data-dir", str(data), "history", "--export", kind, "-o", str(backup)
        ).returncode
        == 0
    )
    last = backup.read_bytes()
    fill(tiny_disk)
    earlier_runs(data, 2)
    result = cli(home, "--data-dir", str(data), "history", "--export", kind, "-o", str(backup))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"cannot write {backup}: No space left on device" in result.stderr
    assert backup.read_bytes() == last  # the last export as it was, not half of the new one
    assert sorted(p.name for p in tiny_disk.iterdir()) == [backup.name, "filler"]
    (tiny_disk / "filler").unlink()  # room again: the export takes the old one's place
    assert (
        cli(
            home, "--data-dir", str(data), "history", "--export", kind, "-o", str(backup)
        ).returncode
        == 0
    )
    assert backup.read_bytes() != last and sorted(p.name for p in tiny_disk.iterdir()) == [
        backup.name
    ]


def older_history(data: Path) -> Path:
    """A history as version 5 left it (no check-ins), with three runs."""
    earlier_runs(data, 3)
    db = sqlite3.connect(data / FILE_NAME)
    db.execute("DROP TABLE checkins")
    db.execute("PRAGMA user_version = 5")
    db.commit()
    db.close()
    return data / FILE_NAME


READS = (["history", "--export", "json"], ["today"], ["today", "--short"], ["insight"])


def test_every_reading_command_reads_an_older_history_after_bringing_it_up_to_date(
    home: Path,
) -> None:
    """Read as it was, it lacked the tables the reads ask for: each command above ended in
    a traceback ("no such table: checkins") until the app or a writing command had opened
    it once."""
    path = older_history(home / "data")
    for command in READS:
        done = cli(home, "--data-dir", str(home / "data"), *command)
        assert done.returncode == 0 and not done.stderr, (command, done.stderr)
    assert (
        len(json.loads(cli(home, "--data-dir", str(home / "data"), *READS[0]).stdout)["runs"]) == 3
    )
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 6
    db.close()


def test_an_older_history_on_a_read_only_mount_is_refused_with_what_to_do(home: Path) -> None:
    from tests.conftest import mount_tmpfs

    disk = home / "disk"
    disk.mkdir()
    unmount = mount_tmpfs(disk, "size=1m")
    try:
        path = older_history(disk / "data")
        before = path.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for command in READS:
            done = cli(home, "--data-dir", str(disk / "data"), *command)
            said = done.stdout + done.stderr
            assert "Traceback" not in said, (command, said)
            assert "from an older workout-tui (history format 5; this one reads 6)" in said, said
        assert path.read_bytes() == before
    finally:
        unmount()
