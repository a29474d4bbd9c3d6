"""The history: past runs newest first with streak and weekly stats, and each run's detail."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input

from workout_tui.core.durations import format_clock
from workout_tui.core.log.entries import RunSummary
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.printable import counted
from workout_tui.core.workspace import Workspace
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.calendar import heat_map, week_bars, week_table
from workout_tui.ui.dialogs import Confirm
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.text import Filter, Literal, cells, literal

YEAR_WEEKS = 53
PAGE = 100  # runs loaded at a time; more load as the cursor nears the end
OTHER_COLUMNS = 16 + 7 + 4 + 11 + 2 * 5 + 2  # when, time, done, status, cell padding, scrollbar
STATUS_STYLE = {"completed": "green", "stopped": "yellow", "interrupted": "red", "running": "cyan"}


def when(run: RunSummary) -> str:
    """A run's start as `Mon 23 Nov 18:00`."""
    return run.started_at.strftime("%a %d %b %H:%M")


def routine_cell(run: RunSummary) -> Text:
    """The routine's name, marked when the run was a preview."""
    text = literal(run.session_name)
    text.overflow, text.no_wrap = "ellipsis", True
    if run.is_preview:
        text.append(f" (preview ×{run.speed:g})", style="dim")
    return text


class HistoryScreen(Screen[None]):
    """Every run, newest first. Enter shows one; Delete deletes one; typing filters."""

    HELP_TITLE = "History"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.HISTORY)

    def __init__(self, store: HistoryStore, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.store, self.workspace = store, workspace or Workspace()
        self.plan = self.workspace.config.plan  # this week's row: done against planned
        self._loaded = 0
        self._more = False
        self._routine_width = 0
        self._active_days: dict[date, int] = {}

    def compose(self) -> ComposeResult:
        yield Literal("History", id="history-title")
        with Horizontal(id="stats-row"):
            yield Literal(id="stats")
            with Vertical(id="chart"):
                yield Literal(id="weeks")
                yield Literal("minutes a week, last 12 weeks", id="chart-caption")
        with Horizontal(id="year-row"):
            yield Literal(id="year")
            yield Literal("active days,\nthe last year", id="year-caption")
        yield Literal(id="week")
        yield Filter("/ or start typing to filter by routine", id="run-filter")
        yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield Literal(id="empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_stats()
        self.query_one("#runs", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        # The routine column takes what the others leave, so the table never scrolls sideways.
        self._show_year(event.size.width)
        width = max(16, event.size.width - OTHER_COLUMNS)
        if width == self._routine_width:
            return
        self._routine_width = width
        table = self.query_one("#runs", DataTable)
        table.clear(columns=True)
        table.add_column("When", key="when")
        table.add_column("Routine", key="routine", width=width)
        table.add_column("Time", key="time")
        table.add_column("Done", key="done")
        table.add_column("Status", key="status")
        self._reload()

    def _show_stats(self) -> None:
        stats, today = self.store.stats(), self.store.now().date()
        # What was done by day is read only for a plan: its streak looks back up to a year.
        planned = not self.plan.is_empty
        done = self.store.completed_by_day(today - timedelta(days=366)) if planned else {}
        kept = f" · plan kept {self.plan.streak(today, done)}" if planned else ""
        back = f" · comebacks: {stats.comebacks}" if stats.comebacks else ""
        self.query_one("#stats", Literal).update(
            f"Streak: {stats.streak}{kept}{back}\n"
            f"This week: {counted(stats.week_sessions, 'session')}, "
            f"{round(stats.week_minutes)} min\n"
            "Previews are left out."
        )
        self.query_one("#weeks", Literal).update(week_bars(stats.weekly_minutes))
        self._active_days = self.store.active_days(YEAR_WEEKS)  # drawn again on each resize
        self._show_year(self.size.width)
        breaks = self.store.breaks_by_day(today - timedelta(days=today.weekday()))
        week = week_table(today, self._active_days, self.plan, done, breaks)
        self.query_one("#week", Literal).update(week)
        self.query_one("#week", Literal).display = len(week.plain.splitlines()) > 2

    def _show_year(self, width: int) -> None:
        weeks = max(1, min(YEAR_WEEKS, width - 18))  # the caption takes 16 columns
        today = self.store.now().date()
        self.query_one("#year", Literal).update(heat_map(self._active_days, today, weeks))

    def _reload(self) -> None:
        self.query_one("#runs", DataTable).clear()
        self._loaded = 0
        self._load_page()

    def _load_page(self) -> None:
        search = self.query_one("#run-filter", Input).value
        runs = self.store.runs(limit=PAGE, offset=self._loaded, search=search)
        table = self.query_one("#runs", DataTable)
        for run in runs:
            row = cells(
                when(run),
                routine_cell(run),
                format_clock(run.active_seconds, round_up=False),
                f"{run.completion:.0%}",
                literal(run.status, STATUS_STYLE.get(run.status, "")),
            )
            table.add_row(*row, key=str(run.id))
        self._loaded += len(runs)
        self._more = len(runs) == PAGE
        empty = self.query_one("#empty", Literal)
        empty.display = table.row_count == 0
        empty.update(
            "No runs match that filter."
            if search
            else "No sessions yet. Run a routine and it shows up here, even if you stop early."
        )

    def on_key(self, event: events.Key) -> None:
        self.query_one("#run-filter", Filter).take(event)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._more and event.cursor_row >= event.data_table.row_count - 10:
            self._load_page()

    def on_data_table_row_selected(self) -> None:
        self.action_open_run()

    def on_input_changed(self) -> None:
        self._reload()

    def on_input_submitted(self) -> None:
        self.query_one("#runs", DataTable).focus()

    def _selected(self) -> RunSummary | None:
        table = self.query_one("#runs", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.store.run(int(key)) if key else None

    def action_open_run(self) -> None:
        run = self._selected()
        if run is not None:
            from workout_tui.ui.run_detail import RunDetailScreen

            self.app.push_screen(RunDetailScreen(self.store, run))

    def action_delete_run(self) -> None:
        run = self._selected()
        if run is None:
            return
        run = self.store.run(run.id) or run  # as it is now: another window may have ended it
        in_use = f"{run.session_name}, {when(run)}, is running in another window: not deleted."
        if run.status == "running" and not self.store.is_mine(run.id):
            self.notify(in_use, severity="warning")
            return

        def answer(delete: bool | None) -> None:
            if delete:
                from workout_tui.core.log.connection import RunInUse

                try:
                    self.store.delete_run(run.id)
                except RunInUse:  # resumed in another window while the question was open
                    self.notify(in_use, severity="warning")
                    return
                self.query_one("#runs", DataTable).remove_row(str(run.id))
                self._loaded -= 1
                self._show_stats()
                self.notify(f"Deleted {run.session_name}, {when(run)}.")

        question = Confirm(
            "Delete this run?",
            [f"{run.session_name}, {when(run)}", "This cannot be undone."],
            "Delete",
            "Keep",
        )
        self.app.push_screen(question, answer)

    def action_filter(self) -> None:
        self.query_one("#run-filter", Input).focus()

    def action_exercises(self) -> None:
        from workout_tui.ui.exercises import ExercisesScreen

        self.app.push_screen(ExercisesScreen(self.store))

    def action_insight(self) -> None:
        from workout_tui.ui.insight import InsightScreen

        found = self.workspace.insight(self.store, self.store.now().date())
        self.app.push_screen(InsightScreen(found, self.workspace.config.checkin.hip_tags))

    def action_back(self) -> None:
        if self.query_one("#run-filter", Input).has_focus:
            self.query_one("#runs", DataTable).focus()
        else:
            self.app.pop_screen()
