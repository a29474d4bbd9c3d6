"""The player: the guided session, step by step, with timers, sides, notes and cues."""

from __future__ import annotations

import asyncio
import sqlite3

from rich.progress_bar import ProgressBar as RichBar
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Footer

from workout_tui.audio import CuePlayer
from workout_tui.core.config import Config
from workout_tui.core.cues import spoken_lines
from workout_tui.core.durations import format_clock
from workout_tui.core.engine import (
    Clock,
    CueDue,
    Engine,
    EngineState,
    Event,
    SessionEnded,
    speed_clock,
)
from workout_tui.core.history import HistoryStore
from workout_tui.core.journal import RunJournal
from workout_tui.core.library import Routine, file_hash
from workout_tui.core.plan import Plan, PlanError, Step, StepKind, compile_plan
from workout_tui.core.record import SessionRecord
from workout_tui.ui.dialogs import Confirm, LogSet
from workout_tui.ui.keys import first_key
from workout_tui.ui.step_text import clock_text, describe_sets, step_detail, step_hint
from workout_tui.ui.text import Literal

LEAD_IN_SECONDS = 3  # the 3-2-1 after a pause, before the clock runs again
PREVIEW_FRAME_SECONDS = 0.1  # in a preview, the clocks are redrawn at most ten times a second
STALE_CUE_SECONDS = 1.0  # a cue this late (the machine slept) is shown, not played
TEXTS = (
    "topbar",
    "phase",
    "exercise",
    "side",
    "detail",
    "hint",
    "next",
    "notes",
    "logged",
    "times",
)
PHASES = {
    StepKind.PREPARE: ("GET READY", "-prepare"),
    StepKind.SWITCH: ("SWITCH SIDES", "-prepare"),
    StepKind.REST: ("REST", "-rest"),
    StepKind.WORK_TIMED: ("WORK", "-work"),
    StepKind.WORK_REPS: ("WORK", "-work"),
}


