"""One run, step by step: planned against done, skipped steps, the reps and load logged."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable

from workout_tui.core.durations import format_clock
from workout_tui.core.log.describe import planned_text, result_text, step_label, totals_line
from workout_tui.core.log.entries import RunSummary, StepRecord, count_outcomes
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Outcome
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.text import Literal, cells


class RunDetailScreen(Screen[None]):
    """Every step of one run: planned against actual, skipped steps, reps and load logged."""

    HELP_TITLE = "A run, step by step"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.RUN_DETAIL)

    def __init__(self, store: HistoryStore, run: RunSummary) -> None:
        super().__init__()
        self.store = store
        self.run = run

    def compose(self) -> ComposeResult:
        run = self.run
        yield Literal(
            f"{run.session_name} · {run.started_at.strftime('%a %d %b %Y %H:%M')}",
            id="detail-title",
        )
        yield Literal(id="detail-facts")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def _facts(self, steps: list[StepRecord]) -> str:
        run = self.run
        totals = count_outcomes(steps, run.active_seconds, run.work_seconds, run.planned_work_steps)
        parts = [run.status, totals_line(totals)]
        if run.is_preview:
            parts.append(f"preview at ×{run.speed:g}")
        return " · ".join(parts)

    def on_mount(self) -> None:
        steps = self.store.steps(self.run.id)
        self.query_one("#detail-facts", Literal).update(self._facts(steps))
        table = self.query_one("#steps", DataTable)
        for column in ("#", "Step", "Planned", "Done", "Reps", "Load"):
            table.add_column(column, key=column)
        for step in steps:
            done = (
                result_text(step)
                if step.outcome is not Outcome.DONE
                else format_clock(step.actual_seconds, round_up=False)
            )
            table.add_row(
                *cells(
                    str(step.step_index + 1),
                    step_label(step),
                    planned_text(step),
                    Text(done, style="yellow") if step.outcome is not Outcome.DONE else done,
                    "" if step.reps is None else str(step.reps),
                    step.load or "",
                )
            )
        table.focus()
