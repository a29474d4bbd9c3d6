"""Players for cues. `play()` always returns at once; the sound work happens on a thread."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import queue
import sys
import threading
import wave
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from workout_tui.audio.voice import Voice
from workout_tui.core.cues import Cue, CueKind

# The beep for each kind of cue. A set's end has none of its own: the next step's cue
# sounds at the same instant and says what comes next.
SOUND_FOR: dict[CueKind, str | None] = {
    CueKind.GET_READY: "rest",
    CueKind.GO: "go",
    CueKind.COUNTDOWN: "tick",
    CueKind.HALFWAY: "halfway",
    CueKind.SWITCH_SIDES: "switch",
    CueKind.REST: "rest",
    CueKind.SET_DONE: None,
    CueKind.SESSION_DONE: "done",
}
SPOKEN = {k for k in CueKind if k is not CueKind.SET_DONE}
RATE, WIDTH, CHANNELS = 22_050, 2, 1  # every buffer played: 16-bit mono at espeak-ng's rate


class CuePlayer:
    """Plays cues. Subclasses do the sound; this keeps mute and the record of what played."""

    def __init__(self) -> None:
        self.muted = False
        self.speak = True  # spoken lines, where the player has a voice; a routine can turn them off
        self.played: list[tuple[Cue, float]] = []  # (cue, seconds late when handed on)

    def play(self, cue: Cue, late: float = 0.0) -> None:
        """Play a cue now unless muted (`late`: seconds after its instant). Returns at once."""
        if not self.muted:
            self.played.append((cue, late))
            self._play(cue)

    def _play(self, cue: Cue) -> None:
        """Subclasses make the sound."""

    def prepare(self, lines: Iterable[str]) -> None:
        """Get ready to speak these lines (a session's voice lines), off the UI thread."""

    def close(self) -> None:
        """Stop playing and release the device."""


class SilentPlayer(CuePlayer):
    """Plays nothing; keeps the record (for tests, and where there is no sound at all)."""


class BellPlayer(CuePlayer):
    """The fallback: rings the terminal bell (and the UI flashes) for the cues that matter."""

    def __init__(self, ring: Callable[[], None]) -> None:
        super().__init__()
        self.ring = ring

    def _play(self, cue: Cue) -> None:
        if cue.kind in (CueKind.GO, CueKind.SWITCH_SIDES, CueKind.REST, CueKind.SESSION_DONE):
            self.ring()


class SoundPlayer(CuePlayer):
    """Plays beeps from `sounds_dir`, with spoken lines when a voice is given.

    A worker thread opens the device and plays; cues that arrive together are joined
    into one buffer, and a new cue cuts off one still playing so cues never lag behind.
    If the device cannot be opened, the player falls back to `fallback` and calls
    `report` once (from the worker thread) with a line saying so.
    """

    def __init__(
        self,
        backend: ModuleType,
        sounds_dir: Path,
        voice: Voice | None,
        fallback: CuePlayer,
        report: Callable[[str], None],
    ) -> None:
        super().__init__()
        # A cue handed over must reach the device now, not when the UI thread next lets go
        # of the GIL (by default up to 5 ms later): ask for the switch within 1 ms.
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.backend = backend
        self.sounds_dir = sounds_dir
        self.voice = voice
        self.fallback = fallback
        self.report = report
        self.failed = False
        self._frames: dict[Path, bytes] = {}
        # Each cue travels with whether to speak it, as it was when play() was called.
        self._queue: queue.SimpleQueue[tuple[Cue, bool] | None] = queue.SimpleQueue()
        self._current: Any = None
        self._worker = threading.Thread(target=self._run, name="cue-player", daemon=True)
        self._worker.start()

    def _play(self, cue: Cue) -> None:
        if self.failed:
            self.fallback.play(cue)
        else:
            self._queue.put((cue, self.speak))

    def prepare(self, lines: Iterable[str]) -> None:
        voice = self.voice
        if voice is None or not voice.available:
            return
        todo = list(dict.fromkeys(lines))
        threading.Thread(
            target=lambda: [voice.render(line) for line in todo], name="voice-render", daemon=True
        ).start()

    def close(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=1)
        self._stop_current()

    def _run(self) -> None:
        if not self._open_device():
            return
        closing = False
        while not closing:
            item = self._queue.get()
            items = []
            while item is not None:
                items.append(item)
                if self._queue.empty():
                    break
                item = self._queue.get()
            closing = item is None
            buffer = b"".join(self._buffer(cue, speak) for cue, speak in items)
            if buffer:
                self._stop_current()
                self._start(buffer)

    def _open_device(self) -> bool:
        """Probe the device with 10 ms of silence, so a missing one is known at the start."""
        return self._start(bytes(RATE // 100 * WIDTH))

    def _start(self, buffer: bytes) -> bool:
        try:
            self._current = self.backend.play_buffer(buffer, CHANNELS, WIDTH, RATE)
        except Exception as error:  # simpleaudio raises its own error type for device trouble
            self.failed = True
            self.report(f"No audio device ({error}); cues will ring the terminal bell.")
            return False
        return True

    def _stop_current(self) -> None:
        if self._current is not None and self._current.is_playing():
            self._current.stop()

    def _buffer(self, cue: Cue, speak: bool) -> bytes:
        sound = SOUND_FOR[cue.kind]
        frames = self._load(self.sounds_dir / f"{sound}.wav") if sound else b""
        if self.voice is not None and speak and cue.kind in SPOKEN:
            spoken = self.voice.cached(cue.say)
            if spoken is not None:
                frames += self._load(spoken)
        return frames

    def _load(self, path: Path) -> bytes:
        if path not in self._frames:
            try:
                with wave.open(str(path), "rb") as source:
                    shape = (source.getframerate(), source.getsampwidth(), source.getnchannels())
                    frames = source.readframes(source.getnframes())
            except (OSError, EOFError, wave.Error):
                frames, shape = b"", (RATE, WIDTH, CHANNELS)
            self._frames[path] = frames if shape == (RATE, WIDTH, CHANNELS) else b""
        return self._frames[path]


# ALSA prints its errors (no card, no device) straight to stderr, over the TUI. A
# handler that does nothing keeps them quiet; the player reports the failure itself.
_ALSA_ERROR_HANDLER = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_quiet_alsa_handler = _ALSA_ERROR_HANDLER(lambda *args: None)


def _quiet_alsa() -> None:
    name = ctypes.util.find_library("asound")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):  # not ALSA after all: nothing to quiet
        ctypes.CDLL(name).snd_lib_error_set_handler(_quiet_alsa_handler)


def open_player(
    sounds_dir: Path,
    voice: Voice | None,
    ring: Callable[[], None],
    report: Callable[[str], None],
) -> CuePlayer:
    """The best player this machine has: sound if simpleaudio imports, else the bell.

    Args:
        sounds_dir: the cue WAVs.
        voice: spoken lines, or None for beeps only.
        ring: rings the bell and flashes the screen (called on the UI thread).
        report: says one line to the person; may be called from another thread.
    """
    fallback = BellPlayer(ring)
    try:
        import simpleaudio
    except ImportError:
        report("No audio: simpleaudio is not installed (pip install 'workout-tui[audio]').")
        return fallback
    _quiet_alsa()
    return SoundPlayer(simpleaudio, sounds_dir, voice, fallback, report)
