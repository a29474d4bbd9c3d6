"""The break reminder, for a tab kept open all day: time sitting, to the next break, and the
day's breaks. When one is due: a cue, the bell, a desktop notice; Enter runs it, then recounts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits

from workout_tui.audio import Cues
from workout_tui.audio.desktop import notify_desktop
from workout_tui.core.breaks import (
    BreakPolicy,
    BreakState,
    BreakTimer,
    is_quiet,
    next_change,
    quiet_span,
    shown_left,
)
from workout_tui.core.cues import Cue, CueKind
from workout_tui.core.durations import format_span
from workout_tui.core.log.break_log import BreakLog
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.run import Run
from workout_tui.ui.bindings import BindingId, ScreenName, bindings
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.messages import BreakTaken
from workout_tui.ui.settings import BreakSetup, Settings
from workout_tui.ui.text import Literal

DUE_LINE = "Time for a break"  # spoken, and the desktop notice's title
STATE_CLASSES = {state: f"-{state.value}" for state in BreakState}


class BreakScreen(Screen[None]):
    """Counts sitting time on the wall clock and asks for a break every so often."""

    HELP_TITLE = "Breaks"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.BREAKS)

    def __init__(
        self,
        setup: BreakSetup,
        store: HistoryStore | None,
        cues: Cues,
        settings: Settings,
        keys: Mapping[str, str],
    ) -> None:
        """Args:
        settings: the launch's: its wall clock, and its config for the routine's lengths.
        keys: the first key of each binding by id, as mapped, for the hints to name.
        """
        super().__init__()
        self.setup, self.cues, self.keys = setup, cues, keys
        self.wall, self.config = settings.wall, settings.config
        self.journal = BreakLog(store)
        breaks = setup.breaks
        self.timer = BreakTimer(BreakPolicy(breaks.every, breaks.snooze), self.wall())
        self._day = self._today()
        self.timer.set_counts(*self._counts(self._day))
        self._last = ""  # how the last break went
        self._state: tuple[BreakState, bool] | None = None  # as last shown (state, quiet)
        self._told = False  # said that the history is not taking the breaks
        self._shown: dict[str, str] = {}  # each line as last drawn: the tick redraws changes
        self._waking: Timer | None = None  # the next tick

    def compose(self) -> ComposeResult:
        yield Literal(self._title(), id="break-title")
        with Vertical(id="break-body"):
            yield Literal(id="break-state")
            yield Digits(id="break-clock")
            yield Literal(id="break-prompt")
            yield Literal(id="break-today")
            yield Literal(id="break-routine")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.cues.prepare([DUE_LINE])
        self.tick()

    def _title(self) -> str:
        routine = self.setup.routine
        name = f" · {routine.title}" if routine else ""
        return f"Breaks · one every {format_span(self.setup.breaks.every)}{name}"

    # -- time ------------------------------------------------------------------------------

    def tick(self) -> None:
        """Count the time since the last look, show it, and look again when that changes."""
        now = self.wall()
        day = self._today(now)
        if day != self._day:  # past midnight: a new day's counts
            self._day = day
            self.timer.set_counts(*self._counts(day))
        quiet = self._quiet(now)
        if self.timer.update(now, quiet):
            self._ask()
        self._told_if_behind()  # the history is written on a thread of its own
        self._show(now, quiet)
        if self._waking is not None:
            self._waking.stop()
        self._waking = self.set_timer(next_change(self.timer, quiet), self.tick)

    def _quiet(self, now: float) -> bool:
        moment = datetime.fromtimestamp(now)
        return is_quiet(self.setup.breaks.quiet, moment.hour * 60 + moment.minute)

    def _today(self, now: float | None = None) -> date:
        return datetime.fromtimestamp(self.wall() if now is None else now).date()

    def _counts(self, day: date) -> tuple[int, int, int]:
        counts = self.journal.counts_on(day)
        return counts.get("taken", 0), counts.get("snoozed", 0), counts.get("skipped", 0)

    def _ask(self) -> None:
        """The break is due: the cue and the bell (unless muted), and a desktop notice."""
        self.cues.play(Cue(CueKind.BREAK_DUE, DUE_LINE))
        if not self.cues.muted:
            self.app.bell()
        routine = self.setup.routine
        notify_desktop(DUE_LINE, f"{routine.title} is next" if routine else "Stand up a while")

    # -- drawing ---------------------------------------------------------------------------

    def _show(self, now: float, quiet: bool | None = None) -> None:
        timer, quiet = self.timer, self._quiet(now) if quiet is None else quiet
        if (timer.state, quiet) != self._state:
            self._state = (timer.state, quiet)
            for state, name in STATE_CLASSES.items():
                self.set_class(state is timer.state, name)
            self.set_class(quiet, "-quiet")
            self.refresh_bindings()
        lines = {
            "#break-state": self._state_line(quiet),
            "#break-prompt": self._prompt(),
            "#break-today": self._today_line(),
            "#break-routine": self._routine_line(),
        }
        for selector, line in lines.items():
            if self._shown.get(selector) != line:
                self._shown[selector] = line
                self.query_one(selector, Literal).update(line)
        clock = str(shown_left(timer.left)[0])
        if self._shown.get("#break-clock") != clock:
            self._shown["#break-clock"] = clock
            self.query_one("#break-clock", Digits).update(clock)

    def _state_line(self, quiet: bool) -> str:
        timer = self.timer
        whole = 60 * (timer.sitting // 60)  # minutes: the line changes once a minute
        sat = format_span(whole) if whole else "under a minute"
        if timer.state is BreakState.PAUSED:
            return f"Paused after {sat} sitting: {self.keys[BindingId.RESUME_BREAKS]} counts again."
        if timer.state is BreakState.DUE:
            return f"{DUE_LINE}: you have sat for {sat}."
        if quiet:
            return f"Quiet hours ({quiet_span(self.setup.breaks.quiet)}): no breaks are asked for."
        return f"Sitting for {sat}. The next break in {shown_left(timer.left)[1]}:"

    def _prompt(self) -> str:
        if self.timer.state is not BreakState.DUE:
            return ""
        # The routine is named in the title: a name of any length keeps the keys on screen.
        take, snooze, skip = (
            self.keys[k] for k in (BindingId.TAKE_BREAK, BindingId.SNOOZE, BindingId.SKIP_BREAK)
        )
        every = format_span(self.setup.breaks.snooze)
        return f"{take} starts the break · {snooze} snoozes it {every} · {skip} skips it"

    def _today_line(self) -> str:
        timer = self.timer
        line = f"Today: {timer.taken} taken · {timer.snoozed} snoozed · {timer.skipped} skipped"
        return f"{line}\n{self._last}" if self._last else line

    def _routine_line(self) -> str:
        if self.setup.routine is None:
            return self.setup.problem or "No routine is set for breaks."
        line = f"Break routine: {self.setup.routine.title}"
        return f"{line}\nNot saved yet: {self.journal.error}" if self.journal.behind else line

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Snooze and skip when a break is due; pause or resume, whichever applies."""
        state = self.timer.state
        if action in ("snooze", "skip"):
            return state is BreakState.DUE
        if action in ("pause", "resume"):
            return (state is BreakState.PAUSED) == (action == "resume")
        return True

    def action_take(self) -> None:
        """Start the break's routine now, due or not."""
        routine = self.setup.routine
        loaded = routine.loaded(self.config) if routine else None
        if loaded is None or loaded.plan is None:
            problems = loaded.problems if loaded else ()
            shown = str(problems[0]) if problems else self.setup.problem
            self.notify(shown or "No routine is set for breaks.", severity="error", timeout=10)
            return
        self.timer.take()
        self.post_message(BreakTaken(loaded))

    def back_from_break(self, run: Run) -> None:
        """The break's routine ended (done or stopped): the break counts, and sitting starts
        anew."""
        now = self.wall()
        self.timer.back(now)
        self.journal.add("taken", run.journal.run_id)
        how = "done" if run.record.completed else "stopped"
        at = datetime.fromtimestamp(now)
        self._last = f"Last break: {run.plan.session.name}, {how} at {at:%H:%M}."
        self._show(now)

    def action_snooze(self) -> None:
        self._answer(self.timer.snooze, "snoozed")

    def action_skip(self) -> None:
        self._answer(self.timer.skip, "skipped")

    def _answer(self, answer: Callable[[float], None], action: str) -> None:
        if self.timer.state is BreakState.DUE:
            answer(self.wall())
            self.journal.add(action)
            self._show(self.wall())

    def action_pause(self) -> None:
        self.timer.pause(self.wall())
        self._show(self.wall())

    def action_resume(self) -> None:
        self.timer.resume(self.wall())
        self._show(self.wall())

    def _told_if_behind(self) -> None:
        if self.journal.behind and not self._told:
            why = self.journal.error
            self.notify(
                f"Cannot save breaks to the history now ({why}); they are kept and saved"
                " as soon as it can.",
                severity="error",
                timeout=10,
            )
        self._told = self.journal.behind
