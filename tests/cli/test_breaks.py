"""`workout-tui breaks` as a person runs it: in a terminal all day, a break asked for with a
sound (into ALSA's file plugin) and a desktop notice, the desk break run and back."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from tests.audio.test_playback import needs_simpleaudio
from tests.cli.terminal import Terminal
from tests.cli.test_cli import SCRIPT, cli, env


def fake_notify_send(home: Path) -> Path:
    """A notify-send that writes its arguments down (no desktop here)."""
    folder = home / "bin"
    folder.mkdir()
    said = home / "notified.txt"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> {said}\necho >> {said}\n')
    script.chmod(0o755)
    return said


@needs_simpleaudio
def test_a_break_is_asked_for_with_a_sound_run_and_counted(home: Path) -> None:
    out = home / "out.raw"
    (home / ".asoundrc").write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "{out}"; format "raw" }}\n'
    )
    said = fake_notify_send(home)
    environment = env(home)
    environment["PATH"] = f"{home / 'bin'}{os.pathsep}{environment['PATH']}"
    terminal = Terminal([SCRIPT, "breaks", "--every", "3s"], environment, cwd=home)
    try:
        terminal.wait_for("Sitting for")
        time.sleep(0.5)  # the sound device's first bytes, from opening it
        before = out.stat().st_size if out.exists() else 0
        due = terminal.wait_for("Time for a break", timeout=10)
        assert due < 11
        time.sleep(1)
        assert out.stat().st_size - before > 20_000  # the cue's samples, into the file
        assert said.read_text().startswith("--app-name=workout-tui|--|Time for a break|")
        terminal.type("\r")
        terminal.wait_for("Desk break · step 1/16")
        time.sleep(1)
        terminal.type("q")
        terminal.wait_for("Stop this session?")
        terminal.type("y")
        terminal.wait_for("1 taken")  # stopped: no check-in is asked
        terminal.type("q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    db = sqlite3.connect(home / "data" / "history.sqlite3")
    ((run_id, status),) = db.execute("SELECT id, status FROM runs WHERE session = 'desk-break'")
    assert status == "stopped"
    assert list(db.execute("SELECT action, run_id FROM breaks")) == [("taken", run_id)]
    assert list(db.execute("SELECT score FROM checkins")) == []


def test_a_break_routine_asked_for_that_is_not_there_is_refused_with_the_closest(
    home: Path,
) -> None:
    result = cli(home, "breaks", "--routine", "desk-brake")
    assert result.returncode == 2
    assert "no routine called 'desk-brake'. Did you mean: desk-break?" in result.stderr


def test_a_bad_interval_is_refused_before_anything_opens(home: Path) -> None:
    result = cli(home, "breaks", "--every", "soon")
    assert result.returncode == 2 and "'soon' is not a duration" in result.stderr
    result = cli(home, "breaks", "--every", "0s")
    assert result.returncode == 2 and "longer than 0s" in result.stderr


def test_a_config_break_routine_that_is_not_there_is_located_and_the_count_goes_on() -> None:
    # A short HOME: the located line is the config's path, which a long one would wrap.
    home = Path(tempfile.mkdtemp(prefix="wb", dir="/tmp"))
    config = home / "config" / "workout-tui"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('[breaks]\nevery = "2s"\nroutine = "desk-brake"\n')
    terminal = Terminal([SCRIPT, "breaks", "--mute"], env(home), cwd=home)
    try:
        terminal.wait_for("config.toml:3:")
        terminal.wait_for("did you mean")
        terminal.wait_for("Time for a break", timeout=10)
        terminal.type("s")
        terminal.wait_for("1 snoozed")
        terminal.type("q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
        shutil.rmtree(home)


def test_the_help_says_what_breaks_does(home: Path) -> None:
    result = cli(home, "breaks", "--help")
    assert result.returncode == 0
    assert "Enter runs the break's routine" in " ".join(result.stdout.split())
    assert "breaks" in cli(home, "--help").stdout
