"""The log by exercise: every exercise ever done with its best and trend, and one exercise's
chart, records and sessions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline

from workout_tui.core.log.describe import describe_sets
from workout_tui.core.log.records import (
    Records,
    Session,
    best,
    by_exercise,
    headline,
    measure,
    record_name,
)
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.printable import counted
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.text import Literal, cells

BARS = "▁▂▃▄▅▆▇█"
TREND = 12  # sessions in a list row's trend
PAGE = 100  # sessions loaded into the table at a time


def trend(values: list[float]) -> str:
    """The last sessions' values as a row of bars, lowest to highest."""
    values = values[-TREND:]
    low, high = min(values, default=0), max(values, default=0)
    span = (high - low) or 1
    return "".join(BARS[round((v - low) / span * (len(BARS) - 1))] for v in values)


def name_of(sessions: list[Session]) -> str:
    """An exercise's name as last written."""
    return sessions[-1].sets[-1].exercise or ""


class ExercisesScreen(Screen[None]):
    """Every exercise ever done, most recent first. Enter opens one; x goes back to runs."""

    HELP_TITLE = "Exercises"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.EXERCISES)

    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self.store = store
        self.exercises: dict[str, list[Session]] = {}
        self.records: dict[str, Records] = {}  # each exercise's, read once for list and detail

    def compose(self) -> ComposeResult:
        yield Literal("Exercises", id="history-title")
        yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
        yield Literal(id="empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.exercises = by_exercise(self.store.done_sets())
        table = self.query_one("#exercises", DataTable)
        for column in ("Exercise", "Times", "Last", "Best", "Trend"):
            table.add_column(column, key=column)
        recent = sorted(self.exercises.items(), key=lambda item: -item[1][-1].run_id)
        for key, sessions in recent:
            top = headline(self.records.setdefault(key, best(sessions)))
            row = cells(
                name_of(sessions),
                str(len(sessions)),
                sessions[-1].started_at.strftime("%d %b %Y"),
                str(top) if top else "",
                trend(measure(sessions)[1]),
            )
            table.add_row(*row, key=key)
        empty = self.query_one("#empty", Literal)
        empty.display = not self.exercises
        empty.update("No exercises yet: the sets you do show up here, each with its best.")
        table.focus()

    def on_data_table_row_selected(self) -> None:
        self.action_open_exercise()

    def action_open_exercise(self) -> None:
        table = self.query_one("#exercises", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            key = key or ""
            self.app.push_screen(ExerciseScreen(self.exercises[key], self.records.get(key)))

    def action_runs(self) -> None:
        self.app.pop_screen()


class ExerciseScreen(Screen[None]):
    """One exercise: a chart over time, its records, and every session's sets."""

    HELP_TITLE = "One exercise"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.EXERCISE)

    def __init__(self, sessions: list[Session], records: Records | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.records = best(sessions) if records is None else records
        self._shown = 0  # sessions in the table, newest first; more load near its end

    def compose(self) -> ComposeResult:
        sessions = self.sessions
        what, values = measure(sessions)
        yield Literal(
            f"{name_of(sessions)} · {counted(len(sessions), 'session')}", id="detail-title"
        )
        with Vertical(id="exercise-chart"):
            yield Sparkline(values, id="exercise-trend")
            low, high = min(values), max(values)
            yield Literal(f"{what}: {low:g} to {high:g}, oldest to newest", id="chart-caption")
        lines = [
            f"{record_name(k):<13} {r.text:<18} {r.when:%d %b %Y}" for k, r in self.records.items()
        ]
        yield Literal("\n".join(lines), id="exercise-records")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_column("When", key="when")
        table.add_column("Sets", key="sets")
        self._load_page()
        table.focus()

    def _load_page(self) -> None:
        table = self.query_one("#sessions", DataTable)
        newest_first = self.sessions[::-1][self._shown : self._shown + PAGE]
        for session in newest_first:
            when = session.started_at.strftime("%a %d %b %Y %H:%M")
            table.add_row(*cells(when, describe_sets(session.sets)))
        self._shown += len(newest_first)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._shown < len(self.sessions) and event.cursor_row >= self._shown - 10:
            self._load_page()
