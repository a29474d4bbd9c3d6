"""The summary at a run's end: its totals and every step, planned beside done, for the whole
run (a resumed one too), as the history has it."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen

from workout_tui.core.library import Routine
from workout_tui.core.log.describe import planned_text, result_text, step_label, totals_rows
from workout_tui.core.run import Run
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.text import Literal, literal


class SummaryScreen(Screen[None]):
    """How the session went. Enter or escape goes back to the routine list."""

    HELP_TITLE = "Summary"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.SUMMARY)

    def __init__(self, routine: Routine, run: Run, speed: float = 1.0) -> None:
        super().__init__()
        self.routine = routine
        self.plan, self.record = run.plan, run.record
        self.speed = speed
        self.records = run.records_beaten()
        if days := run.back_after():
            self.records.insert(0, f"Back after {days} days: that is the part that counts.")
        self.lost = run.journal.lost  # another window has the run: this one saved none of it

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Literal(self._heading(), id="summary-title")
            yield Literal(self._totals(), id="summary-totals")
            if self.records:
                yield Literal("\n".join(self.records), id="summary-records")
            yield Literal(self._log(), id="summary-log")
        yield KeyFooter()

    def _heading(self) -> str:
        status = "Done" if self.record.completed else "Stopped"
        preview = f" (preview ×{self.speed:g}, left out of the stats)" if self.speed != 1 else ""
        lost = f" (not saved: {self.lost})" if self.lost else ""
        return f"{status}: {self.plan.session.name}{preview}{lost}"

    def _totals(self) -> str:
        rows = totals_rows(self.record.totals())
        return "\n".join(f"{label:<12} {value}" for label, value in rows)

    def _log(self) -> Table | str:
        """Every work step, planned beside done: a step's name wraps in its column where
        the width is short, so the columns stay in line and a load never wraps."""
        work = [entry for entry in self.record.logged if entry.is_work]
        if not work:
            return "Nothing logged."
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
        table.add_column("What you did:")
        for heading in ("Planned", "Done"):
            table.add_column(heading, no_wrap=True)
        for entry in work:
            cells = (step_label(entry), planned_text(entry), result_text(entry))
            table.add_row(*(literal(cell) for cell in cells))
        return table

    def action_home(self) -> None:
        self.app.pop_screen()
