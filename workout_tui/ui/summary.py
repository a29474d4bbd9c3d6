"""The summary at a session's end: time, work, steps done and skipped, and what was logged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from workout_tui.core.durations import format_clock
from workout_tui.core.library import Routine
from workout_tui.core.plan import StepKind
from workout_tui.core.run import Run
from workout_tui.ui.bindings import bindings
from workout_tui.ui.text import Literal


class SummaryScreen(Screen[None]):
    """How the session went. Enter or escape goes back to the routine list."""

    BINDINGS = bindings("summary")

    def __init__(self, routine: Routine, run: Run, speed: float = 1.0) -> None:
        super().__init__()
        self.routine = routine
        self.plan, self.engine, self.record = run.plan, run.engine, run.record
        self.speed = speed

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Literal(self._heading(), id="summary-title")
            yield Literal(self._totals(), id="summary-totals")
            yield Literal(self._log(), id="summary-log")
        yield Footer()

    def _heading(self) -> str:
        status = "Done" if self.record.completed else "Stopped"
        preview = f" (preview ×{self.speed:g}, left out of the stats)" if self.speed != 1 else ""
        return f"{status}: {self.plan.session.name}{preview}"

    def _totals(self) -> str:
        work = [s for s in self.plan.steps if s.is_work]
        outcomes = {o.step_index: o for o in self.record.outcomes}
        done = sum(1 for s in work if s.index in outcomes and not outcomes[s.index].skipped)
        skipped = sum(1 for s in work if s.index in outcomes and outcomes[s.index].skipped)
        rows = [
            ("Total time", format_clock(self.engine.session_elapsed(), round_up=False)),
            ("Work time", format_clock(self.record.work_seconds, round_up=False)),
            ("Sets done", f"{done} of {len(work)}"),
            ("Skipped", str(skipped)),
        ]
        return "\n".join(f"{label:<12} {value}" for label, value in rows)

    def _log(self) -> str:
        lines = ["What you did:"]
        for outcome in self.record.outcomes:
            step = self.plan.steps[outcome.step_index]
            if not step.is_work:
                continue
            if outcome.skipped:
                result = "skipped"
            elif step.kind is StepKind.WORK_REPS:
                load = f" @ {outcome.load}" if outcome.load else ""
                result = f"{outcome.reps} reps{load}"
            else:
                result = format_clock(outcome.active_seconds, round_up=False)
            lines.append(f"  {step.label():<56} {result}")
        return "\n".join(lines) if len(lines) > 1 else "Nothing logged."

    def action_home(self) -> None:
        self.app.pop_screen()
