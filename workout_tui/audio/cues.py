"""Cue output: beeps and spoken lines, or the bell. `play()` and `schedule()` return at once;
the sound work happens on a thread, which plays each scheduled cue at its instant."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import queue
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from workout_tui.audio.voice import Voice
from workout_tui.core.cues import Cue, CueKey, CueKind

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
    CueKind.BREAK_DUE: "done",
}
SPOKEN = {k for k in CueKind if k is not CueKind.SET_DONE}
RATE, WIDTH, CHANNELS = 22_050, 2, 1  # every buffer played: 16-bit mono at espeak-ng's rate
WAKE_EARLY_SECONDS = 0.002  # the sound thread sleeps till this long before a cue, then spins
STALE_SECONDS = 1.0  # a cue this late (the machine slept) is not played: it would mislead
Scheduled = tuple[float, Cue, CueKey]  # (time.monotonic() instant, cue, key)


class Cues:
    """Plays cues. Subclasses do the sound; this keeps mute and the record of what played."""

    def __init__(self, report: Callable[[str], None] | None = None, muted: bool = False) -> None:
        self._report = report or (lambda _: None)
        self._telling = threading.Lock()  # muted and unsaid change together
        self._muted = muted
        self._unsaid: str | None = None  # a problem found while muted, said when unmuted
        self.speak = True  # spoken lines, where there is a voice; a routine can turn them off
        self.played: list[tuple[Cue, float]] = []  # (cue, seconds late when handed on)

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, muted: bool) -> None:
        with self._telling:
            self._muted, unsaid = muted, self._unsaid
            self._unsaid = unsaid if muted else None
        if unsaid and not muted:
            self._report(unsaid)

    def tell(self, problem: str) -> None:
        """Say a problem with the sound now; while muted, when it is turned on (a person who
        muted it has no use for it yet, and a notice costs a redraw of the screen)."""
        with self._telling:
            if self._muted:
                self._unsaid = problem
                return
        self._report(problem)

    def play(self, cue: Cue, late: float = 0.0, key: CueKey | None = None) -> None:
        """Play a cue now (`late`: seconds after its instant), unless muted or stale, or if
        it was scheduled under `key` (it plays, or played, at its instant). Returns at once."""
        if not self.muted and late < STALE_SECONDS:
            self.played.append((cue, late))
            if key is None or not self._claimed(key):
                self._play(cue)

    @property
    def ahead(self) -> bool:
        """Whether cues scheduled ahead play at their instants (else only `play()` plays)."""
        return False

    def schedule(self, cues: list[Scheduled]) -> None:
        """Play these cues at their instants (unless muted then); they replace the cues
        scheduled before that have not come due. Here, nothing: cues play when `play()`
        is called."""

    def _claimed(self, key: CueKey) -> bool:
        return False

    def _play(self, cue: Cue) -> None:
        """Subclasses make the sound."""

    def prepare(self, lines: Iterable[str]) -> None:
        """Get ready to speak these lines (a session's voice lines), off the UI thread."""

    def close(self) -> None:
        """Stop playing and release the device."""


class SilentCues(Cues):
    """Plays nothing; keeps the record (for tests, and where there is no sound at all)."""


CHANGES = {CueKind.GO, CueKind.SWITCH_SIDES, CueKind.REST, CueKind.SESSION_DONE}


class BellCues(Cues):
    """The fallback: rings the terminal bell (and the UI flashes) for each cue the sound
    would play (`bell` "all": the 3-2-1 and the halfway too, for a person following from
    the floor), for a change of step only ("changes"), or never ("off")."""

    def __init__(
        self,
        ring: Callable[[], None],
        bell: str = "all",
        report: Callable[[str], None] | None = None,
        muted: bool = False,
    ) -> None:
        super().__init__(report, muted)
        self.ring = ring
        every = set(CueKind) - {CueKind.BREAK_DUE}  # the break screen rings for its own
        self.rings = {"all": every, "changes": CHANGES}.get(bell, set())

    def _play(self, cue: Cue) -> None:
        if cue.kind in self.rings:
            self.ring()


class SoundCues(Cues):
    """Plays beeps from `sounds_dir`, with spoken lines when a voice is given.

    A worker thread opens the device and plays: cues scheduled ahead at their instants
    (it sleeps on the monotonic clock till then, so a busy UI cannot make them late), other
    cues as they come. Cues due together are joined into one buffer, and a new cue cuts
    off one still playing so cues never lag behind. If the device cannot be opened, it
    falls back to `fallback` and tells `report` once (from the worker; see `tell`).
    """

    def __init__(
        self,
        backend: ModuleType,
        sounds_dir: Path,
        voice: Voice | None,
        fallback: Cues,
        report: Callable[[str], None],
        muted: bool = False,
    ) -> None:
        super().__init__(report, muted)
        # A cue handed over must reach the device now, not when the UI thread next lets go
        # of the GIL (by default up to 5 ms later): ask for the switch within 1 ms.
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.backend = backend
        self.sounds_dir = sounds_dir
        self.voice = voice
        self.fallback = fallback
        self.failed = False
        self._frames: dict[Path, bytes] = {}
        # Each cue travels with whether to speak it, as it was when it was handed on.
        self._queue: queue.SimpleQueue[tuple[Cue, bool] | None] = queue.SimpleQueue()
        self._timetable: list[tuple[float, Cue, CueKey, bool]] = []  # under _changed, by instant
        self._taken: set[CueKey] = set()  # keys of scheduled cues the worker has played
        self._changed = threading.Condition()
        self._current: Any = None
        self._closing = False
        self._worker = threading.Thread(target=self._run, name="cue-player", daemon=True)
        self._worker.start()

    def _play(self, cue: Cue) -> None:
        if self.failed:
            self.fallback.play(cue)
        else:
            self._queue.put((cue, self.speak))
            with self._changed:
                self._changed.notify()

    @property
    def ahead(self) -> bool:
        return not self.failed  # the bell has no schedule

    def schedule(self, cues: list[Scheduled]) -> None:
        if self.failed:
            cues = []
        now = time.monotonic()
        with self._changed:
            # Cues already due stay: the worker is about to play them, and the UI, which
            # sees them due too, counts on it.
            due = [item for item in self._timetable if item[0] <= now]
            ahead = [(at, cue, key, self.speak) for at, cue, key in cues]
            self._timetable = sorted(due + ahead, key=lambda item: item[0])
            self._changed.notify()

    def _claimed(self, key: CueKey) -> bool:
        if self.failed:  # no device after all: the fallback rings for every cue
            return False
        with self._changed:
            return key in self._taken or any(item[2] == key for item in self._timetable)

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
        with self._changed:
            self._timetable = []
            self._changed.notify()
        self._worker.join(timeout=1)
        self._stop_current()

    def _run(self) -> None:
        if not self._open_device():
            return
        for sound in filter(None, SOUND_FOR.values()):  # read now, not at a cue's instant
            self._load(self.sounds_dir / f"{sound}.wav")
        while (items := self._next_cues()) is not None:
            try:
                buffer = b"".join(self._buffer(cue, speak) for cue, speak in items)
                if buffer:
                    self._stop_current()
                    self._start(buffer)
            finally:
                gc.enable()  # held off since the thread woke for this cue (see below)

    def _next_cues(self) -> list[tuple[Cue, bool]] | None:
        """Wait for the next cues to play: those handed on now, or scheduled ones whose
        instant has come. None when closing."""
        with self._changed:
            while True:
                items = self._handed_now()
                if self._closing and not items:
                    gc.enable()
                    return None
                items += self._due_now()
                if items or self._closing:
                    return items
                self._wait_for_next()

    def _handed_now(self) -> list[tuple[Cue, bool]]:
        items: list[tuple[Cue, bool]] = []
        while not self._queue.empty():
            item = self._queue.get()
            if item is None:  # closing: what came before still plays
                self._closing = True
                break
            items.append(item)
        return items

    def _due_now(self) -> list[tuple[Cue, bool]]:
        items: list[tuple[Cue, bool]] = []
        now = time.monotonic()
        while self._timetable and self._timetable[0][0] <= now:
            at, cue, key, speak = self._timetable.pop(0)
            self._taken.add(key)
            if now - at < STALE_SECONDS and not self.muted:  # muted since scheduled
                items.append((cue, speak))
        return items

    def _wait_for_next(self) -> None:
        """Sleep till just before the next scheduled cue (or till something changes), then
        stay awake: a thread put to sleep wakes milliseconds late, and a garbage collection
        (1-4 ms with the GIL held, in whichever thread allocates) must not start now; the
        cue's play turns it back on, as does the next sleep (a stale or muted cue's)."""
        wait = self._timetable[0][0] - time.monotonic() if self._timetable else None
        if wait is None or wait > WAKE_EARLY_SECONDS:
            gc.enable()
            self._changed.wait(None if wait is None else wait - WAKE_EARLY_SECONDS)
        else:
            gc.disable()
            _spin_until(self._timetable[0][0])

    def _open_device(self) -> bool:
        """Probe the device with 10 ms of silence, so a missing one is known at the start."""
        return self._start(bytes(RATE // 100 * WIDTH))

    def _start(self, buffer: bytes) -> bool:
        try:
            self._current = self.backend.play_buffer(buffer, CHANNELS, WIDTH, RATE)
        except Exception as error:  # simpleaudio raises its own error type for device trouble
            self.failed = True
            self.tell(f"No audio device ({error}); cues will ring the terminal bell.")
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


def _spin_until(instant: float) -> None:
    while time.monotonic() < instant:
        pass


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


def open_cues(
    sounds_dir: Path,
    voice: Voice | None,
    ring: Callable[[], None],
    report: Callable[[str], None],
    bell: str = "all",
    muted: bool = False,
) -> Cues:
    """The best player this machine has: sound if simpleaudio imports, else the bell.

    Args:
        sounds_dir: the cue WAVs.
        voice: spoken lines, or None for beeps only.
        ring: rings the bell and flashes the screen (called on the UI thread).
        report: says one line to the person; may be called from another thread.
        bell: which cues the bell rings for, with no sound (see BellCues).
        muted: start muted (a problem with the sound is said when it is turned on).
    """
    try:
        import simpleaudio
    except ImportError:
        cues = BellCues(ring, bell, report, muted)
        cues.tell("No audio: simpleaudio is not installed (pip install 'workout-tui[audio]').")
        return cues
    _quiet_alsa()
    return SoundCues(simpleaudio, sounds_dir, voice, BellCues(ring, bell), report, muted)