class PlayerScreen(Screen[None]):
    """Runs one routine. The engine keeps time; this screen shows it and hands cues on."""

    BINDINGS = [
        # One key, three meanings: the footer shows the one that applies (see check_action).
        Binding("space", "pause", "Pause", id="pause", tooltip="Pause the clock"),
        Binding("space", "resume", "Resume", id="resume", tooltip="Resume after a 3-2-1"),
        Binding("space", "done", "Done", id="done", tooltip="End the rep set and log it"),
        Binding("n,right", "skip", "Skip", id="skip", tooltip="Skip to the next step"),
        Binding("p,left", "back", "Back", id="back", tooltip="Go back to the previous step"),
        Binding("plus,equals_sign", "extend(15)", "+15s", id="add-time", tooltip="Add 15 seconds"),
        Binding("minus", "extend(-15)", "-15s", id="take-time", tooltip="Take 15 seconds off"),
        Binding("e", "edit_log", "Log", id="edit-log", tooltip="Change the reps and load logged"),
        Binding("m", "mute", "Mute", id="mute", tooltip="Sound on or off"),
        Binding("q,escape", "stop", "Stop", id="stop", tooltip="Stop the session (asks first)"),
    ]

    def __init__(
        self,
        routine: Routine,
        config: Config,
        speed: float,
        clock: Clock,
        player: CuePlayer,
        history: HistoryStore | None = None,
        resume: tuple[int, int] | None = None,
    ) -> None:
        """Args:
        resume: (run id, step index) to carry on an interrupted run, or None for a new run.
        """
        super().__init__()
        assert routine.plan is not None
        self.routine = routine
        self.plan, self._plan_notice = _with_settings(routine.plan, config)
        self.speed = speed
        self.engine = Engine(self.plan, speed_clock(clock, speed) if speed != 1 else clock)
        self.record = SessionRecord(self.plan)
        self.player = player
        self.journal = RunJournal(history)  # writes this run; its store is read for "last:"
        self._journal_behind = False
        self.resume = resume
        self._last_time: dict[str, str] = {}
        self._wake: asyncio.TimerHandle | None = None
        self._shown_space_action = ""
        self._shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        # Widgets are kept, not queried, on every tick.
        self._texts = {name: Literal(id=name) for name in TEXTS}
        self._clock = Digits(id="clock")
        # Rich's bar in a Static: Textual's ProgressBar redraws itself every second.
        self._progress = Literal(id="progress")
        text = self._texts
        yield text["topbar"]
        yield text["phase"]
        with Horizontal(id="stage"):
            with Vertical(id="now"):
                yield from (text["exercise"], text["side"], text["detail"], self._clock)
                yield text["hint"]
            with VerticalScroll(id="aside"):
                yield from (text["next"], text["notes"], text["logged"])
        with Horizontal(id="progress-row"):
            yield self._progress
            yield text["times"]
        yield Footer()

    def on_mount(self) -> None:
        if self._plan_notice:
            self.notify(self._plan_notice, severity="warning", timeout=8)
        self.player.speak = self.plan.session.defaults.voice
        if self.player.speak:
            self.player.prepare(spoken_lines(self.plan))
        first_step = 0
        if self.resume is not None:
            run_id, first_step = self.resume
            self.journal.resume(run_id)
        else:
            self.journal.start(
                self.plan, self.routine.slug, file_hash(self.routine.path), self.speed
            )
        self._tell_history()
        self._handle(self.engine.start(first_step))

    def on_unmount(self) -> None:
        self._cancel_wake()
        self.stop_run()
        if not self.journal.flush():
            self.app.exit_notices.append(  # type: ignore[attr-defined]
                f"This session could not be saved to the history ({self.journal.error})."
            )

    def stop_run(self) -> None:
        """End the run now as stopped (the app is closing, or a signal came)."""
        if self.engine.running:
            self.record.add(self.engine.stop())
            self.journal.finish("stopped")

    # -- time ------------------------------------------------------------------------------

    def sync(self) -> None:
        """Catch up with the clock: play due cues, move on, redraw, and sleep till next time."""
        self._handle(self.engine.poll())

    def _handle(self, events: list[Event]) -> None:
        now = self.engine.clock()
        for event in events:  # cues first: nothing on disk may delay them
            late = (now - event.at) / self.speed if isinstance(event, CueDue) else 0.0
            if isinstance(event, CueDue) and late < STALE_CUE_SECONDS:
                self.player.play(event.cue, late)
        for outcome in self.record.add(events):
            step = self.plan.steps[outcome.step_index]
            self.journal.step(step, outcome)
        ended = [e for e in events if isinstance(e, SessionEnded)]
        if ended:
            self.journal.finish("completed" if ended[0].completed else "stopped")
        self._tell_history()
        if ended:
            self._finish()
            return
        self._show()
        self._schedule()

    def _tell_history(self) -> None:
        """Say once when the history stops taking this run, and again when it catches up."""
        behind = self.journal.behind
        if behind and not self._journal_behind:
            self.notify(
                f"Cannot save to the history now ({self.journal.error}). This session is kept "
                "and saved as soon as it can be; it goes on.",
                severity="error",
                timeout=10,
            )
        elif self._journal_behind and not behind:
            self.notify("The history is saved again; nothing was lost.", timeout=5)
        self._journal_behind = behind

    def _schedule(self) -> None:
        """Wake for the next cue or step end, or when the shown clock next changes."""
        self._cancel_wake()
        engine = self.engine
        if not engine.running:
            return
        exact: list[float] = []  # cues and the ends of steps and lead-ins: to the ms
        shown: list[float] = []  # when a clock on screen changes
        due = engine.next_due()
        if due is not None:
            exact.append(due - engine.clock())
        if engine.state is EngineState.RUNNING:  # paused, the screen does not change
            remaining = engine.remaining()
            if remaining is not None:
                exact.append(remaining)
                shown.append(_until_change(remaining, counting_down=True))
            else:
                shown.append(_until_change(engine.step_elapsed(), counting_down=False))
            shown.append(_until_change(engine.session_elapsed(), counting_down=False))
        elif (lead_in := engine.resume_in()) is not None:
            exact.append(lead_in)
            shown.append(_until_change(lead_in, counting_down=True))
        # A preview's clocks change many times a second: no need to draw more than ~10.
        frame = PREVIEW_FRAME_SECONDS if self.speed > 1 else 0.0
        delays = [w / self.speed for w in exact] + [max(frame, w / self.speed) for w in shown]
        if not delays:
            return
        delay = max(0.001, min(delays))
        # The event loop's own timer: Textual's set_timer counts from when its task first
        # runs, which right after mount is tens of milliseconds late.
        self._wake = asyncio.get_running_loop().call_later(delay, self.call_next, self.sync)

    def _cancel_wake(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    def _finish(self) -> None:
        from workout_tui.ui.summary import SummaryScreen

        self._cancel_wake()
        self.app.switch_screen(SummaryScreen(self.routine, self.plan, self.engine, self.record))

    # -- drawing ---------------------------------------------------------------------------

    def _show(self) -> None:
        engine, step = self.engine, self.engine.step
        if self._space_action() != self._shown_space_action:
            self._shown_space_action = self._space_action()
            self.refresh_bindings()
        paused = engine.state is EngineState.PAUSED
        phase, phase_class = PHASES[step.kind]
        self.set_class(paused, "-paused")
        for name in ("-prepare", "-rest", "-work"):
            self.set_class(name == phase_class, name)
        lead_in = engine.resume_in()
        if paused:
            phase = (
                "GET SET" if lead_in is not None else f"PAUSED · {self._key('resume')} to resume"
            )
        self._set("phase", phase)
        upcoming = self.plan.next_work(step)
        shown = step if step.is_work else upcoming
        self._set("exercise", step.title)
        side = step.side or (upcoming.side if step.kind is StepKind.SWITCH and upcoming else None)
        self._texts["side"].display = side is not None
        self._set("side", "◀  LEFT SIDE" if side == "left" else "RIGHT SIDE  ▶")
        self._set("detail", " · ".join(filter(None, (step_detail(step), self._last(step)))))
        self._set("clock", clock_text(engine))
        self._set("hint", step_hint(engine, step, self._key("done")))
        lead = "Then" if step.is_work else "Next up"
        self._set("next", f"{lead}: {upcoming.label()}" if upcoming else "")
        notes = shown.exercise.notes if shown and shown.exercise else ""
        self._set("notes", notes)
        self._set("logged", self._logged_text())
        self._set("topbar", self._topbar())
        total = max(1, self.plan.estimated_seconds)
        done = min(total, int(total - engine.session_remaining()))
        if self._shown.get("progress") != str(done):
            self._shown["progress"] = str(done)
            self._progress.update(
                RichBar(total=total, completed=done, complete_style="blue", finished_style="green")
            )
        self._set(
            "times",
            f"{format_clock(engine.session_elapsed(), round_up=False)} done · "
            f"{format_clock(engine.session_remaining())} left",
        )

    def _key(self, binding_id: str) -> str:
        """The key bound to `binding_id` (space unless the config says otherwise)."""
        return first_key(getattr(self.app, "keymap", {}), binding_id, "space")

    def _last(self, step: Step) -> str:
        """What the person logged for this exercise last time: `last: 3 × 10 @ 12 kg`."""
        store = self.journal.store
        if store is None or step.exercise is None:
            return ""
        name = step.exercise.name
        if name not in self._last_time:
            try:
                sets = store.last_sets(name, before_run=self.journal.run_id)
            except sqlite3.Error:
                sets = []
            self._last_time[name] = f"last: {describe_sets(sets)}" if sets else ""
        return self._last_time[name]

    def _set(self, name: str, text: str) -> None:
        """Show `text` in a widget, touching it only when it changed (each touch redraws)."""
        if self._shown.get(name) != text:
            self._shown[name] = text
            widget = self._clock if name == "clock" else self._texts[name]
            widget.update(text)

    def _topbar(self) -> str:
        parts = [self.plan.session.name, f"step {self.engine.index + 1}/{len(self.plan.steps)}"]
        if self.speed != 1:
            parts.append(f"PREVIEW ×{self.speed:g}")
        if self.player.muted:
            parts.append("muted")
        return " · ".join(parts)

    def _logged_text(self) -> str:
        last = self.record.last_logged_set()
        if last is None or self.engine.step.is_work:
            return ""
        step = self.plan.steps[last.step_index]
        load = f" @ {last.load}" if last.load else ""
        return f"Logged {step.title}: {last.reps} reps{load} · e to change"

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the one meaning of space that fits now; hide the others."""
        if action in ("pause", "resume", "done"):
            return action == self._space_action()
        return True

    def _space_action(self) -> str:
        engine = self.engine
        if engine.state is EngineState.PAUSED and engine.resume_in() is None:
            return "resume"
        if engine.state is EngineState.RUNNING and engine.step.kind is StepKind.WORK_REPS:
            return "done"
        return "pause"

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
        self.player.muted = not self.player.muted
        self.notify("Sound off" if self.player.muted else "Sound on", timeout=2)
        self._show()

    def action_edit_log(self) -> None:
        outcome = self.record.last_logged_set()
        if outcome is None:
            self.notify("No rep set logged yet.", timeout=3)
            return

        def save(result: tuple[int, str] | None) -> None:
            if result is not None and outcome is not None:
                updated = self.record.relog(outcome, *result)
                self.journal.relog(updated.step_index, updated.reps or 0, updated.load)
                self._tell_history()
                self._show()

        title = self.plan.steps[outcome.step_index].label()
        self.app.push_screen(LogSet(title, outcome), save)

    def action_stop(self) -> None:
        def answer(stop: bool | None) -> None:
            if stop:
                self._handle(self.engine.stop())

        question = Confirm(
            "Stop this session?", ["What you have done so far is kept."], "Stop", "Keep going"
        )
        self.app.push_screen(question, answer)


def _with_settings(plan: Plan, config: Config) -> tuple[Plan, str]:
    """The plan with the config's prepare and rest applied (compiled again only if they
    change it), and a notice if they make it too big to run."""
    session = config.apply(plan.session)
    if session is plan.session:
        return plan, ""
    try:
        return compile_plan(session), ""
    except PlanError as error:
        return plan, f"The config's prepare/rest do not fit this routine ({error}); not applied."


def _until_change(value: float, counting_down: bool) -> float:
    """Seconds until a clock showing `value` in whole seconds next changes.

    A change under 2 ms away is the tick just handled, seen through float rounding (the
    step clock and the session clock tick together): count to the one after it.
    """
    wait = value % 1.0 if counting_down else 1.0 - value % 1.0
    return wait if wait > 0.002 else wait + 1.0
