"""The app: wires the screens, the audio and the settings together, and nothing more."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import SeverityLevel

from workout_tui import version
from workout_tui.core import locations
from workout_tui.core.config import Config
from workout_tui.core.library import Routine, file_hash
from workout_tui.core.printable import printable
from workout_tui.ui.home import HomeScreen

EXIT_GRACE_SECONDS = 1.5  # after a signal: a closed terminal must not keep the process

# The home screen is all a launch has to draw, so everything else is imported when first
# needed: that keeps start-up close to a bare Textual app's (the README's Performance table).
if TYPE_CHECKING:
    from workout_tui.audio import CuePlayer
    from workout_tui.core.engine import Clock
    from workout_tui.core.history import HistoryStore


class WorkoutApp(App[None]):
    """workout-tui: pick a routine, follow it, see how it went."""

    CSS_PATH = "app.tcss"
    TITLE = "workout-tui"

    def __init__(
        self,
        routines: Sequence[Routine],
        *,
        config: Config | None = None,
        notices: Sequence[str] = (),
        start: Routine | None = None,
        speed: float = 1.0,
        mute: bool = False,
        voice: bool = True,
        clock: Clock = time.monotonic,
        player: CuePlayer | None = None,
        history: HistoryStore | None = None,
        data_dir: Path | None = None,
        open_history: bool = False,
    ) -> None:
        """`history` is a store already open; or `data_dir` says where the app opens its own."""
        super().__init__()
        self._history = history
        self._history_dir = data_dir
        self._owns_history = data_dir is not None  # a store handed in is closed by its owner
        self.open_history = open_history
        self.routines = list(routines)
        self.config = config or Config()
        self.notices = list(notices)
        self.start_routine = start
        self.speed = speed
        self.clock = clock
        self.voice_on = voice and self.config.voice
        self._start_muted = mute or self.config.mute
        self._player = player
        self.exit_notices: list[str] = []  # said on the terminal once the app has closed
        self.keymap: dict[str, str] = {}  # the config's remapping, as applied

    @property
    def player(self) -> CuePlayer:
        """The cue player, opened on first use."""
        if self._player is None:
            from workout_tui.audio import open_player
            from workout_tui.audio.voice import Voice

            voice = Voice(locations.cache_dir() / "voice") if self.voice_on else None
            self._player = open_player(locations.sounds_dir(), voice, self.ring, self.say)
            self._player.muted = self._start_muted
        return self._player

    @property
    def history(self) -> HistoryStore | None:
        """The history (None when it is off), opened on first use."""
        if self._history_dir is not None:
            from workout_tui.core.history import open_history

            data_dir, self._history_dir = self._history_dir, None
            self._history, notices = open_history(data_dir)
            for notice in notices:
                self.notify(notice, severity="warning", timeout=10)
        return self._history

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen(self.routines)

    def on_mount(self) -> None:
        self._apply_settings()
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=10)
        # A closed terminal (SIGHUP) or a kill (SIGTERM) stops the run cleanly, kept as stopped.
        # Interrupt (SIGINT) too: in the terminal ctrl+c is a key, so it comes only from kill.
        # Not when headless (tests): the process is the test runner's.
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                loop.add_signal_handler(signum, self.stop_and_exit)
        # After the first frame: marks a crashed run interrupted and tells of a damaged file.
        self.call_after_refresh(lambda: self.history)
        if self.open_history:
            self.action_show_history()
        if self.start_routine is not None:
            self.start(self.start_routine)

    def start(self, routine: Routine) -> None:
        """Open the player on a routine, offering to resume its interrupted run if it has one."""
        from workout_tui.ui.dialogs import ResumeRun

        assert routine.plan is not None
        interrupted = self.history.interrupted_run(routine.slug) if self.history else None
        # Resume only into the same routine: an edited file may have other steps.
        if (
            interrupted is None
            or interrupted[1] >= len(routine.plan.steps)
            or interrupted[0].session_hash != file_hash(routine.path)
        ):
            self._play(routine, None)
            return
        run, step = interrupted
        when = run.started_at.strftime("%a %d %b %H:%M")
        label = routine.plan.steps[step].label()
        dialog = ResumeRun(routine.plan.session.name, when, label, step, len(routine.plan.steps))

        def answer(resume: bool | None) -> None:
            if resume is not None:
                self._play(routine, (run.id, step) if resume else None)

        self.push_screen(dialog, answer)

    def _play(self, routine: Routine, resume: tuple[int, int] | None) -> None:
        from workout_tui.ui.player import PlayerScreen

        self.push_screen(
            PlayerScreen(
                routine, self.config, self.speed, self.clock, self.player, self.history, resume
            )
        )

    def action_show_history(self) -> None:
        """Open the history screen."""
        from workout_tui.ui.history import HistoryScreen

        if self.history is None:
            self.notify("History is off, so there is nothing to show.", severity="warning")
            return
        self.push_screen(HistoryScreen(self.history))

    def stop_and_exit(self) -> None:
        """Stop any run in progress (kept as stopped) and quit, within 2 s whatever happens."""
        self._stop_runs()
        self.exit()
        # With the terminal gone, Textual's exit can block for good writing to it (its
        # writer queue fills and nothing drains it). The run is on disk by now, so a
        # watchdog ends the process if the exit has not within the time a person waits.
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()

    def _stop_runs(self) -> None:
        from workout_tui.ui.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.stop_run()

    def _fatal_error(self) -> None:
        """A bug (Textual 8's hook for an unhandled exception): keep the run as stopped and
        leave a short report, not Textual's traceback with every local variable (which could
        hold a person's notes and loads)."""
        import traceback

        from rich.text import Text

        self._stop_runs()
        error = self._exception or sys.exc_info()[1]
        report = "".join(traceback.format_exception(error)) if error else ""
        self._exit_renderables.append(
            Text(
                printable(
                    f"workout-tui {version()} stopped on a bug; the session so far is saved.\n"
                    f"A bug report can use this:\n\n{report}",
                    lines=True,
                )
            )
        )
        self._close_messages_no_wait()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice is literal: most carry a name, a path or an error's text."""
        super().notify(
            printable(message, lines=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def say(self, message: str) -> None:
        """Show a one-line notice; safe to call from any thread."""
        if threading.get_ident() == self._thread_id:
            self.notify(message, severity="warning", timeout=8)
        else:
            self.call_from_thread(self.say, message)

    def ring(self) -> None:
        """The sound fallback: ring the terminal bell and flash the screen."""
        self.bell()
        screen = self.screen
        screen.add_class("-flash")
        self.set_timer(0.2, lambda: screen.remove_class("-flash"))

    def _apply_settings(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            self.notify(
                f"Unknown theme {self.config.theme!r}; ctrl+p then 'theme' lists them.",
                severity="warning",
            )
        if self.config.keys:
            from workout_tui.ui import dialogs, history, summary
            from workout_tui.ui.keys import build_keymap
            from workout_tui.ui.player import PlayerScreen

            screens = (
                HomeScreen, PlayerScreen, history.HistoryScreen, history.RunDetailScreen,
                summary.SummaryScreen, dialogs.Confirm, dialogs.ResumeRun, dialogs.LogSet,
            )  # fmt: skip
            keymap, problems = build_keymap(self.config.keys, screens)  # type: ignore[arg-type]
            for problem in problems:
                self.notify(problem, severity="warning", timeout=10)
            self.keymap = keymap
            self.set_keymap(keymap)

    def on_unmount(self) -> None:
        if self._player is not None:
            self._player.close()
        if self._owns_history and self._history is not None:
            self._history.close()
