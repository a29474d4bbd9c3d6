"""The app: turns the screens' messages into the next screen, and holds the settings,
the cues and the history for them."""

from __future__ import annotations

import asyncio
import signal
import time
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import SeverityLevel

from workout_tui.core.library import Routine
from workout_tui.core.printable import printable
from workout_tui.ui.home import HomeScreen
from workout_tui.ui.messages import BreakTaken, HistoryRequested, RoutineChosen, RunEnded
from workout_tui.ui.settings import BreakSetup, Settings, apply_config, problems_notice

# The home screen is all a launch has to draw, so everything else is imported when first
# needed: that keeps start-up close to a bare Textual app's (the README's Performance table).
if TYPE_CHECKING:
    from workout_tui.audio import Cues
    from workout_tui.core.log.checkin_log import CheckInLog
    from workout_tui.core.log.store import HistoryStore
    from workout_tui.core.run import Run


class WorkoutApp(App[None]):
    """workout-tui: pick a routine, follow it, see how it went."""

    CSS_PATH = "app.tcss"
    TITLE = "workout-tui"
    # -short: app.tcss packs the player; -taller: the list has room for a figure.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall"), (32, "-taller")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # -narrow: no figure

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings, self.workspace = settings, settings.workspace
        self.history: HistoryStore | None = None  # see open_history()
        self._cues: Cues | None = settings.cues
        self._checkins: CheckInLog | None = None  # opened when first asked
        self.exit_notices: list[str] = []  # said on the terminal once the app has closed
        self.keymap: dict[str, str] = {}  # the config's remapping, as applied

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen(self.workspace, self.open_history)

    def on_mount(self) -> None:
        breaks = self.settings.breaks
        problems = [*self.workspace.problems, *([breaks.problem] if breaks else [])]
        self.keymap, said = apply_config(self, self.settings.config)
        problems = [p for p in problems if p] + said
        if notice := problems_notice(problems):  # one: stacked ones run off the top
            self.notify(notice, severity="warning", timeout=10 + 2 * notice.count("\n"))
        # A closed terminal (SIGHUP) or a kill (SIGTERM) stops the run cleanly, kept as stopped.
        # Interrupt (SIGINT) too: in the terminal ctrl+c is a key, so it comes only from kill.
        # Not when headless (tests): the process is the test runner's.
        for signum in () if self.is_headless else (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(signum, self.stop_and_exit)
        self.call_after_refresh(self.open_history)  # after the first frame: it reads the disk
        if self.settings.show_history:
            self.show_history()
        if self.settings.breaks is not None:
            self.show_breaks(self.settings.breaks)
        if self.settings.start is not None:
            self.start(self.settings.start)

    def open_history(self) -> HistoryStore | None:
        """The history, opened once: a crashed run marked interrupted, a damaged file told."""
        self.history = self.workspace.open_history(self._warn)
        return self.history

    def _warn(self, notice: str) -> None:
        self.notify(notice, severity="warning", timeout=10)

    def open_cues(self) -> Cues:
        """The cue output, opened on first use (it starts a thread and opens the device)."""
        if self._cues is None:
            from workout_tui.ui.sound import open_app_cues

            self._cues = open_app_cues(self, self.settings)
        return self._cues

    # -- what the screens ask for ----------------------------------------------------------

    def on_routine_chosen(self, message: RoutineChosen) -> None:
        self.start(message.routine)

    def on_history_requested(self, message: HistoryRequested) -> None:
        self.show_history()

    def start(self, routine: Routine) -> None:
        """Open the player, offering to resume the routine's interrupted run if it has one."""
        run = self._prepare(routine)
        if run.interrupted is None:
            self._play(run, resume=False)
            return
        from workout_tui.ui.dialogs import ResumeRun

        def answer(resume: bool | None) -> None:
            if resume is not None:
                self._play(run, resume)

        self.push_screen(ResumeRun.of(run.plan, *run.interrupted), answer)

    def _prepare(self, routine: Routine) -> Run:
        """The routine's run, made ready by the workspace; what it says is told now."""
        settings = self.settings
        history = self.open_history()
        run = self.workspace.prepare_run(routine, history, settings.clock, settings.speed)
        for notice in run.notices:
            self.notify(notice, severity="warning", timeout=8)
        return run

    def _play(self, run: Run, resume: bool) -> None:
        from workout_tui.ui.keys import hint_keys
        from workout_tui.ui.player import PlayerScreen

        cues, ahead = self.open_cues(), self.settings.clock is time.monotonic
        keys = hint_keys(self.keymap)
        player = PlayerScreen(run, cues, self.workspace, resume=resume, keys=keys, ahead=ahead)
        self.push_screen(player)

    def on_run_ended(self, message: RunEnded) -> None:
        from workout_tui.ui.breaks import BreakScreen
        from workout_tui.ui.summary import SummaryScreen

        below = self.screen_stack[-2]
        if isinstance(below, BreakScreen):  # a break goes straight back to counting
            self.pop_screen()
            below.back_from_break(message.run)
            if message.run.record.completed:
                self._ask_checkin()
        else:
            self.switch_screen(SummaryScreen(message.routine, message.run, message.speed))
            if message.run.record.completed and message.speed == 1:
                self._ask_checkin()

    def _ask_checkin(self) -> None:
        """Ask today's check-in, if the config asks it and it was not asked today."""
        from workout_tui.core.log.checkin_log import CheckInLog
        from workout_tui.ui.bindings import BindingId, ScreenName
        from workout_tui.ui.checkin import ask_checkin
        from workout_tui.ui.keys import first_keys

        store = self.open_history()
        if store is not None and self.settings.config.checkin.ask == "daily":
            self._checkins = self._checkins or CheckInLog(store)
            skip = first_keys(ScreenName.CHECKIN, self.keymap)[BindingId.SKIP_CHECKIN]
            ask_checkin(self, self._checkins, store.now().date(), skip)

    def show_breaks(self, setup: BreakSetup) -> None:
        """Open the break reminder; the break routines it starts run on top of it."""
        from workout_tui.ui.bindings import ScreenName
        from workout_tui.ui.breaks import BreakScreen
        from workout_tui.ui.keys import first_keys

        self.open_history()
        cues, keys = self.open_cues(), first_keys(ScreenName.BREAKS, self.keymap)
        self.push_screen(BreakScreen(setup, self.history, cues, self.settings, keys))

    def on_break_taken(self, message: BreakTaken) -> None:
        self._play(self._prepare(message.routine), resume=False)  # a break offers no resume

    def show_history(self) -> None:
        """Open the history screen (or say why not)."""
        from workout_tui.ui.history import HistoryScreen

        self.open_history()
        if self.history is None:
            self.notify("History is off, so there is nothing to show.", severity="warning")
            return
        self.push_screen(HistoryScreen(self.history, self.workspace))

    def action_help(self) -> None:
        """Show every key of the screen on top."""
        from workout_tui.ui.help import help_for

        self.push_screen(help_for(self.screen, self.keymap))

    async def action_quit(self) -> None:
        """Quit (ctrl+q anywhere); in the player it asks first, as its own stop key does."""
        from workout_tui.ui.player import PlayerScreen

        if isinstance(self.screen, PlayerScreen):
            self.screen.action_stop()
        else:
            self.exit()

    def stop_and_exit(self) -> None:
        """Stop any run in progress (kept as stopped) and quit, within 2 s whatever happens."""
        from workout_tui.ui.exits import end_process_soon

        self._stop_runs()
        self.exit()
        end_process_soon()

    def _stop_runs(self) -> None:
        """Stop every run on a screen, and wait for the history to take what is still to be
        written: what it would not is said at exit."""
        from workout_tui.core.log.journal import settle
        from workout_tui.ui.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.stop_run()
        self.exit_notices += settle()

    def _fatal_error(self) -> None:
        """A bug (Textual 8's hook for an unhandled exception): keep the run as stopped and
        leave a short report, not Textual's traceback with every local variable (which could
        hold a person's notes and loads)."""
        from workout_tui.ui.textual_private import leave_with_report

        self._stop_runs()
        leave_with_report(self)

    def on_unmount(self) -> None:
        self._stop_runs()  # the screens have gone (their runs stopped): what is left to write
        if self._cues is not None:
            self._cues.close()
        self.workspace.close()

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

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept for the next launch, in the config file."""
        if problem := self.workspace.keep_theme(theme):
            self.notify(f"The theme is not kept for next time: {problem}", severity="warning")
