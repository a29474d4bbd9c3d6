"""Real audio: cues go through simpleaudio and ALSA into its `file` plugin, in a subprocess."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest

from workout_tui.audio import SilentCues, SoundCues
from workout_tui.audio.voice import Voice
from workout_tui.core import locations
from workout_tui.core.cues import Cue, CueKind

needs_simpleaudio = pytest.mark.needs("simpleaudio")
needs_espeak = pytest.mark.needs("espeak-ng")
PLAYER = """
import sys, time
from pathlib import Path
from workout_tui.audio import open_cues
from workout_tui.audio.voice import Voice
from workout_tui.core import locations
from workout_tui.core.cues import Cue, CueKind
voice = Voice(Path(sys.argv[1])) if len(sys.argv) > 1 else None
notices = []
ring = lambda: print("ring")
muted = globals().get("muted", False)  # set by a test's `before`
player = open_cues(locations.sounds_dir(), voice, ring=ring, report=notices.append, muted=muted)
time.sleep(0.3)  # the device probe plays first; the cue's stream replaces it in the file
"""


def frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as source:
        assert (source.getframerate(), source.getsampwidth(), source.getnchannels()) == (
            22050,
            2,
            1,
        )
        return source.readframes(source.getnframes())


def run_with_alsa(
    tmp_path: Path, script: str, *args: str, pcm: str | None = None, before: str = ""
) -> str:
    """Run a script with ALSA's default device set by an .asoundrc in a temp HOME."""
    out = tmp_path / "out.raw"
    pcm = pcm or f'type file; slave.pcm "null"; file "{out}"; format "raw"'
    (tmp_path / ".asoundrc").write_text(f"pcm.!default {{ {pcm} }}\n")
    result = subprocess.run(
        [sys.executable, "-c", before + textwrap.dedent(PLAYER + script), *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@needs_simpleaudio
def test_a_cue_plays_its_sound_through_alsa(tmp_path: Path) -> None:
    output = run_with_alsa(
        tmp_path,
        "player.play(Cue(CueKind.GO, 'Go')); time.sleep(0.5); player.close();"
        "print(type(player).__name__, notices)",
    )
    assert output.split("\n")[0] == "SoundCues []"
    written = (tmp_path / "out.raw").read_bytes()
    assert written == frames(locations.sounds_dir() / "go.wav")
    assert len(written) > 10_000


@needs_simpleaudio
@needs_espeak
def test_a_cue_with_voice_plays_the_beep_then_the_spoken_line(tmp_path: Path) -> None:
    cache = tmp_path / "voice"
    line = "Rest. Next: couch stretch"
    rendered = Voice(cache).render(line)
    assert rendered is not None
    run_with_alsa(
        tmp_path,
        f"player.play(Cue(CueKind.REST, {line!r})); time.sleep(0.5); player.close()",
        str(cache),
    )
    written = (tmp_path / "out.raw").read_bytes()
    assert written == frames(locations.sounds_dir() / "rest.wav") + frames(rendered)


@needs_simpleaudio
def test_no_audio_device_falls_back_to_the_bell_with_one_notice(tmp_path: Path) -> None:
    output = run_with_alsa(
        tmp_path,
        "player.play(Cue(CueKind.GO, 'Go')); player.play(Cue(CueKind.REST, 'Rest'));"
        "time.sleep(0.2); print(len(notices)); print(notices[0])",
        pcm="type hw; card 7",
    )
    lines = output.strip().split("\n")
    assert lines[:3] == ["ring", "ring", "1"]  # one ring per cue, one notice in all
    notice = lines[3]
    assert notice.startswith("No audio device (") and "terminal bell" in notice


@needs_simpleaudio
def test_muted_no_audio_device_is_said_when_the_sound_is_turned_on(tmp_path: Path) -> None:
    """Muted (`--mute`, or in the config) the missing device is no news, and its notice
    cost a redraw of the whole screen when it left; turned on, it is said, once."""
    output = run_with_alsa(
        tmp_path,
        "print(len(notices)); player.muted = False; player.muted = True; player.muted = False;"
        "print(len(notices)); print(notices[0])",
        pcm="type hw; card 7",
        before="muted = True\n",
    )
    lines = output.strip().split("\n")
    assert lines[:2] == ["0", "1"]
    assert lines[2].startswith("No audio device (")


def test_muted_without_simpleaudio_the_notice_waits_for_the_sound(tmp_path: Path) -> None:
    output = run_with_alsa(
        tmp_path,
        "print(len(notices)); player.muted = False; print(*notices)",
        before="import sys; sys.modules['simpleaudio'] = None; muted = True\n",
    )
    assert output.split("\n")[:2] == [
        "0",
        "No audio: simpleaudio is not installed (pip install 'workout-tui[audio]').",
    ]


def test_without_simpleaudio_cues_ring_the_bell(tmp_path: Path) -> None:
    output = run_with_alsa(
        tmp_path,
        "player.play(Cue(CueKind.GO, 'Go')); print(type(player).__name__); print(*notices)",
        before="import sys; sys.modules['simpleaudio'] = None  # as if it were not installed\n",
    )
    assert output.split("\n")[:3] == [
        "ring",
        "BellCues",
        "No audio: simpleaudio is not installed (pip install 'workout-tui[audio]').",
    ]


@needs_espeak
def test_a_voice_line_renders_to_a_non_silent_wav_and_is_cached(tmp_path: Path) -> None:
    voice = Voice(tmp_path)
    path = voice.render("Get ready: goblet squat")
    assert path is not None and voice.cached("Get ready: goblet squat") == path
    samples = memoryview(frames(path)).cast("h")
    assert 0.5 < len(samples) / 22050 < 5
    assert max(abs(s) for s in samples) > 3000
    modified = path.stat().st_mtime_ns
    assert voice.render("Get ready: goblet squat") == path
    assert path.stat().st_mtime_ns == modified  # rendered once, then read from the cache


def test_without_espeak_there_is_no_voice(tmp_path: Path) -> None:
    voice = Voice(tmp_path)
    voice.executable = None  # as on a machine where espeak-ng was not found
    assert not voice.available and voice.render("Go") is None


class RecordingDevice:
    """Keeps each buffer it is asked to play (in place of a sound card)."""

    def __init__(self) -> None:
        self.buffers: list[bytes] = []

    def play_buffer(self, buffer: bytes, channels: int, width: int, rate: int) -> object:
        self.buffers.append(buffer)
        return SimpleNamespace(is_playing=lambda: False, stop=lambda: None)


@needs_espeak
def test_a_routine_can_turn_the_voice_off(tmp_path: Path) -> None:
    voice = Voice(tmp_path)
    line = "Rest. Next: couch stretch"
    spoken = voice.render(line)
    assert spoken is not None
    device = RecordingDevice()
    player = SoundCues(device, locations.sounds_dir(), voice, SilentCues(), print)  # type: ignore[arg-type]
    rest = frames(locations.sounds_dir() / "rest.wav")
    player.play(Cue(CueKind.REST, line))
    player.speak = False
    player.play(Cue(CueKind.REST, line))
    player.close()
    # after the silent probe; cues that arrive together may share one buffer
    assert b"".join(device.buffers[1:]) == rest + frames(spoken) + rest


class TimedDevice(RecordingDevice):
    """Also keeps when each buffer was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def play_buffer(self, buffer: bytes, channels: int, width: int, rate: int) -> object:
        self.times.append(time.monotonic())
        return super().play_buffer(buffer, channels, width, rate)


@pytest.mark.alone  # a 10 ms bound on waking: with the cores shared, the scheduler decides
def test_a_scheduled_cue_plays_at_its_instant_once_and_a_replaced_one_never() -> None:
    device = TimedDevice()
    cues = SoundCues(device, locations.sounds_dir(), None, SilentCues(), print)  # type: ignore[arg-type]
    go, rest = Cue(CueKind.GO, "Go"), Cue(CueKind.REST, "Rest")
    start = time.monotonic()
    cues.schedule([(start + 0.3, go, (1, "go", 0, 0.3)), (start + 0.5, rest, (2, "rest", 0, 0.5))])
    time.sleep(0.1)
    cues.schedule([(start + 0.3, go, (1, "go", 0, 0.3))])  # a pause took the rest back
    time.sleep(0.4)
    cues.play(go, 0.004, (1, "go", 0, 0.3))  # the UI sees it due a little later: not again
    time.sleep(0.3)
    cues.close()
    assert len(device.times) == 2  # the probe, then the go: the rest never played
    assert 0 <= device.times[1] - (start + 0.3) < 0.01
    assert device.buffers[1] == frames(locations.sounds_dir() / "go.wav")


def test_the_garbage_collector_is_back_on_after_a_cue_it_waited_for_is_not_played() -> None:
    device = TimedDevice()
    cues = SoundCues(device, locations.sounds_dir(), None, SilentCues(), print)  # type: ignore[arg-type]
    start = time.monotonic()
    cues.schedule([(start + 0.2, Cue(CueKind.GO, "Go"), (1, "go", 0, 0.2))])
    cues.muted = True  # muted after it was handed over: the sound thread still woke for it
    time.sleep(0.4)
    try:
        assert gc.isenabled() and len(device.times) == 1  # only the probe
    finally:
        cues.close()
        gc.enable()
