"""The summary at a run's end: its totals and every step, planned beside done, for the whole
run (a resumed one too), as the history has it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from workout_tui.core.library import Routine
from workout_tui.core.log.describe import planned_text, result_text, step_label, totals_rows
from workout_tui.core.run import Run
from workout_tui.ui.bindings import bindings
from workout_tui.ui.text import Literal


class SummaryScreen(Screen[None]):
    """How the session went. Enter or escape goes back to the routine list."""

    BINDINGS = bindings("summary")

    def __init__(self, routine: Routine, run: Run, speed: float = 1.0) -> None:
        super().__init__()
        self.routine = routine
        self.plan, self.record = run.plan, run.record
        self.speed = speed
        self.records = run.records_beaten()
        self.lost = run.journal.lost  # another window has the run: this one saved none of it

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Literal(self._heading(), id="summary-title")
            yield Literal(self._totals(), id="summary-totals")
            if self.records:
                yield Literal("\n".join(self.records), id="summary-records")
            yield Literal(self._log(), id="summary-log")
        yield Footer()

    def _heading(self) -> str:
        status = "Done" if self.record.completed else "Stopped"
        preview = f" (preview ×{self.speed:g}, left out of the stats)" if self.speed != 1 else ""
        lost = f" (not saved: {self.lost})" if self.lost else ""
        return f"{status}: {self.plan.session.name}{preview}{lost}"

    def _totals(self) -> str:
        rows = totals_rows(self.record.totals())
        return "\n".join(f"{label:<12} {value}" for label, value in rows)

    def _log(self) -> str:
        lines = [f"{'What you did:':<42} {'Planned':<18} Done"]
        for entry in self.record.logged:
            if entry.is_work:
                label = step_label(entry)
                lines.append(f"  {label:<40} {planned_text(entry):<18} {result_text(entry)}")
        return "\n".join(lines) if len(lines) > 1 else "Nothing logged."

    def action_home(self) -> None:
        self.app.pop_screen()
