"""The player: wires one run (engine, record, journal) to its widgets and to the cues."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen

from workout_tui.audio import Cues
from workout_tui.core.cues import spoken_lines
from workout_tui.core.engine import CueDue, EngineState, Event
from workout_tui.core.moment import (
    TONES,
    Keys,
    Moment,
    clock_text,
    figure_of,
    moment_of,
    next_change,
    progress_of,
)
from workout_tui.core.run import Run
from workout_tui.core.workspace import Workspace
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.cue_hand import CueHand
from workout_tui.ui.dialogs import Confirm, LogSet
from workout_tui.ui.figure_view import FigureView
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.messages import RunEnded
from workout_tui.ui.picture_view import PictureView
from workout_tui.ui.save_notices import SaveNotices
from workout_tui.ui.widgets import BigClock, PhaseBar, StepPanel, TopBar, UpNext

LEAD_IN_SECONDS = 3  # the 3-2-1 after a pause, before the clock runs again


class PlayerScreen(Screen[None]):
    """Runs one routine. The engine keeps time; this screen shows it and hands cues on."""

    HELP_TITLE = "During a routine"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.PLAYER)

    def __init__(
        self,
        run: Run,
        cues: Cues,
        workspace: Workspace,
        *,
        resume: bool = False,
        keys: Keys,
        ahead: bool = False,
    ) -> None:
        """Args:
        run: a run of a routine, made ready (`Workspace.prepare_run`).
        workspace: where the figure's shown or hidden is kept.
        resume: carry on the run's interrupted one, rather than start anew.
        ahead: hand cues to the sound before they are due (the clock is the real one).
        """
        super().__init__()
        assert run.routine is not None
        # The speed of this launch: a run resumed records the speed it started at.
        self.routine, self.run, self.cues, self.speed = run.routine, run, cues, run.speed
        self.engine, self.plan, self.resume = run.engine, run.plan, resume
        self.keys, self.workspace = keys, workspace  # keys named in hints: "space to resume"
        self._wake: asyncio.TimerHandle | None = None
        self._space = ""
        self._saving = SaveNotices(self, run.journal)
        self._hand = CueHand(self.engine, cues, self.speed, ahead)
        # Running (not paused, not in a lead-in) when last drawn: till an event or a key, a
        # tick moves only the clocks (see `moment_of`).
        self._steady = False

    def compose(self) -> ComposeResult:
        self._topbar, self._phase = TopBar(id="topbar"), PhaseBar(id="phase")
        self._step, self._aside = StepPanel(), UpNext()
        self._figure, self._picture = FigureView(id="figure"), PictureView(id="picture")
        for view in (self._figure, self._picture):
            view.set_class(not self.workspace.config.figures, "-off")
        self._clock = BigClock(id="clock")
        # Each frame Textual redraws every child of the containers around what changed: so
        # what changes once a step is in one container, the clock and the figure in another.
        with Vertical(id="upper"):
            yield from (self._topbar, self._phase)
            with Horizontal(id="stage"):
                yield from (self._step, self._aside)
        with Horizontal(id="lower"):
            yield from (self._clock, self._figure, self._picture)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.cues.speak = self.plan.session.defaults.voice
        if self.cues.speak:
            self.cues.prepare(spoken_lines(self.plan))
        self._handle(self.run.begin(self.resume, lead_in=LEAD_IN_SECONDS))

    def on_unmount(self) -> None:
        self.stop_run()  # what is still to be written is written by the end of the app

    def stop_run(self) -> None:
        """End the run now as stopped (the app is closing, or a signal came)."""
        self._cancel_wake()
        self._hand.stop()
        self.run.stop()

    # -- time ------------------------------------------------------------------------------

    def sync(self) -> None:
        """Catch up with the clock: play due cues, move on, redraw, and sleep till next time."""
        if not self.engine.running:
            return
        events = self.engine.poll()
        if events or not self._steady:
            self._handle(events)
        else:  # a tick and nothing else: only the clocks and the figure's pose moved
            self._saving.tell()  # the history's writer may have failed, or caught up
            self._clock.show(clock_text(self.engine), progress_of(self.engine))
            self._figure.show(figure_of(self.engine))
            self._sleep()

    def _handle(self, events: list[Event]) -> None:
        self._hand.play([e for e in events if isinstance(e, CueDue)])  # first: before any disk
        ended = self.run.take(events)
        self._saving.tell()
        if ended:
            self.stop_run()
            self.post_message(RunEnded(self.routine, self.run, self.speed))
            return
        self._show()
        self._hand.hand_ahead()
        self._sleep()

    def _sleep(self) -> None:
        """Wake at the next change (the screen's, a cue's, a step's end)."""
        self._cancel_wake()
        delay = next_change(self.engine, self.speed)
        if delay is not None:
            delay += self._hand.wake_after
            # The event loop's own timer: Textual's set_timer counts from when its task first
            # runs, which right after mount is tens of milliseconds late.
            self._wake = asyncio.get_running_loop().call_later(delay, self.call_next, self.sync)

    def _cancel_wake(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    # -- drawing ---------------------------------------------------------------------------

    def _show(self) -> None:
        extra = [f"PREVIEW ×{self.speed:g}"] if self.speed != 1 else []
        extra += ["muted"] if self.cues.muted else []
        moment = moment_of(self.engine, self.run.record, self.keys, self.run.last_time, extra)
        self._steady = self.engine.state is EngineState.RUNNING
        if moment.space != self._space:
            self._space = moment.space
            self.refresh_bindings()
        self._paint(moment)

    def _paint(self, moment: Moment) -> None:
        # One batch: each change of a class restyles the whole screen.
        tones = {f"-{tone}": tone == moment.phase.tone for _, tone in TONES.values()}
        self.update_classes({"-paused": moment.phase.paused, **tones})
        self._topbar.show(moment.topbar)
        self._phase.show(moment.phase)
        self._step.show_step(moment.step)
        self._step.show_hint(moment.clock.hint)
        self._aside.show(moment.aside)
        self._clock.show(moment.clock.clock, moment.progress)
        self._figure.show(moment.figure)
        self._picture.show(self.routine.path.parent, moment.figure.image)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer what space can mean now: done in a rep set (before pause, which a rep set
        also has, on any key of its own), resume while paused, pause while running."""
        if action == "done":
            return self._space == "done"
        if action in ("pause", "resume"):
            return (self._space == "resume") == (action == "resume")
        return True

    def action_pause(self) -> None:
        self._handle(self.engine.pause())

    def action_resume(self) -> None:
        self._handle(self.engine.resume(lead_in=LEAD_IN_SECONDS))

    def action_done(self) -> None:
        self._handle(self.engine.done())

    def action_skip(self) -> None:
        self._handle(self.engine.skip())

    def action_back(self) -> None:
        self._handle(self.engine.back())

    def action_extend(self, seconds: int) -> None:
        self._handle(self.engine.extend(seconds))

    def action_mute(self) -> None:
        self.cues.muted = not self.cues.muted
        self.notify("Sound off" if self.cues.muted else "Sound on", timeout=2)
        self._handle([])

    def action_figure(self) -> None:
        shown = self._figure.toggle()
        self._picture.set_off(not shown)
        if problem := self.workspace.keep_figures(shown):
            self.notify(f"Not kept for next time: {problem}", severity="warning")

    def action_edit_log(self) -> None:
        entry = self.run.record.last_logged_set()
        if entry is None:
            self.notify(f"No rep set logged yet: {self.keys.done} ends a rep set and logs it.")
            return

        def save(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.run.relog(entry, *result)
                self._saving.tell()

        title = self.plan.steps[entry.step_index].label()
        self._ask(LogSet(title, entry), save)

    def action_stop(self) -> None:
        def answer(stop: bool | None) -> None:
            if stop:
                self._handle(self.engine.stop())

        lines = ["What you have done so far is kept."]
        self._ask(Confirm("Stop this session?", lines, "Stop", "Keep going"), answer)

    def _ask(self, dialog: ModalScreen[Any], then: Callable[[Any], None]) -> None:
        """Open a dialog with the clock paused, and after the answer run on with a 3-2-1."""
        was_running = self.engine.state is EngineState.RUNNING
        if was_running:
            self._handle(self.engine.pause())

        def answered(result: Any) -> None:
            then(result)
            if self.engine.running:  # not stopped: show what changed, run on if it ran
                self._handle(self.engine.resume(lead_in=LEAD_IN_SECONDS) if was_running else [])

        self.app.push_screen(dialog, answered)
