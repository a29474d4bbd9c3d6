"""The desktop notice a break sends through notify-send (a stand-in here: there is no
desktop), with a hostile routine name passed as text, never markup or an option."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from workout_tui.audio.desktop import notify_desktop


def test_the_notice_is_sent_with_its_text_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = tmp_path / "said.txt"
    script = tmp_path / "notify-send"
    # Written whole, then moved into place: the test never reads half of what it said.
    script.write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > {said}.part\n'
        f"mv {said}.part {said}\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert notify_desktop("Time for a break", "--help <b>[b]x</b> \x1b]0;x\x07 is next")
    for _ in range(200):
        if said.exists() and said.read_text():
            break
        time.sleep(0.01)
    assert said.read_text().splitlines() == [
        "--app-name=workout-tui",
        "--",
        "Time for a break",
        "--help &lt;b&gt;[b]x&lt;/b&gt; ␛]0;x␇ is next",
    ]


def test_without_notify_send_nothing_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert notify_desktop("Time for a break", "Desk break is next") is False
