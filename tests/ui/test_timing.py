"""Cues come on time on the real clock, and the UI answers keys while a cue is playing."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import REPO
from workout_tui.audio import BellCues, SilentCues, SoundCues
from workout_tui.core import locations
from workout_tui.core.cues import Cue, CueKind
from workout_tui.core.library import load_routine
from workout_tui.ui.app import WorkoutApp
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.settings import Settings
from workout_tui.ui.summary import SummaryScreen

pytestmark = pytest.mark.alone  # each measures milliseconds: nothing may run beside it

SHORT = "name: Short\ndefaults: {prepare: 3s}\nexercises: [{name: Hold, hold: 4s}]\n"


class SlowDevice:
    """A sound card that takes a second to play each buffer: the one fake, at the hardware edge."""

    def __init__(self) -> None:
        self.busy: list[tuple[float, float]] = []

    def play_buffer(self, buffer: bytes, channels: int, width: int, rate: int) -> object:
        started = time.perf_counter()
        time.sleep(1.0)
        self.busy.append((started, time.perf_counter()))
        return SimpleNamespace(is_playing=lambda: False, stop=lambda: None)


async def test_keys_are_handled_within_50_ms_while_a_cue_plays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "short.yaml").write_text(SHORT.replace("prepare: 3s", "prepare: 30s"))
    handled: list[float] = []
    extend = PlayerScreen.action_extend

    def timed_extend(screen: PlayerScreen, seconds: int) -> None:
        handled.append(time.perf_counter())  # when the key's action runs
        extend(screen, seconds)

    monkeypatch.setattr(PlayerScreen, "action_extend", timed_extend)
    device = SlowDevice()
    player = SoundCues(
        device,  # type: ignore[arg-type]  # a device in place of the simpleaudio module
        locations.sounds_dir(),
        None,
        BellCues(lambda: None),
        report=print,
    )
    app = WorkoutApp(Settings(start=load_routine(tmp_path / "short.yaml"), cues=player))
    async with app.run_test(size=(100, 30)) as pilot:
        # Plain sleeps: pilot.pause() forces a repaint each time, a load a person never adds.
        while len(device.busy) < 2:  # the device probe and the get-ready cue
            await asyncio.sleep(0.05)
        player.play(Cue(CueKind.GO, "Go"))  # as the screen does when a cue comes due
        await asyncio.sleep(0.2)  # the device is now busy playing it
        pressed = time.perf_counter()
        await pilot.press("plus")
        screen = app.screen
        assert isinstance(screen, PlayerScreen) and screen.engine.duration() == 30 + 15
        await asyncio.sleep(0.9)
    player.close()
    playing = device.busy[2]
    assert playing[0] <= pressed <= playing[1], "the key must come while the cue is playing"
    (when,) = handled
    assert when - pressed < 0.05, f"key took {(when - pressed) * 1000:.1f} ms"


async def test_cues_are_played_within_a_few_ms_of_their_instant(tmp_path: Path) -> None:
    (tmp_path / "short.yaml").write_text(SHORT)
    player = SilentCues()
    app = WorkoutApp(Settings(start=load_routine(tmp_path / "short.yaml"), cues=player))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PlayerScreen)
        deadline = time.monotonic() + 10
        while not isinstance(app.screen, SummaryScreen) and time.monotonic() < deadline:
            await pilot.pause(0.05)
    kinds = [f"{cue.kind}{cue.count or ''}" for cue, _ in player.played]
    assert kinds == [
        "get-ready",
        "countdown2",
        "countdown1",
        "go",
        "countdown3",
        "countdown2",
        "countdown1",
        "done",
    ]
    lateness = sorted(late for _, late in player.played)
    assert lateness[-1] < 0.010, f"latest cue was {lateness[-1] * 1000:.1f} ms late"


async def test_the_sound_plays_each_cue_within_a_few_ms_of_its_instant(tmp_path: Path) -> None:
    """The path cues take on a machine with sound: handed to the sound thread ahead of
    time, played by it at their instants (the device is the one fake, at the edge)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench import measure_cues

    (tmp_path / "short.yaml").write_text(SHORT)
    lateness = await measure_cues(tmp_path / "short.yaml", 8)
    assert len(lateness) >= 6  # get-ready, the 2-1, go, the 3-2-1 together with done
    assert max(lateness) < 0.010, f"latest cue was {max(lateness) * 1000:.1f} ms late"
